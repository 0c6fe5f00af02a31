//! What rustls hands a connection during a handshake (sessions, tickets,
//! secrets, the resumption it accepted), gathered by the per-connection
//! objects rustls calls so the connection can expose it and fire the
//! callbacks once rustls has returned.

use std::sync::Arc;

use parking_lot::Mutex;
use rustls::client::{Tls12ClientSessionValue, Tls13ClientSessionValue};

use crate::session::Session;

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

impl std::fmt::Debug for Capture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Capture")
            .field("events", &self.events.len())
            .finish()
    }
}

/// After a resumption OpenSSL issues one TLS 1.3 ticket, after a full handshake all of them.
pub fn may_issue(c: &Capture) -> bool {
    !(c.resumed && c.issued >= 1)
}
