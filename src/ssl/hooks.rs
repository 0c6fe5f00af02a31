//! The application's hooks on a context: told of sessions made and removed,
//! finding sessions kept elsewhere, key logging, ticket keys, the ClientHello.

use std::any::Any;
use std::sync::Arc;

use super::connection::Connection;
use super::context::Context;
use crate::session::Session;

/// Told of each new session (OpenSSL's new-session callback).
pub trait NewSessionHook: Send + Sync {
    /// A connection made `session`; the hook owns the reference it is given.
    fn new_session(&self, conn: &Connection, session: Arc<Session>);
    /// The hook as `Any`, so its owner can recognise it.
    fn as_any(&self) -> &dyn Any;
}

/// Told of each session removed from the internal cache (OpenSSL's remove callback).
pub trait RemoveSessionHook: Send + Sync {
    /// `session` left the cache of `ctx`.
    fn session_removed(&self, ctx: &Context, session: &Arc<Session>);
    /// The hook as `Any`, so its owner can recognise it.
    fn as_any(&self) -> &dyn Any;
}

/// Told of each secret a connection derives (`SSL_CTX_set_keylog_callback`).
pub trait KeyLogHook: Send + Sync {
    /// `label` as in the NSS key log format, with the connection's client random.
    fn log(&self, conn: &Connection, label: &str, client_random: &[u8], secret: &[u8]);
}

/// Finds sessions kept outside sessl (OpenSSL's get-session callback).
pub trait GetSessionHook: Send + Sync {
    /// The session stored for `id`, if any.
    fn get_session(&self, conn: &Connection, id: &[u8]) -> Option<Arc<Session>>;
    /// The hook as `Any`, so its owner can recognise it.
    fn as_any(&self) -> &dyn Any;
}

/// Seals and opens session tickets with the application's keys (OpenSSL's
/// ticket key callback), replacing the context's own keys.
pub trait TicketKeyHook: Send + Sync {
    /// A ticket holding `plain`, or `None` to issue none.
    fn encrypt(&self, conn: &Connection, plain: &[u8]) -> Option<Vec<u8>>;
    /// What a ticket holds, and whether it should be replaced by a new one.
    fn decrypt(&self, conn: &Connection, ticket: &[u8]) -> Option<(Vec<u8>, bool)>;
}

/// How a server found a ticket (OpenSSL's `SSL_TICKET_STATUS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketStatus {
    /// A TLS 1.2 client offered tickets but sent none (`SSL_TICKET_EMPTY`).
    Empty,
    /// The ticket could not be opened (`SSL_TICKET_NO_DECRYPT`).
    NoDecrypt,
    /// Opened (`SSL_TICKET_SUCCESS`).
    Success,
    /// Opened, and the key hook asked for a new one (`SSL_TICKET_SUCCESS_RENEW`).
    SuccessRenew,
}

/// What the application decided about a ticket (OpenSSL's `SSL_TICKET_RETURN`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketDecision {
    /// Fail the handshake (`SSL_TICKET_RETURN_ABORT`).
    Abort,
    /// Do not resume with it (`SSL_TICKET_RETURN_IGNORE`).
    Ignore,
    /// Do not resume with it; send a new ticket (`SSL_TICKET_RETURN_IGNORE_RENEW`).
    IgnoreRenew,
    /// Resume with it (`SSL_TICKET_RETURN_USE`).
    Use,
    /// Resume with it and send a new ticket (`SSL_TICKET_RETURN_USE_RENEW`).
    UseRenew,
}

/// The application's session ticket hooks (`SSL_CTX_set_session_ticket_cb`).
pub trait SessionTicketHook: Send + Sync {
    /// A server is about to seal `session` into a ticket; the connection
    /// shows it as its session meanwhile, so the application can give it
    /// ticket data. `false` issues no ticket.
    fn generate(&self, conn: &Connection) -> bool;
    /// A server opened a ticket (`session`, `None` when it could not):
    /// whether to resume with it.
    fn decrypted(
        &self,
        conn: &Connection,
        session: Option<&Arc<Session>>,
        status: TicketStatus,
    ) -> TicketDecision;
}

/// Asked whether a server's new session must not be resumed (OpenSSL's
/// not-resumable session callback).
pub trait NotResumableHook: Send + Sync {
    /// True refuses resumption of the session of `conn`'s full handshake.
    fn not_resumable(&self, conn: &Connection, forward_secure: bool) -> bool;
}

/// A connection's own not-resumable hook (`SSL_set_not_resumable_session_callback`),
/// kept in the connection's extras; it replaces the context's.
#[derive(Default)]
pub struct ConnectionNotResumableHook(pub Option<Arc<dyn NotResumableHook>>);

/// A ClientHello hook's refusal: the handshake fails, and the client is sent
/// this fatal alert (OpenSSL's `SSL_AD_*`, e.g. 112 `unrecognized_name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelloRefused(pub u8);

impl HelloRefused {
    /// `handshake_failure`: a refusal that names no alert of its own.
    pub const HANDSHAKE_FAILURE: HelloRefused = HelloRefused(40);
    /// `no_application_protocol`: what OpenSSL sends when the ALPN callback fails.
    pub const NO_APPLICATION_PROTOCOL: HelloRefused = HelloRefused(120);
    /// `internal_error`: OpenSSL's answer to an ALPN callback that accepted
    /// but selected nothing (it cannot copy an empty selection).
    pub const INTERNAL_ERROR: HelloRefused = HelloRefused(80);
}

/// What an application callback on a server's ClientHello decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelloStep {
    /// Go on with the handshake.
    Continue,
    /// Stop here: the handshake call returns, and the next one asks again.
    Retry,
    /// Fail the handshake, sending this alert.
    Fail(u8),
}

/// Sees a server's ClientHello before the handshake goes on, in OpenSSL's
/// order: `early` (the ClientHello callback, with the ClientHello readable
/// through [`Connection::client_hello`]), `client_hello` (the servername
/// callback), then `alpn` and `certificate` (the ALPN-select and certificate
/// callbacks: under TLS 1.2 the certificate first).
pub trait ClientHelloHook: Send + Sync {
    /// Before anything is decided from the ClientHello.
    fn early(&self, _conn: &Connection) -> HelloStep {
        HelloStep::Continue
    }

    /// Before the server's certificate is chosen.
    fn certificate(&self, _conn: &Connection) -> HelloStep {
        HelloStep::Continue
    }

    /// The ALPN protocol to agree on (one of `offered`, or `None` to keep
    /// what `client_hello` chose), or `Err` to refuse the handshake.
    fn alpn(
        &self,
        _conn: &Connection,
        _offered: &[Vec<u8>],
    ) -> Result<Option<Vec<u8>>, HelloRefused> {
        Ok(None)
    }

    /// The ALPN protocol to agree on (one of `alpn`, or `None`), or `Err` to
    /// refuse the handshake.
    fn client_hello(
        &self,
        conn: &Connection,
        server_name: Option<&str>,
        alpn: &[Vec<u8>],
    ) -> Result<Option<Vec<u8>>, HelloRefused>;
}

/// Told of a connection's progress (OpenSSL's info callback): handshake
/// start, loop and exit, handshake done, alerts sent and received.
pub trait InfoHook: Send + Sync {
    /// OpenSSL's `where` bits (`SSL_CB_*`) and `ret` for one event.
    fn info(&self, conn: &Connection, where_: i32, ret: i32);
}

/// Sets (or clears) the info hook of every connection of `ctx` that has none of its own.
pub fn set_context_info_hook(ctx: &Context, hook: Option<Arc<dyn InfoHook>>) {
    ctx.set_info_hook(hook);
}

/// The info hook of `ctx`, if any.
pub fn context_info_hook(ctx: &Context) -> Option<Arc<dyn InfoHook>> {
    ctx.info_hook()
}

/// Told of each record header, handshake message, ChangeCipherSpec and
/// alert a connection reads or writes (OpenSSL's message callback).
pub trait MessageHook: Send + Sync {
    /// One event: `write` (else read), OpenSSL's version and content type
    /// (`SSL3_RT_HEADER`, `SSL3_RT_INNER_CONTENT_TYPE` or the record's), the bytes.
    fn message(
        &self,
        conn: &Connection,
        write: bool,
        version: i32,
        content_type: i32,
        bytes: &[u8],
    );
}
