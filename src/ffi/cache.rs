//! The context's session cache: SSL_CTX_sess_set_new_cb(3),
//! SSL_CTX_set_timeout(3), SSL_CTX_flush_sessions(3), SSL_CTX_add_session(3).

use std::any::Any;
use std::os::raw::{c_int, c_long};
use std::sync::Arc;

use super::boundary::{entry, try_ref, try_some};
use super::handles::{clone_arc, release, to_c};
use super::types::*;
use crate::session::Session;
use crate::ssl::{Connection, NewSessionHandler};

/// A C new-session callback: gets a session with one reference added; if it
/// returns 0 it did not keep it and sessl drops that reference.
struct CNewSession(unsafe extern "C" fn(*mut SSL, *mut SSL_SESSION) -> c_int);

impl NewSessionHandler for CNewSession {
    fn new_session(&self, conn: &Connection, session: Arc<Session>) {
        let ssl = conn as *const Connection as *mut SSL;
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
        let s = try_some!(clone_arc(session));
        let (added, removed) = ctx.cache().insert(s);
        ctx.removed(removed);
        c_int::from(added)
    })
}

/// SSL_CTX_add_session(3): `SSL_CTX_remove_session`; 1 if it was in the cache.
/// The session is marked not resumable, as in OpenSSL.
#[no_mangle]
pub extern "C" fn SSL_CTX_remove_session(ctx: *mut SSL_CTX, session: *mut SSL_SESSION) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        let s = try_ref!(session);
        if s.id().is_empty() {
            return 0;
        }
        s.mark_not_resumable();
        match ctx.cache().remove(s.id()) {
            Some(removed) => {
                ctx.removed(vec![removed]);
                1
            }
            None => 0,
        }
    })
}
