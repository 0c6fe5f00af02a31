//! SSL_CTX_set_verify(3) for connections and the verification accessors.

use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::types::*;

/// The verify callback and depth as given, for the getters (sessl does not
/// call the callback: rustls verifies).
#[derive(Default)]
struct VerifyKept {
    cb: SSL_verify_cb,
    depth: Option<c_int>,
}

/// Records a context's verify callback (called from `SSL_CTX_set_verify`).
pub(crate) fn keep_callback(ctx: &crate::ssl::Context, cb: SSL_verify_cb) {
    ctx.extras().with(|k: &mut VerifyKept| k.cb = cb);
}

/// Records a context's verify depth (called from `SSL_CTX_set_verify_depth`).
pub(crate) fn keep_depth(ctx: &crate::ssl::Context, depth: c_int) {
    ctx.extras()
        .with(|k: &mut VerifyKept| k.depth = Some(depth));
}

/// SSL_CTX_get_verify_mode(3): `SSL_CTX_get_verify_callback`, as set.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_verify_callback(ctx: *const SSL_CTX) -> SSL_verify_cb {
    entry!({ try_ref!(ctx).extras().with(|k: &mut VerifyKept| k.cb) })
}

/// SSL_CTX_get_verify_mode(3): `SSL_CTX_get_verify_depth`, as set (-1 when never set).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_verify_depth(ctx: *const SSL_CTX) -> c_int {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|k: &mut VerifyKept| k.depth.unwrap_or(-1))
    })
}

/// SSL_CTX_set_verify(3): `SSL_set_verify`. A connection verifies as its
/// context does; a different mode per connection is not supported (logged).
#[no_mangle]
pub extern "C" fn SSL_set_verify(ssl: *mut SSL, mode: c_int, _callback: SSL_verify_cb) {
    entry!({
        let conn = try_ref!(ssl);
        if conn.context().with_settings(|s| s.verify_mode) != mode {
            log::warn!("SSL_set_verify: per-connection verify mode {mode} not supported");
        }
    })
}

/// SSL_CTX_set_verify(3): `SSL_set_verify_depth` (no effect: rustls has no depth bound).
#[no_mangle]
pub extern "C" fn SSL_set_verify_depth(ssl: *mut SSL, _depth: c_int) {
    entry!({
        try_ref!(ssl);
    })
}

/// SSL_get_ex_data_X509_STORE_CTX_idx(3): the index under which a verify
/// callback would find the connection; sessl calls no verify callback, so 0.
#[no_mangle]
pub extern "C" fn SSL_get_ex_data_X509_STORE_CTX_idx() -> c_int {
    entry!({ 0 })
}

/// SSL_get0_peer_certificate(3): `SSL_get0_verified_chain`, the peer chain
/// when it verified (borrowed), else NULL.
#[no_mangle]
pub extern "C" fn SSL_get0_verified_chain(ssl: *const SSL) -> *mut stack_st_X509 {
    entry!({
        let conn = try_ref!(ssl);
        if conn.verify_result() != crate::ssl::X509_V_OK {
            return std::ptr::null_mut();
        }
        super::x509::SSL_get_peer_cert_chain(ssl)
    })
}
