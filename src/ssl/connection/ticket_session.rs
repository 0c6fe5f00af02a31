//! The application's ticket hooks bound to a server connection, and the
//! session being sealed into a ticket shown as the connection's session
//! while they run: OpenSSL's generate callback finds it with
//! `SSL_get_session` and gives it ticket data; the not-resumable callback
//! sees it too.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use super::Connection;
use crate::session::Session;
use crate::ssl::context::Context;
use crate::ssl::hooks::{ConnectionNotResumableHook, TicketDecision};
use crate::ssl::ticketer::ApplicationTicketHooks;

impl Connection {
    /// Runs `f` with `s` as the connection's session (`SSL_get_session`),
    /// then restores the one it had. For hooks called from inside rustls,
    /// where no sessl lock is held.
    pub(crate) fn showing_session<R>(&self, s: &Arc<Session>, f: impl FnOnce() -> R) -> R {
        let before = self.current_session.swap(Some(s.clone()));
        let before_ptr = self
            .current_session_ptr
            .swap(Arc::as_ptr(s).cast_mut(), Ordering::AcqRel);
        let r = f();
        self.current_session_ptr
            .store(before_ptr, Ordering::Release);
        self.current_session.store(before);
        r
    }

    /// The application's ticket hooks bound to this connection: the
    /// context's session ticket hook, whose generate hook runs with the
    /// ticket's session shown as the connection's, and the connection's
    /// (else the context's) not-resumable hook.
    pub(super) fn ticket_hooks(&self, ctx: &Context) -> Option<ApplicationTicketHooks> {
        let tickets = ctx.session_ticket_hook();
        let own = self
            .extras()
            .read(|h: &ConnectionNotResumableHook| h.0.clone());
        let not_resumable = own.or_else(|| ctx.not_resumable_hook());
        if tickets.is_none() && not_resumable.is_none() {
            return None;
        }
        let mut hooks = ApplicationTicketHooks::default();
        if let Some(hook) = tickets {
            let (me, me_too, hook_too) = (self.me.clone(), self.me.clone(), hook.clone());
            hooks = ApplicationTicketHooks::new(
                move |s| {
                    me.upgrade()
                        .is_some_and(|conn| conn.showing_session(s, || hook.generate(&conn)))
                },
                move |s, status| match me_too.upgrade() {
                    Some(conn) => hook_too.decrypted(&conn, s, status),
                    None => TicketDecision::Ignore,
                },
            );
        }
        if let Some(hook) = not_resumable {
            let me = self.me.clone();
            hooks = hooks.with_not_resumable(move |s, forward_secure| {
                me.upgrade().is_some_and(|conn| {
                    conn.showing_session(s, || hook.not_resumable(&conn, forward_secure))
                })
            });
        }
        Some(hooks)
    }
}
