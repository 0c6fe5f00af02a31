//! The ClientHello callback and its getters (`SSL_CTX_set_client_hello_cb(3)`):
//! not in sessl. The callback is refused (it may be a server's policy), and
//! the getters fail.

use std::ffi::c_void;
use std::os::raw::{c_int, c_uchar, c_uint};

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_set_client_hello_cb(3): no ClientHello callback in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_client_hello_cb(
    _c: *mut SSL_CTX,
    _cb: SSL_client_hello_cb_fn,
    _arg: *mut c_void,
) {
    entry!({ unsupported!("no ClientHello callback in sessl") })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get0_ciphers`: no ClientHello callback in sessl.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_ciphers(_s: *mut SSL, _out: *mut *const c_uchar) -> usize {
    entry!({ unsupported!("no ClientHello callback in sessl") })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get0_compression_methods`: no ClientHello callback in sessl.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_compression_methods(
    _s: *mut SSL,
    _out: *mut *const c_uchar,
) -> usize {
    entry!({ unsupported!("no ClientHello callback in sessl") })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get0_ext`: no ClientHello callback in sessl.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_ext(
    _s: *mut SSL,
    _type_: c_uint,
    _out: *mut *const c_uchar,
    _outlen: *mut usize,
) -> c_int {
    entry!({ unsupported!("no ClientHello callback in sessl") })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get0_legacy_version`: no ClientHello callback in sessl.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_legacy_version(_s: *mut SSL) -> c_uint {
    entry!({ unsupported!("no ClientHello callback in sessl") })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get0_random`: no ClientHello callback in sessl.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_random(_s: *mut SSL, _out: *mut *const c_uchar) -> usize {
    entry!({ unsupported!("no ClientHello callback in sessl") })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get0_session_id`: no ClientHello callback in sessl.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_session_id(
    _s: *mut SSL,
    _out: *mut *const c_uchar,
) -> usize {
    entry!({ unsupported!("no ClientHello callback in sessl") })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get1_extensions_present`: no ClientHello callback in sessl.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get1_extensions_present(
    _s: *mut SSL,
    _out: *mut *mut c_int,
    _outlen: *mut usize,
) -> c_int {
    entry!({ unsupported!("no ClientHello callback in sessl") })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_isv2`: no ClientHello callback in sessl.
#[no_mangle]
pub extern "C" fn SSL_client_hello_isv2(_s: *mut SSL) -> c_int {
    entry!({ unsupported!("no ClientHello callback in sessl") })
}
