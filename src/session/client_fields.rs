//! The fields of a client session that come from rustls' value: its id (the
//! TLS 1.2 session id or, as in OpenSSL, the SHA-256 of the ticket), the
//! ticket, its lifetime hint and (TLS 1.2) the extended master secret.
//! rustls keeps them crate-private, so they are read from its `Debug` output
//! (`ClientValueFields`), which costs more than the rest of making the
//! session; most programs never ask, so a session made from a value reads
//! them the first time one of them is asked for (once, for every thread).

use std::sync::OnceLock;

use aws_lc_rs::digest;
use rustls::client::Tls13ClientSessionValue;

use super::client_value::ClientValueFields;
use super::session::{Resumption, Session, SessionId};

/// Whether a session carries a ticket, and the ticket's lifetime hint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct TicketFacts {
    pub(super) has_ticket: bool,
    pub(super) lifetime_hint: u64,
}

/// A session's ticket facts: given when it was made, or read from its
/// rustls client value on first use.
#[derive(Debug)]
pub(super) struct ValueFields {
    facts: OnceLock<TicketFacts>,
    /// The lifetime hint of a TLS 1.2 ticket as the server sent it (rustls
    /// keeps at most a week of it), when read from the server's message.
    tls12_ticket_hint: Option<u32>,
}

impl ValueFields {
    /// Facts known when the session is made.
    pub(super) fn given(facts: TicketFacts) -> Self {
        ValueFields {
            facts: OnceLock::from(facts),
            tls12_ticket_hint: None,
        }
    }

    /// Facts to read from the session's rustls value on first use.
    pub(super) fn from_value(tls12_ticket_hint: Option<u32>) -> Self {
        ValueFields {
            facts: OnceLock::new(),
            tls12_ticket_hint,
        }
    }
}

/// What is kept of a TLS 1.3 client ticket once rustls took it to offer it:
/// its common part (ticket, lifetime, resumption secret, as OpenSSL's
/// session keeps them), from which the session's fields are still read.
pub struct SpentTicket(Box<dyn std::fmt::Debug + Send + Sync>);

impl SpentTicket {
    /// The part of `value` the fields are read from.
    pub(super) fn of(value: &Tls13ClientSessionValue) -> Self {
        // rustls' `ClientSessionCommon`, reachable only through `Deref`.
        SpentTicket(Box::new(std::ops::Deref::deref(value).clone()))
    }
}

impl std::fmt::Debug for SpentTicket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SpentTicket")
    }
}

/// The fields of a client value, and whether it is a TLS 1.2 one.
fn read_fields(value: &Resumption) -> Option<(ClientValueFields, bool)> {
    match value {
        Resumption::ClientTls12(v) => Some((ClientValueFields::of(v), true)),
        // The common part alone: the fields before it (the suite) are not needed.
        Resumption::ClientTls13(v) => Some((ClientValueFields::of(&**v), false)),
        Resumption::ClientTls13Spent(SpentTicket(common)) => {
            Some((ClientValueFields::of(&**common), false))
        }
        Resumption::None | Resumption::Server(_) => None,
    }
}

/// OpenSSL's id for a client session: the SHA-256 of its ticket, or without
/// one the session id the server gave.
fn id_for(v: &ClientValueFields) -> SessionId {
    let id = if v.ticket.is_empty() {
        SessionId::new(&v.session_id)
    } else {
        SessionId::new(digest::digest(&digest::SHA256, &v.ticket).as_ref())
    };
    id.unwrap_or_default()
}

impl Session {
    /// Whether the session has a ticket and its lifetime hint; for a
    /// session made from a rustls value, the first call reads them and puts
    /// the id, the ticket and the extended master secret in place. Callers
    /// hold none of the session's locks.
    pub(super) fn ticket_facts(&self) -> TicketFacts {
        *self
            .value_fields
            .facts
            .get_or_init(|| self.read_value_fields())
    }

    fn read_value_fields(&self) -> TicketFacts {
        let Some((v, tls12)) = self.shared_resumption().with_value(read_fields) else {
            return TicketFacts::default();
        };
        let has_ticket = !v.ticket.is_empty();
        let lifetime_hint = match self.value_fields.tls12_ticket_hint {
            Some(hint) if tls12 && has_ticket => u64::from(hint),
            _ => v.lifetime_secs,
        };
        *self.id.write() = id_for(&v);
        self.update_details(|d| {
            d.ticket = v.ticket.into();
            if tls12 {
                d.extended_master_secret = v.extended_ms;
            }
        });
        TicketFacts {
            has_ticket,
            lifetime_hint,
        }
    }
}
