//! Security levels and callbacks (`SSL_CTX_set_security_level(3)`), purpose,
//! and trust: rustls fixes its own minimums; sessl cannot apply
//! OpenSSL's levels, so each setter fails with the error instead of pretending.

use std::ffi::c_void;
use std::os::raw::c_int;

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_set_security_level(3): `SSL_CTX_get0_security_ex_data`: no OpenSSL security levels in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_security_ex_data(_ctx: *const SSL_CTX) -> *mut c_void {
    entry!({ unsupported!("no OpenSSL security levels in sessl") })
}

/// SSL_CTX_set_security_level(3): `SSL_CTX_get_security_callback`: no OpenSSL security levels in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_security_callback(_ctx: *const SSL_CTX) -> sessl_security_cb {
    entry!({ unsupported!("no OpenSSL security levels in sessl") })
}

/// SSL_CTX_set_security_level(3): `SSL_CTX_get_security_level`: no OpenSSL security levels in sessl (rustls applies its own minimums).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_security_level(_ctx: *const SSL_CTX) -> c_int {
    entry!({
        unsupported!("no OpenSSL security levels in sessl (rustls applies its own minimums)")
    })
}

/// SSL_CTX_set_security_level(3): `SSL_CTX_set0_security_ex_data`: no OpenSSL security levels in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_set0_security_ex_data(_ctx: *mut SSL_CTX, _ex: *mut c_void) {
    entry!({ unsupported!("no OpenSSL security levels in sessl") })
}

/// SSL_CTX_get0_param(3): `SSL_CTX_set_purpose`: the verification purpose cannot be set in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_purpose(_ctx: *mut SSL_CTX, _purpose: c_int) -> c_int {
    entry!({ unsupported!("the verification purpose cannot be set in sessl") })
}

/// SSL_CTX_set_security_level(3): `SSL_CTX_set_security_callback`: no OpenSSL security levels in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_security_callback(_ctx: *mut SSL_CTX, _cb: sessl_security_cb) {
    entry!({ unsupported!("no OpenSSL security levels in sessl") })
}

/// SSL_CTX_set_security_level(3): no OpenSSL security levels in sessl (rustls applies its own minimums).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_security_level(_ctx: *mut SSL_CTX, _level: c_int) {
    entry!({
        unsupported!("no OpenSSL security levels in sessl (rustls applies its own minimums)")
    })
}

/// SSL_CTX_set_tmp_dh_callback(3): no finite-field DH key exchange in rustls: the callback would never be asked.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_tmp_dh_callback(_ctx: *mut SSL_CTX, _dh: sessl_tmp_dh_cb) {
    entry!({
        unsupported!(
            accepted,
            "no finite-field DH key exchange in rustls: the callback would never be asked"
        )
    })
}

/// SSL_CTX_get0_param(3): `SSL_CTX_set_trust`: the verification trust setting cannot be set in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_trust(_ctx: *mut SSL_CTX, _trust: c_int) -> c_int {
    entry!({ unsupported!("the verification trust setting cannot be set in sessl") })
}

/// SSL_CTX_set_security_level(3): `SSL_get0_security_ex_data`: no OpenSSL security levels in sessl.
#[no_mangle]
pub extern "C" fn SSL_get0_security_ex_data(_s: *const SSL) -> *mut c_void {
    entry!({ unsupported!("no OpenSSL security levels in sessl") })
}

/// SSL_CTX_set_security_level(3): `SSL_get_security_callback`: no OpenSSL security levels in sessl.
#[no_mangle]
pub extern "C" fn SSL_get_security_callback(_s: *const SSL) -> sessl_security_cb {
    entry!({ unsupported!("no OpenSSL security levels in sessl") })
}

/// SSL_CTX_set_security_level(3): `SSL_get_security_level`: no OpenSSL security levels in sessl (rustls applies its own minimums).
#[no_mangle]
pub extern "C" fn SSL_get_security_level(_s: *const SSL) -> c_int {
    entry!({
        unsupported!("no OpenSSL security levels in sessl (rustls applies its own minimums)")
    })
}

/// SSL_CTX_set_security_level(3): `SSL_set0_security_ex_data`: no OpenSSL security levels in sessl.
#[no_mangle]
pub extern "C" fn SSL_set0_security_ex_data(_s: *mut SSL, _ex: *mut c_void) {
    entry!({ unsupported!("no OpenSSL security levels in sessl") })
}

/// SSL_CTX_get0_param(3): `SSL_set_purpose`: the verification purpose cannot be set in sessl.
#[no_mangle]
pub extern "C" fn SSL_set_purpose(_ssl: *mut SSL, _purpose: c_int) -> c_int {
    entry!({ unsupported!("the verification purpose cannot be set in sessl") })
}

/// SSL_CTX_set_security_level(3): `SSL_set_security_callback`: no OpenSSL security levels in sessl.
#[no_mangle]
pub extern "C" fn SSL_set_security_callback(_s: *mut SSL, _cb: sessl_security_cb) {
    entry!({ unsupported!("no OpenSSL security levels in sessl") })
}

/// SSL_CTX_set_security_level(3): `SSL_set_security_level`: no OpenSSL security levels in sessl (rustls applies its own minimums).
#[no_mangle]
pub extern "C" fn SSL_set_security_level(_s: *mut SSL, _level: c_int) {
    entry!({
        unsupported!("no OpenSSL security levels in sessl (rustls applies its own minimums)")
    })
}

/// SSL_CTX_set_tmp_dh_callback(3): `SSL_set_tmp_dh_callback`: no finite-field DH key exchange in rustls: the callback would never be asked.
#[no_mangle]
pub extern "C" fn SSL_set_tmp_dh_callback(_ssl: *mut SSL, _dh: sessl_tmp_dh_cb) {
    entry!({
        unsupported!(
            accepted,
            "no finite-field DH key exchange in rustls: the callback would never be asked"
        )
    })
}

/// SSL_CTX_get0_param(3): `SSL_set_trust`: the verification trust setting cannot be set in sessl.
#[no_mangle]
pub extern "C" fn SSL_set_trust(_ssl: *mut SSL, _trust: c_int) -> c_int {
    entry!({ unsupported!("the verification trust setting cannot be set in sessl") })
}
