//! Early data limits (`SSL_CTX_set_max_early_data(3)` and the rest): kept
//! and reported as OpenSSL does (a connection copies its context's at
//! `SSL_new`); sessl accepts no early data, so a server never receives any
//! and a maximum above 0 only logs. The callbacks would never be asked.

use std::ffi::c_void;
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::early_data::SSL_CTX_get_max_early_data;
use super::handles::lend;
use super::types::*;
use super::unsupported::unsupported;
use crate::ssl::{Connection, Context};

/// `SSL_EARLY_DATA_NOT_SENT`.
const EARLY_DATA_NOT_SENT: c_int = 0;
/// OpenSSL's default receive limit: one record's plaintext (`SSL3_RT_MAX_PLAIN_LENGTH`).
const DEFAULT_RECV_MAX: u32 = 16384;
/// Why a maximum above 0 has no effect.
const NO_EARLY_DATA: &str = "kept for the getter; no early data is accepted";

/// A context's receive limit (its maximum is kept by `SSL_CTX_set_max_early_data`).
struct ContextRecvMax(u32);

impl Default for ContextRecvMax {
    fn default() -> Self {
        ContextRecvMax(DEFAULT_RECV_MAX)
    }
}

/// A connection's limits, copied from its context by `SSL_new`.
#[derive(Default)]
struct ConnectionLimits {
    max: u32,
    recv_max: u32,
}

/// `SSL_new`'s copy of the context's limits.
pub(super) fn inherit(ctx: &std::sync::Arc<Context>, conn: &Connection) {
    let max = SSL_CTX_get_max_early_data(lend::<SSL_CTX>(ctx));
    let recv_max = ctx.extras().with(|r: &mut ContextRecvMax| r.0);
    conn.extras()
        .with(|l: &mut ConnectionLimits| *l = ConnectionLimits { max, recv_max });
}

/// SSL_read_early_data(3): `SSL_CTX_get_recv_max_early_data`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_recv_max_early_data(ctx: *const SSL_CTX) -> u32 {
    entry!({ try_ref!(ctx).extras().with(|r: &mut ContextRecvMax| r.0) })
}

/// SSL_read_early_data(3): `SSL_CTX_set_recv_max_early_data`: kept; 1.
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

/// SSL_read_early_data(3): `SSL_get_early_data_status`: `SSL_EARLY_DATA_NOT_SENT`:
/// sessl neither sends nor accepts early data.
#[no_mangle]
pub extern "C" fn SSL_get_early_data_status(s: *const SSL) -> c_int {
    entry!({
        try_ref!(s);
        EARLY_DATA_NOT_SENT
    })
}

/// SSL_read_early_data(3): `SSL_get_max_early_data`.
#[no_mangle]
pub extern "C" fn SSL_get_max_early_data(s: *const SSL) -> u32 {
    entry!({ try_ref!(s).extras().with(|l: &mut ConnectionLimits| l.max) })
}

/// SSL_read_early_data(3): `SSL_set_max_early_data`: kept for the getter
/// (above 0 it logs: no early data is accepted); 1.
#[no_mangle]
pub extern "C" fn SSL_set_max_early_data(s: *mut SSL, max_early_data: u32) -> c_int {
    entry!({
        try_ref!(s)
            .extras()
            .with(|l: &mut ConnectionLimits| l.max = max_early_data);
        if max_early_data != 0 {
            unsupported!(accepted, NO_EARLY_DATA);
        }
        1
    })
}

/// SSL_read_early_data(3): `SSL_get_recv_max_early_data`.
#[no_mangle]
pub extern "C" fn SSL_get_recv_max_early_data(s: *const SSL) -> u32 {
    entry!({
        try_ref!(s)
            .extras()
            .with(|l: &mut ConnectionLimits| l.recv_max)
    })
}

/// SSL_read_early_data(3): `SSL_set_recv_max_early_data`: kept; 1.
#[no_mangle]
pub extern "C" fn SSL_set_recv_max_early_data(s: *mut SSL, recv_max_early_data: u32) -> c_int {
    entry!({
        try_ref!(s)
            .extras()
            .with(|l: &mut ConnectionLimits| l.recv_max = recv_max_early_data);
        1
    })
}

/// SSL_read_early_data(3): `SSL_CTX_set_allow_early_data_cb`: sessl accepts no early data: the callback would never be asked.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_allow_early_data_cb(
    _ctx: *mut SSL_CTX,
    _cb: SSL_allow_early_data_cb_fn,
    _arg: *mut c_void,
) {
    entry!({
        unsupported!(
            accepted,
            "sessl accepts no early data: the callback would never be asked"
        )
    })
}

/// SSL_read_early_data(3): `SSL_set_allow_early_data_cb`: sessl accepts no early data: the callback would never be asked.
#[no_mangle]
pub extern "C" fn SSL_set_allow_early_data_cb(
    _s: *mut SSL,
    _cb: SSL_allow_early_data_cb_fn,
    _arg: *mut c_void,
) {
    entry!({
        unsupported!(
            accepted,
            "sessl accepts no early data: the callback would never be asked"
        )
    })
}
