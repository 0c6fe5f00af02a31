//! The ticket producer of one server connection: the context's keys or the
//! application's, with the session's facts sealed into each ticket, and each
//! ticket issued or accepted seen as a session.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rustls::server::ProducesTickets;

use super::capture::{HandshakeEvent, SharedHandshakeCapture};
use super::hooks::{TicketDecision, TicketStatus};
use super::options::TLS1_3_VERSION;
use super::server_store::ServerCachePolicy;
use super::ticket_header::TicketHeader;
pub use super::ticket_hooks::ApplicationTicketHooks;
use super::verify::{peek_recorded_code, X509_V_OK};
use crate::session::{now_secs, ServerValueFields, Session};

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
    context_keys: Arc<dyn ProducesTickets>,
    policy: ServerCachePolicy,
    enabled: bool,
    pub(super) capture: SharedHandshakeCapture,
    application_keys: Option<ApplicationTicketKeys>,
    pub(super) ticket_hooks: Option<ApplicationTicketHooks>,
    /// The application's decrypt hook chose not to renew the ticket, or
    /// its not-resumable hook refused the session.
    pub(super) no_new_ticket: AtomicBool,
    /// The not-resumable hook was asked (once per full handshake).
    pub(super) resumable_asked: AtomicBool,
}

impl std::fmt::Debug for Ticketer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ticketer")
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

impl Ticketer {
    /// Wraps the context's ticket keys for one connection, or the
    /// application's when it chose them.
    pub fn new(
        context_keys: Arc<dyn ProducesTickets>,
        policy: ServerCachePolicy,
        enabled: bool,
        capture: SharedHandshakeCapture,
        application_keys: Option<ApplicationTicketKeys>,
    ) -> Self {
        Ticketer {
            context_keys,
            policy,
            enabled,
            capture,
            application_keys,
            ticket_hooks: None,
            no_new_ticket: AtomicBool::new(false),
            resumable_asked: AtomicBool::new(false),
        }
    }

    /// The application's session ticket hooks, if it set them.
    pub fn with_ticket_hooks(mut self, hooks: Option<ApplicationTicketHooks>) -> Self {
        self.ticket_hooks = hooks;
        self
    }

    fn seal(&self, plain: &[u8]) -> Option<Vec<u8>> {
        match &self.application_keys {
            Some(keys) => (keys.encrypt)(plain),
            None => self.context_keys.encrypt(plain),
        }
    }

    /// The plaintext of a ticket, and whether the application asked to renew it.
    fn open(&self, ticket: &[u8]) -> Option<(Vec<u8>, bool)> {
        match &self.application_keys {
            Some(keys) => (keys.decrypt)(ticket),
            None => self.context_keys.decrypt(ticket).map(|p| (p, false)),
        }
    }
}

/// OpenSSL gives each TLS 1.3 ticket's session a fresh 32-byte id; a TLS 1.2
/// ticket's server session has none.
fn ticket_session_id(plain: &[u8]) -> Vec<u8> {
    let tls13 =
        ServerValueFields::parse(plain).is_some_and(|f| f.protocol_version == TLS1_3_VERSION);
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
            ServerValueFields::parse(plain).is_some_and(|f| f.protocol_version != TLS1_3_VERSION);
        if self.no_new_ticket.load(Ordering::Relaxed) {
            return None;
        }
        if tls12 && !self.empty_ticket_judged_renewing() {
            return None;
        }
        let full_handshake = {
            let c = self.capture.lock();
            // With the application's keys, a resumed session gets a new
            // ticket only when the key callback asked to renew (OpenSSL).
            let renew_only = tls12 || self.application_keys.is_some();
            if !c.may_issue_session() || (c.resumed && renew_only && !c.renew_ticket) {
                return None;
            }
            !c.resumed
        };
        let p = &self.policy;
        let now = now_secs();
        let s = Arc::new(Session::from_server_value(
            p.owner,
            ticket_session_id(plain),
            p.id_context.to_vec(),
            p.timeout,
            plain.to_vec(),
        ));
        s.set_time(now);
        if full_handshake && self.refused_as_not_resumable(&s) {
            return None;
        }
        let plain = self.application_data_for(&s, plain)?;
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
        let ticket = self.seal(&header.prepend_to(&plain))?;
        let mut c = self.capture.lock();
        c.sessions_issued += 1;
        c.events.push(HandshakeEvent::ServerNew(s));
        Some(ticket)
    }

    fn decrypt(&self, cipher: &[u8]) -> Option<Vec<u8>> {
        let Some((sealed, mut renew)) = self.open(cipher) else {
            let decision = self.judge(None, TicketStatus::NoDecrypt);
            self.note_abort(decision);
            return None;
        };
        let (header, plain) = TicketHeader::split_off(&sealed)?;
        let (ctx, time, timeout) = (header.id_context, header.time, header.timeout);
        if ctx != &*self.policy.id_context || time.saturating_add(timeout) < now_secs() {
            return None;
        }
        if self.policy.refuses(&self.capture) {
            return None;
        }
        let p = &self.policy;
        let s = Arc::new(Session::from_server_value(
            p.owner,
            Vec::new(),
            ctx.to_vec(),
            timeout,
            plain.to_vec(),
        ));
        s.set_time(time);
        s.set_verify_result(header.verify_result);
        // OpenSSL renews every TLS 1.3 ticket it opens with its own keys;
        // with the application's key callback, when it returned 2.
        let tls13 = s.protocol_version() == TLS1_3_VERSION;
        let status = if renew || (tls13 && self.application_keys.is_none()) {
            TicketStatus::SuccessRenew
        } else {
            TicketStatus::Success
        };
        let decision = self.judge(Some(&s), status);
        self.note_abort(decision);
        if self.judges_tickets() {
            // Only a renewing answer lets a new ticket be sent, as in OpenSSL.
            let renewing = matches!(
                decision,
                TicketDecision::UseRenew | TicketDecision::IgnoreRenew
            );
            self.no_new_ticket.store(!renewing, Ordering::Relaxed);
            renew = renewing;
        }
        if !matches!(decision, TicketDecision::Use | TicketDecision::UseRenew) {
            return None;
        }
        let mut c = self.capture.lock();
        c.resumed = true;
        c.resumed_from_ticket = true;
        c.verify_result = Some(header.verify_result);
        c.renew_ticket = renew;
        c.events.push(HandshakeEvent::ServerResumed(s));
        Some(plain.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::SessionId;

    const CTX: &[u8] = b"id context";
    const PLAIN: &[u8] = b"rustls' value of the session";

    fn policy() -> ServerCachePolicy {
        ServerCachePolicy {
            owner: 1,
            id_context: SessionId::new(CTX).unwrap(),
            timeout: 300,
            lookup: true,
            stateful: false,
            id_for_ticketless: false,
            verify_peer: false,
        }
    }

    fn context_keys() -> Arc<dyn ProducesTickets> {
        rustls::crypto::aws_lc_rs::Ticketer::new().unwrap()
    }

    fn ticketer_with(
        keys: &Arc<dyn ProducesTickets>,
        policy: ServerCachePolicy,
        application_keys: Option<ApplicationTicketKeys>,
    ) -> (Ticketer, SharedHandshakeCapture) {
        let capture = SharedHandshakeCapture::default();
        let t = Ticketer::new(
            keys.clone(),
            policy,
            true,
            capture.clone(),
            application_keys,
        );
        (t, capture)
    }

    fn ticketer(keys: &Arc<dyn ProducesTickets>) -> (Ticketer, SharedHandshakeCapture) {
        ticketer_with(keys, policy(), None)
    }

    /// Application keys that XOR the plaintext, asking for renewal when told.
    fn xor_keys(renew: bool) -> ApplicationTicketKeys {
        ApplicationTicketKeys::new(
            |plain| Some(plain.iter().map(|b| b ^ 0x5a).collect()),
            move |ticket| Some((ticket.iter().map(|b| b ^ 0x5a).collect(), renew)),
        )
    }

    fn only_session(capture: &SharedHandshakeCapture) -> Arc<Session> {
        let c = capture.lock();
        match &c.events[..] {
            [HandshakeEvent::ServerNew(s) | HandshakeEvent::ServerResumed(s)] => s.clone(),
            _ => panic!("{} events", c.events.len()),
        }
    }

    #[test]
    fn a_ticket_round_trips_with_the_sessions_facts() {
        let keys = context_keys();
        let (issuing, issued) = ticketer(&keys);
        issued.lock().verify_result = Some(20);
        let ticket = issuing.encrypt(PLAIN).unwrap();
        assert_ne!(&ticket[..], PLAIN);
        let new = only_session(&issued);
        assert_eq!(new.server_value().as_deref(), Some(PLAIN));
        assert_eq!(*new.id_context(), *CTX);
        assert!(matches!(
            issued.lock().events[0],
            HandshakeEvent::ServerNew(_)
        ));
        assert_eq!(issued.lock().sessions_issued, 1);

        let (resuming, resumed) = ticketer(&keys);
        assert_eq!(resuming.decrypt(&ticket).as_deref(), Some(PLAIN));
        let s = only_session(&resumed);
        assert!(matches!(
            resumed.lock().events[0],
            HandshakeEvent::ServerResumed(_)
        ));
        assert_eq!(s.server_value().as_deref(), Some(PLAIN));
        assert_eq!(*s.id_context(), *CTX);
        assert_eq!((s.time(), s.timeout()), (new.time(), 300));
        assert_eq!(s.verify_result(), 20);
        let c = resumed.lock();
        assert!(c.resumed && c.resumed_from_ticket && !c.renew_ticket);
        assert_eq!(c.verify_result, Some(20));
    }

    #[test]
    fn a_tampered_or_truncated_ticket_is_refused() {
        let keys = context_keys();
        let ticket = ticketer(&keys).0.encrypt(PLAIN).unwrap();
        let (resuming, resumed) = ticketer(&keys);
        for i in 0..ticket.len() {
            let mut tampered = ticket.clone();
            tampered[i] ^= 1;
            assert_eq!(resuming.decrypt(&tampered), None, "byte {i}");
        }
        for len in 0..ticket.len() {
            assert_eq!(resuming.decrypt(&ticket[..len]), None, "length {len}");
        }
        assert!(resumed.lock().events.is_empty());
        assert!(!resumed.lock().resumed);
    }

    #[test]
    fn a_ticket_from_other_keys_is_refused() {
        let ticket = ticketer(&context_keys()).0.encrypt(PLAIN).unwrap();
        assert_eq!(ticketer(&context_keys()).0.decrypt(&ticket), None);
        // Nor do the application's keys open the context's tickets, or
        // the other way round.
        let keys = context_keys();
        let ticket = ticketer(&keys).0.encrypt(PLAIN).unwrap();
        let (with_app_keys, _) = ticketer_with(&keys, policy(), Some(xor_keys(false)));
        assert_eq!(with_app_keys.decrypt(&ticket), None);
        let app_ticket = with_app_keys.encrypt(PLAIN).unwrap();
        assert_eq!(ticketer(&keys).0.decrypt(&app_ticket), None);
    }

    #[test]
    fn a_ticket_of_another_id_context_or_expired_is_refused() {
        let keys = context_keys();
        let ticket = ticketer(&keys).0.encrypt(PLAIN).unwrap();
        let elsewhere = ServerCachePolicy {
            id_context: SessionId::new(b"elsewhere").unwrap(),
            ..policy()
        };
        assert_eq!(
            ticketer_with(&keys, elsewhere, None).0.decrypt(&ticket),
            None
        );
        let long_expired = ServerCachePolicy {
            timeout: -1000,
            ..policy()
        };
        let (issuing, _) = ticketer_with(&keys, long_expired, None);
        let ticket = issuing.encrypt(PLAIN).unwrap();
        assert_eq!(ticketer(&keys).0.decrypt(&ticket), None);
    }

    #[test]
    fn verify_peer_without_an_id_context_refuses_to_resume() {
        let keys = context_keys();
        let refusing = ServerCachePolicy {
            id_context: SessionId::default(),
            verify_peer: true,
            ..policy()
        };
        let ticket = ticketer_with(&keys, refusing.clone(), None)
            .0
            .encrypt(PLAIN)
            .unwrap();
        let (resuming, resumed) = ticketer_with(&keys, refusing, None);
        assert_eq!(resuming.decrypt(&ticket), None);
        assert!(resumed.lock().id_context_uninitialized);
        assert!(!resumed.lock().resumed);
    }

    #[test]
    fn enabled_and_lifetime_follow_the_connection() {
        let capture = SharedHandshakeCapture::default();
        let off = Ticketer::new(context_keys(), policy(), false, capture, None);
        assert!(!off.enabled());
        assert_eq!(off.lifetime(), 300);
        let negative = ServerCachePolicy {
            timeout: -5,
            ..policy()
        };
        assert_eq!(
            ticketer_with(&context_keys(), negative, None).0.lifetime(),
            0
        );
    }

    #[test]
    fn the_application_keys_seal_and_may_ask_to_renew() {
        let keys = context_keys();
        for renew in [false, true] {
            let (issuing, _) = ticketer_with(&keys, policy(), Some(xor_keys(renew)));
            let ticket = issuing.encrypt(PLAIN).unwrap();
            let (resuming, resumed) = ticketer_with(&keys, policy(), Some(xor_keys(renew)));
            assert_eq!(resuming.decrypt(&ticket).as_deref(), Some(PLAIN));
            assert_eq!(resumed.lock().renew_ticket, renew);
            // After a resumption the application's keys give a new ticket
            // only when the callback asked to renew, and then one.
            assert_eq!(resuming.encrypt(PLAIN).is_some(), renew);
            assert_eq!(resuming.encrypt(PLAIN), None);
        }
    }

    #[test]
    fn after_a_resumption_one_ticket_is_issued() {
        let keys = context_keys();
        let ticket = ticketer(&keys).0.encrypt(PLAIN).unwrap();
        let (resuming, resumed) = ticketer(&keys);
        assert!(resuming.decrypt(&ticket).is_some());
        assert!(resuming.encrypt(PLAIN).is_some());
        assert_eq!(resuming.encrypt(PLAIN), None);
        assert_eq!(resumed.lock().sessions_issued, 1);
        // After a full handshake every ticket asked for is issued.
        let (issuing, issued) = ticketer(&keys);
        for _ in 0..3 {
            assert!(issuing.encrypt(PLAIN).is_some());
        }
        assert_eq!(issued.lock().sessions_issued, 3);
    }

    /// An encoded rustls server value of TLS 1.3 with no application data.
    fn tls13_value() -> Vec<u8> {
        let mut v = vec![0, 0x03, 0x04, 0x13, 0x01, 1, 7, 0, 0, 0, 0, 0];
        v.extend([0; 12]);
        v
    }

    fn hooks(answer: TicketDecision) -> ApplicationTicketHooks {
        ApplicationTicketHooks::new(
            |s| {
                s.set_ticket_appdata(Some(b"app data"));
                true
            },
            move |s, status| {
                assert_eq!(status, TicketStatus::SuccessRenew);
                let data = s.and_then(|s| s.ticket_appdata_bytes());
                assert_eq!(data.as_deref(), Some(&b"app data"[..]));
                answer
            },
        )
    }

    #[test]
    fn the_generate_hooks_data_travels_in_the_ticket() {
        let keys = context_keys();
        let (issuing, issued) = ticketer(&keys);
        let issuing = issuing.with_ticket_hooks(Some(hooks(TicketDecision::Use)));
        let ticket = issuing.encrypt(&tls13_value()).unwrap();
        let new = only_session(&issued);
        assert_eq!(
            new.ticket_appdata_bytes().as_deref(),
            Some(&b"app data"[..])
        );
        let (opening, opened) = ticketer(&keys);
        let opening = opening.with_ticket_hooks(Some(hooks(TicketDecision::Use)));
        let plain = opening.decrypt(&ticket).unwrap();
        assert_eq!(
            ServerValueFields::parse(&plain).unwrap().application_data,
            b"app data"
        );
        assert!(opened.lock().resumed);
        // `Use` without renewal: no new ticket on this connection.
        assert_eq!(opening.encrypt(&tls13_value()), None);
    }

    #[test]
    fn the_decrypt_hook_may_refuse_a_ticket() {
        let keys = context_keys();
        let (issuing, _) = ticketer(&keys);
        let issuing = issuing.with_ticket_hooks(Some(hooks(TicketDecision::Use)));
        let ticket = issuing.encrypt(&tls13_value()).unwrap();
        for (answer, renews) in [
            (TicketDecision::Ignore, false),
            (TicketDecision::IgnoreRenew, true),
            (TicketDecision::Abort, false),
        ] {
            let (opening, opened) = ticketer(&keys);
            let opening = opening.with_ticket_hooks(Some(hooks(answer)));
            assert_eq!(opening.decrypt(&ticket), None, "{answer:?}");
            assert!(!opened.lock().resumed);
            assert_eq!(
                opening.encrypt(&tls13_value()).is_some(),
                renews,
                "{answer:?}"
            );
        }
    }

    #[test]
    fn the_not_resumable_hook_is_asked_once_and_may_refuse_tickets() {
        let keys = context_keys();
        for refuse in [false, true] {
            let asked = Arc::new(AtomicBool::new(false));
            let seen = asked.clone();
            let hooks = ApplicationTicketHooks::default().with_not_resumable(move |_, fs| {
                assert!(!fs, "TLS 1.3 names no key exchange");
                assert!(!seen.swap(true, Ordering::SeqCst), "asked once");
                refuse
            });
            let (issuing, issued) = ticketer(&keys);
            let issuing = issuing.with_ticket_hooks(Some(hooks));
            for _ in 0..2 {
                assert_eq!(issuing.encrypt(&tls13_value()).is_some(), !refuse);
            }
            assert!(asked.load(Ordering::SeqCst));
            assert_eq!(issued.lock().sessions_issued, if refuse { 0 } else { 2 });
        }
    }
}
