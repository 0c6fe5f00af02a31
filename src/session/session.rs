//! `Session`: one TLS session (OpenSSL's `SSL_SESSION`), its parameters and the
//! rustls value that resumes it.

use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU16, Ordering};
use std::sync::{Arc, OnceLock};

use parking_lot::{Mutex, RwLock};
use rustls::client::{Tls12ClientSessionValue, Tls13ClientSessionValue};

use super::attachments::Attachments;
use super::client_fields::{SpentTicket, TicketFacts, ValueFields};
use super::clock::now_secs;
use super::details::SessionDetails;
use super::exported::{new_token, ExportToken};
use super::server_value::ServerValueFields;

/// OpenSSL's default session timeout in seconds (`SSL_CTX_get_timeout` of a new context).
pub const DEFAULT_TIMEOUT_SECS: i64 = 7200;

/// Which end of a connection made a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Received by a client (from a ServerHello session id or a ticket).
    Client,
    /// Issued by a server (a cache entry or a ticket it sent).
    Server,
}

/// What rustls needs to resume a session.
pub enum Resumption {
    /// Nothing: the session can describe a connection but not resume one.
    None,
    /// A TLS 1.2 client session (session id and/or ticket).
    ClientTls12(Tls12ClientSessionValue),
    /// A TLS 1.3 client ticket; rustls tickets are single-use, so offering takes it.
    ClientTls13(Tls13ClientSessionValue),
    /// A TLS 1.3 client ticket already offered: what the session's fields
    /// are read from is kept.
    ClientTls13Spent(SpentTicket),
    /// A server session: rustls' encoded `ServerSessionValue` (its master secret inside).
    Server(super::Secret),
}

impl std::fmt::Debug for Resumption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Resumption::None => "None",
            Resumption::ClientTls12(_) => "ClientTls12",
            Resumption::ClientTls13(_) => "ClientTls13",
            Resumption::ClientTls13Spent(_) => "ClientTls13(spent)",
            Resumption::Server(_) => "Server",
        })
    }
}

/// A session's resumption value, shared with the session's copies when it
/// cannot be copied (a TLS 1.3 client ticket) and with the sessions
/// `d2i_SSL_SESSION` reads back from its encoding in the same process.
#[derive(Debug)]
pub struct SharedResumption {
    value: Mutex<Resumption>,
    /// The token the encoding names the value by, made at the first encoding.
    export_token: OnceLock<Option<ExportToken>>,
}

impl SharedResumption {
    /// `value`, not yet exported.
    pub fn new(value: Resumption) -> Self {
        SharedResumption {
            value: Mutex::new(value),
            export_token: OnceLock::new(),
        }
    }

    /// The token naming this value (the same each time), or `None` when no
    /// random token could be made.
    pub fn export_token(&self) -> Option<ExportToken> {
        *self.export_token.get_or_init(new_token)
    }

    /// `f` of the value, locked meanwhile.
    pub(super) fn with_value<R>(&self, f: impl FnOnce(&Resumption) -> R) -> R {
        f(&self.value.lock())
    }
}

/// A session id or session id context: at most 32 bytes, kept inline so a
/// C caller can be lent a pointer to them.
#[repr(C)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SessionId {
    bytes: [u8; 32],
    len: u8,
}

impl SessionId {
    /// The id `bytes`, or `None` when longer than 32 bytes.
    pub fn new(bytes: &[u8]) -> Option<Self> {
        let mut id = SessionId::default();
        id.bytes.get_mut(..bytes.len())?.copy_from_slice(bytes);
        id.len = bytes.len() as u8;
        Some(id)
    }
}

impl std::ops::Deref for SessionId {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

impl std::fmt::Debug for SessionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// What a session is made of: the parameters negotiated for it (version,
/// suite, master key, ticket) and how it is found (owner, id, id context, name).
#[derive(Clone, Debug, Default)]
pub struct SessionParameters {
    /// Identifies the context (cache owner) that made the session; 0 for none.
    pub owner: u64,
    /// Wire protocol version, e.g. 0x0304 for TLS 1.3.
    pub protocol_version: u16,
    /// IANA cipher suite number.
    pub cipher_suite: u16,
    /// Session id (up to 32 bytes; empty when the session has none).
    pub id: Vec<u8>,
    /// Session id context the session was made under.
    pub id_context: Vec<u8>,
    /// Server name (SNI) the session was made for.
    pub hostname: Option<String>,
    /// The master key (TLS 1.2) or resumption PSK (TLS 1.3) when known.
    pub master_key: super::Secret,
    /// Whether the session carries a ticket.
    pub has_ticket: bool,
    /// The ticket lifetime hint the server gave, in seconds.
    pub ticket_lifetime_hint: u64,
}

impl SessionParameters {
    fn ticket_facts(&self) -> TicketFacts {
        TicketFacts {
            has_ticket: self.has_ticket,
            lifetime_hint: self.ticket_lifetime_hint,
        }
    }
}

/// One TLS session. Shared as `Arc<Session>`: the Arc's count is the session's
/// reference count.
#[derive(Debug)]
pub struct Session {
    side: Side,
    parameters: SessionParameters,
    /// Whether it has a ticket and the ticket's lifetime hint; for a client
    /// session made from a rustls value, read from it on first use with the
    /// id, the ticket and the extended master secret.
    pub(super) value_fields: ValueFields,
    pub(super) id: RwLock<SessionId>,
    id_context: RwLock<SessionId>,
    protocol_version: AtomicU16,
    pub(super) details: RwLock<SessionDetails>,
    pub(super) attachments: Attachments,
    time: AtomicI64,
    timeout: AtomicI64,
    not_resumable: AtomicBool,
    verify_result: AtomicI64,
    /// Shared with the session's copies (`duplicate`) only for a TLS 1.3
    /// client ticket, which rustls lets be offered once, and with the
    /// sessions decoded from its encoding in this process.
    resumption: Arc<SharedResumption>,
}

impl Session {
    /// A session made now with the given parameters, timeout and resumption value.
    pub fn new(
        side: Side,
        parameters: SessionParameters,
        timeout: i64,
        resumption: Resumption,
    ) -> Self {
        Self::with_shared_resumption(
            side,
            parameters,
            timeout,
            Arc::new(SharedResumption::new(resumption)),
        )
    }

    /// A client session made now from rustls' `value` (`ClientTls12` or
    /// `ClientTls13`): its id, ticket, ticket lifetime hint and extended
    /// master secret are read from the value when first asked for (the
    /// `id`, `has_ticket` and `ticket_lifetime_hint` of `parameters` are
    /// not used). `tls12_ticket_hint`: the lifetime hint of a TLS 1.2
    /// ticket as the server sent it (rustls keeps at most a week of it).
    pub fn from_client_value(
        parameters: SessionParameters,
        timeout: i64,
        value: Resumption,
        tls12_ticket_hint: Option<u32>,
    ) -> Self {
        Self::assemble(
            Side::Client,
            parameters,
            timeout,
            Arc::new(SharedResumption::new(value)),
            ValueFields::from_value(tls12_ticket_hint),
        )
    }

    /// A session made now resuming through a value shared with other sessions.
    pub(super) fn with_shared_resumption(
        side: Side,
        parameters: SessionParameters,
        timeout: i64,
        resumption: Arc<SharedResumption>,
    ) -> Self {
        let given = ValueFields::given(parameters.ticket_facts());
        Self::assemble(side, parameters, timeout, resumption, given)
    }

    fn assemble(
        side: Side,
        parameters: SessionParameters,
        timeout: i64,
        resumption: Arc<SharedResumption>,
        value_fields: ValueFields,
    ) -> Self {
        let details = SessionDetails {
            cipher_suite: parameters.cipher_suite,
            hostname_nul: parameters
                .hostname
                .as_ref()
                .map(|h| h.bytes().chain([0]).collect()),
            master_key: parameters.master_key.clone(),
            ..Default::default()
        };
        let id = SessionId::new(&parameters.id).unwrap_or_default();
        let id_context = SessionId::new(&parameters.id_context).unwrap_or_default();
        Session {
            side,
            details: RwLock::new(details),
            attachments: Attachments::default(),
            value_fields,
            id: RwLock::new(id),
            id_context: RwLock::new(id_context),
            protocol_version: AtomicU16::new(parameters.protocol_version),
            parameters,
            time: AtomicI64::new(now_secs()),
            timeout: AtomicI64::new(timeout),
            not_resumable: AtomicBool::new(false),
            verify_result: AtomicI64::new(0),
            resumption,
        }
    }

    /// The resumption value, as shared.
    pub(super) fn shared_resumption(&self) -> &Arc<SharedResumption> {
        &self.resumption
    }

    /// A server session from rustls' encoded value, keyed by `id`.
    pub fn from_server_value(
        owner: u64,
        id: Vec<u8>,
        id_context: Vec<u8>,
        timeout: i64,
        value: Vec<u8>,
    ) -> Self {
        let parsed = ServerValueFields::parse(&value).unwrap_or_default();
        let parameters = SessionParameters {
            owner,
            protocol_version: parsed.protocol_version,
            cipher_suite: parsed.cipher_suite,
            id,
            id_context,
            // The connection records the name when the servername callback
            // accepted it (`Connection::drain_capture`), as OpenSSL does.
            hostname: None,
            master_key: parsed.master_secret,
            has_ticket: false,
            ticket_lifetime_hint: 0,
        };
        let s = Session::new(
            Side::Server,
            parameters,
            timeout,
            Resumption::Server(value.into()),
        );
        s.update_details(|d| {
            d.extended_master_secret = parsed.extended_ms;
            d.peer_certificate = parsed.client_certificate;
            d.alpn_selected = parsed.alpn.into();
            d.ticket_appdata =
                (!parsed.application_data.is_empty()).then(|| parsed.application_data.into());
        });
        s
    }

    /// The side that made the session.
    pub fn side(&self) -> Side {
        self.side
    }

    /// The parameters the session was made with (its id and id context may
    /// have changed since: see `id` and `id_context`; a session made from a
    /// rustls value has its id, ticket and lifetime hint only through
    /// `id`, `has_ticket` and `ticket_lifetime_hint`).
    pub fn parameters(&self) -> &SessionParameters {
        &self.parameters
    }

    /// The session id (`SSL_SESSION_get_id`).
    pub fn id(&self) -> SessionId {
        self.ticket_facts();
        *self.id.read()
    }

    /// Sets the session id (`SSL_SESSION_set1_id`); false when longer than 32 bytes.
    /// Like OpenSSL, not for a session already in a cache.
    pub fn set_id(&self, id: &[u8]) -> bool {
        self.ticket_facts();
        SessionId::new(id).map(|id| *self.id.write() = id).is_some()
    }

    /// Where the id's bytes are kept, for lending to C (valid until `set_id`).
    pub fn id_bytes_ptr(&self) -> *const u8 {
        self.ticket_facts();
        self.id.data_ptr().cast()
    }

    /// The session id context (`SSL_SESSION_get0_id_context`).
    pub fn id_context(&self) -> SessionId {
        *self.id_context.read()
    }

    /// Sets the session id context (`SSL_SESSION_set1_id_context`); false when longer than 32 bytes.
    pub fn set_id_context(&self, ctx: &[u8]) -> bool {
        super::id_context(ctx)
            .map(|c| *self.id_context.write() = c)
            .is_some()
    }

    /// Where the id context's bytes are kept, for lending to C.
    pub fn id_context_bytes_ptr(&self) -> *const u8 {
        self.id_context.data_ptr().cast()
    }

    /// The id of the context that made the session.
    pub fn owner(&self) -> u64 {
        self.parameters.owner
    }

    /// Creation time, seconds since the epoch (`SSL_SESSION_get_time`).
    pub fn time(&self) -> i64 {
        self.time.load(Ordering::Relaxed)
    }

    /// Sets the creation time (`SSL_SESSION_set_time`).
    pub fn set_time(&self, t: i64) {
        self.time.store(t, Ordering::Relaxed);
    }

    /// Lifetime in seconds (`SSL_SESSION_get_timeout`).
    pub fn timeout(&self) -> i64 {
        self.timeout.load(Ordering::Relaxed)
    }

    /// Sets the lifetime in seconds (`SSL_SESSION_set_timeout`).
    pub fn set_timeout(&self, t: i64) {
        self.timeout.store(t, Ordering::Relaxed);
    }

    /// Whether the session has expired at time `t` (seconds since the epoch):
    /// as in OpenSSL, once `time + timeout` is strictly before `t`.
    pub fn expired_at(&self, t: i64) -> bool {
        self.time().saturating_add(self.timeout()) < t
    }

    /// Whether the session has expired now.
    pub fn expired(&self) -> bool {
        self.expired_at(now_secs())
    }

    /// OpenSSL's `SSL_SESSION_is_resumable`: not marked bad, and has an id or a ticket.
    pub fn is_resumable(&self) -> bool {
        !self.not_resumable.load(Ordering::Relaxed) && (!self.id().is_empty() || self.has_ticket())
    }

    /// The result of verifying the peer when the session was made
    /// (`X509_V_OK` or an `X509_V_ERR_*` code); a resumption restores it.
    pub fn verify_result(&self) -> i64 {
        self.verify_result.load(Ordering::Relaxed)
    }

    /// Records the result of verifying the peer.
    pub fn set_verify_result(&self, code: i64) {
        self.verify_result.store(code, Ordering::Relaxed);
    }

    /// Marks the session as never to be resumed again (after an unclean end).
    pub fn mark_not_resumable(&self) {
        self.not_resumable.store(true, Ordering::Relaxed);
    }

    /// Whether the session was marked not resumable.
    pub fn is_marked_not_resumable(&self) -> bool {
        self.not_resumable.load(Ordering::Relaxed)
    }

    /// A TLS 1.2 client value to offer rustls, if this session holds one.
    pub fn tls12_client_value(&self) -> Option<Tls12ClientSessionValue> {
        match &*self.resumption.value.lock() {
            Resumption::ClientTls12(v) => Some(v.clone()),
            _ => None,
        }
    }

    /// Takes the TLS 1.3 client ticket (single-use in rustls), if still
    /// unspent; what the session's fields are read from stays.
    pub fn take_tls13_client_value(&self) -> Option<Tls13ClientSessionValue> {
        let mut r = self.resumption.value.lock();
        match std::mem::replace(&mut *r, Resumption::None) {
            Resumption::ClientTls13(v) => {
                *r = Resumption::ClientTls13Spent(SpentTicket::of(&v));
                Some(v)
            }
            other => {
                *r = other;
                None
            }
        }
    }

    /// Whether this is a TLS 1.3 client session whose ticket was already offered.
    pub fn is_spent(&self) -> bool {
        matches!(
            &*self.resumption.value.lock(),
            Resumption::ClientTls13Spent(_)
        )
    }

    /// The encoded rustls server value, for a server session.
    pub fn server_value(&self) -> Option<Vec<u8>> {
        match &*self.resumption.value.lock() {
            Resumption::Server(v) => Some(v.to_vec()),
            _ => None,
        }
    }

    /// Whether the session holds a value rustls resumes from (a server
    /// value or a client session, even a spent TLS 1.3 ticket).
    pub fn has_resumption_value(&self) -> bool {
        !matches!(&*self.resumption.value.lock(), Resumption::None)
    }

    /// `SSL_SESSION_dup`: a new session with the same fields, times, marks
    /// and resumption value, and no attachments. rustls lets a TLS 1.3 client
    /// ticket be offered once, so the copy shares it: offering either spends both.
    pub fn duplicate(&self) -> Session {
        let resumption = {
            let r = self.resumption.value.lock();
            match &*r {
                Resumption::None => Some(Resumption::None),
                Resumption::ClientTls12(v) => Some(Resumption::ClientTls12(v.clone())),
                Resumption::Server(v) => Some(Resumption::Server(v.clone())),
                Resumption::ClientTls13(_) | Resumption::ClientTls13Spent(_) => None,
            }
        };
        let resumption = match resumption {
            Some(r) => Arc::new(SharedResumption::new(r)),
            None => self.resumption.clone(),
        };
        Session {
            side: self.side,
            parameters: self.parameters.clone(),
            value_fields: ValueFields::given(self.ticket_facts()),
            details: RwLock::new(self.details()),
            attachments: Attachments::default(),
            id: RwLock::new(self.id()),
            id_context: RwLock::new(self.id_context()),
            protocol_version: AtomicU16::new(self.protocol_version()),
            time: AtomicI64::new(self.time()),
            timeout: AtomicI64::new(self.timeout()),
            not_resumable: AtomicBool::new(self.is_marked_not_resumable()),
            verify_result: AtomicI64::new(self.verify_result()),
            resumption,
        }
    }

    /// Replaces a server session's rustls value (a ticket's, once the
    /// application gave it ticket data); nothing for other sessions.
    pub fn set_server_value(&self, value: Vec<u8>) {
        if let Resumption::Server(v) = &mut *self.resumption.value.lock() {
            *v = value.into();
        }
    }

    /// The protocol version (`SSL_SESSION_get_protocol_version`).
    pub fn protocol_version(&self) -> u16 {
        self.protocol_version.load(Ordering::Relaxed)
    }

    /// Sets the protocol version (`SSL_SESSION_set_protocol_version`).
    pub fn set_protocol_version(&self, version: u16) {
        self.protocol_version.store(version, Ordering::Relaxed);
    }

    /// Whether the session carries a ticket (`SSL_SESSION_has_ticket`).
    pub fn has_ticket(&self) -> bool {
        self.ticket_facts().has_ticket
    }

    /// The ticket lifetime hint (`SSL_SESSION_get_ticket_lifetime_hint`).
    pub fn ticket_lifetime_hint(&self) -> u64 {
        self.ticket_facts().lifetime_hint
    }
}

impl Drop for Session {
    /// Releases what other layers attached (the application's ex_data free
    /// callbacks run here) while the session is still whole.
    fn drop(&mut self) {
        let attached = self.attachments.take_all();
        let whole: &Session = self;
        for a in attached {
            a.release(whole);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parameters(id: &[u8]) -> SessionParameters {
        SessionParameters {
            id: id.to_vec(),
            ..Default::default()
        }
    }

    #[test]
    fn resumable_needs_id_or_ticket_and_no_mark() {
        let s = Session::new(Side::Client, parameters(b""), 10, Resumption::None);
        assert!(!s.is_resumable());
        let s = Session::new(Side::Client, parameters(b"abc"), 10, Resumption::None);
        assert!(s.is_resumable());
        s.mark_not_resumable();
        assert!(!s.is_resumable());
    }

    #[test]
    fn a_duplicate_has_its_own_fields() {
        let s = Session::new(
            Side::Server,
            parameters(b"abc"),
            10,
            Resumption::Server(vec![1].into()),
        );
        s.set_time(100);
        s.set_verify_result(20);
        let d = s.duplicate();
        assert_eq!((d.id(), d.time(), d.verify_result()), (s.id(), 100, 20));
        assert_eq!(d.server_value(), Some(vec![1]));
        d.set_id(b"xyz");
        d.set_hostname(Some("copy"));
        assert_eq!(&*s.id(), b"abc");
        assert_eq!(s.hostname(), None);
    }

    #[test]
    fn expiry_follows_time_and_timeout() {
        let s = Session::new(Side::Server, parameters(b"x"), 10, Resumption::None);
        s.set_time(100);
        assert!(!s.expired_at(110));
        assert!(s.expired_at(111));
        s.set_timeout(20);
        assert!(!s.expired_at(111));
    }
}
