//! The session a server is sealing into a ticket, shown as the connection's
//! session while the application's ticket hook runs: OpenSSL's generate
//! callback finds it with `SSL_get_session` and gives it ticket data.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use super::Connection;
use crate::session::Session;
use crate::ssl::context::Context;
use crate::ssl::hooks::TicketDecision;
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

    /// The context's session ticket hook bound to this connection: the
    /// generate hook runs with the ticket's session shown as the connection's.
    pub(super) fn ticket_hooks(&self, ctx: &Context) -> Option<ApplicationTicketHooks> {
        let hook = ctx.session_ticket_hook()?;
        let (me, me_too, hook_too) = (self.me.clone(), self.me.clone(), hook.clone());
        Some(ApplicationTicketHooks::new(
            move |s| {
                me.upgrade()
                    .is_some_and(|conn| conn.showing_session(s, || hook.generate(&conn)))
            },
            move |s, status| match me_too.upgrade() {
                Some(conn) => hook_too.decrypted(&conn, s, status),
                None => TicketDecision::Ignore,
            },
        ))
    }
}
