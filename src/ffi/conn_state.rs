//! Connection state and settings sessl does not have yet (`SSL_get_state(3)`,
//! `SSL_want(3)`, buffers, ...), and read-ahead, which it never does.

use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_set_split_send_fragment(3): `SSL_CTX_set_default_read_buffer_len`: rustls sizes its own buffers.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_read_buffer_len(_ctx: *mut SSL_CTX, _len: usize) {
    entry!({ unsupported!(accepted, "rustls sizes its own buffers") })
}

/// SSL_is_dtls(3): 0: rustls has no DTLS, so no connection is one.
#[no_mangle]
pub extern "C" fn SSL_is_dtls(s: *const SSL) -> c_int {
    entry!({
        try_ref!(s);
        0
    })
}

/// `SSL_set_debug` (no man page): no debug output in sessl.
#[no_mangle]
pub extern "C" fn SSL_set_debug(_s: *mut SSL, _debug: c_int) {
    entry!({ unsupported!(accepted, "no debug output in sessl") })
}

/// SSL_CTX_set_split_send_fragment(3): `SSL_set_default_read_buffer_len`: rustls sizes its own buffers.
#[no_mangle]
pub extern "C" fn SSL_set_default_read_buffer_len(_s: *mut SSL, _len: usize) {
    entry!({ unsupported!(accepted, "rustls sizes its own buffers") })
}

/// SSL_CTX_set_read_ahead(3): `SSL_set_read_ahead`: rustls reads as it needs.
#[no_mangle]
pub extern "C" fn SSL_set_read_ahead(_s: *mut SSL, _yes: c_int) {
    entry!({ unsupported!(accepted, "rustls reads as it needs") })
}

/// SSL_CTX_set_read_ahead(3): `SSL_get_read_ahead`: 0: sessl reads one record
/// at a time (`SSL_set_read_ahead` is accepted and logged, as for the context).
#[no_mangle]
pub extern "C" fn SSL_get_read_ahead(s: *const SSL) -> c_int {
    entry!({
        try_ref!(s);
        0
    })
}
