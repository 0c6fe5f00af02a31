//! The per-connection objects rustls calls into: a client session store, a
//! server session store, a ticket producer and a key log. Each hands rustls
//! what the connection chose (the offered session, the context's cache) and
//! captures what rustls produces so the connection can expose it and fire the
//! callbacks once rustls has returned.

use std::sync::{Arc, Weak};

use parking_lot::Mutex;
use rustls::client::{ClientSessionStore, Tls12ClientSessionValue, Tls13ClientSessionValue};
use rustls::server::{ProducesTickets, StoresServerSessions};
use rustls::{KeyLog, NamedGroup};
use rustls_pki_types::ServerName;

use super::connection::Connection;
use super::hooks::{GetSessionHook, TicketKeyHook};
use super::options::TLS1_3_VERSION;
use super::verify::{peek_recorded_code, X509_V_OK};
use crate::session::{now_secs, Lookup, ServerCache, ServerValueFacts, Session};

/// Something rustls produced during one step of the handshake.
pub enum Captured {
    /// A TLS 1.2 client session (after a full handshake).
    ClientTls12(Tls12ClientSessionValue),
    /// A TLS 1.3 ticket the client received.
    ClientTls13(Tls13ClientSessionValue),
    /// A session the server made (stored in the cache or sent in a ticket).
    ServerNew(Arc<Session>),
    /// The session a server resumed.
    ServerResumed(Arc<Session>),
    /// A session the cache dropped (expired on lookup or evicted).
    Removed(Arc<Session>),
    /// A session the external cache gave back (the get-session hook).
    ExternalHit(Arc<Session>),
}

/// What the adapters of one connection share with it.
#[derive(Default)]
pub struct Capture {
    /// Events in the order rustls produced them.
    pub events: Vec<Captured>,
    /// The TLS 1.2 master secret, from the key log.
    pub master_secret: Option<Vec<u8>>,
    /// Whether the server accepted a session for resumption.
    pub resumed: bool,
    /// New server sessions issued so far.
    pub issued: usize,
    /// The application asked for the resumed ticket to be replaced.
    pub renew: bool,
    /// The server looked a session id up in its cache.
    pub looked_up: bool,
    /// Whether the client offered TLS 1.2 tickets (known once its hello is read).
    pub client_offers_ticket: Option<bool>,
    /// A session was found but the server has peer verification on and no
    /// session id context: OpenSSL fails the handshake.
    pub id_context_uninitialized: bool,
    /// Secrets for the key log: (label, client random, secret).
    pub secrets: Vec<(&'static str, Vec<u8>, Vec<u8>)>,
    /// The peer verification result of this handshake: of the peer's chain
    /// once verified, else of the session being resumed.
    pub verify_result: Option<i64>,
    /// The server resumed a session from a stateless ticket.
    pub resumed_from_ticket: bool,
}

/// Shared handle on a connection's capture.
pub type SharedCapture = Arc<Mutex<Capture>>;

/// Client store: offers only the session given by `SSL_set_session`.
#[derive(Debug)]
pub struct ClientStore {
    offered: Option<Arc<Session>>,
    capture: SharedCapture,
}

impl std::fmt::Debug for Capture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Capture")
            .field("events", &self.events.len())
            .finish()
    }
}

impl ClientStore {
    /// A store offering `offered` (if any) and capturing into `capture`.
    pub fn new(offered: Option<Arc<Session>>, capture: SharedCapture) -> Self {
        ClientStore { offered, capture }
    }
}

impl ClientSessionStore for ClientStore {
    fn set_kx_hint(&self, _: ServerName<'static>, _: NamedGroup) {}

    fn kx_hint(&self, _: &ServerName<'_>) -> Option<NamedGroup> {
        None
    }

    fn set_tls12_session(&self, _: ServerName<'static>, value: Tls12ClientSessionValue) {
        self.capture
            .lock()
            .events
            .push(Captured::ClientTls12(value));
    }

    fn tls12_session(&self, _: &ServerName<'_>) -> Option<Tls12ClientSessionValue> {
        self.offered.as_ref()?.tls12_client_value()
    }

    fn remove_tls12_session(&self, _: &ServerName<'static>) {}

    fn insert_tls13_ticket(&self, _: ServerName<'static>, value: Tls13ClientSessionValue) {
        self.capture
            .lock()
            .events
            .push(Captured::ClientTls13(value));
    }

    fn take_tls13_ticket(&self, _: &ServerName<'static>) -> Option<Tls13ClientSessionValue> {
        self.offered.as_ref()?.take_tls13_client_value()
    }
}

/// How a server connection may use its context's cache.
#[derive(Clone, Debug)]
pub struct ServerCachePolicy {
    /// The context that owns new sessions.
    pub owner: u64,
    /// Session id context new sessions get and resumed ones must match.
    pub id_context: Vec<u8>,
    /// Timeout of new sessions.
    pub timeout: i64,
    /// Look sessions up in the internal cache.
    pub lookup: bool,
    /// Give rustls session ids / stateful tickets at all.
    pub stateful: bool,
    /// Give a session id to a client that does not do tickets, though
    /// tickets are on (OpenSSL's fallback).
    pub id_for_ticketless: bool,
    /// `SSL_VERIFY_PEER` is on: resuming without a session id context is an error.
    pub verify_peer: bool,
}

impl ServerCachePolicy {
    /// OpenSSL refuses to resume at all, failing the handshake, when peer
    /// verification is on and no session id context was set.
    fn refuses(&self, capture: &SharedCapture) -> bool {
        let refuse = self.verify_peer && self.id_context.is_empty();
        if refuse {
            capture.lock().id_context_uninitialized = true;
        }
        refuse
    }
}

/// Server store: the context's cache seen through one connection, and
/// behind it the application's external cache (the get-session hook).
pub struct ServerStore {
    cache: Arc<ServerCache>,
    policy: ServerCachePolicy,
    capture: SharedCapture,
    external: Option<(Arc<dyn GetSessionHook>, Weak<Connection>)>,
}

impl std::fmt::Debug for ServerStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerStore")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl ServerStore {
    /// A store over `cache` with `policy`, capturing into `capture`; `external`
    /// is asked when the cache has nothing (with the connection it serves).
    pub fn new(
        cache: Arc<ServerCache>,
        policy: ServerCachePolicy,
        capture: SharedCapture,
        external: Option<(Arc<dyn GetSessionHook>, Weak<Connection>)>,
    ) -> Self {
        ServerStore {
            cache,
            policy,
            capture,
            external,
        }
    }

    fn resume(&self, s: Arc<Session>) -> Option<Vec<u8>> {
        if self.policy.refuses(&self.capture) {
            return None;
        }
        let value = s.server_value()?;
        let mut c = self.capture.lock();
        c.resumed = true;
        c.verify_result = Some(s.verify_result());
        c.events.push(Captured::ServerResumed(s));
        Some(value)
    }

    fn find(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.capture.lock().looked_up = true;
        if self.policy.lookup {
            match self.cache.lookup(key, &self.policy.id_context) {
                Lookup::Hit(s) => return self.resume(s),
                Lookup::Expired(s) => {
                    self.capture.lock().events.push(Captured::Removed(s));
                    return None;
                }
                Lookup::Miss => {}
            }
        }
        let (hook, conn) = self.external.as_ref()?;
        let conn = conn.upgrade()?;
        // Called with no lock held: the hook may call back into sessl.
        let s = hook.get_session(&conn, key)?;
        if *s.id_context() != *self.policy.id_context || s.expired() || s.is_marked_not_resumable()
        {
            return None;
        }
        self.capture
            .lock()
            .events
            .push(Captured::ExternalHit(s.clone()));
        self.resume(s)
    }
}

/// After a resumption OpenSSL issues one TLS 1.3 ticket, after a full handshake all of them.
fn may_issue(c: &Capture) -> bool {
    !(c.resumed && c.issued >= 1)
}

impl StoresServerSessions for ServerStore {
    fn put(&self, key: Vec<u8>, value: Vec<u8>) -> bool {
        let mut c = self.capture.lock();
        if !may_issue(&c) {
            return false;
        }
        c.issued += 1;
        let p = &self.policy;
        let s = Arc::new(Session::from_server_value(
            p.owner,
            key,
            p.id_context.clone(),
            p.timeout,
            value,
        ));
        c.events.push(Captured::ServerNew(s));
        true
    }

    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.find(key)
    }

    /// A stateful TLS 1.3 ticket: OpenSSL 3.0 leaves it in the cache.
    fn take(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.find(key)
    }

    fn can_cache(&self) -> bool {
        self.policy.stateful
            || (self.policy.id_for_ticketless
                && self.capture.lock().client_offers_ticket == Some(false))
    }
}

/// Ticket producer: the context's keys (or the application's, through the
/// ticket key hook), with the session id context, time and timeout sealed
/// into each ticket so that a mismatched or expired ticket is refused, and
/// each ticket issued seen as a new session.
pub struct Tickets {
    inner: Arc<dyn ProducesTickets>,
    policy: ServerCachePolicy,
    enabled: bool,
    capture: SharedCapture,
    keys: Option<(Arc<dyn TicketKeyHook>, Weak<Connection>)>,
}

impl std::fmt::Debug for Tickets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tickets")
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

impl Tickets {
    /// Wraps the context's ticket keys for one connection.
    pub fn new(
        inner: Arc<dyn ProducesTickets>,
        policy: ServerCachePolicy,
        enabled: bool,
        capture: SharedCapture,
        keys: Option<(Arc<dyn TicketKeyHook>, Weak<Connection>)>,
    ) -> Self {
        Tickets {
            inner,
            policy,
            enabled,
            capture,
            keys,
        }
    }

    fn seal(&self, plain: &[u8]) -> Option<Vec<u8>> {
        match &self.keys {
            Some((hook, conn)) => hook.encrypt(&*conn.upgrade()?, plain),
            None => self.inner.encrypt(plain),
        }
    }

    /// The plaintext of a ticket, and whether the application asked to renew it.
    fn open(&self, ticket: &[u8]) -> Option<(Vec<u8>, bool)> {
        match &self.keys {
            Some((hook, conn)) => hook.decrypt(&*conn.upgrade()?, ticket),
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

/// What a ticket holds besides rustls' value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TicketHeader<'a> {
    id_context: &'a [u8],
    time: i64,
    timeout: i64,
    /// The peer verification result, restored on resumption.
    verify_result: i64,
}

fn seal_header(h: &TicketHeader<'_>, plain: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(25 + h.id_context.len() + plain.len());
    out.push(h.id_context.len() as u8);
    out.extend_from_slice(h.id_context);
    out.extend_from_slice(&h.time.to_be_bytes());
    out.extend_from_slice(&h.timeout.to_be_bytes());
    out.extend_from_slice(&h.verify_result.to_be_bytes());
    out.extend_from_slice(plain);
    out
}

/// Splits a sealed ticket into its header and rustls' value.
fn open_header(sealed: &[u8]) -> Option<(TicketHeader<'_>, &[u8])> {
    let (&n, rest) = sealed.split_first()?;
    let n = n as usize;
    if rest.len() < n + 24 {
        return None;
    }
    let (id_context, rest) = rest.split_at(n);
    let field = |i: usize| {
        rest[i * 8..i * 8 + 8]
            .try_into()
            .ok()
            .map(i64::from_be_bytes)
    };
    let header = TicketHeader {
        id_context,
        time: field(0)?,
        timeout: field(1)?,
        verify_result: field(2)?,
    };
    Some((header, &rest[24..]))
}

impl ProducesTickets for Tickets {
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
            if !may_issue(&c) || (c.resumed && renew_only && !c.renew) {
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
        let ticket = self.seal(&seal_header(&header, plain))?;
        let s = Session::from_server_value(
            p.owner,
            ticket_session_id(plain),
            p.id_context.clone(),
            p.timeout,
            plain.to_vec(),
        );
        s.set_time(now);
        let mut c = self.capture.lock();
        c.issued += 1;
        c.events.push(Captured::ServerNew(Arc::new(s)));
        Some(ticket)
    }

    fn decrypt(&self, cipher: &[u8]) -> Option<Vec<u8>> {
        let (sealed, renew) = self.open(cipher)?;
        let (header, plain) = open_header(&sealed)?;
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
        c.renew = renew;
        c.events.push(Captured::ServerResumed(Arc::new(s)));
        Some(plain.to_vec())
    }
}

/// The labels rustls logs, as `&'static str` so captures need not allocate them.
const LABELS: &[&str] = &[
    "CLIENT_RANDOM",
    "CLIENT_EARLY_TRAFFIC_SECRET",
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
    "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    "CLIENT_TRAFFIC_SECRET_0",
    "SERVER_TRAFFIC_SECRET_0",
    "EXPORTER_SECRET",
    "EARLY_EXPORTER_SECRET",
];

/// Key log: keeps the TLS 1.2 master secret for the connection's session,
/// and every secret when the context has a key-log hook.
#[derive(Debug)]
pub struct SecretLog {
    capture: SharedCapture,
    all: bool,
}

impl SecretLog {
    /// A key log capturing into `capture`; `all` keeps every secret for the hook.
    pub fn new(capture: SharedCapture, all: bool) -> Self {
        SecretLog { capture, all }
    }
}

impl KeyLog for SecretLog {
    fn log(&self, label: &str, client_random: &[u8], secret: &[u8]) {
        let mut c = self.capture.lock();
        if label == "CLIENT_RANDOM" {
            c.master_secret = Some(secret.to_vec());
        }
        if let Some(label) = LABELS.iter().find(|l| **l == label).filter(|_| self.all) {
            c.secrets
                .push((label, client_random.to_vec(), secret.to_vec()));
        }
    }

    fn will_log(&self, label: &str) -> bool {
        self.all || label == "CLIENT_RANDOM"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_round_trip_and_truncation() {
        let header = TicketHeader {
            id_context: b"ctx",
            time: 5,
            timeout: 7,
            verify_result: 20,
        };
        let sealed = seal_header(&header, b"value");
        assert_eq!(open_header(&sealed), Some((header, &b"value"[..])));
        assert_eq!(open_header(&sealed[..10]), None);
        assert_eq!(open_header(&[]), None);
    }
}
