//! SSL_CTX_set_record_padding_callback(3) and SSL_CTX_set_split_send_fragment(3):
//! the record shaping functions sessl has no means for beyond their "off"
//! values. rustls neither pads records nor sends the max_fragment_length
//! extension, so "no padding" and "no limit asked" succeed, a real request
//! fails (it would not take effect), and values OpenSSL refuses are refused
//! as it refuses them.

use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::types::*;
use super::unsupported::unsupported;
use crate::ssl::options::{block_padding, max_fragment_length};
use crate::ssl::Refusal;

/// Checks a padding block size: 1 for none, 0 past the largest record; a
/// real padding request fails (`None`: go on to fail).
fn padding_answer(size: usize) -> Option<c_int> {
    match block_padding(size) {
        Some(0) => Some(1),
        Some(_) => None,
        None => Some(0),
    }
}

/// Checks a max_fragment_length mode: 1 for `DISABLED`, 0 with OpenSSL's
/// error for an undefined mode; a real length fails (`None`: go on to fail).
fn fragment_length_answer(func: &str, mode: u8) -> Option<c_int> {
    match max_fragment_length(mode) {
        Some(None) => Some(1),
        Some(Some(_)) => None,
        None => Some(super::err::refuse(func, Refusal::MaxFragmentLength)),
    }
}

/// SSL_CTX_set_block_padding(3): 0 and 1 (no padding) succeed; a block size
/// past 16384 is refused (0); padding to a block size fails: rustls does not pad.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_block_padding(ctx: *mut SSL_CTX, block_size: usize) -> c_int {
    entry!({
        try_ref!(ctx);
        if let Some(answer) = padding_answer(block_size) {
            return answer;
        }
        unsupported!("rustls does not pad records")
    })
}

/// SSL_CTX_set_block_padding(3): `SSL_set_block_padding`, as for a context.
#[no_mangle]
pub extern "C" fn SSL_set_block_padding(ssl: *mut SSL, block_size: usize) -> c_int {
    entry!({
        try_ref!(ssl);
        if let Some(answer) = padding_answer(block_size) {
            return answer;
        }
        unsupported!("rustls does not pad records")
    })
}

/// SSL_CTX_set_tlsext_max_fragment_length(3): `TLSEXT_max_fragment_length_DISABLED`
/// succeeds; an undefined mode is refused as OpenSSL refuses it; asking for a
/// length fails: rustls does not send the extension.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_tlsext_max_fragment_length(ctx: *mut SSL_CTX, mode: u8) -> c_int {
    entry!({
        try_ref!(ctx);
        if let Some(answer) = fragment_length_answer("SSL_CTX_set_tlsext_max_fragment_length", mode)
        {
            return answer;
        }
        unsupported!("rustls does not send the max_fragment_length extension")
    })
}

/// SSL_CTX_set_tlsext_max_fragment_length(3): `SSL_set_tlsext_max_fragment_length`,
/// as for a context.
#[no_mangle]
pub extern "C" fn SSL_set_tlsext_max_fragment_length(ssl: *mut SSL, mode: u8) -> c_int {
    entry!({
        try_ref!(ssl);
        if let Some(answer) = fragment_length_answer("SSL_set_tlsext_max_fragment_length", mode) {
            return answer;
        }
        unsupported!("rustls does not send the max_fragment_length extension")
    })
}

/// SSL_SESSION_get_max_fragment_length(3): `TLSEXT_max_fragment_length_DISABLED`
/// (0): sessl never negotiates a fragment length.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_max_fragment_length(sess: *const SSL_SESSION) -> u8 {
    entry!(fail = 0, {
        try_ref!(sess, 0);
        0
    })
}
