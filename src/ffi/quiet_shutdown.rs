//! SSL_CTX_set_quiet_shutdown(3): with quiet shutdown on, `SSL_shutdown`
//! sends no close_notify and reports both directions closed. A context's
//! setting is copied into each connection `SSL_new` makes.

use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::types::*;
use crate::ssl::{Connection, Context};

/// A context's quiet-shutdown setting.
#[derive(Default)]
struct QuietShutdown(bool);

/// `SSL_new`'s copy of the context's setting.
pub(super) fn inherit(ctx: &Context, conn: &Connection) {
    if ctx.extras().read(|q: &QuietShutdown| q.0) {
        conn.set_quiet_shutdown(true);
    }
}

/// SSL_CTX_set_quiet_shutdown(3): for connections made afterwards.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_quiet_shutdown(ctx: *mut SSL_CTX, mode: c_int) {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|q: &mut QuietShutdown| q.0 = mode != 0)
    })
}

/// SSL_CTX_set_quiet_shutdown(3): `SSL_CTX_get_quiet_shutdown`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_quiet_shutdown(ctx: *const SSL_CTX) -> c_int {
    entry!({ c_int::from(try_ref!(ctx).extras().with(|q: &mut QuietShutdown| q.0)) })
}

/// SSL_CTX_set_quiet_shutdown(3): `SSL_get_quiet_shutdown`.
#[no_mangle]
pub extern "C" fn SSL_get_quiet_shutdown(ssl: *const SSL) -> c_int {
    entry!({ c_int::from(try_ref!(ssl).quiet_shutdown()) })
}
