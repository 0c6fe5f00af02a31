//! Early data limits and decisions (`SSL_CTX_set_max_early_data(3)` and the
//! rest): a connection copies its context's at `SSL_new`, as OpenSSL does.
//! The maximum is what a server accepts and announces; the receive limit is
//! kept and reported (rustls enforces the maximum itself); the allow callback
//! is asked before a server accepts early data.

use std::ffi::c_void;
use std::os::raw::c_int;
use std::sync::Arc;

use super::boundary::{entry, try_ref};
use super::early_data::MaxEarlyData;
use super::handles::lend_ref;
use super::types::*;
use crate::ssl::{AllowEarlyDataHook, Connection, Context, EarlyDataStatus};

/// OpenSSL's default receive limit: one record's plaintext (`SSL3_RT_MAX_PLAIN_LENGTH`).
const DEFAULT_RECV_MAX: u32 = 16384;

/// A context's receive limit (its maximum is kept by `SSL_CTX_set_max_early_data`).
struct ContextRecvMax(u32);

impl Default for ContextRecvMax {
    fn default() -> Self {
        ContextRecvMax(DEFAULT_RECV_MAX)
    }
}

/// A connection's receive limit, copied from its context by `SSL_new`
/// (kept only when it is not the default).
struct ConnectionRecvMax(u32);

impl Default for ConnectionRecvMax {
    fn default() -> Self {
        ConnectionRecvMax(DEFAULT_RECV_MAX)
    }
}

/// A context's allow callback, which its connections copy.
#[derive(Default, Clone, Copy)]
struct ContextAllowCallback(SSL_allow_early_data_cb_fn, usize);

/// `SSL_new`'s copy of the context's limits and allow callback.
pub(super) fn inherit(ctx: &Arc<Context>, conn: &Connection) {
    // A new connection starts with the defaults: only what differs is set.
    let max = ctx.extras().read(|m: &MaxEarlyData| m.0);
    if max != 0 {
        conn.set_max_early_data(max);
    }
    let recv_max = ctx.extras().read(|r: &ContextRecvMax| r.0);
    conn.extras()
        .set(ConnectionRecvMax(recv_max), |l| l.0 == DEFAULT_RECV_MAX);
    let ContextAllowCallback(cb, arg) = ctx.extras().read(|c: &ContextAllowCallback| *c);
    if cb.is_some() {
        conn.set_allow_early_data_hook(allow_hook(cb, arg as *mut c_void));
    }
}

/// The hook calling the C callback `cb` with `arg`, or none for NULL.
fn allow_hook(cb: SSL_allow_early_data_cb_fn, arg: *mut c_void) -> Option<AllowEarlyDataHook> {
    let arg = arg as usize;
    cb.map(|cb| {
        Arc::new(move |conn: &Connection| {
            let ssl = lend_ref::<SSL>(conn);
            // SAFETY: the callback was registered by C for this signature
            // with `arg`; `ssl` is the live connection asking. No sessl lock is held.
            unsafe { cb(ssl, arg as *mut c_void) != 0 }
        }) as AllowEarlyDataHook
    })
}

/// SSL_read_early_data(3): `SSL_CTX_get_recv_max_early_data`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_recv_max_early_data(ctx: *const SSL_CTX) -> u32 {
    entry!({ try_ref!(ctx).extras().with(|r: &mut ContextRecvMax| r.0) })
}

/// SSL_read_early_data(3): `SSL_CTX_set_recv_max_early_data`: kept and
/// reported (rustls holds a client to the maximum announced instead); 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_recv_max_early_data(
    ctx: *mut SSL_CTX,
    recv_max_early_data: u32,
) -> c_int {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|r: &mut ContextRecvMax| r.0 = recv_max_early_data);
        1
    })
}

/// SSL_read_early_data(3): `SSL_get_early_data_status`: not sent, rejected or accepted.
#[no_mangle]
pub extern "C" fn SSL_get_early_data_status(s: *const SSL) -> c_int {
    entry!({
        match try_ref!(s).early_data_status() {
            EarlyDataStatus::NotSent => 0,
            EarlyDataStatus::Rejected => 1,
            EarlyDataStatus::Accepted => 2,
        }
    })
}

/// SSL_read_early_data(3): `SSL_get_max_early_data`.
#[no_mangle]
pub extern "C" fn SSL_get_max_early_data(s: *const SSL) -> u32 {
    entry!({ try_ref!(s).max_early_data() })
}

/// SSL_read_early_data(3): `SSL_set_max_early_data`: what this server
/// accepts and announces; 1.
#[no_mangle]
pub extern "C" fn SSL_set_max_early_data(s: *mut SSL, max_early_data: u32) -> c_int {
    entry!({
        try_ref!(s).set_max_early_data(max_early_data);
        1
    })
}

/// SSL_read_early_data(3): `SSL_get_recv_max_early_data`.
#[no_mangle]
pub extern "C" fn SSL_get_recv_max_early_data(s: *const SSL) -> u32 {
    entry!({ try_ref!(s).extras().read(|l: &ConnectionRecvMax| l.0) })
}

/// SSL_read_early_data(3): `SSL_set_recv_max_early_data`: kept and reported; 1.
#[no_mangle]
pub extern "C" fn SSL_set_recv_max_early_data(s: *mut SSL, recv_max_early_data: u32) -> c_int {
    entry!({
        try_ref!(s)
            .extras()
            .with(|l: &mut ConnectionRecvMax| l.0 = recv_max_early_data);
        1
    })
}

/// SSL_read_early_data(3): `SSL_CTX_set_allow_early_data_cb`: asked (by the
/// context's connections made after) before a server accepts early data.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_allow_early_data_cb(
    ctx: *mut SSL_CTX,
    cb: SSL_allow_early_data_cb_fn,
    arg: *mut c_void,
) {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|c: &mut ContextAllowCallback| *c = ContextAllowCallback(cb, arg as usize));
    })
}

/// SSL_read_early_data(3): `SSL_set_allow_early_data_cb`: asked before this
/// server accepts early data.
#[no_mangle]
pub extern "C" fn SSL_set_allow_early_data_cb(
    s: *mut SSL,
    cb: SSL_allow_early_data_cb_fn,
    arg: *mut c_void,
) {
    entry!({ try_ref!(s).set_allow_early_data_hook(allow_hook(cb, arg)) })
}
