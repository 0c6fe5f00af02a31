//! The fleet's session store from C: sessl-only, no OpenSSL counterpart
//! (`SSL_CTX_set_session_store_sessl`); the environment's store is put under
//! every new context in `SSL_CTX_new`.

use std::ffi::CStr;
use std::os::raw::{c_char, c_int, c_uchar};

use super::boundary::entry;
use super::err;
use super::handles::borrow;
use super::types::*;
use crate::ssl::{fleet, Refusal};

const FUNCTION: &str = "SSL_CTX_set_session_store_sessl";

/// sessl-only (no OpenSSL man page): shares `ctx`'s server sessions and
/// ticket keys through the Redis store at `url` (see README "Sessions across
/// machines"), sealed under the fleet secret `key` (at least 32 bytes); a
/// NULL `url` takes the store away. 1 on success; 0 with an error queued
/// (`ERR_R_PASSED_NULL_PARAMETER` for a NULL `ctx` or `key`,
/// `ERR_R_PASSED_INVALID_ARGUMENT` with the reason for a bad URL or a short key).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_session_store_sessl(
    ctx: *mut SSL_CTX,
    url: *const c_char,
    key: *const c_uchar,
    keylen: usize,
) -> c_int {
    entry!({
        let Some(ctx) = borrow(ctx) else {
            return err::refuse(FUNCTION, Refusal::NullParameter);
        };
        if url.is_null() {
            ctx.cache().set_store(None);
            return 1;
        }
        if key.is_null() {
            return err::refuse(FUNCTION, Refusal::NullParameter);
        }
        // SAFETY: `url` is a NUL-terminated string the caller owns for this call.
        let url = unsafe { CStr::from_ptr(url) }.to_string_lossy();
        // SAFETY: the caller gives `keylen` readable bytes at `key`.
        let secret = unsafe { std::slice::from_raw_parts(key, keylen) };
        match fleet::store_for_context(&url, secret) {
            Ok(store) => {
                ctx.cache().set_store(store);
                1
            }
            Err(e) => {
                log::error!("{FUNCTION}: {e}");
                err::raise(FUNCTION, &e);
                0
            }
        }
    })
}
