//! `Connection` (OpenSSL's `SSL`): one TLS connection over a byte transport,
//! its handshake state and the session it uses. This file holds the
//! connection itself: making it, moving it to another context, its settings
//! and accessors, `SSL_clear` and `SSL_free`. The rest is by concern:
//! `state` (what sits behind the lock), `handshake`, `io` (transport, read,
//! write, shutdown), `sessions` and `peer` (verification).

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicPtr, Ordering};
use std::sync::{Arc, Weak};

use parking_lot::Mutex;
use rustls::HandshakeKind;

use super::capture::HandshakeCapture;
use super::cipher::{self, Cipher};
use super::context::Context;
use super::error::{Error, ErrorKind};
use super::extras::Extras;
use super::options::{clear_bits, set_bits};
use crate::session::Session;

mod arc_slot;
#[cfg(test)]
mod bounds_tests;
mod early_data;
mod facts;
mod handshake;
mod hello_callbacks;
mod io;
mod keying;
mod messages;
mod outgoing;
mod peer;
mod progress;
#[cfg(test)]
mod progress_tests;
mod raised;
mod server_start;
mod sessions;
mod size_alerts;
mod state;
mod state_lock;
mod tapping;
#[cfg(test)]
mod tests;
mod ticket_session;
mod transport;

use arc_slot::ArcSlot;
pub use early_data::{AllowEarlyData, AllowEarlyDataHook, EarlyDataStatus, EarlyRead};
pub use keying::CallRefused;
pub use progress::{info_where, HandshakeState, KeyUpdate, Want};
use raised::RaisedFlags;
pub(crate) use raised::{Raised, Signer};
use state::{ConnectionSettings, PendingCallbacks, State};
use state_lock::{StateGuard, StateLock};
pub use transport::{Fd, FdCalls};

/// Which end of the handshake a connection plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Sends the ClientHello.
    Client,
    /// Answers it.
    Server,
}

/// One TLS connection. Shared as `Arc<Connection>`.
pub struct Connection {
    /// The connection itself, for the hooks bound to it and the verifier.
    me: Weak<Connection>,
    /// The context it was made from (`SSL_new`).
    ctx: Arc<Context>,
    /// The context `SSL_set_SSL_CTX` moved a server connection to, readable
    /// without the state lock (`SSL_get_SSL_CTX` is called from callbacks).
    switched_context: ArcSlot<Context>,
    /// Whether `switched_context` was ever set: until then it is not loaded.
    switched: AtomicBool,
    /// The connection's session, readable without the state lock
    /// (`SSL_get0_session` / `SSL_get1_session` are hot paths).
    current_session: ArcSlot<Session>,
    /// The same session as a plain pointer, for `SSL_get0_session`.
    current_session_ptr: AtomicPtr<Session>,
    /// Everything else that changes, behind one lock (`State`).
    state: StateLock,
    /// The method it was given and the bounds that method set aside.
    method: Mutex<facts::ConnectionMethod>,
    /// The descriptors given for reading and for writing (`SSL_set_fd`,
    /// `SSL_set_rfd`, `SSL_set_wfd`; -1: none), for `SSL_get_fd`.
    descriptors: [AtomicI32; 2],
    /// Values the embedding layer keeps with the connection.
    extras: Extras,
    /// The connection's own info hook (`SSL_set_info_callback`).
    info_hook: Mutex<Option<Arc<dyn super::hooks::InfoHook>>>,
    /// Whether `info_hook` holds a hook.
    info_hook_set: AtomicBool,
    /// While the info hook is told of `SSL_CB_HANDSHAKE_DONE`: OpenSSL is
    /// out of init then, also where sessl's handshake goes on (early data).
    reporting_done: std::sync::atomic::AtomicBool,
    /// The message hook (`SSL_set_msg_callback`).
    message_hook: Mutex<Option<Arc<dyn super::hooks::MessageHook>>>,
    /// What rustls' hooks noted during the call into rustls under way.
    raised: RaisedFlags,
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
        let settings = ctx.with_settings(ConnectionSettings::copied_from);
        Arc::new_cyclic(|me| Connection {
            me: me.clone(),
            ctx,
            switched_context: ArcSlot::empty(),
            switched: AtomicBool::new(false),
            current_session: ArcSlot::empty(),
            current_session_ptr: AtomicPtr::new(std::ptr::null_mut()),
            state: StateLock::new(State::new(role, settings)),
            method: Mutex::default(),
            descriptors: [AtomicI32::new(-1), AtomicI32::new(-1)],
            extras: Extras::default(),
            info_hook: Mutex::new(None),
            info_hook_set: AtomicBool::new(false),
            reporting_done: Default::default(),
            message_hook: Mutex::new(None),
            raised: RaisedFlags::default(),
        })
    }

    /// The context the connection was made from.
    pub fn context(&self) -> &Arc<Context> {
        &self.ctx
    }

    /// `SSL_set_SSL_CTX`'s rule: a server that has not answered the
    /// ClientHello takes `target`'s certificate, trust and client CA names
    /// (`None`, or the context it was made from, moves it back). The context
    /// now in effect and whether the connection moved (its stores must then
    /// follow), or `None` for another context on a connection that cannot move.
    pub fn switch_context(&self, target: Option<Arc<Context>>) -> Option<(Arc<Context>, bool)> {
        let st = self.state.lock();
        let can_move = st.role != Some(Role::Client) && st.tls.is_none();
        let target = target.filter(|t| !Arc::ptr_eq(t, &self.ctx));
        match (target, can_move) {
            (None, false) => Some((self.ctx.clone(), false)),
            (Some(_), false) => None,
            (target, true) => {
                let now = target.clone().unwrap_or_else(|| self.ctx.clone());
                self.switched_context.store(target);
                self.switched.store(true, Ordering::Release);
                Some((now, true))
            }
        }
    }

    /// The context `switch_context` chose, if any.
    pub fn switched_context(&self) -> Option<Arc<Context>> {
        if !self.switched.load(Ordering::Acquire) {
            return None;
        }
        self.switched_context.load()
    }

    /// Runs `f` on the state, then runs the callbacks it queued with no lock held.
    fn with_state<R>(&self, f: impl FnOnce(&mut StateGuard<'_>) -> R) -> R {
        let (r, pending) = {
            let mut st = self.state.lock();
            let r = f(&mut st);
            if st.trace.machine.has_new_inputs() {
                st.end_call_for_machine(self.has_info_hook());
            }
            if !st.pending_callbacks.info.is_empty() && !self.has_info_hook() {
                // Nobody is told of them: the queue keeps its buffer.
                st.pending_callbacks.info.clear();
            }
            if st.pending_callbacks.is_empty() {
                return r;
            }
            (r, std::mem::take(&mut st.pending_callbacks))
        };
        self.run_queued_callbacks(pending);
        r
    }

    /// Runs the application callbacks a handshake queued: key log, new
    /// session, then the context's remove-session callback.
    fn run_queued_callbacks(&self, pending: PendingCallbacks) {
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
        self.ctx.removed(pending.removed_sessions);
        self.deliver_messages(&pending.messages);
        self.deliver_info(&pending.info);
    }

    /// Values the embedding layer keeps with the connection.
    pub fn extras(&self) -> &Extras {
        &self.extras
    }

    /// Why the last call failed, taken (each failure is reported once).
    pub fn take_error(&self) -> Option<Error> {
        self.state.lock().error.take()
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

    /// Makes the connection a client (`SSL_set_connect_state`).
    pub fn set_connect_state(&self) {
        self.set_role(Role::Client);
    }

    /// Makes the connection a server (`SSL_set_accept_state`).
    pub fn set_accept_state(&self) {
        self.set_role(Role::Server);
    }

    /// Sets the role; on a connection whose handshake began, the handshake
    /// state starts again as in OpenSSL (shutdown bits cleared, a good
    /// session kept and offered next), so a program can run another
    /// handshake on the same object over a new transport (openssl s_client
    /// -reconnect does).
    fn set_role(&self, role: Role) {
        self.with_state(|st| {
            if st.tls.is_some() {
                if self.clear_bad_session(st) || st.fatal {
                    self.set_current_session(st, None);
                }
                st.reset_for_new_handshake();
            }
            st.role = Some(role);
        })
    }

    /// The role, if set.
    pub fn role(&self) -> Option<Role> {
        self.state.facts().role
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

    /// Marks the client's name accepted by the servername callback
    /// (`SSL_TLSEXT_ERR_OK`): the server's new session records it.
    pub fn accept_server_name(&self) {
        self.state.lock().server_name_accepted = true;
    }

    /// The name a client sends: its own, else the name of the TLS 1.2
    /// session it offers, as OpenSSL's.
    fn name_to_send(st: &State) -> Option<String> {
        st.hostname.clone().or_else(|| {
            let offered = st.session.as_ref()?;
            let tls12 = offered.protocol_version() != u16::from(rustls::ProtocolVersion::TLSv1_3);
            offered.hostname().filter(|_| tls12)
        })
    }

    /// The server name sent (client) or received (server); after a TLS 1.2
    /// resumption, the session's name, as OpenSSL's.
    pub fn hostname(&self) -> Option<String> {
        let st = self.state.lock();
        let resumed12 = st.finished
            && st.tls.as_deref().is_some_and(|tls| {
                tls.handshake_kind() == Some(HandshakeKind::Resumed)
                    && tls.protocol_version() == Some(rustls::ProtocolVersion::TLSv1_2)
            });
        let kept = || st.session.as_ref().and_then(|s| s.hostname());
        match st.tls.as_deref() {
            Some(rustls::Connection::Server(_)) if resumed12 => kept(),
            Some(rustls::Connection::Server(s)) => s.server_name().map(str::to_owned),
            Some(_) if st.finished => {
                if resumed12 && kept().is_some() {
                    kept()
                } else {
                    st.hostname.clone()
                }
            }
            // Before the handshake, a client without a name of its own names the
            // TLS 1.2 session it offers.
            _ => Self::name_to_send(&st),
        }
    }

    /// `SSL_set_options`; returns the new options.
    pub fn set_options(&self, op: u64) -> u64 {
        set_bits(&mut self.state.lock().settings.options, op)
    }

    /// `SSL_clear_options`; returns the new options.
    pub fn clear_options(&self, op: u64) -> u64 {
        clear_bits(&mut self.state.lock().settings.options, op)
    }

    /// `SSL_get_options`.
    pub fn options(&self) -> u64 {
        self.state.lock().settings.options
    }

    /// On a server, the record that carried the client's first handshake
    /// message (the ClientHello), as read.
    pub fn client_hello_record(&self) -> Option<Vec<u8>> {
        self.state
            .lock()
            .record_cursor
            .first_record()
            .map(<[u8]>::to_vec)
    }

    /// The connection's suites and security level (lists left `None`: its context's).
    pub fn suite_choice(&self) -> super::suite_choice::SuiteChoice {
        self.state.lock().settings.suites
    }

    /// Changes the connection's suites or security level.
    pub fn update_suite_choice<R>(
        &self,
        f: impl FnOnce(&mut super::suite_choice::SuiteChoice) -> R,
    ) -> R {
        f(&mut self.state.lock().settings.suites)
    }

    /// `SSL_set_mode` (`turn_on`) / `SSL_clear_mode`; returns the new mode.
    pub fn change_mode(&self, bits: u64, turn_on: bool) -> u64 {
        let mode = &mut self.state.lock().settings.mode;
        if turn_on {
            set_bits(mode, bits)
        } else {
            clear_bits(mode, bits)
        }
    }

    /// Sets the session id context (`SSL_set_session_id_context`).
    pub fn set_id_context(&self, ctx: &[u8]) -> bool {
        let Some(id_context) = crate::session::id_context(ctx) else {
            return false;
        };
        self.state.lock().settings.id_context = id_context.to_vec();
        true
    }

    /// TLS 1.3 tickets sent after a full handshake (`SSL_set_num_tickets`).
    pub fn set_num_tickets(&self, n: usize) {
        self.state.lock().settings.num_tickets = n;
    }

    /// `SSL_get_num_tickets`.
    pub fn num_tickets(&self) -> usize {
        self.state.lock().settings.num_tickets
    }

    /// The session id context of the connection.
    pub fn id_context(&self) -> crate::session::SessionId {
        crate::session::SessionId::new(&self.state.lock().settings.id_context).unwrap_or_default()
    }

    /// The session the connection uses (`SSL_get_session`).
    pub fn session(&self) -> Option<Arc<Session>> {
        self.current_session.load()
    }

    /// The session's address without a reference (`SSL_get0_session`): valid
    /// while the connection keeps the session.
    pub fn session_ptr(&self) -> *const Session {
        self.current_session_ptr.load(Ordering::Acquire)
    }

    /// Makes `s` the connection's session.
    fn set_current_session(&self, st: &mut State, s: Option<Arc<Session>>) {
        let ptr = s.as_ref().map_or(std::ptr::null(), Arc::as_ptr);
        self.current_session.store(s.clone());
        self.current_session_ptr
            .store(ptr.cast_mut(), Ordering::Release);
        st.session = s;
    }

    /// Offers `session` for resumption (`SSL_set_session`); `None` clears it.
    pub fn set_session(&self, session: Option<Arc<Session>>) {
        self.with_state(|st| {
            self.clear_bad_session(st);
            self.set_current_session(st, session);
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
        self.state.facts().init_finished
            || self
                .reporting_done
                .load(std::sync::atomic::Ordering::Acquire)
    }

    /// The negotiated protocol version, if the handshake got that far.
    pub fn protocol_version(&self) -> Option<u16> {
        let st = self.state.lock();
        st.tls
            .as_ref()
            .and_then(|t| t.protocol_version())
            .map(u16::from)
    }

    /// The key exchange group of the handshake (`SSL_get_negotiated_group`).
    pub fn negotiated_group(&self) -> Option<rustls::NamedGroup> {
        let st = self.state.lock();
        let tls = st.tls.as_ref()?;
        tls.negotiated_key_exchange_group().map(|g| g.name())
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

    /// Decrypted bytes ready to read (`SSL_pending`), a peek's included.
    pub fn pending(&self) -> usize {
        let st = self.state.lock();
        st.plaintext_pending + st.peeked.len()
    }

    /// Resets the connection for a new handshake, keeping a good session
    /// (`SSL_clear`).
    pub fn clear(&self) {
        self.with_state(|st| {
            if self.clear_bad_session(st) || st.fatal {
                self.set_current_session(st, None);
            }
            st.reset_for_new_handshake();
        })
    }
}

impl Drop for Connection {
    /// `SSL_free`: a session of a connection not shut down cleanly is discarded.
    fn drop(&mut self) {
        let pending = {
            let mut st = self.state.lock();
            self.clear_bad_session(&mut st);
            std::mem::take(&mut st.pending_callbacks)
        };
        self.ctx.removed(pending.removed_sessions);
    }
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Connection>();
    check::<HandshakeCapture>();
}
