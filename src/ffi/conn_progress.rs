//! Where a connection stands: SSL_get_state(3) and SSL_in_before (`SSL_in_init(3)`),
//! SSL_state_string(3), SSL_rstate_string(3), SSL_want(3), and
//! SSL_alloc_buffers(3), which has nothing to do since rustls owns its buffers.

use std::ffi::c_char;
use std::os::raw::{c_int, c_uint};

use super::boundary::{entry, try_ref};
use super::types::*;

/// SSL_in_init(3): `SSL_get_state`: OpenSSL's state, replayed from the
/// handshake messages written and read (inside the info callback, the
/// event's); after a failure, the last message's (docs/divergences.md).
#[no_mangle]
pub extern "C" fn SSL_get_state(ssl: *const SSL) -> c_uint {
    entry!({ try_ref!(ssl).handshake_state() as c_uint })
}

/// SSL_in_init(3): `SSL_in_before`: 1 until the first handshake call.
#[no_mangle]
pub extern "C" fn SSL_in_before(s: *const SSL) -> c_int {
    entry!({ c_int::from(try_ref!(s).in_before()) })
}

/// SSL_state_string(3): the state's short name ("PINIT", "SSLOK", "SSLERR", ...).
#[no_mangle]
pub extern "C" fn SSL_state_string(s: *const SSL) -> *const c_char {
    entry!({ try_ref!(s).state_string(false).as_ptr() })
}

/// SSL_state_string(3): `SSL_state_string_long`: the state's description
/// ("SSL negotiation finished successfully", ...).
#[no_mangle]
pub extern "C" fn SSL_state_string_long(s: *const SSL) -> *const c_char {
    entry!({ try_ref!(s).state_string(true).as_ptr() })
}

/// SSL_rstate_string(3): "RH": rustls reads whole records, so between calls
/// the record layer always waits for a header, as OpenSSL's does.
#[no_mangle]
pub extern "C" fn SSL_rstate_string(s: *const SSL) -> *const c_char {
    entry!({
        try_ref!(s);
        c"RH".as_ptr()
    })
}

/// SSL_rstate_string(3): `SSL_rstate_string_long`: "read header" (see `SSL_rstate_string`).
#[no_mangle]
pub extern "C" fn SSL_rstate_string_long(s: *const SSL) -> *const c_char {
    entry!({
        try_ref!(s);
        c"read header".as_ptr()
    })
}

/// SSL_want(3): `SSL_NOTHING` (1), `SSL_WRITING` (2) or `SSL_READING` (3)
/// after the last I/O call.
#[no_mangle]
pub extern "C" fn SSL_want(s: *const SSL) -> c_int {
    entry!({ try_ref!(s).want() as c_int })
}

/// SSL_alloc_buffers(3): 1: rustls allocates its buffers as it needs them.
#[no_mangle]
pub extern "C" fn SSL_alloc_buffers(ssl: *mut SSL) -> c_int {
    entry!({
        try_ref!(ssl);
        1
    })
}

/// SSL_alloc_buffers(3): `SSL_free_buffers`: 1: rustls owns its buffers.
#[no_mangle]
pub extern "C" fn SSL_free_buffers(ssl: *mut SSL) -> c_int {
    entry!({
        try_ref!(ssl);
        1
    })
}
