//! Turning what rustls gives a client (a TLS 1.2 session or a TLS 1.3 ticket)
//! into a `Session` with OpenSSL's parameters: like OpenSSL, a session that came
//! with a ticket has the SHA-256 of the ticket as its id.

use aws_lc_rs::digest;
use rustls::client::{Tls12ClientSessionValue, Tls13ClientSessionValue};

use super::client_value::ClientValueFields;
use super::options::{TLS1_2_VERSION, TLS1_3_VERSION};
use crate::session::{Resumption, Session, SessionParameters, Side};

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

fn id_for(v: &ClientValueFields) -> Vec<u8> {
    if v.ticket.is_empty() {
        v.session_id.clone()
    } else {
        digest::digest(&digest::SHA256, &v.ticket).as_ref().to_vec()
    }
}

fn parameters(
    c: &ClientConnectionInputs,
    version: u16,
    v: &ClientValueFields,
    suite: u16,
) -> SessionParameters {
    SessionParameters {
        owner: c.owner,
        protocol_version: version,
        cipher_suite: suite,
        id: id_for(v),
        id_context: c.id_context.clone(),
        // The connection records the name it sent once it knows the
        // server acknowledged it (`Connection::drain_capture`).
        hostname: None,
        master_key: if version == TLS1_2_VERSION {
            c.master_secret.clone().unwrap_or_default()
        } else {
            Default::default()
        },
        has_ticket: !v.ticket.is_empty(),
        ticket_lifetime_hint: match c.tls12_ticket_hint {
            Some(hint) if version == TLS1_2_VERSION && !v.ticket.is_empty() => u64::from(hint),
            _ => v.lifetime_secs,
        },
    }
}

/// A session for a TLS 1.2 client value.
pub fn tls12_session(c: &ClientConnectionInputs, value: Tls12ClientSessionValue) -> Session {
    let v = ClientValueFields::of(&value);
    let f = parameters(c, TLS1_2_VERSION, &v, c.cipher_suite);
    let s = Session::new(Side::Client, f, c.timeout, Resumption::ClientTls12(value));
    s.set_ticket(&v.ticket);
    s.set_extended_master_secret(v.extended_ms);
    s
}

/// A session for a TLS 1.3 ticket.
pub fn tls13_session(c: &ClientConnectionInputs, value: Tls13ClientSessionValue) -> Session {
    // The common part alone: the fields before it (the suite) are not needed.
    let v = ClientValueFields::of(&*value);
    let suite = u16::from(value.suite().common.suite);
    let f = parameters(c, TLS1_3_VERSION, &v, suite);
    let max_early_data = value.max_early_data_size();
    let s = Session::new(
        Side::Client,
        f,
        c.timeout,
        Resumption::ClientTls13(Some(value)),
    );
    s.set_ticket(&v.ticket);
    s.set_max_early_data(max_early_data);
    s
}
