//! The application's hooks around a server's tickets, as one connection
//! uses them: OpenSSL's session ticket callbacks (`SSL_CTX_set_session_ticket_cb`:
//! data sealed into each ticket, a decision on each ticket opened) and its
//! not-resumable callback (`SSL_CTX_set_not_resumable_session_callback`:
//! asked once per full handshake whether the session may be resumed).
//! All are called with no sessl lock held.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use super::hooks::{TicketDecision, TicketStatus};
use super::ticketer::Ticketer;
use crate::session::{with_application_data, Session};

/// Asked before a ticket is made for a session: false issues none.
type GenerateHook = Box<dyn Fn(&Arc<Session>) -> bool + Send + Sync>;
/// Told of a ticket opened (or not): whether to resume with it.
type DecryptedHook =
    Box<dyn Fn(Option<&Arc<Session>>, TicketStatus) -> TicketDecision + Send + Sync>;
/// Asked whether the session of a full handshake (forward secure or not)
/// must not be resumed: true refuses it.
type NotResumableHook = Box<dyn Fn(&Arc<Session>, bool) -> bool + Send + Sync>;

/// The application's ticket hooks, bound to one connection.
#[derive(Default)]
pub struct ApplicationTicketHooks {
    generate: Option<GenerateHook>,
    decrypted: Option<DecryptedHook>,
    not_resumable: Option<NotResumableHook>,
}

impl ApplicationTicketHooks {
    /// Hooks that `generate` ticket data for a session and judge a ticket `decrypted`.
    pub fn new(
        generate: impl Fn(&Arc<Session>) -> bool + Send + Sync + 'static,
        decrypted: impl Fn(Option<&Arc<Session>>, TicketStatus) -> TicketDecision
            + Send
            + Sync
            + 'static,
    ) -> Self {
        ApplicationTicketHooks {
            generate: Some(Box::new(generate)),
            decrypted: Some(Box::new(decrypted)),
            not_resumable: None,
        }
    }

    /// Adds the not-resumable hook.
    pub fn with_not_resumable(
        mut self,
        hook: impl Fn(&Arc<Session>, bool) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.not_resumable = Some(Box::new(hook));
        self
    }
}

impl Ticketer {
    /// The plaintext to seal for `s`: with the application's generate hook,
    /// the data it gave the session travels in rustls' value; `None` when
    /// the hook refused the ticket.
    pub(super) fn application_data_for(&self, s: &Arc<Session>, plain: &[u8]) -> Option<Vec<u8>> {
        let Some(generate) = self.ticket_hooks.as_ref().and_then(|h| h.generate.as_ref()) else {
            return Some(plain.to_vec());
        };
        if !generate(s) {
            return None;
        }
        let data = s.ticket_appdata_bytes().unwrap_or_default();
        let plain = with_application_data(plain, &data)?;
        s.set_server_value(plain.clone());
        Some(plain)
    }

    /// A TLS 1.2 client that offered tickets without one: OpenSSL asks the
    /// decrypt callback (`SSL_TICKET_EMPTY`) and sends a ticket only when it
    /// answers `SSL_TICKET_RETURN_IGNORE_RENEW` (it fails the handshake on
    /// `ABORT`, `USE` and `USE_RENEW`; here no ticket is sent then). True
    /// when a ticket may be sent; asked once per handshake.
    pub(super) fn empty_ticket_judged_renewing(&self) -> bool {
        let ask = {
            let mut c = self.capture.lock();
            std::mem::take(&mut c.client_ticket_empty)
        };
        if !ask || !self.judges_tickets() {
            return true;
        }
        self.judge(None, TicketStatus::Empty) == TicketDecision::IgnoreRenew
    }

    /// Keeps an aborting decision for the connection, which then fails the
    /// handshake with `internal_error` (OpenSSL's `SSL_TICKET_FATAL_ERR_OTHER`).
    pub(super) fn note_abort(&self, decision: TicketDecision) {
        if decision == TicketDecision::Abort && self.judges_tickets() {
            self.capture.lock().ticket_aborted = true;
        }
    }

    /// Whether the application judges the tickets opened.
    pub(super) fn judges_tickets(&self) -> bool {
        self.ticket_hooks
            .as_ref()
            .is_some_and(|h| h.decrypted.is_some())
    }

    /// The application's decision on a ticket (use it when there is no hook).
    pub(super) fn judge(&self, s: Option<&Arc<Session>>, status: TicketStatus) -> TicketDecision {
        match self
            .ticket_hooks
            .as_ref()
            .and_then(|h| h.decrypted.as_ref())
        {
            Some(decrypted) => decrypted(s, status),
            None => TicketDecision::Use,
        }
    }

    /// Asks the not-resumable hook once per full handshake (as OpenSSL,
    /// when the server has chosen its suite: TLS 1.2 suites here all
    /// exchange keys by ECDHE, which OpenSSL calls forward secure, and a
    /// TLS 1.3 suite names no key exchange); true when it refused the
    /// session, and then no ticket is issued on this connection.
    pub(super) fn refused_as_not_resumable(&self, s: &Arc<Session>) -> bool {
        let Some(hook) = self
            .ticket_hooks
            .as_ref()
            .and_then(|h| h.not_resumable.as_ref())
        else {
            return false;
        };
        if !self.resumable_asked.swap(true, Ordering::Relaxed) {
            let forward_secure = s.protocol_version() != super::options::TLS1_3_VERSION;
            if hook(s, forward_secure) {
                s.mark_not_resumable();
                self.no_new_ticket.store(true, Ordering::Relaxed);
            }
        }
        self.no_new_ticket.load(Ordering::Relaxed)
    }
}
