//! What rustls hands a connection during a handshake (sessions, tickets,
//! secrets, the resumption it accepted), gathered by the per-connection
//! objects rustls calls so the connection can expose it and fire the
//! callbacks once rustls has returned.

use std::sync::Arc;

use parking_lot::Mutex;
use rustls::client::{Tls12ClientSessionValue, Tls13ClientSessionValue};

use crate::session::{Secret, Session};

/// Something rustls produced during one step of the handshake.
pub enum HandshakeEvent {
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

/// What rustls handed one connection during its current handshake, shared
/// between the connection and the objects rustls calls (stores, ticketer,
/// key log).
#[derive(Default)]
pub struct HandshakeCapture {
    /// Events in the order rustls produced them.
    pub events: Vec<HandshakeEvent>,
    /// The TLS 1.2 master secret, from the key log.
    pub master_secret: Option<Secret>,
    /// TLS 1.3's handshake and first application traffic secrets, by key
    /// log label, for the records sessl opens again (`message_tap`).
    pub traffic_secrets: Vec<(&'static str, Secret)>,
    /// Whether the server accepted a session for resumption.
    pub resumed: bool,
    /// New server sessions issued so far.
    pub sessions_issued: usize,
    /// The application asked for the resumed ticket to be replaced.
    pub renew_ticket: bool,
    /// The server looked a session id up in its cache.
    pub looked_up: bool,
    /// Whether the client offered TLS 1.2 tickets (known once its hello is read).
    pub client_offers_ticket: Option<bool>,
    /// The client offered TLS 1.2 tickets but sent no ticket.
    pub client_ticket_empty: bool,
    /// A session was found but the server has peer verification on and no
    /// session id context: OpenSSL fails the handshake.
    pub id_context_uninitialized: bool,
    /// The application's decrypt ticket callback answered
    /// `SSL_TICKET_RETURN_ABORT`: OpenSSL fails the handshake.
    pub ticket_aborted: bool,
    /// Secrets for the key log: (label, client random, secret).
    pub secrets: Vec<(&'static str, Vec<u8>, Secret)>,
    /// The peer verification result of this handshake: of the peer's chain
    /// once verified, else of the session being resumed.
    pub verify_result: Option<i64>,
    /// The server resumed a session from a stateless ticket.
    pub resumed_from_ticket: bool,
    /// The ClientHello's random, from the key log (`SSL_get_client_random`).
    pub client_random: Option<[u8; 32]>,
    /// The scheme of the peer's handshake signature, once verified.
    pub peer_signature_scheme: Option<u16>,
    /// The scheme this end's key signed the handshake with.
    pub own_signature_scheme: Option<u16>,
}

/// The capture of one connection, shared with what rustls calls.
pub type SharedHandshakeCapture = Arc<Mutex<HandshakeCapture>>;

impl std::fmt::Debug for HandshakeCapture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HandshakeCapture")
            .field("events", &self.events.len())
            .finish()
    }
}

impl HandshakeCapture {
    /// Whether the server may issue another session: after a resumption
    /// OpenSSL issues one TLS 1.3 ticket, after a full handshake all of them.
    pub fn may_issue_session(&self) -> bool {
        !(self.resumed && self.sessions_issued >= 1)
    }
}
