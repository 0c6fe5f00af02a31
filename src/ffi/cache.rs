//! The context's session cache: SSL_CTX_sess_set_new_cb(3),
//! SSL_CTX_set_timeout(3), SSL_CTX_flush_sessions(3), SSL_CTX_add_session(3).

use std::any::Any;
use std::os::raw::{c_int, c_long, c_uchar, c_uint};
use std::sync::Arc;

use super::boundary::{entry, try_ref, try_some};
use super::handles::{clone_arc, lend, lend_ref, release, take_arc, to_c};
use super::types::*;
use crate::session::Session;
use crate::ssl::{Connection, Context, GetSessionHook, NewSessionHook, RemoveSessionHook};

/// A C new-session callback: gets a session with one reference added; if it
/// returns 0 it did not keep it and sessl drops that reference.
struct CNewSession(unsafe extern "C" fn(*mut SSL, *mut SSL_SESSION) -> c_int);

impl NewSessionHook for CNewSession {
    fn new_session(&self, conn: &Connection, session: Arc<Session>) {
        let ssl = lend_ref::<SSL>(conn);
        let sess = to_c::<SSL_SESSION>(session);
        // SAFETY: the callback was registered by C for this signature; `ssl`
        // is the live connection's handle and `sess` carries the reference
        // handed to the callback. No sessl lock is held.
        let kept = unsafe { (self.0)(ssl, sess) };
        log::debug!("new-session callback for {sess:p}: kept {kept}");
        if kept == 0 {
            release(sess);
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// SSL_CTX_sess_set_new_cb(3): sets (or clears, with NULL) the new-session callback.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_set_new_cb(ctx: *mut SSL_CTX, new_session_cb: sessl_new_session_cb) {
    entry!({
        let hook = new_session_cb.map(|cb| Arc::new(CNewSession(cb)) as _);
        try_ref!(ctx).set_new_session_hook(hook);
    })
}

/// SSL_CTX_sess_set_new_cb(3): `SSL_CTX_sess_get_new_cb`, the callback or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_get_new_cb(ctx: *mut SSL_CTX) -> sessl_new_session_cb {
    entry!({
        let hook = try_ref!(ctx).new_session_hook()?;
        hook.as_any().downcast_ref::<CNewSession>().map(|c| c.0)
    })
}

/// A C get-session callback.
struct CGetSession(
    unsafe extern "C" fn(*mut SSL, *const c_uchar, c_int, *mut c_int) -> *mut SSL_SESSION,
);

impl GetSessionHook for CGetSession {
    fn get_session(&self, conn: &Connection, id: &[u8]) -> Option<Arc<Session>> {
        let ssl = lend_ref::<SSL>(conn);
        let mut copy: c_int = 1;
        // SAFETY: the callback was registered by C for this signature; `id`
        // outlives the call, `copy` is a valid out-pointer. No lock is held.
        let sess = unsafe { (self.0)(ssl, id.as_ptr(), id.len() as c_int, &mut copy) };
        if sess.is_null() {
            return None;
        }
        if copy != 0 {
            // The callback keeps its reference; take one of our own.
            clone_arc(sess)
        } else {
            // The callback handed its reference over.
            take_arc(sess)
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// SSL_CTX_sess_set_new_cb(3): `SSL_CTX_sess_set_get_cb`, asked for sessions
/// the internal cache does not have (an external cache).
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_set_get_cb(ctx: *mut SSL_CTX, get_session_cb: sessl_get_session_cb) {
    entry!({
        let hook = get_session_cb.map(|cb| Arc::new(CGetSession(cb)) as _);
        try_ref!(ctx).set_get_session_hook(hook);
    })
}

/// SSL_CTX_sess_set_new_cb(3): `SSL_CTX_sess_get_get_cb`, the callback or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_get_get_cb(ctx: *mut SSL_CTX) -> sessl_get_session_cb {
    entry!({
        let hook = try_ref!(ctx).get_session_hook()?;
        hook.as_any().downcast_ref::<CGetSession>().map(|c| c.0)
    })
}

/// A C remove-session callback: the session is lent for the call.
struct CRemoveSession(unsafe extern "C" fn(*mut SSL_CTX, *mut SSL_SESSION));

impl RemoveSessionHook for CRemoveSession {
    fn session_removed(&self, ctx: &Context, session: &Arc<Session>) {
        let c = lend_ref::<SSL_CTX>(ctx);
        // SAFETY: registered by C for this signature; both handles are alive
        // for the call (the session is borrowed). No lock is held.
        unsafe { (self.0)(c, lend(session)) }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// SSL_CTX_sess_set_new_cb(3): `SSL_CTX_sess_set_remove_cb`, told of each
/// session leaving the cache (evicted, expired, flushed, bad).
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_set_remove_cb(
    ctx: *mut SSL_CTX,
    remove_session_cb: sessl_remove_session_cb,
) {
    entry!({
        let hook = remove_session_cb.map(|cb| Arc::new(CRemoveSession(cb)) as _);
        try_ref!(ctx).set_remove_session_hook(hook);
    })
}

/// SSL_CTX_sess_set_new_cb(3): `SSL_CTX_sess_get_remove_cb`, the callback or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_get_remove_cb(ctx: *mut SSL_CTX) -> sessl_remove_session_cb {
    entry!({
        let hook = try_ref!(ctx).remove_session_hook()?;
        hook.as_any().downcast_ref::<CRemoveSession>().map(|c| c.0)
    })
}

/// SSL_CTX_set_timeout(3): timeout of new sessions, seconds; returns the previous one.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_timeout(ctx: *mut SSL_CTX, t: c_long) -> c_long {
    entry!({ try_ref!(ctx).update(|s| std::mem::replace(&mut s.timeout, i64::from(t))) as c_long })
}

/// SSL_CTX_set_timeout(3): `SSL_CTX_get_timeout`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_timeout(ctx: *const SSL_CTX) -> c_long {
    entry!({ try_ref!(ctx).with_settings(|s| s.timeout) as c_long })
}

/// SSL_CTX_flush_sessions(3): removes the sessions expired at time `tm`
/// (all of them for 0), calling the remove callback for each.
#[no_mangle]
pub extern "C" fn SSL_CTX_flush_sessions(ctx: *mut SSL_CTX, tm: c_long) {
    entry!({
        let ctx = try_ref!(ctx);
        ctx.removed(ctx.cache().flush_expired(i64::from(tm)));
    })
}

/// SSL_CTX_add_session(3): 1 if added, 0 if it was already there (or has no id).
#[no_mangle]
pub extern "C" fn SSL_CTX_add_session(ctx: *mut SSL_CTX, session: *mut SSL_SESSION) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        c_int::from(ctx.add_session(try_some!(clone_arc(session))))
    })
}

/// SSL_CTX_add_session(3): `SSL_CTX_remove_session`; 1 if it was in the cache
/// (the remove callback is told of any session with an id, as in OpenSSL).
/// The session is marked not resumable, as in OpenSSL.
#[no_mangle]
pub extern "C" fn SSL_CTX_remove_session(ctx: *mut SSL_CTX, session: *mut SSL_SESSION) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        c_int::from(ctx.remove_session(&try_some!(clone_arc(session))))
    })
}

/// SSL_CTX_set_num_tickets(3): TLS 1.3 tickets sent after a full handshake
/// (after a resumption at most one); 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_num_tickets(ctx: *mut SSL_CTX, num_tickets: usize) -> c_int {
    entry!({
        try_ref!(ctx).update(|s| s.num_tickets = num_tickets);
        1
    })
}

/// SSL_CTX_set_num_tickets(3): `SSL_CTX_get_num_tickets`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_num_tickets(ctx: *const SSL_CTX) -> usize {
    entry!({ try_ref!(ctx).with_settings(|s| s.num_tickets) })
}

/// SSL_CTX_set_num_tickets(3): `SSL_set_num_tickets`, for one connection; 1.
#[no_mangle]
pub extern "C" fn SSL_set_num_tickets(ssl: *mut SSL, num_tickets: usize) -> c_int {
    entry!({
        try_ref!(ssl).set_num_tickets(num_tickets);
        1
    })
}

/// SSL_CTX_set_num_tickets(3): `SSL_get_num_tickets`.
#[no_mangle]
pub extern "C" fn SSL_get_num_tickets(ssl: *const SSL) -> usize {
    entry!({ try_ref!(ssl).num_tickets() })
}

/// SSL_CTX_set_generate_session_id(3): `SSL_has_matching_session_id`, 1 if the
/// cache of the context the connection was made from holds a session with
/// this id and the connection's `SSL_version`, as in OpenSSL (the session id
/// context plays no part).
#[no_mangle]
pub extern "C" fn SSL_has_matching_session_id(
    ssl: *const SSL,
    id: *const c_uchar,
    id_len: c_uint,
) -> c_int {
    entry!({
        let conn = try_ref!(ssl);
        if id_len > 32 {
            return 0;
        }
        let Some(id) = super::handles::c_bytes(id, id_len as usize) else {
            return 0;
        };
        c_int::from(
            conn.context()
                .cache()
                .contains_version(id, conn.reported_version()),
        )
    })
}
