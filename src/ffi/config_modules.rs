//! Configuration modules, library contexts and library-wide odds and ends
//! (`SSL_CTX_config(3)`, `SSL_CONF_cmd_argv(3)`, tracing, ...).

use std::ffi::{c_char, c_void};
use std::os::raw::{c_int, c_uint};

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

/// SSL_CONF_CTX_set_flags(3): `SSL_CONF_CTX_clear_flags`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_clear_flags(_cctx: *mut SSL_CONF_CTX, _flags: c_uint) -> c_uint {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_CONF_CTX_set1_prefix(3): no command is recognised.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set1_prefix(_cctx: *mut SSL_CONF_CTX, _pre: *const c_char) -> c_int {
    entry!({ unsupported!("no command is recognised") })
}

/// SSL_CONF_CTX_set_ssl_ctx(3): `SSL_CONF_CTX_set_ssl`: no command would apply to it.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set_ssl(_cctx: *mut SSL_CONF_CTX, _ssl: *mut SSL) {
    entry!({ unsupported!(accepted, "no command would apply to it") })
}

/// SSL_CONF_cmd_argv(3): no command is recognised.
#[no_mangle]
pub extern "C" fn SSL_CONF_cmd_argv(
    _cctx: *mut SSL_CONF_CTX,
    _pargc: *mut c_int,
    _pargv: *mut *mut *mut c_char,
) -> c_int {
    entry!({ unsupported!("no command is recognised") })
}

/// SSL_CTX_config(3): no configuration modules in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_config(_ctx: *mut SSL_CTX, _name: *const c_char) -> c_int {
    entry!({ unsupported!("no configuration modules in sessl") })
}

/// SSL_CTX_sessions(3): the session cache is not an OpenSSL hash table.
#[no_mangle]
pub extern "C" fn SSL_CTX_sessions(_ctx: *mut SSL_CTX) -> *mut lhash_st_SSL_SESSION {
    entry!({ unsupported!("the session cache is not an OpenSSL hash table") })
}

/// `SSL_add_ssl_module` (no man page): no configuration modules in sessl.
#[no_mangle]
pub extern "C" fn SSL_add_ssl_module() {
    entry!({ unsupported!(accepted, "no configuration modules in sessl") })
}

/// SSL_CTX_config(3): `SSL_config`: no configuration modules in sessl.
#[no_mangle]
pub extern "C" fn SSL_config(_s: *mut SSL, _name: *const c_char) -> c_int {
    entry!({ unsupported!("no configuration modules in sessl") })
}

/// `SSL_test_functions` (no man page): no test hooks in sessl.
#[no_mangle]
pub extern "C" fn SSL_test_functions() -> *const openssl_ssl_test_functions {
    entry!({ unsupported!("no test hooks in sessl") })
}

/// `SSL_trace` (no man page): rustls does not expose protocol messages.
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
    entry!({ unsupported!(accepted, "rustls does not expose protocol messages") })
}
