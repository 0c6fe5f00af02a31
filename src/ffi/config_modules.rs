//! Configuration modules, library contexts and library-wide odds and ends
//! (`SSL_add_ssl_module`, tracing, ...).

use std::ffi::c_void;
use std::os::raw::c_int;

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// `ERR_load_SSL_strings` (no man page): loads libssl's reason strings; 1.
#[no_mangle]
pub extern "C" fn ERR_load_SSL_strings() -> c_int {
    entry!({
        super::err::load_reason_strings();
        1
    })
}

/// SSL_CTX_sessions(3): the session cache is not an OpenSSL hash table.
#[no_mangle]
pub extern "C" fn SSL_CTX_sessions(_ctx: *mut SSL_CTX) -> *mut lhash_st_SSL_SESSION {
    entry!({ unsupported!("the session cache is not an OpenSSL hash table") })
}

/// `SSL_add_ssl_module` (no man page): nothing to do, as in OpenSSL 3.0
/// (libcrypto keeps the `ssl_conf` module itself).
#[no_mangle]
pub extern "C" fn SSL_add_ssl_module() {
    entry!({})
}

/// `SSL_test_functions` (no man page): no test hooks in sessl.
#[no_mangle]
pub extern "C" fn SSL_test_functions() -> *const openssl_ssl_test_functions {
    entry!({ unsupported!("no test hooks in sessl") })
}

/// `SSL_trace` (no man page): as a message callback it prints nothing:
/// OpenSSL's trace text is not reproduced.
#[no_mangle]
pub extern "C" fn SSL_trace(
    _write_p: c_int,
    _version: c_int,
    _content_type: c_int,
    _buf: *const c_void,
    _len: usize,
    _ssl: *mut SSL,
    _arg: *mut c_void,
) {
    entry!({ unsupported!(accepted, "OpenSSL's trace text is not reproduced") })
}
