//! SSL_CTX_set_msg_callback(3): the message callback of a context and of a
//! connection, with its argument. `SSL_new` copies the context's callback
//! and argument into the connection, as OpenSSL does; the connection's are
//! read when each event is delivered. The events come from
//! `ssl::message_tap`: what sessl cannot open (records after a TLS 1.3 key
//! update) is reported by its header only.

use std::os::raw::c_void;
use std::sync::Arc;

use super::boundary::{entry, try_ref};
use super::handles::lend_ref;
use super::types::*;
use crate::ssl::{Connection, Context, MessageHook};

/// A callback and its argument, kept with a context or a connection.
#[derive(Clone, Copy)]
struct KeptMsgCallback {
    cb: sessl_msg_cb,
    arg: *mut c_void,
}

impl Default for KeptMsgCallback {
    fn default() -> Self {
        KeptMsgCallback {
            cb: None,
            arg: std::ptr::null_mut(),
        }
    }
}

// SAFETY: the argument is the application's pointer, only handed back to its
// callback; sessl never dereferences it.
unsafe impl Send for KeptMsgCallback {}

/// Calls the C callback kept with the connection.
struct CMessageCallback;

impl MessageHook for CMessageCallback {
    fn message(
        &self,
        conn: &Connection,
        write: bool,
        version: i32,
        content_type: i32,
        bytes: &[u8],
    ) {
        let kept = conn.extras().with(|k: &mut KeptMsgCallback| *k);
        let Some(cb) = kept.cb else {
            return;
        };
        let ssl = lend_ref::<SSL>(conn);
        // SAFETY: the callback was registered by C for this signature; `ssl`
        // is the live connection, `bytes` outlives the call; no sessl lock is held.
        unsafe {
            cb(
                write.into(),
                version,
                content_type,
                bytes.as_ptr().cast(),
                bytes.len(),
                ssl,
                kept.arg,
            )
        }
    }
}

/// Installs or removes the connection's hook for its kept callback.
fn install(conn: &Connection, cb: sessl_msg_cb) {
    let hook: Option<Arc<dyn MessageHook>> = cb.map(|_| Arc::new(CMessageCallback) as _);
    conn.set_message_hook(hook);
}

/// `SSL_new`'s copy of the context's callback and argument.
pub(super) fn inherit(ctx: &Context, conn: &Connection) {
    let kept = ctx.extras().read(|k: &KeptMsgCallback| *k);
    // A new connection's default is no callback and no argument.
    if kept.cb.is_some() || !kept.arg.is_null() {
        conn.extras().with(|k: &mut KeptMsgCallback| *k = kept);
    }
    if kept.cb.is_some() {
        install(conn, kept.cb);
    }
}

/// `SSL_CTX_set_msg_callback_arg` / `SSL_set_msg_callback_arg` (ctrl 16).
pub(super) fn set_context_arg(ctx: &Context, arg: *mut c_void) {
    ctx.extras().with(|k: &mut KeptMsgCallback| k.arg = arg);
}

/// `SSL_set_msg_callback_arg` (ctrl 16 on a connection).
pub(super) fn set_connection_arg(conn: &Connection, arg: *mut c_void) {
    conn.extras().with(|k: &mut KeptMsgCallback| k.arg = arg);
}

/// SSL_CTX_set_msg_callback(3): the callback of the connections made from
/// `ctx` afterwards (NULL: none). TLS 1.3 records after a key update are
/// reported by their header only (docs/divergences.md).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_msg_callback(ctx: *mut SSL_CTX, cb: sessl_msg_cb) {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|k: &mut KeptMsgCallback| k.cb = cb);
    })
}

/// SSL_CTX_set_msg_callback(3): `SSL_set_msg_callback`, the connection's
/// callback (NULL: none), as `SSL_CTX_set_msg_callback`.
#[no_mangle]
pub extern "C" fn SSL_set_msg_callback(ssl: *mut SSL, cb: sessl_msg_cb) {
    entry!({
        let conn = try_ref!(ssl);
        conn.extras().with(|k: &mut KeptMsgCallback| k.cb = cb);
        install(conn, cb);
    })
}
