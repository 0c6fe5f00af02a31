//! SSL_CTX_set_session_ticket_cb(3) and the not-resumable session callback:
//! the application's callbacks around a server's tickets. The generate callback runs as the server makes each
//! ticket, with the ticket's session as the connection's (`SSL_get_session`),
//! and the data it gives with `SSL_SESSION_set1_ticket_appdata` travels
//! inside the ticket; the decrypt callback sees the session a ticket held
//! (its data back through `SSL_SESSION_get0_ticket_appdata`) and decides
//! whether to resume with it. The not-resumable callback is asked once per
//! full handshake whether the new session may be resumed.

use std::ffi::c_void;
use std::os::raw::c_int;
use std::sync::Arc;

use super::boundary::{entry, try_ref};
use super::handles::{lend, lend_ref};
use super::owned::CArg;
use super::types::*;
use crate::session::Session;
use crate::ssl::{
    Connection, ConnectionNotResumableHook, NotResumableHook, SessionTicketHook, TicketDecision,
    TicketStatus,
};

/// `SSL_TICKET_NO_DECRYPT`, `SSL_TICKET_SUCCESS`, `SSL_TICKET_SUCCESS_RENEW`.
const STATUS_EMPTY: c_int = 3;
const STATUS_NO_DECRYPT: c_int = 4;
const STATUS_SUCCESS: c_int = 5;
const STATUS_SUCCESS_RENEW: c_int = 6;

/// The callbacks and their argument, as the application set them.
struct TicketCallbacks {
    generate: SSL_CTX_generate_session_ticket_fn,
    decrypt: SSL_CTX_decrypt_session_ticket_fn,
    arg: CArg,
}

/// OpenSSL's `SSL_TICKET_RETURN_*` values; anything else is taken as
/// `SSL_TICKET_RETURN_ABORT`, as OpenSSL fails on it.
fn decision(r: c_int) -> TicketDecision {
    match r {
        1 => TicketDecision::Ignore,
        2 => TicketDecision::IgnoreRenew,
        3 => TicketDecision::Use,
        4 => TicketDecision::UseRenew,
        _ => TicketDecision::Abort,
    }
}

impl SessionTicketHook for TicketCallbacks {
    fn generate(&self, conn: &Connection) -> bool {
        let Some(cb) = self.generate else {
            return true;
        };
        // SAFETY: the application's callback, with its connection and
        // argument; no sessl lock is held.
        unsafe { cb(lend_ref::<SSL>(conn), self.arg.get()) != 0 }
    }

    fn decrypted(
        &self,
        conn: &Connection,
        session: Option<&Arc<Session>>,
        status: TicketStatus,
    ) -> TicketDecision {
        let Some(cb) = self.decrypt else {
            return TicketDecision::Use;
        };
        let status = match status {
            TicketStatus::Empty => STATUS_EMPTY,
            TicketStatus::NoDecrypt => STATUS_NO_DECRYPT,
            TicketStatus::Success => STATUS_SUCCESS,
            TicketStatus::SuccessRenew => STATUS_SUCCESS_RENEW,
        };
        let ss = session.map_or(std::ptr::null_mut(), lend::<SSL_SESSION>);
        // SAFETY: the application's callback; the session it is lent lives
        // while the callback runs (the caller holds it); no sessl lock is held.
        let r = unsafe {
            cb(
                lend_ref::<SSL>(conn),
                ss,
                std::ptr::null(),
                0,
                status,
                self.arg.get(),
            )
        };
        decision(r)
    }
}

/// SSL_CTX_set_session_ticket_cb(3): sets (or, with both NULL, clears) the
/// server's ticket callbacks; 1. The decrypt callback is given no key name
/// (NULL, 0), and its `SSL_TICKET_RETURN_ABORT` resumes nothing rather than
/// failing the handshake (see divergences).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_session_ticket_cb(
    ctx: *mut SSL_CTX,
    gen_cb: SSL_CTX_generate_session_ticket_fn,
    dec_cb: SSL_CTX_decrypt_session_ticket_fn,
    arg: *mut c_void,
) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        let hook = (gen_cb.is_some() || dec_cb.is_some()).then(|| {
            Arc::new(TicketCallbacks {
                generate: gen_cb,
                decrypt: dec_cb,
                arg: CArg::new(arg),
            }) as Arc<dyn SessionTicketHook>
        });
        ctx.set_session_ticket_hook(hook);
        1
    })
}

/// The application's not-resumable callback.
struct NotResumableCallback(unsafe extern "C" fn(*mut SSL, c_int) -> c_int);

impl NotResumableHook for NotResumableCallback {
    fn not_resumable(&self, conn: &Connection, forward_secure: bool) -> bool {
        // SAFETY: the application's callback with its connection; no sessl
        // lock is held.
        unsafe { (self.0)(lend_ref::<SSL>(conn), c_int::from(forward_secure)) != 0 }
    }
}

fn not_resumable_hook(cb: sessl_not_resumable_cb) -> Option<Arc<dyn NotResumableHook>> {
    cb.map(|f| Arc::new(NotResumableCallback(f)) as Arc<dyn NotResumableHook>)
}

/// `SSL_CTX_set_not_resumable_session_callback` (no man page): a server asks
/// `cb` once per full handshake, with the session as the connection's and
/// whether the key exchange was forward secure, whether the new session must
/// not be resumed; if so it issues no ticket and the session is not
/// resumable. sessl asks when it would issue the first ticket: with
/// `SSL_OP_NO_TICKET` (TLS 1.2 session ids) it does not ask.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_not_resumable_session_callback(
    ctx: *mut SSL_CTX,
    cb: sessl_not_resumable_cb,
) {
    entry!({ try_ref!(ctx).set_not_resumable_hook(not_resumable_hook(cb)) })
}

/// `SSL_set_not_resumable_session_callback` (no man page): the connection's
/// own callback, in place of its context's (see the context form).
#[no_mangle]
pub extern "C" fn SSL_set_not_resumable_session_callback(
    ssl: *mut SSL,
    cb: sessl_not_resumable_cb,
) {
    entry!({
        let hook = not_resumable_hook(cb);
        try_ref!(ssl)
            .extras()
            .with(|h: &mut ConnectionNotResumableHook| h.0 = hook);
    })
}
