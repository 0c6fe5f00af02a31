//! Turning what rustls gives a client (a TLS 1.2 session or a TLS 1.3 ticket)
//! into a `Session` with OpenSSL's parameters. The fields rustls keeps
//! crate-private (id, ticket, lifetime hint) are read from the value when
//! first asked for (`crate::session::SpentTicket`'s module).

use rustls::client::{Tls12ClientSessionValue, Tls13ClientSessionValue};

use super::options::{TLS1_2_VERSION, TLS1_3_VERSION};
use crate::session::{Resumption, Session, SessionParameters};

/// What a client connection (and the context it was made from) puts into
/// each session it makes, beside the fields of rustls' value.
pub struct ClientConnectionInputs {
    /// The context that owns the session.
    pub owner: u64,
    /// The negotiated cipher suite.
    pub cipher_suite: u16,
    /// The session id context of the connection.
    pub id_context: Vec<u8>,
    /// The TLS 1.2 master secret, when the key log saw it.
    pub master_secret: Option<crate::session::Secret>,
    /// Timeout given to the session.
    pub timeout: i64,
    /// The lifetime hint of the TLS 1.2 ticket as the server sent it
    /// (rustls keeps at most a week of it).
    pub tls12_ticket_hint: Option<u32>,
}

fn parameters(c: &ClientConnectionInputs, version: u16, suite: u16) -> SessionParameters {
    SessionParameters {
        owner: c.owner,
        protocol_version: version,
        cipher_suite: suite,
        // Read from rustls' value when first asked for
        // (`Session::from_client_value`).
        id: Vec::new(),
        id_context: c.id_context.clone(),
        // The connection records the name it sent once it knows the
        // server acknowledged it (`Connection::drain_capture`).
        hostname: None,
        master_key: if version == TLS1_2_VERSION {
            c.master_secret.clone().unwrap_or_default()
        } else {
            Default::default()
        },
        has_ticket: false,
        ticket_lifetime_hint: 0,
    }
}

/// A session for a TLS 1.2 client value.
pub fn tls12_session(c: &ClientConnectionInputs, value: Tls12ClientSessionValue) -> Session {
    let f = parameters(c, TLS1_2_VERSION, c.cipher_suite);
    Session::from_client_value(
        f,
        c.timeout,
        Resumption::ClientTls12(value),
        c.tls12_ticket_hint,
    )
}

/// A session for a TLS 1.3 ticket.
pub fn tls13_session(c: &ClientConnectionInputs, value: Tls13ClientSessionValue) -> Session {
    let suite = u16::from(value.suite().common.suite);
    let f = parameters(c, TLS1_3_VERSION, suite);
    let max_early_data = value.max_early_data_size();
    let s = Session::from_client_value(f, c.timeout, Resumption::ClientTls13(value), None);
    s.set_max_early_data(max_early_data);
    s
}

#[cfg(test)]
mod lazy_tests;
