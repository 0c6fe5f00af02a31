//! A connection's handshake: `SSL_connect`, `SSL_accept`, `SSL_do_handshake`,
//! the rustls connection made for the role (a server's in `server_start`),
//! and records read and processed until the handshake is done or fails.

use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use rustls::client::{Resumption as ClientResumption, Tls12Resumption};
use rustls::ClientConnection;
use rustls_pki_types::ServerName;

use super::early_data::EarlyPhase;
use super::hello_callbacks::send_alert;
use super::server_start::PROTOCOL_VERSION_ALERT;
use super::size_alerts;
use super::state::{io_error_kind, State};
use super::state_lock::StateGuard;
use super::{Connection, Role};
use crate::session::{CacheStats, Side};
use crate::ssl::ca_hints::{offered_ca_names, ClientHelloCaNames, HintingVerifiers};
use crate::ssl::capture::SharedHandshakeCapture;
use crate::ssl::client_hello;
use crate::ssl::client_store::ClientStore;
use crate::ssl::error::{Error, ErrorKind, Failure, IoResult};
use crate::ssl::key_log::KeyLogCapture;
use crate::ssl::message_tap::MessageTap;
use crate::ssl::options::*;
use crate::ssl::record_reader::RecordReader;
use crate::ssl::verify::with_connection;

impl Connection {
    /// Runs the handshake as a client (`SSL_connect`).
    pub fn connect(&self) -> IoResult<()> {
        self.handshake_as(Some(Role::Client))
    }

    /// Runs the handshake as a server (`SSL_accept`).
    pub fn accept(&self) -> IoResult<()> {
        self.handshake_as(Some(Role::Server))
    }

    /// Runs (or continues) the handshake (`SSL_do_handshake`).
    pub fn do_handshake(&self) -> IoResult<()> {
        self.handshake_as(None)
    }

    /// Runs (or continues) the handshake, in `role` when one is given.
    fn handshake_as(&self, role: Option<Role>) -> IoResult<()> {
        self.with_state(|st| {
            if role.is_some() {
                st.role = role;
            }
            let r = self.run_handshake(st);
            st.remember_error_kind(r)
        })
    }

    /// Makes the rustls connection for the role (a server with a ClientHello
    /// hook first waits for the ClientHello).
    fn start_handshake(&self, st: &mut StateGuard<'_>) -> IoResult<()> {
        let Some(role) = st.role else {
            st.error = Some(Error::NoRole);
            return Err(Failure::new(ErrorKind::Ssl));
        };
        st.capture = SharedHandshakeCapture::default();
        st.session_from_handshake = false;
        let hello_version = match st.settings.max_version {
            0 => 0x0304,
            v => v,
        };
        st.catch_up_tap();
        st.trace.log.clear();
        st.trace.tap = MessageTap::new(role == Role::Client, hello_version, st.trace.tap.reports());
        st.trace.tap.set_follow(self.has_info_hook());
        st.record_cursor.set_collect(true);
        let ctx = &self.ctx;
        let keylog = ctx.key_log_hook().is_some();
        let tls = match role {
            Role::Client => {
                CacheStats::bump(&ctx.stats().connect);
                alert_if_no_version_enabled(st);
                let key = self.security_restricted(st.settings.config_key());
                let base = match ctx.client_config_for(key) {
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
                let level = st.settings.suites.security_level;
                let tls12 = if key.options & OP_NO_TICKET != 0
                    || !crate::ssl::security_level::allows_tickets(level)
                {
                    Tls12Resumption::SessionIdOnly
                } else {
                    Tls12Resumption::SessionIdOrTickets
                };
                config.resumption = ClientResumption::store(Arc::new(ClientStore::new(
                    offered,
                    st.capture.clone(),
                )))
                .tls12_resumption(tls12);
                config.key_log = Arc::new(KeyLogCapture::new(st.capture.clone(), keylog));
                // OpenSSL's client offers early data only when asked to write some.
                config.enable_early_data = st.early == EarlyPhase::ClientWriting;
                if let Some(alpn) = &st.settings.alpn {
                    config.alpn_protocols = alpn.clone();
                }
                let ca_names = self
                    .extras
                    .read(|n: &ClientHelloCaNames| n.0.clone())
                    .or_else(|| ctx.extras().read(|n: &ClientHelloCaNames| n.0.clone()))
                    .filter(|names| !names.is_empty());
                if let Some(names) = ca_names {
                    let verifier = ctx
                        .extras()
                        .with(|kept: &mut HintingVerifiers| kept.for_names(&names));
                    config.dangerous().set_certificate_verifier(verifier);
                }
                st.record_cursor.watch_for_new_ticket();
                st.record_cursor.keep_flight();
                let name = server_name_to_send(Self::name_to_send(st).as_deref());
                match with_connection(&self.me, || ClientConnection::new(Arc::new(config), name)) {
                    Ok(c) => rustls::Connection::Client(c),
                    Err(e) => return Err(Self::setup_failed(st, e.into())),
                }
            }
            Role::Server => match self.start_server(st)? {
                Some(tls) => tls,
                None => return Ok(()),
            },
        };
        st.tls = Some(Box::new(tls));
        Ok(())
    }

    /// Starts the handshake if needed, then reads until it is done or must
    /// wait for the transport, telling the info callback as OpenSSL does:
    /// start, a loop as it starts and per flight read, done, and the exit.
    pub(super) fn run_handshake(&self, st: &mut StateGuard<'_>) -> IoResult<()> {
        if st.fatal {
            return Err(Failure::new(ErrorKind::Ssl));
        }
        if st.finished {
            return st.flush();
        }
        if st.tls.is_none() && st.accepting.is_none() {
            // Without a role OpenSSL fails before any event.
            let announced = st.role.is_some();
            if announced {
                st.note_handshake_start();
            }
            StateGuard::unlocked(st, || self.ask_security_questions());
            if let Err(f) = self.start_handshake(st) {
                if announced {
                    st.note_exit_failed(false);
                }
                return Err(f);
            }
        }
        let r = self.drive_handshake(st);
        match &r {
            Ok(()) if st.finished => st.note_handshake_done(),
            Ok(()) if st.early_client_pause => st.note_client_early_pause(),
            Ok(()) => {}
            Err(f) => {
                let wait = matches!(f.kind, ErrorKind::WantRead | ErrorKind::WantWrite);
                st.note_exit_failed(wait);
            }
        }
        r
    }

    /// Flushes and reads until the handshake is done or must wait.
    fn drive_handshake(&self, st: &mut StateGuard<'_>) -> IoResult<()> {
        loop {
            // What the transport's callbacks may ask (`SSL_in_init`) while it writes.
            st.publish();
            st.flush_flight()?;
            if st.accepting.is_some() {
                self.read_client_hello(st)?;
                continue;
            }
            if !st.tls()?.is_handshaking() {
                if !st.finished {
                    self.finish_handshake(st);
                }
                return Ok(());
            }
            let pause = st.early_client_pause;
            if Self::early_data_pause(st, pause) {
                return Ok(());
            }
            self.read_records(st)?;
        }
    }

    /// The connection could not be set up: fatal, with the reason kept.
    pub(super) fn setup_failed(st: &mut StateGuard<'_>, why: Error) -> Failure {
        st.fatal = true;
        st.error = Some(Error::Setup(Box::new(why)));
        Failure::new(ErrorKind::Ssl)
    }

    /// Reads from the transport once and processes what arrived.
    pub(super) fn read_records(&self, st: &mut StateGuard<'_>) -> IoResult<()> {
        let read = {
            let st: &mut State = st;
            let Some(r) = st.reader.as_mut() else {
                return Err(Failure::new(ErrorKind::Syscall));
            };
            let tls = st.tls.as_mut().ok_or(Failure::new(ErrorKind::Ssl))?;
            let mut r = RecordReader {
                inner: r.as_mut(),
                cursor: &mut st.record_cursor,
            };
            loop {
                match tls.read_tls(&mut r) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            }
        };
        st.tap_read();
        match read {
            Ok(0) => {
                let _ = self.process_new_packets(st)?;
                if st.tls()?.is_handshaking() {
                    return Err(self.fail_fatally(st, Error::UnexpectedEof));
                }
                if !st.received_shutdown {
                    return Err(self.unexpected_eof_after_handshake(st));
                }
                Err(Failure::new(ErrorKind::Syscall))
            }
            Ok(_) => {
                self.note_ticket_offer(st);
                self.decide_early_data(st);
                self.process_received(st)
            }
            Err(e) if size_alerts::is_buffer_full(&e) => {
                Err(self.refuse_oversized_hello(st, Error::ExcessiveMessageSize))
            }
            Err(e) => Err(Failure::new(io_error_kind(&e))),
        }
    }

    /// On a server, notes once whether the client's hello offers tickets,
    /// and the CA names it sent (`SSL_get0_peer_CA_list`). The first record
    /// is parsed once, when it is whole (it does not change after), not on
    /// every read of the handshake.
    pub(super) fn note_ticket_offer(&self, st: &mut StateGuard<'_>) {
        if st.first_record_noted {
            return;
        }
        let Some(record) = st.record_cursor.first_record() else {
            return;
        };
        let hello = client_hello::ClientHello::parse(record);
        st.first_record_noted = true;
        let Some(hello) = hello else {
            return;
        };
        if st.peer_ca_names.is_empty() {
            st.peer_ca_names = offered_ca_names(&hello);
        }
        let mut c = st.capture.lock();
        if c.client_offers_ticket.is_none() {
            c.client_offers_ticket = Some(hello.offers_session_ticket());
            c.client_ticket_empty = hello.offers_empty_session_ticket();
        }
    }

    /// Lets rustls process what was read, with the state unlocked: rustls may
    /// call the session callbacks, which may call back into this connection.
    fn process_new_packets(
        &self,
        st: &mut StateGuard<'_>,
    ) -> IoResult<Result<rustls::IoState, rustls::Error>> {
        let mut tls = st.tls.take().ok_or(Failure::new(ErrorKind::Ssl))?;
        let me = &self.me;
        let processed =
            StateGuard::unlocked(st, || with_connection(me, || tls.process_new_packets()));
        st.tls = Some(tls);
        Ok(processed)
    }

    /// Processes what was read: the verifier's verdict and the sessions
    /// captured are taken, and a rustls error becomes a fatal failure with
    /// OpenSSL's reason.
    fn process_received(&self, st: &mut StateGuard<'_>) -> IoResult<()> {
        let processed = self.process_new_packets(st)?;
        if std::mem::take(&mut st.capture.lock().id_context_uninitialized) {
            self.drain_capture(st);
            return Err(self.fail_fatally(st, Error::SessionIdContextUninitialized));
        }
        if std::mem::take(&mut st.capture.lock().ticket_aborted) {
            // Before anything rustls answered is written, as OpenSSL fails
            // while it reads the ClientHello.
            self.drain_capture(st);
            send_alert(st, super::hello_callbacks::INTERNAL_ERROR_ALERT);
            return Err(self.fail_fatally(st, Error::Internal("ticket callback aborted".into())));
        }
        let refused = self.take_verdict(st);
        self.drain_capture(st);
        if let Some(failure) = self.refuses_certificate_request(st) {
            return Err(failure);
        }
        if self.take_certificate_callback_failure() {
            // A client's failing certificate callback: SSL_R_CALLBACK_FAILED.
            return Err(self.fail_fatally(st, Error::CallbackFailed));
        }
        match processed {
            Ok(io) => {
                st.plaintext_pending = io.plaintext_bytes_to_read();
                if io.peer_has_closed() {
                    st.note_peer_closed();
                }
                Ok(())
            }
            Err(e) => {
                match &e {
                    // rustls answers a refused chain it has no closer error
                    // for (the application's verdict) with handshake_failure.
                    rustls::Error::InvalidCertificate(_) => st.note_fatal_alert(&e),
                    _ if refused => st.note_alert(
                        true,
                        true,
                        u8::from(rustls::AlertDescription::HandshakeFailure),
                    ),
                    _ => st.note_fatal_alert(&e),
                }
                let before_hello = st.role == Some(Role::Server)
                    && st.capture.lock().client_offers_ticket.is_none();
                let why = match e {
                    _ if refused => Error::CertificateVerifyFailed,
                    // OpenSSL calls anything but a ClientHello here unexpected.
                    rustls::Error::AlertReceived(_) if before_hello => {
                        Error::Protocol("unexpected message before the ClientHello".into())
                    }
                    other => Error::from_tls(&other),
                };
                if before_hello && size_alerts::size_alert(&why).is_some() {
                    return Err(self.refuse_oversized_hello(st, why));
                }
                let _ = st.flush();
                Err(self.fail_fatally(st, why))
            }
        }
    }

    /// The transport ended without a close_notify after the handshake: as in
    /// OpenSSL 3.0 a fatal error returning 0 (`SSL_ERROR_SSL`), or under
    /// `SSL_OP_IGNORE_UNEXPECTED_EOF` a close (`SSL_ERROR_ZERO_RETURN`).
    fn unexpected_eof_after_handshake(&self, st: &mut StateGuard<'_>) -> Failure {
        if st.settings.options & OP_IGNORE_UNEXPECTED_EOF != 0 {
            st.note_peer_closed();
            return Failure::new(ErrorKind::ZeroReturn);
        }
        let mut f = self.fail_fatally(st, Error::UnexpectedEof);
        f.ret = 0;
        f
    }

    /// A fatal error: the session is removed and marked not resumable.
    pub(super) fn fail_fatally(&self, st: &mut StateGuard<'_>, why: Error) -> Failure {
        st.fatal = true;
        st.error = Some(why);
        if let Some(s) = st.session.clone() {
            self.discard_session(st, &s);
        }
        Failure::new(ErrorKind::Ssl)
    }
}

/// OpenSSL's client tells the server with a protocol_version alert when its
/// settings leave no protocol version enabled.
fn alert_if_no_version_enabled(st: &mut State) {
    if !st.settings.config_key().allows_any_version() {
        if let Some(w) = st.writer.as_mut() {
            let _ = w.write_all(&PROTOCOL_VERSION_ALERT);
        }
    }
}

/// The name a client sends and verifies: its host name, else 127.0.0.1.
fn server_name_to_send(hostname: Option<&str>) -> ServerName<'static> {
    match hostname {
        Some(h) => ServerName::try_from(h.to_owned()).unwrap_or(ServerName::IpAddress(
            IpAddr::V4(Ipv4Addr::LOCALHOST).into(),
        )),
        None => ServerName::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST).into()),
    }
}
