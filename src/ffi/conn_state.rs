//! Connection state and settings sessl does not have yet (`SSL_get_state(3)`,
//! `SSL_want(3)`, the fds, read-ahead, quiet shutdown, buffers, ...).

use std::ffi::c_char;
use std::os::raw::{c_int, c_long, c_uint};

use super::boundary::{entry, try_ref};
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_set_quiet_shutdown(3): `SSL_CTX_get_quiet_shutdown`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_quiet_shutdown(_ctx: *const SSL_CTX) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_CTX_set_split_send_fragment(3): `SSL_CTX_set_default_read_buffer_len`: rustls sizes its own buffers.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_read_buffer_len(_ctx: *mut SSL_CTX, _len: usize) {
    entry!({ unsupported!(accepted, "rustls sizes its own buffers") })
}

/// SSL_CTX_set_quiet_shutdown(3): not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_quiet_shutdown(_ctx: *mut SSL_CTX, _mode: c_int) {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_alloc_buffers(3): rustls sizes its own buffers.
#[no_mangle]
pub extern "C" fn SSL_alloc_buffers(_ssl: *mut SSL) -> c_int {
    entry!({ unsupported!("rustls sizes its own buffers") })
}

/// SSL_new(3): `SSL_dup`: a connection cannot be copied.
#[no_mangle]
pub extern "C" fn SSL_dup(_ssl: *mut SSL) -> *mut SSL {
    entry!({ unsupported!("a connection cannot be copied") })
}

/// SSL_alloc_buffers(3): `SSL_free_buffers`: rustls sizes its own buffers.
#[no_mangle]
pub extern "C" fn SSL_free_buffers(_ssl: *mut SSL) -> c_int {
    entry!({ unsupported!("rustls sizes its own buffers") })
}

/// SSL_get_default_timeout(3): not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get_default_timeout(_s: *const SSL) -> c_long {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_get_fd(3): not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get_fd(_s: *const SSL) -> c_int {
    entry!({ unsupported!("not in sessl yet", fail = -1) })
}

/// SSL_CTX_set_quiet_shutdown(3): `SSL_get_quiet_shutdown`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get_quiet_shutdown(_ssl: *const SSL) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_CTX_set_read_ahead(3): `SSL_get_read_ahead`: rustls reads as it needs.
#[no_mangle]
pub extern "C" fn SSL_get_read_ahead(_s: *const SSL) -> c_int {
    entry!({ unsupported!("rustls reads as it needs") })
}

/// SSL_get_fd(3): `SSL_get_rfd`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get_rfd(_s: *const SSL) -> c_int {
    entry!({ unsupported!("not in sessl yet", fail = -1) })
}

/// SSL_CTX_set_tlsext_servername_callback(3): `SSL_get_servername_type`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get_servername_type(_s: *const SSL) -> c_int {
    entry!({ unsupported!("not in sessl yet", fail = -1) })
}

/// SSL_in_init(3): `SSL_get_state`: rustls does not expose its handshake state.
#[no_mangle]
pub extern "C" fn SSL_get_state(_ssl: *const SSL) -> c_uint {
    entry!({ unsupported!("rustls does not expose its handshake state") })
}

/// SSL_get_fd(3): `SSL_get_wfd`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get_wfd(_s: *const SSL) -> c_int {
    entry!({ unsupported!("not in sessl yet", fail = -1) })
}

/// SSL_in_init(3): `SSL_in_before`: rustls does not expose its handshake state.
#[no_mangle]
pub extern "C" fn SSL_in_before(_s: *const SSL) -> c_int {
    entry!({ unsupported!("rustls does not expose its handshake state") })
}

/// SSL_is_dtls(3): 0: rustls has no DTLS, so no connection is one.
#[no_mangle]
pub extern "C" fn SSL_is_dtls(s: *const SSL) -> c_int {
    entry!({
        try_ref!(s);
        0
    })
}

/// SSL_rstate_string(3): rustls does not expose its record state.
#[no_mangle]
pub extern "C" fn SSL_rstate_string(_s: *const SSL) -> *const c_char {
    entry!({ unsupported!("rustls does not expose its record state") })
}

/// SSL_rstate_string(3): `SSL_rstate_string_long`: rustls does not expose its record state.
#[no_mangle]
pub extern "C" fn SSL_rstate_string_long(_s: *const SSL) -> *const c_char {
    entry!({ unsupported!("rustls does not expose its record state") })
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

/// SSL_state_string(3): rustls does not expose its handshake state.
#[no_mangle]
pub extern "C" fn SSL_state_string(_s: *const SSL) -> *const c_char {
    entry!({ unsupported!("rustls does not expose its handshake state") })
}

/// SSL_state_string(3): `SSL_state_string_long`: rustls does not expose its handshake state.
#[no_mangle]
pub extern "C" fn SSL_state_string_long(_s: *const SSL) -> *const c_char {
    entry!({ unsupported!("rustls does not expose its handshake state") })
}

/// SSL_want(3): not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_want(_s: *const SSL) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}
