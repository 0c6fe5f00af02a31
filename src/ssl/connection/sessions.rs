//! A connection's sessions: what rustls stored turned into `Session`s, the
//! cache updated and the callbacks queued as OpenSSL does (`ssl_update_cache`),
//! a bad session discarded, and the session a finished handshake leaves.

use std::sync::Arc;

use rustls::HandshakeKind;

use super::{Connection, Role, State, StateGuard};
use crate::session::{CacheStats, Session, SessionParameters, Side};
use crate::ssl::capture::HandshakeEvent;
use crate::ssl::client_session::{self, ClientConnectionInputs};
use crate::ssl::options::*;

impl Connection {
    /// OpenSSL's `SSL_CTX_remove_session` for a bad session.
    pub(super) fn discard_session(&self, st: &mut StateGuard<'_>, s: &Arc<Session>) {
        if self.ctx.take_out_session(s).is_none() {
            return;
        }
        // The remove callback hears of it even when the session was kept in
        // an external cache only, so that cache can drop it too.
        st.pending_callbacks.removed_sessions.push(s.clone());
    }

    /// OpenSSL's `ssl_clear_bad_session`: a finished handshake without a
    /// close_notify sent leaves a session that must not be resumed.
    pub(super) fn clear_bad_session(&self, st: &mut StateGuard<'_>) -> bool {
        if st.finished && !st.fatal && !st.sent_shutdown {
            if let Some(s) = st.session.clone() {
                self.discard_session(st, &s);
                return true;
            }
        }
        false
    }

    pub(super) fn client_facts(&self, st: &mut StateGuard<'_>) -> ClientConnectionInputs {
        let suite = st
            .tls
            .as_ref()
            .and_then(|t| t.negotiated_cipher_suite())
            .map(|s| u16::from(s.suite()))
            .unwrap_or(0);
        ClientConnectionInputs {
            owner: self.ctx.id(),
            cipher_suite: suite,
            id_context: st.settings.id_context.clone(),
            master_secret: st.capture.lock().master_secret.clone(),
            timeout: self.ctx.with_settings(|s| s.timeout),
            tls12_ticket_hint: st.record_cursor.new_ticket_hint(),
        }
    }

    /// Turns what the adapters captured into sessions and queued callbacks.
    pub(super) fn drain_capture(&self, st: &mut StateGuard<'_>) {
        let (events, secrets) = {
            let mut c = st.capture.lock();
            if c.events.is_empty() && c.secrets.is_empty() {
                // Most calls into rustls capture nothing.
                return;
            }
            (
                std::mem::take(&mut c.events),
                std::mem::take(&mut c.secrets),
            )
        };
        st.pending_callbacks.secrets.extend(secrets);
        if events.is_empty() {
            return;
        }
        let (mode, verify_peer) = self
            .ctx
            .with_settings(|s| (s.cache_mode, s.verify_mode & VERIFY_PEER != 0));
        for e in events {
            let new = match e {
                HandshakeEvent::ClientTls12(v) => {
                    // rustls saves a resumed TLS 1.2 session again; unless the
                    // server sent a new ticket, OpenSSL keeps the offered one.
                    if Self::is_resumed(st) && !st.record_cursor.new_ticket_seen() {
                        continue;
                    }
                    let facts = self.client_facts(st);
                    let s = Arc::new(client_session::tls12_session(&facts, v));
                    // rustls saves the resumed session again; OpenSSL keeps
                    // the offered one unless the server sent a new ticket.
                    if Self::resumes(st, &s) {
                        continue;
                    }
                    s
                }
                HandshakeEvent::ClientTls13(v) => {
                    let facts = self.client_facts(st);
                    Arc::new(client_session::tls13_session(&facts, v))
                }
                HandshakeEvent::ServerNew(s) => {
                    self.record_server_name(st, &s);
                    s
                }
                HandshakeEvent::ServerResumed(s) => {
                    if st.capture.lock().resumed_from_ticket {
                        self.record_server_name(st, &s);
                    }
                    CacheStats::bump(&self.ctx.stats().hits);
                    st.verify_result = s.verify_result();
                    self.set_current_session(st, Some(s));
                    st.session_from_handshake = true;
                    continue;
                }
                HandshakeEvent::Removed(s) => {
                    st.pending_callbacks.removed_sessions.push(s);
                    continue;
                }
                HandshakeEvent::ExternalHit(s) => {
                    // OpenSSL keeps what the get callback found in its own cache too.
                    CacheStats::bump(&self.ctx.stats().cb_hits);
                    if mode & SESS_CACHE_NO_INTERNAL_STORE == 0 {
                        let (_, removed) = self.ctx.cache().insert(s);
                        st.pending_callbacks.removed_sessions.extend(removed);
                    }
                    continue;
                }
            };
            if st.role == Some(Role::Client) {
                self.record_sent_name(st, &new);
            }
            new.set_verify_result(st.verify_result);
            record_peer(st, &new);
            self.set_current_session(st, Some(new.clone()));
            st.session_from_handshake = true;
            self.update_cache(st, new, mode, verify_peer);
        }
    }

    /// A server session records the client's name when the servername
    /// callback accepted it, as OpenSSL's (a ticket's session is rebuilt
    /// under the same name: rustls resumes only under it).
    fn record_server_name(&self, st: &State, s: &Session) {
        if st.server_name_accepted {
            s.set_hostname(st.hostname.as_deref());
        }
    }

    /// A client session records the name the client sent when the server
    /// acknowledged it (TLS 1.2: its ServerHello says so; TLS 1.3, where the
    /// answer is encrypted: whenever it was sent), and a resumption's
    /// session the offered session's name, as OpenSSL's.
    fn record_sent_name(&self, st: &State, s: &Session) {
        let name = if Self::is_resumed(st) {
            st.session.as_ref().and_then(|offered| offered.hostname())
        } else {
            let tls12 = s.protocol_version() == u16::from(rustls::ProtocolVersion::TLSv1_2);
            let acknowledged = !tls12
                || st
                    .record_cursor
                    .flight()
                    .is_some_and(|f| crate::ssl::ServerFlight::parse(f).acknowledged_server_name());
            Self::name_to_send(st).filter(|_| acknowledged)
        };
        s.set_hostname(name.as_deref());
    }

    pub(super) fn is_resumed(st: &State) -> bool {
        st.tls.as_ref().and_then(|t| t.handshake_kind()) == Some(HandshakeKind::Resumed)
    }

    /// Whether `s` is the session the client offered and just resumed.
    pub(super) fn resumes(st: &State, s: &Session) -> bool {
        Self::is_resumed(st) && st.session.as_ref().is_some_and(|cur| cur.id() == s.id())
    }

    /// OpenSSL's `ssl_update_cache`: store a new session and report it.
    pub(super) fn update_cache(
        &self,
        st: &mut StateGuard<'_>,
        s: Arc<Session>,
        mode: u32,
        verify_peer: bool,
    ) {
        let server = s.side() == Side::Server;
        let bit = if server {
            SESS_CACHE_SERVER
        } else {
            SESS_CACHE_CLIENT
        };
        // The mode first: a client session made from a rustls value reads
        // its id only when asked (`Session::from_client_value`).
        if mode & bit == 0 {
            return;
        }
        if s.id().is_empty() || (server && s.id_context().is_empty() && verify_peer) {
            return;
        }
        // A TLS 1.3 server's stateless ticket is cached only when a remove
        // callback is set, so that it hears of the session's timeout. An
        // early-data server's tickets are stateful: always cached.
        let stateless = server
            && s.protocol_version() == TLS1_3_VERSION
            && st.settings.options & OP_NO_TICKET == 0
            && !super::early_data::early_data_server(&st.settings)
            && self.ctx.remove_session_hook().is_none();
        if mode & SESS_CACHE_NO_INTERNAL_STORE == 0 && !stateless {
            let (_, removed) = self.ctx.cache().insert(s.clone());
            st.pending_callbacks.removed_sessions.extend(removed);
        }
        st.pending_callbacks.new_sessions.push(s);
    }

    /// The handshake has just completed: counted, and a connection that got
    /// no session out of it is given one.
    pub(super) fn finish_handshake(&self, st: &mut StateGuard<'_>) {
        st.finished = true;
        let Some(tls) = st.tls.as_ref() else { return };
        let server = matches!(**tls, rustls::Connection::Server(_));
        let resumed = tls.handshake_kind() == Some(HandshakeKind::Resumed);
        self.count_finished_handshake(st, server, resumed);
        if resumed && !server {
            self.use_tls13_ticket_once(st);
            return;
        }
        if st.session_from_handshake {
            return;
        }
        self.set_placeholder_session(st, server);
    }

    /// OpenSSL's client takes a TLS 1.3 session it has just resumed out of
    /// its cache (the remove callback told), so that a ticket is used once.
    fn use_tls13_ticket_once(&self, st: &mut StateGuard<'_>) {
        let tls13 = st.tls.as_ref().and_then(|t| t.protocol_version())
            == Some(rustls::ProtocolVersion::TLSv1_3);
        let mode = self.ctx.with_settings(|s| s.cache_mode);
        if tls13 && mode & SESS_CACHE_CLIENT != 0 {
            if let Some(s) = st.session.clone() {
                self.discard_session(st, &s);
            }
        }
    }

    /// The context's statistics for a completed handshake, and OpenSSL's
    /// periodic flush of expired sessions.
    fn count_finished_handshake(&self, st: &mut StateGuard<'_>, server: bool, resumed: bool) {
        let good = if server {
            &self.ctx.stats().accept_good
        } else {
            &self.ctx.stats().connect_good
        };
        // OpenSSL flushes expired sessions on every 256th good handshake of
        // the side the cache serves (checked before counting it), unless
        // told not to.
        let mode = self.ctx.with_settings(|s| s.cache_mode);
        let side = if server {
            SESS_CACHE_SERVER
        } else {
            SESS_CACHE_CLIENT
        };
        if mode & SESS_CACHE_NO_AUTO_CLEAR == 0
            && mode & side != 0
            && CacheStats::read(good) & 0xff == 0xff
        {
            let flushed = self.ctx.cache().flush();
            st.pending_callbacks.removed_sessions.extend(flushed);
        }
        CacheStats::bump(good);
        // OpenSSL looks every TLS 1.2 ClientHello up in the cache, with or
        // without a session id, and counts a miss when nothing came of it;
        // rustls asks only when there is an id.
        let tls12 = st.tls.as_ref().and_then(|t| t.protocol_version())
            == Some(rustls::ProtocolVersion::TLSv1_2);
        if server
            && tls12
            && !resumed
            && !st.capture.lock().looked_up
            && mode & SESS_CACHE_NO_INTERNAL_LOOKUP == 0
        {
            CacheStats::bump(&self.ctx.stats().misses);
        }
    }

    /// No session came out of rustls (TLS 1.3 before any ticket, or no id
    /// and no ticket): the connection still has one, not resumable.
    fn set_placeholder_session(&self, st: &mut StateGuard<'_>, server: bool) {
        let Some(tls) = st.tls.as_ref() else { return };
        let version = tls.protocol_version().map(u16::from).unwrap_or(0);
        let suite = tls
            .negotiated_cipher_suite()
            .map(|s| u16::from(s.suite()))
            .unwrap_or(0);
        let master_key = if version == TLS1_2_VERSION {
            st.capture.lock().master_secret.clone().unwrap_or_default()
        } else {
            Default::default()
        };
        let facts = SessionParameters {
            owner: self.ctx.id(),
            protocol_version: version,
            cipher_suite: suite,
            id: Vec::new(),
            id_context: st.settings.id_context.clone(),
            hostname: None,
            master_key,
            has_ticket: false,
            ticket_lifetime_hint: 0,
        };
        let side = if server { Side::Server } else { Side::Client };
        let timeout = self.ctx.with_settings(|s| s.timeout);
        let placeholder = Arc::new(Session::new(
            side,
            facts,
            timeout,
            crate::session::Resumption::None,
        ));
        placeholder.set_verify_result(st.verify_result);
        record_peer(st, &placeholder);
        let placeholder = Some(placeholder);
        self.set_current_session(st, placeholder);
    }
}

/// Records the peer's certificate (`SSL_SESSION_get0_peer`) and, as OpenSSL
/// does, the ALPN protocol agreed (`SSL_SESSION_get0_alpn_selected`) in a
/// session the handshake made.
fn record_peer(st: &State, s: &Session) {
    let Some(tls) = st.tls.as_ref() else { return };
    let peer = tls.peer_certificates();
    s.set_peer_certificate(peer.and_then(|c| c.first()).map(|c| c.as_ref()));
    if let Some(alpn) = tls.alpn_protocol() {
        s.set_alpn_selected(alpn);
    }
}
