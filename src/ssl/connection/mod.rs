//! `Connection` (OpenSSL's `SSL`): one TLS connection over a byte transport,
//! its handshake state and the session it uses.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Arc, Weak};

use arc_swap::ArcSwapOption;
use parking_lot::{Mutex, MutexGuard};
use rustls::client::{Resumption as ClientResumption, Tls12Resumption};
use rustls::server::Acceptor;
use rustls::{ClientConnection, HandshakeKind, ServerConnection};
use rustls_pki_types::ServerName;

use super::adapters::{
    Capture, ClientStore, SecretLog, ServerCachePolicy, ServerStore, SharedCapture, Tickets,
};
use super::cipher::{self, Cipher};
use super::client_hello;
use super::context::Context;
use super::error::{ErrorDetail, ErrorKind, Failure, IoResult};
use super::extras::Extras;
use super::options::*;
use super::record_reader::{RecordCursor, RecordReader};
use super::verify::{with_connection, X509_V_OK};
use crate::session::{CacheStats, Session, Side};

mod app_data;
mod peer;
mod sessions;
mod state;

use state::{io_failure, Accepting, Local, Pending, State, StateGuard};

/// Which end of the handshake a connection plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Sends the ClientHello.
    Client,
    /// Answers it.
    Server,
}

/// A plaintext fatal protocol_version alert record.
const PROTOCOL_VERSION_ALERT: [u8; 7] = [0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46];

/// A byte source for the connection (a socket, a pipe, ...).
pub type Reader = Box<dyn Read + Send>;
/// A byte sink for the connection.
pub type Writer = Box<dyn Write + Send>;

/// One TLS connection. Shared as `Arc<Connection>`.
pub struct Connection {
    me: Weak<Connection>,
    ctx: Arc<Context>,
    /// The context `SSL_set_SSL_CTX` moved a server connection to, readable
    /// without the state lock (`SSL_get_SSL_CTX` is called from callbacks).
    switched: ArcSwapOption<Context>,
    /// The connection's session, readable without the state lock
    /// (`SSL_get0_session` / `SSL_get1_session` are hot paths).
    current: ArcSwapOption<Session>,
    /// The same session as a plain pointer, for `SSL_get0_session`.
    current_ptr: AtomicPtr<Session>,
    state: Mutex<State>,
    extras: Extras,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection").finish_non_exhaustive()
    }
}

impl Connection {
    /// A connection of `ctx`, not yet started (`SSL_new`).
    pub fn new(ctx: Arc<Context>) -> Arc<Self> {
        let role = match ctx.method() {
            super::context::Method::Client => Some(Role::Client),
            super::context::Method::Server => Some(Role::Server),
            super::context::Method::Any => None,
        };
        let local = ctx.with_settings(|s| Local {
            options: s.options,
            mode: s.mode,
            id_context: s.id_context.clone(),
            num_tickets: s.num_tickets,
            verify_mode: s.verify_mode,
            min_version: s.min_version,
            max_version: s.max_version,
        });
        Arc::new_cyclic(|me| Connection {
            me: me.clone(),
            ctx,
            switched: ArcSwapOption::empty(),
            current: ArcSwapOption::empty(),
            current_ptr: AtomicPtr::new(std::ptr::null_mut()),
            state: Mutex::new(State {
                role,
                tls: None,
                reader: None,
                writer: None,
                record: RecordCursor::default(),
                capture: SharedCapture::default(),
                session: None,
                session_from_handshake: false,
                hostname: None,
                local,
                verify_result: X509_V_OK,
                verified_chain: Vec::new(),
                peer_ca_names: Vec::new(),
                last_error: ErrorKind::None,
                sent_shutdown: false,
                received_shutdown: false,
                finished: false,
                fatal: false,
                plaintext_pending: 0,
                write_progress: 0,
                pending: Pending::default(),
                error_detail: None,
                quiet_shutdown: false,
                accepting: None,
            }),
            extras: Extras::default(),
        })
    }

    /// The context the connection was made from.
    pub fn context(&self) -> &Arc<Context> {
        &self.ctx
    }

    /// Moves a server connection that has not answered the ClientHello yet to
    /// another context's certificate, as `SSL_set_SSL_CTX` does from a
    /// servername callback; versions, sessions and ticket keys stay those of
    /// the connection and its original context. `false` for a client or once
    /// the server has answered.
    pub fn switch_context(&self, ctx: Arc<Context>) -> bool {
        let st = self.state.lock();
        if st.role == Some(Role::Client) || st.tls.is_some() {
            return false;
        }
        self.switched
            .store((!Arc::ptr_eq(&ctx, &self.ctx)).then_some(ctx));
        true
    }

    /// The context `switch_context` chose, if any.
    pub fn switched_context(&self) -> Option<Arc<Context>> {
        self.switched.load_full()
    }

    /// Runs `f` on the state, then fires the callbacks it queued with no lock held.
    fn with_state<R>(&self, f: impl FnOnce(&mut StateGuard<'_>) -> R) -> R {
        let (r, pending) = {
            let mut st = self.state.lock();
            let r = f(&mut st);
            (r, std::mem::take(&mut st.pending))
        };
        self.fire(pending);
        r
    }

    fn fire(&self, pending: Pending) {
        if !pending.secrets.is_empty() {
            if let Some(hook) = self.ctx.key_log_hook() {
                for (label, random, secret) in &pending.secrets {
                    hook.log(self, label, random, secret);
                }
            }
        }
        if !pending.new_sessions.is_empty() {
            if let Some(hook) = self.ctx.new_session_hook() {
                for s in pending.new_sessions {
                    hook.new_session(self, s);
                }
            }
        }
        self.ctx.removed(pending.removed);
    }

    /// Values the embedding layer keeps with the connection.
    pub fn extras(&self) -> &Extras {
        &self.extras
    }

    /// Why the last call failed, taken (each failure is reported once).
    pub fn take_error_detail(&self) -> Option<ErrorDetail> {
        self.state.lock().error_detail.take()
    }

    /// The peer's certificate chain, leaf first, once the handshake has seen it.
    pub fn peer_certificates(&self) -> Option<Vec<rustls_pki_types::CertificateDer<'static>>> {
        let st = self.state.lock();
        let certs = st.tls.as_ref()?.peer_certificates()?;
        Some(certs.iter().map(|c| c.clone().into_owned()).collect())
    }

    /// The ALPN protocol agreed, if any.
    pub fn alpn_protocol(&self) -> Option<Vec<u8>> {
        let st = self.state.lock();
        st.tls.as_ref()?.alpn_protocol().map(<[u8]>::to_vec)
    }

    /// Sets the byte source and sink (`SSL_set_fd`, `SSL_set_bio`).
    pub fn set_transport(&self, reader: Option<Reader>, writer: Option<Writer>) {
        let mut st = self.state.lock();
        if reader.is_some() {
            st.reader = reader;
        }
        if writer.is_some() {
            st.writer = writer;
        }
    }

    /// Makes the connection a client (`SSL_set_connect_state`).
    pub fn set_connect_state(&self) {
        self.state.lock().role = Some(Role::Client);
    }

    /// Makes the connection a server (`SSL_set_accept_state`).
    pub fn set_accept_state(&self) {
        self.state.lock().role = Some(Role::Server);
    }

    /// The role, if set.
    pub fn role(&self) -> Option<Role> {
        self.state.lock().role
    }

    /// Sets the server name to send (`SSL_set_tlsext_host_name`).
    pub fn set_hostname(&self, name: Option<String>) -> bool {
        if let Some(n) = &name {
            if n.is_empty() || n.len() > 255 {
                return false;
            }
        }
        self.state.lock().hostname = name;
        true
    }

    /// The server name sent (client) or received (server).
    pub fn hostname(&self) -> Option<String> {
        let st = self.state.lock();
        match st.tls.as_deref() {
            Some(rustls::Connection::Server(s)) => s.server_name().map(str::to_owned),
            _ => st.hostname.clone(),
        }
    }

    /// `SSL_set_options`; returns the new options.
    pub fn set_options(&self, op: u64) -> u64 {
        let mut st = self.state.lock();
        st.local.options |= op;
        st.local.options
    }

    /// `SSL_clear_options`; returns the new options.
    pub fn clear_options(&self, op: u64) -> u64 {
        let mut st = self.state.lock();
        st.local.options &= !op;
        st.local.options
    }

    /// `SSL_get_options`.
    pub fn options(&self) -> u64 {
        self.state.lock().local.options
    }

    /// `SSL_set_mode` (`set`) / `SSL_clear_mode`; returns the new mode.
    pub fn change_mode(&self, bits: u64, set: bool) -> u64 {
        let mut st = self.state.lock();
        if set {
            st.local.mode |= bits;
        } else {
            st.local.mode &= !bits;
        }
        st.local.mode
    }

    /// Sets the session id context (`SSL_set_session_id_context`).
    pub fn set_id_context(&self, ctx: &[u8]) -> bool {
        if ctx.len() > 32 {
            return false;
        }
        self.state.lock().local.id_context = ctx.to_vec();
        true
    }

    /// TLS 1.3 tickets sent after a full handshake (`SSL_set_num_tickets`).
    pub fn set_num_tickets(&self, n: usize) {
        self.state.lock().local.num_tickets = n;
    }

    /// `SSL_get_num_tickets`.
    pub fn num_tickets(&self) -> usize {
        self.state.lock().local.num_tickets
    }

    /// The session id context of the connection.
    pub fn id_context(&self) -> crate::session::SessionId {
        crate::session::SessionId::new(&self.state.lock().local.id_context).unwrap_or_default()
    }

    /// The session the connection uses (`SSL_get_session`).
    pub fn session(&self) -> Option<Arc<Session>> {
        self.current.load_full()
    }

    /// The session's address without a reference (`SSL_get0_session`): valid
    /// while the connection keeps the session.
    pub fn session_ptr(&self) -> *const Session {
        self.current_ptr.load(Ordering::Acquire)
    }

    /// Makes `s` the connection's session.
    fn set_current(&self, st: &mut State, s: Option<Arc<Session>>) {
        let ptr = s.as_ref().map_or(std::ptr::null(), Arc::as_ptr);
        self.current.store(s.clone());
        self.current_ptr.store(ptr.cast_mut(), Ordering::Release);
        st.session = s;
    }

    /// Offers `session` for resumption (`SSL_set_session`); `None` clears it.
    pub fn set_session(&self, session: Option<Arc<Session>>) {
        self.with_state(|st| {
            self.clear_bad_session(st);
            self.set_current(st, session);
            st.session_from_handshake = false;
        })
    }

    /// Whether the handshake resumed a session (`SSL_session_reused`).
    pub fn session_reused(&self) -> bool {
        let st = self.state.lock();
        st.tls.as_ref().and_then(|t| t.handshake_kind()) == Some(HandshakeKind::Resumed)
    }

    /// Whether the handshake has completed (`SSL_is_init_finished`).
    pub fn is_init_finished(&self) -> bool {
        let st = self.state.lock();
        st.finished && !st.fatal
    }

    /// The negotiated protocol version, if the handshake got that far.
    pub fn protocol_version(&self) -> Option<u16> {
        let st = self.state.lock();
        st.tls
            .as_ref()
            .and_then(|t| t.protocol_version())
            .map(u16::from)
    }

    /// The negotiated cipher suite (`SSL_get_current_cipher`).
    pub fn cipher(&self) -> Option<&'static Cipher> {
        let st = self.state.lock();
        let suite = st.tls.as_ref()?.negotiated_cipher_suite()?;
        cipher::by_iana(u16::from(suite.suite()))
    }

    /// The `SSL_ERROR_*` kind for a call that returned `ret` (`SSL_get_error`).
    pub fn error_kind(&self, ret: i32) -> ErrorKind {
        if ret > 0 {
            ErrorKind::None
        } else {
            self.state.lock().last_error
        }
    }

    /// `SSL_get_shutdown` bits: 1 sent, 2 received.
    pub fn shutdown_state(&self) -> i32 {
        let st = self.state.lock();
        i32::from(st.sent_shutdown) | (i32::from(st.received_shutdown) << 1)
    }

    /// Sets the shutdown bits without sending anything (`SSL_set_shutdown`).
    pub fn set_shutdown_state(&self, bits: i32) {
        let mut st = self.state.lock();
        st.sent_shutdown = bits & 1 != 0;
        st.received_shutdown = bits & 2 != 0;
    }

    /// Decrypted bytes ready to read (`SSL_pending`).
    pub fn pending(&self) -> usize {
        self.state.lock().plaintext_pending
    }

    fn record<T>(st: &mut State, r: IoResult<T>) -> IoResult<T> {
        st.last_error = match &r {
            Ok(_) => ErrorKind::None,
            Err(f) => f.kind,
        };
        r
    }

    /// Runs the handshake as a client (`SSL_connect`).
    pub fn connect(&self) -> IoResult<()> {
        self.set_connect_state();
        self.do_handshake()
    }

    /// Runs the handshake as a server (`SSL_accept`).
    pub fn accept(&self) -> IoResult<()> {
        self.set_accept_state();
        self.do_handshake()
    }

    /// Runs (or continues) the handshake (`SSL_do_handshake`).
    pub fn do_handshake(&self) -> IoResult<()> {
        self.with_state(|st| {
            let r = self.handshake(st);
            Self::record(st, r)
        })
    }

    fn start(&self, st: &mut StateGuard<'_>) -> IoResult<()> {
        let Some(role) = st.role else {
            st.error_detail = Some(ErrorDetail::NoRole);
            return Err(Failure::new(ErrorKind::Ssl));
        };
        st.capture = SharedCapture::default();
        st.session_from_handshake = false;
        let ctx = &self.ctx;
        let keylog = ctx.key_log_hook().is_some();
        let tls = match role {
            Role::Client => {
                CacheStats::bump(&ctx.stats().connect);
                if st.local.config_key().versions().is_empty() {
                    // OpenSSL tells the server with a protocol_version alert.
                    if let Some(w) = st.writer.as_mut() {
                        let _ = w.write_all(&PROTOCOL_VERSION_ALERT);
                    }
                }
                let base = match ctx.client_config_for(st.local.config_key()) {
                    Ok(b) => b,
                    Err(e) => return Err(Self::setup_failed(st, e)),
                };
                // A session of another context is offered too, as OpenSSL
                // does: programs such as curl make a context per connection.
                let offered = st
                    .session
                    .clone()
                    .filter(|s| s.side() == Side::Client && !s.is_marked_not_resumable());
                let mut config = (*base).clone();
                let tls12 = if st.local.options & OP_NO_TICKET != 0 {
                    Tls12Resumption::SessionIdOnly
                } else {
                    Tls12Resumption::SessionIdOrTickets
                };
                config.resumption = ClientResumption::store(Arc::new(ClientStore::new(
                    offered,
                    st.capture.clone(),
                )))
                .tls12_resumption(tls12);
                config.key_log = Arc::new(SecretLog::new(st.capture.clone(), keylog));
                st.record.watch_for_new_ticket();
                let name = match &st.hostname {
                    Some(h) => ServerName::try_from(h.clone()).unwrap_or(ServerName::IpAddress(
                        IpAddr::V4(Ipv4Addr::LOCALHOST).into(),
                    )),
                    None => ServerName::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST).into()),
                };
                let policy = ctx.peer_policy();
                match with_connection(policy, &self.me, || {
                    ClientConnection::new(Arc::new(config), name)
                }) {
                    Ok(c) => rustls::Connection::Client(c),
                    Err(e) => return Err(Self::setup_failed(st, e.to_string())),
                }
            }
            Role::Server => {
                CacheStats::bump(&ctx.stats().accept);
                st.record.keep_first_record();
                if let Some(hook) = ctx.client_hello_hook() {
                    // The application looks at the ClientHello first (server
                    // name and ALPN callbacks) and may change the connection's
                    // settings: read it before making the configuration.
                    st.accepting = Some(Box::new(Accepting {
                        acceptor: Acceptor::default(),
                        hook,
                    }));
                    return Ok(());
                }
                let config = match self.server_config(st) {
                    Ok(c) => c,
                    Err(e) => return Err(Self::setup_failed(st, e)),
                };
                match ServerConnection::new(Arc::new(config)) {
                    Ok(c) => rustls::Connection::Server(c),
                    Err(e) => return Err(Self::setup_failed(st, e.to_string())),
                }
            }
        };
        st.tls = Some(Box::new(tls));
        Ok(())
    }

    fn handshake(&self, st: &mut StateGuard<'_>) -> IoResult<()> {
        if st.fatal {
            return Err(Failure::new(ErrorKind::Ssl));
        }
        if st.tls.is_none() && st.accepting.is_none() {
            self.start(st)?;
        }
        loop {
            st.flush()?;
            if st.accepting.is_some() {
                self.read_client_hello(st)?;
                continue;
            }
            if !st.tls()?.is_handshaking() {
                if !st.finished {
                    self.complete(st);
                }
                return Ok(());
            }
            self.read_records(st)?;
        }
    }

    /// The connection could not be set up: fatal, with the reason kept.
    fn setup_failed(st: &mut StateGuard<'_>, why: String) -> Failure {
        st.fatal = true;
        st.error_detail = Some(ErrorDetail::Setup(why));
        Failure::new(ErrorKind::Ssl)
    }

    /// The server's configuration for this connection, from its context; the
    /// certificate from the one `SSL_set_SSL_CTX` chose, if any, as in OpenSSL.
    fn server_config(&self, st: &mut StateGuard<'_>) -> Result<rustls::ServerConfig, String> {
        let ctx = &self.ctx;
        let keylog = ctx.key_log_hook().is_some();
        let switched = self.switched.load_full();
        let base = ctx
            .server_config_for(st.local.config_key(), switched.as_deref())
            .map_err(|e| e.to_string())?;
        let (mode, timeout) = ctx.with_settings(|s| (s.cache_mode, s.timeout));
        let verify_mode = st.local.verify_mode;
        let no_ticket = st.local.options & OP_NO_TICKET != 0;
        let server_cache = mode & SESS_CACHE_SERVER != 0;
        let policy = ServerCachePolicy {
            owner: ctx.id(),
            id_context: st.local.id_context.clone(),
            timeout,
            // OpenSSL looks up (and counts misses) whatever the mode, unless told not to.
            lookup: mode & SESS_CACHE_NO_INTERNAL_LOOKUP == 0,
            // OpenSSL gives out session ids only with the server cache mode on.
            stateful: no_ticket && server_cache,
            id_for_ticketless: !no_ticket && server_cache,
            verify_peer: verify_mode & VERIFY_PEER != 0,
        };
        // As OpenSSL's SSL_set_SSL_CTX: the certificate and client CA names
        // of the context switched to, everything else the connection's own.
        let mut config = (*base).clone();
        config.session_storage = Arc::new(ServerStore::new(
            ctx.cache().clone(),
            policy.clone(),
            st.capture.clone(),
            ctx.get_session_hook().map(|hook| (hook, self.me.clone())),
        ));
        config.ticketer = Arc::new(Tickets::new(
            ctx.ticket_keys().clone(),
            policy,
            !no_ticket,
            st.capture.clone(),
            ctx.ticket_key_hook().map(|hook| (hook, self.me.clone())),
        ));
        config.key_log = Arc::new(SecretLog::new(st.capture.clone(), keylog));
        config.send_tls13_tickets = st.local.num_tickets;
        Ok(config)
    }

    /// Before the server connection exists: reads the ClientHello, lets the
    /// application's hook see it (unlocked), then makes the connection with
    /// the protocol the hook chose.
    fn read_client_hello(&self, st: &mut StateGuard<'_>) -> IoResult<()> {
        let read = {
            let st: &mut State = st;
            let (Some(r), Some(accepting)) = (st.reader.as_mut(), st.accepting.as_mut()) else {
                return Err(Failure::new(ErrorKind::Syscall));
            };
            let mut r = RecordReader {
                inner: r.as_mut(),
                cursor: &mut st.record,
            };
            accepting.acceptor.read_tls(&mut r)
        };
        match read {
            Ok(0) => return Err(self.fatal(st, ErrorDetail::UnexpectedEof)),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(()),
            Err(e) => return Err(Failure::new(io_failure(&e))),
        }
        let accepted = match st.accepting.as_mut().map(|a| a.acceptor.accept()) {
            Some(Ok(Some(accepted))) => accepted,
            Some(Ok(None)) => return Ok(()),
            Some(Err((e, mut alert))) => {
                if let Some(w) = st.writer.as_mut() {
                    let _ = alert.write_all(w);
                }
                // OpenSSL calls anything but a ClientHello here unexpected.
                let why = match e {
                    rustls::Error::AlertReceived(_) => {
                        ErrorDetail::Protocol("unexpected message before the ClientHello".into())
                    }
                    other => ErrorDetail::from_tls(&other),
                };
                return Err(self.fatal(st, why));
            }
            None => return Err(Failure::new(ErrorKind::Ssl)),
        };
        self.look_at_client_hello(st);
        let hello = accepted.client_hello();
        let server_name = hello.server_name().map(str::to_owned);
        let alpn: Vec<Vec<u8>> = hello
            .alpn()
            .map(|list| list.map(<[u8]>::to_vec).collect())
            .unwrap_or_default();
        st.hostname = server_name.clone();
        let Some(accepting) = st.accepting.take() else {
            return Err(Failure::new(ErrorKind::Ssl));
        };
        let Accepting { hook, .. } = *accepting;
        let chosen = MutexGuard::unlocked(st, || {
            hook.client_hello(self, server_name.as_deref(), &alpn)
        });
        let Ok(protocol) = chosen else {
            return Err(self.fatal(
                st,
                ErrorDetail::Protocol("ClientHello refused by the application".into()),
            ));
        };
        let mut config = self
            .server_config(st)
            .map_err(|e| Self::setup_failed(st, e))?;
        config.alpn_protocols = protocol.into_iter().collect();
        let policy = self.ctx.peer_policy();
        let made = MutexGuard::unlocked(st, || {
            with_connection(policy, &self.me, || {
                accepted.into_connection(Arc::new(config))
            })
        });
        self.take_verdict(st);
        match made {
            Ok(conn) => {
                st.tls = Some(Box::new(rustls::Connection::Server(conn)));
                self.absorb(st);
                Ok(())
            }
            Err((e, mut alert)) => {
                if let Some(w) = st.writer.as_mut() {
                    let _ = alert.write_all(w);
                }
                self.absorb(st);
                Err(self.fatal(st, ErrorDetail::from_tls(&e)))
            }
        }
    }

    /// Reads from the transport once and processes what arrived.
    fn read_records(&self, st: &mut StateGuard<'_>) -> IoResult<()> {
        let read = {
            let st: &mut State = st;
            let Some(r) = st.reader.as_mut() else {
                return Err(Failure::new(ErrorKind::Syscall));
            };
            let tls = st.tls.as_mut().ok_or(Failure::new(ErrorKind::Ssl))?;
            let mut r = RecordReader {
                inner: r.as_mut(),
                cursor: &mut st.record,
            };
            loop {
                match tls.read_tls(&mut r) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            }
        };
        match read {
            Ok(0) => {
                let _ = self.run_rustls(st)?;
                if st.tls()?.is_handshaking() || !st.received_shutdown {
                    return Err(self.fatal(st, ErrorDetail::UnexpectedEof));
                }
                Err(Failure::new(ErrorKind::Syscall))
            }
            Ok(_) => {
                self.look_at_client_hello(st);
                self.process(st)
            }
            Err(e) => Err(Failure::new(io_failure(&e))),
        }
    }

    /// On a server, notes once whether the client's hello offers tickets.
    fn look_at_client_hello(&self, st: &mut StateGuard<'_>) {
        let offers = st
            .record
            .first_record()
            .and_then(client_hello::offers_session_ticket);
        if let Some(offers) = offers {
            let mut c = st.capture.lock();
            if c.client_offers_ticket.is_none() {
                c.client_offers_ticket = Some(offers);
            }
        }
    }

    /// Lets rustls process what was read, with the state unlocked: rustls may
    /// call the session callbacks, which may call back into this connection.
    fn run_rustls(
        &self,
        st: &mut StateGuard<'_>,
    ) -> IoResult<Result<rustls::IoState, rustls::Error>> {
        let mut tls = st.tls.take().ok_or(Failure::new(ErrorKind::Ssl))?;
        let policy = self.ctx.peer_policy();
        let me = &self.me;
        let processed = MutexGuard::unlocked(st, || {
            with_connection(policy, me, || tls.process_new_packets())
        });
        st.tls = Some(tls);
        Ok(processed)
    }

    fn process(&self, st: &mut StateGuard<'_>) -> IoResult<()> {
        let processed = self.run_rustls(st)?;
        if std::mem::take(&mut st.capture.lock().id_context_uninitialized) {
            self.absorb(st);
            return Err(self.fatal(st, ErrorDetail::SessionIdContextUninitialized));
        }
        let refused = self.take_verdict(st);
        self.absorb(st);
        match processed {
            Ok(io) => {
                st.plaintext_pending = io.plaintext_bytes_to_read();
                if io.peer_has_closed() {
                    st.received_shutdown = true;
                }
                Ok(())
            }
            Err(e) => {
                let _ = st.flush();
                let before_hello = st.role == Some(Role::Server)
                    && st.capture.lock().client_offers_ticket.is_none();
                let why = match e {
                    _ if refused => ErrorDetail::CertificateVerifyFailed,
                    // OpenSSL calls anything but a ClientHello here unexpected.
                    rustls::Error::AlertReceived(_) if before_hello => {
                        ErrorDetail::Protocol("unexpected message before the ClientHello".into())
                    }
                    other => ErrorDetail::from_tls(&other),
                };
                Err(self.fatal(st, why))
            }
        }
    }

    /// A fatal error: the session is removed and marked not resumable.
    fn fatal(&self, st: &mut StateGuard<'_>, why: ErrorDetail) -> Failure {
        st.fatal = true;
        st.error_detail = Some(why);
        if let Some(s) = st.session.clone() {
            self.discard_session(st, &s);
        }
        Failure::new(ErrorKind::Ssl)
    }

    /// Resets the connection for a new handshake, keeping a good session
    /// (`SSL_clear`).
    pub fn clear(&self) {
        self.with_state(|st| {
            if self.clear_bad_session(st) || st.fatal {
                self.set_current(st, None);
            }
            st.tls = None;
            st.accepting = None;
            st.record = RecordCursor::default();
            st.capture = SharedCapture::default();
            st.verify_result = X509_V_OK;
            st.verified_chain.clear();
            st.peer_ca_names.clear();
            st.last_error = ErrorKind::None;
            st.sent_shutdown = false;
            st.received_shutdown = false;
            st.finished = false;
            st.fatal = false;
            st.plaintext_pending = 0;
            st.write_progress = 0;
            st.session_from_handshake = false;
        })
    }
}

impl Drop for Connection {
    /// `SSL_free`: a session of a connection not shut down cleanly is discarded.
    fn drop(&mut self) {
        let pending = {
            let mut st = self.state.lock();
            self.clear_bad_session(&mut st);
            std::mem::take(&mut st.pending)
        };
        self.ctx.removed(pending.removed);
    }
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Connection>();
    check::<Capture>();
}
