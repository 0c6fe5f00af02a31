//! Custom extensions and server info (`SSL_CTX_add_custom_ext(3)`,
//! `SSL_CTX_use_serverinfo(3)`) and session ticket extensions: rustls sends
//! only its own extensions, so each call fails.

use std::ffi::{c_char, c_void};
use std::os::raw::{c_int, c_uchar, c_uint};

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_extension_supported(3): `SSL_CTX_add_client_custom_ext`: rustls sends only its own extensions.
#[no_mangle]
pub extern "C" fn SSL_CTX_add_client_custom_ext(
    _ctx: *mut SSL_CTX,
    _ext_type: c_uint,
    _add_cb: custom_ext_add_cb,
    _free_cb: custom_ext_free_cb,
    _add_arg: *mut c_void,
    _parse_cb: custom_ext_parse_cb,
    _parse_arg: *mut c_void,
) -> c_int {
    entry!({ unsupported!("rustls sends only its own extensions") })
}

/// SSL_extension_supported(3): `SSL_CTX_add_custom_ext`: rustls sends only its own extensions.
#[no_mangle]
pub extern "C" fn SSL_CTX_add_custom_ext(
    _ctx: *mut SSL_CTX,
    _ext_type: c_uint,
    _context: c_uint,
    _add_cb: SSL_custom_ext_add_cb_ex,
    _free_cb: SSL_custom_ext_free_cb_ex,
    _add_arg: *mut c_void,
    _parse_cb: SSL_custom_ext_parse_cb_ex,
    _parse_arg: *mut c_void,
) -> c_int {
    entry!({ unsupported!("rustls sends only its own extensions") })
}

/// SSL_extension_supported(3): `SSL_CTX_add_server_custom_ext`: rustls sends only its own extensions.
#[no_mangle]
pub extern "C" fn SSL_CTX_add_server_custom_ext(
    _ctx: *mut SSL_CTX,
    _ext_type: c_uint,
    _add_cb: custom_ext_add_cb,
    _free_cb: custom_ext_free_cb,
    _add_arg: *mut c_void,
    _parse_cb: custom_ext_parse_cb,
    _parse_arg: *mut c_void,
) -> c_int {
    entry!({ unsupported!("rustls sends only its own extensions") })
}

/// SSL_CTX_has_client_custom_ext(3): rustls sends only its own extensions.
#[no_mangle]
pub extern "C" fn SSL_CTX_has_client_custom_ext(_ctx: *const SSL_CTX, _ext_type: c_uint) -> c_int {
    entry!({ unsupported!("rustls sends only its own extensions") })
}

/// SSL_CTX_use_serverinfo(3): rustls sends only its own extensions.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_serverinfo(
    _ctx: *mut SSL_CTX,
    _serverinfo: *const c_uchar,
    _serverinfo_length: usize,
) -> c_int {
    entry!({ unsupported!("rustls sends only its own extensions") })
}

/// SSL_CTX_use_serverinfo(3): `SSL_CTX_use_serverinfo_ex`: rustls sends only its own extensions.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_serverinfo_ex(
    _ctx: *mut SSL_CTX,
    _version: c_uint,
    _serverinfo: *const c_uchar,
    _serverinfo_length: usize,
) -> c_int {
    entry!({ unsupported!("rustls sends only its own extensions") })
}

/// SSL_CTX_use_serverinfo(3): `SSL_CTX_use_serverinfo_file`: rustls sends only its own extensions.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_serverinfo_file(_ctx: *mut SSL_CTX, _file: *const c_char) -> c_int {
    entry!({ unsupported!("rustls sends only its own extensions") })
}

/// SSL_extension_supported(3): rustls sends only its own extensions.
#[no_mangle]
pub extern "C" fn SSL_extension_supported(_ext_type: c_uint) -> c_int {
    entry!({ unsupported!("rustls sends only its own extensions") })
}

/// `SSL_set_session_ticket_ext` (no man page): rustls sends only its own extensions.
#[no_mangle]
pub extern "C" fn SSL_set_session_ticket_ext(
    _s: *mut SSL,
    _ext_data: *mut c_void,
    _ext_len: c_int,
) -> c_int {
    entry!({ unsupported!("rustls sends only its own extensions") })
}

/// `SSL_set_session_ticket_ext_cb` (no man page): rustls sends only its own extensions.
#[no_mangle]
pub extern "C" fn SSL_set_session_ticket_ext_cb(
    _s: *mut SSL,
    _cb: tls_session_ticket_ext_cb_fn,
    _arg: *mut c_void,
) -> c_int {
    entry!({ unsupported!("rustls sends only its own extensions") })
}
