//! SSL_CTX_set_info_callback(3): the info callback of a context or of one
//! connection, told of the handshake's start, loops, end and exit and of the
//! alerts sent and received, with OpenSSL's `where` and `ret` values
//! (`ssl::info_where`). The connection's own callback takes the place of its
//! context's; both are read when the event happens, as in OpenSSL.

use std::os::raw::c_int;
use std::sync::Arc;

use super::boundary::{entry, try_ref};
use super::handles::lend_ref;
use super::types::*;
use crate::ssl::{set_context_info_hook, Connection, InfoHook};

/// A C info callback.
struct CInfoCallback(unsafe extern "C" fn(*const SSL, c_int, c_int));

impl InfoHook for CInfoCallback {
    fn info(&self, conn: &Connection, where_: i32, ret: i32) {
        let ssl = lend_ref::<SSL>(conn);
        // SAFETY: the callback was registered by C for this signature; `ssl`
        // is the live connection the event is about. No sessl lock is held.
        unsafe { (self.0)(ssl, where_, ret) }
    }
}

/// The callback as given, for the getters.
#[derive(Default)]
struct KeptInfoCallback(sessl_info_cb);

/// The hook that calls `cb`, or none for NULL.
fn hook(cb: sessl_info_cb) -> Option<Arc<dyn InfoHook>> {
    cb.map(|cb| Arc::new(CInfoCallback(cb)) as _)
}

/// SSL_CTX_set_info_callback(3): sets (or clears, with NULL) the callback
/// of every connection of `ctx` that has none of its own.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_info_callback(ctx: *mut SSL_CTX, cb: sessl_info_cb) {
    entry!({
        let ctx = try_ref!(ctx);
        set_context_info_hook(ctx, hook(cb));
        ctx.extras().with(|kept: &mut KeptInfoCallback| kept.0 = cb);
    })
}

/// SSL_CTX_set_info_callback(3): `SSL_CTX_get_info_callback`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_info_callback(ctx: *mut SSL_CTX) -> sessl_info_cb {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|kept: &mut KeptInfoCallback| kept.0)
    })
}

/// SSL_CTX_set_info_callback(3): `SSL_set_info_callback`, the connection's
/// own callback (NULL: its context's again).
#[no_mangle]
pub extern "C" fn SSL_set_info_callback(ssl: *mut SSL, cb: sessl_info_cb) {
    entry!({
        let conn = try_ref!(ssl);
        conn.set_info_hook(hook(cb));
        conn.extras()
            .with(|kept: &mut KeptInfoCallback| kept.0 = cb);
    })
}

/// SSL_CTX_set_info_callback(3): `SSL_get_info_callback`, the connection's
/// own callback (NULL when it uses its context's).
#[no_mangle]
pub extern "C" fn SSL_get_info_callback(ssl: *const SSL) -> sessl_info_cb {
    entry!({
        try_ref!(ssl)
            .extras()
            .with(|kept: &mut KeptInfoCallback| kept.0)
    })
}
