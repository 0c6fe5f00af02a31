//! The ticket producer of one server connection: the context's keys or the
//! application's, with the session's facts sealed into each ticket, and each
//! ticket issued or accepted seen as a session.

use std::sync::Arc;

use rustls::server::ProducesTickets;

use super::capture::{HandshakeEvent, SharedHandshakeCapture};
use super::options::TLS1_3_VERSION;
use super::server_store::ServerCachePolicy;
use super::ticket_header::TicketHeader;
use super::verify::{peek_recorded_code, X509_V_OK};
use crate::session::{now_secs, ServerValueFacts, Session};

/// Makes a ticket holding a plaintext, or `None` to issue none.
type EncryptTicket = Box<dyn Fn(&[u8]) -> Option<Vec<u8>> + Send + Sync>;
/// A ticket's plaintext, and whether the application asked to renew it.
type DecryptTicket = Box<dyn Fn(&[u8]) -> Option<(Vec<u8>, bool)> + Send + Sync>;

/// The application's ticket keys as one connection uses them (OpenSSL's
/// ticket key callback, bound to the connection by the connection). Both
/// are called with no sessl lock held: they may call back into sessl.
pub struct ApplicationTicketKeys {
    encrypt: EncryptTicket,
    decrypt: DecryptTicket,
}

impl ApplicationTicketKeys {
    /// Keys that `encrypt` a ticket's plaintext and `decrypt` a ticket
    /// (saying whether to renew it).
    pub fn new(
        encrypt: impl Fn(&[u8]) -> Option<Vec<u8>> + Send + Sync + 'static,
        decrypt: impl Fn(&[u8]) -> Option<(Vec<u8>, bool)> + Send + Sync + 'static,
    ) -> Self {
        ApplicationTicketKeys {
            encrypt: Box::new(encrypt),
            decrypt: Box::new(decrypt),
        }
    }
}

/// Ticket producer: the context's keys (or the application's, through the
/// ticket key hook), with the session id context, time and timeout sealed
/// into each ticket so that a mismatched or expired ticket is refused, and
/// each ticket issued seen as a new session.
pub struct Ticketer {
    inner: Arc<dyn ProducesTickets>,
    policy: ServerCachePolicy,
    enabled: bool,
    capture: SharedHandshakeCapture,
    keys: Option<ApplicationTicketKeys>,
}

impl std::fmt::Debug for Ticketer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ticketer")
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

impl Ticketer {
    /// Wraps the context's ticket keys `inner` for one connection, or the
    /// application's `keys` when it chose them.
    pub fn new(
        inner: Arc<dyn ProducesTickets>,
        policy: ServerCachePolicy,
        enabled: bool,
        capture: SharedHandshakeCapture,
        keys: Option<ApplicationTicketKeys>,
    ) -> Self {
        Ticketer {
            inner,
            policy,
            enabled,
            capture,
            keys,
        }
    }

    fn seal(&self, plain: &[u8]) -> Option<Vec<u8>> {
        match &self.keys {
            Some(keys) => (keys.encrypt)(plain),
            None => self.inner.encrypt(plain),
        }
    }

    /// The plaintext of a ticket, and whether the application asked to renew it.
    fn open(&self, ticket: &[u8]) -> Option<(Vec<u8>, bool)> {
        match &self.keys {
            Some(keys) => (keys.decrypt)(ticket),
            None => self.inner.decrypt(ticket).map(|p| (p, false)),
        }
    }
}

/// OpenSSL gives each TLS 1.3 ticket's session a fresh 32-byte id; a TLS 1.2
/// ticket's server session has none.
fn ticket_session_id(plain: &[u8]) -> Vec<u8> {
    let tls13 =
        ServerValueFacts::parse(plain).is_some_and(|f| f.protocol_version == TLS1_3_VERSION);
    let mut id = Vec::new();
    if tls13 {
        id.resize(32, 0);
        if aws_lc_rs::rand::fill(&mut id).is_err() {
            id.clear();
        }
    }
    id
}

impl ProducesTickets for Ticketer {
    fn enabled(&self) -> bool {
        self.enabled
    }

    fn lifetime(&self) -> u32 {
        self.policy.timeout.clamp(0, u32::MAX as i64) as u32
    }

    fn encrypt(&self, plain: &[u8]) -> Option<Vec<u8>> {
        // rustls renews a TLS 1.2 ticket on every resumption; OpenSSL does
        // not, unless the key callback asks (an empty ticket tells the
        // client to keep the one it has).
        let tls12 =
            ServerValueFacts::parse(plain).is_some_and(|f| f.protocol_version != TLS1_3_VERSION);
        {
            let c = self.capture.lock();
            // With the application's keys, a resumed session gets a new
            // ticket only when the key callback asked to renew (OpenSSL).
            let renew_only = tls12 || self.keys.is_some();
            if !c.may_issue_session() || (c.resumed && renew_only && !c.renew_ticket) {
                return None;
            }
        }
        let p = &self.policy;
        let now = now_secs();
        // The key hook may call C: no lock held.
        // The client's chain was verified earlier in this handshake, or the
        // session being resumed carries the result.
        let verify_result = peek_recorded_code()
            .or(self.capture.lock().verify_result)
            .unwrap_or(X509_V_OK);
        let header = TicketHeader {
            id_context: &p.id_context,
            time: now,
            timeout: p.timeout,
            verify_result,
        };
        let ticket = self.seal(&header.prepend_to(plain))?;
        let s = Session::from_server_value(
            p.owner,
            ticket_session_id(plain),
            p.id_context.clone(),
            p.timeout,
            plain.to_vec(),
        );
        s.set_time(now);
        let mut c = self.capture.lock();
        c.sessions_issued += 1;
        c.events.push(HandshakeEvent::ServerNew(Arc::new(s)));
        Some(ticket)
    }

    fn decrypt(&self, cipher: &[u8]) -> Option<Vec<u8>> {
        let (sealed, renew) = self.open(cipher)?;
        let (header, plain) = TicketHeader::split_off(&sealed)?;
        let (ctx, time, timeout) = (header.id_context, header.time, header.timeout);
        if ctx != self.policy.id_context.as_slice() || time.saturating_add(timeout) < now_secs() {
            return None;
        }
        if self.policy.refuses(&self.capture) {
            return None;
        }
        let p = &self.policy;
        let s =
            Session::from_server_value(p.owner, Vec::new(), ctx.to_vec(), timeout, plain.to_vec());
        s.set_time(time);
        s.set_verify_result(header.verify_result);
        let mut c = self.capture.lock();
        c.resumed = true;
        c.resumed_from_ticket = true;
        c.verify_result = Some(header.verify_result);
        c.renew_ticket = renew;
        c.events.push(HandshakeEvent::ServerResumed(Arc::new(s)));
        Some(plain.to_vec())
    }
}
