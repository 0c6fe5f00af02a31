//! SRP (`SSL_CTX_set_srp_username(3)` and the rest of OpenSSL's SRP API):
//! rustls has no SRP, so each call fails with the error.

use std::ffi::{c_char, c_void};
use std::os::raw::c_int;

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// `SRP_Calc_A_param` (no man page): no SRP in rustls.
#[no_mangle]
pub extern "C" fn SRP_Calc_A_param(_s: *mut SSL) -> c_int {
    entry!({ unsupported!("no SRP in rustls") })
}

/// `SSL_CTX_SRP_CTX_free` (no man page): no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_SRP_CTX_free(_ctx: *mut SSL_CTX) -> c_int {
    entry!({ unsupported!("no SRP in rustls") })
}

/// `SSL_CTX_SRP_CTX_init` (no man page): no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_SRP_CTX_init(_ctx: *mut SSL_CTX) -> c_int {
    entry!({ unsupported!("no SRP in rustls") })
}

/// SSL_CTX_set_srp_password(3): `SSL_CTX_set_srp_cb_arg`: no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_cb_arg(_ctx: *mut SSL_CTX, _arg: *mut c_void) -> c_int {
    entry!({ unsupported!("no SRP in rustls") })
}

/// SSL_CTX_set_srp_password(3): `SSL_CTX_set_srp_client_pwd_callback`: no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_client_pwd_callback(
    _ctx: *mut SSL_CTX,
    _cb: sessl_srp_client_pwd_cb,
) -> c_int {
    entry!({ unsupported!("no SRP in rustls") })
}

/// SSL_CTX_set_srp_password(3): `SSL_CTX_set_srp_strength`: no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_strength(_ctx: *mut SSL_CTX, _strength: c_int) -> c_int {
    entry!({ unsupported!("no SRP in rustls") })
}

/// SSL_CTX_set_srp_password(3): `SSL_CTX_set_srp_username_callback`: no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_username_callback(
    _ctx: *mut SSL_CTX,
    _cb: sessl_srp_username_cb,
) -> c_int {
    entry!({ unsupported!("no SRP in rustls") })
}

/// SSL_CTX_set_srp_password(3): `SSL_CTX_set_srp_verify_param_callback`: no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_verify_param_callback(
    _ctx: *mut SSL_CTX,
    _cb: sessl_srp_verify_param_cb,
) -> c_int {
    entry!({ unsupported!("no SRP in rustls") })
}

/// `SSL_SRP_CTX_free` (no man page): no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_SRP_CTX_free(_ctx: *mut SSL) -> c_int {
    entry!({ unsupported!("no SRP in rustls") })
}

/// `SSL_SRP_CTX_init` (no man page): no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_SRP_CTX_init(_s: *mut SSL) -> c_int {
    entry!({ unsupported!("no SRP in rustls") })
}

/// SSL_CTX_set_srp_password(3): `SSL_get_srp_N`: no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_get_srp_N(_s: *mut SSL) -> *mut BIGNUM {
    entry!({ unsupported!("no SRP in rustls") })
}

/// SSL_CTX_set_srp_password(3): `SSL_get_srp_g`: no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_get_srp_g(_s: *mut SSL) -> *mut BIGNUM {
    entry!({ unsupported!("no SRP in rustls") })
}

/// SSL_CTX_set_srp_password(3): `SSL_get_srp_userinfo`: no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_get_srp_userinfo(_s: *mut SSL) -> *mut c_char {
    entry!({ unsupported!("no SRP in rustls") })
}

/// SSL_CTX_set_srp_password(3): `SSL_get_srp_username`: no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_get_srp_username(_s: *mut SSL) -> *mut c_char {
    entry!({ unsupported!("no SRP in rustls") })
}

/// SSL_CTX_set_srp_password(3): `SSL_set_srp_server_param`: no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_set_srp_server_param(
    _s: *mut SSL,
    _N: *const BIGNUM,
    _g: *const BIGNUM,
    _sa: *mut BIGNUM,
    _v: *mut BIGNUM,
    _info: *mut c_char,
) -> c_int {
    entry!({ unsupported!("no SRP in rustls") })
}

/// SSL_CTX_set_srp_password(3): `SSL_set_srp_server_param_pw`: no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_set_srp_server_param_pw(
    _s: *mut SSL,
    _user: *const c_char,
    _pass: *const c_char,
    _grp: *const c_char,
) -> c_int {
    entry!({ unsupported!("no SRP in rustls") })
}

/// `SSL_srp_server_param_with_username` (no man page): no SRP in rustls.
#[no_mangle]
pub extern "C" fn SSL_srp_server_param_with_username(_s: *mut SSL, _ad: *mut c_int) -> c_int {
    entry!({ unsupported!("no SRP in rustls") })
}
