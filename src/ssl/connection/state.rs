//! A connection's state behind its lock: the settings copied from the
//! context, the rustls connection, the transport, the handshake's progress
//! and the callbacks queued to run once the lock is released.

use std::io::{self, Write};
use std::sync::Arc;

use rustls::server::Acceptor;

use super::io::{Reader, Writer};
use super::outgoing::Outgoing;
use super::tapping::Trace;
use super::Role;
use crate::session::Session;
use crate::ssl::capture::SharedHandshakeCapture;
use crate::ssl::error::{Error, ErrorKind, Failure, IoResult};
use crate::ssl::handshake_state::HandshakeState;
use crate::ssl::hooks::ClientHelloHook;
use crate::ssl::message_tap::MessageTap;
use crate::ssl::record_reader::RecordCursor;
use crate::ssl::settings::{ConfigKey, Settings};
use crate::ssl::suite_choice::SuiteChoice;
use crate::ssl::verify::X509_V_OK;

/// The connection's own copy of its context's settings, made by `SSL_new`
/// and changed per connection (`SSL_set_options`, `SSL_set_verify`, ...).
#[derive(Clone, Debug)]
pub(super) struct ConnectionSettings {
    pub(super) options: u64,
    pub(super) mode: u64,
    pub(super) id_context: Vec<u8>,
    pub(super) num_tickets: usize,
    pub(super) verify_mode: i32,
    pub(super) min_version: u16,
    pub(super) max_version: u16,
    pub(super) suites: SuiteChoice,
    /// The client's ALPN list when `SSL_set_alpn_protos` replaced the context's.
    pub(super) alpn: Option<Vec<Vec<u8>>>,
    /// The early data a server accepts and announces in its tickets
    /// (`SSL_set_max_early_data`); 0: none.
    pub(super) max_early_data: u32,
}

impl ConnectionSettings {
    /// The copy `SSL_new` makes of a context's settings.
    pub(super) fn copied_from(s: &Settings) -> Self {
        ConnectionSettings {
            options: s.options,
            mode: s.mode,
            id_context: s.id_context.clone(),
            num_tickets: s.num_tickets,
            verify_mode: s.verify_mode,
            min_version: s.min_version,
            max_version: s.max_version,
            suites: SuiteChoice {
                security_level: s.security_level,
                ..SuiteChoice::default()
            },
            alpn: None,
            max_early_data: 0,
        }
    }

    /// What of these settings goes into a rustls configuration.
    pub(super) fn config_key(&self) -> ConfigKey {
        ConfigKey {
            options: self.options,
            min_version: self.min_version,
            max_version: self.max_version,
            verify_mode: self.verify_mode,
            suites: self.suites,
        }
    }
}

/// The application callbacks a call queued while holding the state lock,
/// run once it is released (a callback may call back into the connection).
#[derive(Default)]
pub(super) struct PendingCallbacks {
    /// For the new-session callback.
    pub(super) new_sessions: Vec<Arc<Session>>,
    /// For the context's remove-session callback.
    pub(super) removed_sessions: Vec<Arc<Session>>,
    /// For the key-log callback: label, client random, secret.
    pub(super) secrets: Vec<(&'static str, Vec<u8>, crate::session::Secret)>,
    /// For the info callback: OpenSSL's `where` and `ret`, and the state
    /// each came in, in order.
    pub(super) info: crate::ssl::handshake_machine::InfoEvents,
    /// For the message callback, in order.
    pub(super) messages: Vec<crate::ssl::message_tap::MessageEvent>,
}

impl PendingCallbacks {
    /// Whether nothing is queued.
    pub(super) fn is_empty(&self) -> bool {
        self.new_sessions.is_empty()
            && self.removed_sessions.is_empty()
            && self.secrets.is_empty()
            && self.info.is_empty()
            && self.messages.is_empty()
    }
}

/// Everything about a connection that changes, behind its lock.
pub(super) struct State {
    pub(super) role: Option<Role>,
    /// Boxed: it is large, and moves out and back around each call into rustls.
    pub(super) tls: Option<Box<rustls::Connection>>,
    pub(super) reader: Option<Reader>,
    pub(super) writer: Option<Writer>,
    /// Records rustls produced that the transport has not taken yet.
    pub(super) outgoing: Outgoing,
    pub(super) record_cursor: RecordCursor,
    /// The message tap, its log and the state machine (`tapping`): boxed,
    /// so that a connection is an allocation of the allocator's fast sizes.
    pub(super) trace: Box<Trace>,
    /// The state of the info event being delivered, which `SSL_get_state`
    /// reports while the callback runs.
    pub(super) reported_state: Option<HandshakeState>,
    /// Whether the facts of the first record (a server's ClientHello) were
    /// taken: it is parsed once per handshake.
    pub(super) first_record_noted: bool,
    pub(super) capture: SharedHandshakeCapture,
    pub(super) session: Option<Arc<Session>>,
    pub(super) session_from_handshake: bool,
    pub(super) hostname: Option<String>,
    /// A server's servername callback accepted the client's name
    /// (`SSL_TLSEXT_ERR_OK`): its new session records the name, as OpenSSL's.
    pub(super) server_name_accepted: bool,
    pub(super) settings: ConnectionSettings,
    pub(super) verify_result: i64,
    /// The chain the peer's verification built, leaf first.
    pub(super) verified_chain: Vec<rustls_pki_types::CertificateDer<'static>>,
    /// The CA names a server's certificate request gave (client), DER.
    pub(super) peer_ca_names: Vec<Vec<u8>>,
    pub(super) last_error: ErrorKind,
    pub(super) sent_shutdown: bool,
    pub(super) received_shutdown: bool,
    pub(super) finished: bool,
    pub(super) fatal: bool,
    pub(super) plaintext_pending: usize,
    /// Bytes `SSL_peek` took from rustls, which the next read returns first.
    pub(super) peeked: Vec<u8>,
    /// The key update `SSL_key_update` asked for, until it is written out.
    pub(super) key_update: Option<super::progress::KeyUpdate>,
    pub(super) write_progress: usize,
    pub(super) pending_callbacks: PendingCallbacks,
    pub(super) error: Option<Error>,
    pub(super) quiet_shutdown: bool,
    /// A server waiting for the ClientHello before making its connection.
    pub(super) accepting: Option<Box<Accepting>>,
    /// A TLS 1.2 server had `SSL_OP_NO_TICKET` set when it read the
    /// ClientHello's extensions (before the servername callback): as in
    /// OpenSSL, it sends no ticket even if the callback turns them on.
    pub(super) tls12_ticket_refused_at_hello: bool,
    /// Where the connection is in the early-data calls (`SSL_read_early_data`).
    pub(super) early: super::early_data::EarlyPhase,
    /// A client wrote early data in this handshake.
    pub(super) early_data_written: bool,
    /// While `SSL_write_early_data` starts a client's handshake: stop once
    /// the ClientHello is out.
    pub(super) early_client_pause: bool,
    /// Early data a server took from rustls that `SSL_read_early_data` has not returned.
    pub(super) early_received: Vec<u8>,
}

/// What a server needs between reading the ClientHello and making the connection.
pub(super) struct Accepting {
    pub(super) acceptor: Acceptor,
    pub(super) hook: Arc<dyn ClientHelloHook>,
    /// The ClientHello read, while a callback asks to be called again.
    pub(super) progress: Option<super::hello_callbacks::HelloProgress>,
}

/// The `SSL_ERROR_*` kind of a transport error: a read that would block
/// wants to be called again, anything else is a system call failure.
pub(super) fn io_error_kind(e: &io::Error) -> ErrorKind {
    match e.kind() {
        io::ErrorKind::WouldBlock => ErrorKind::WantRead,
        _ => ErrorKind::Syscall,
    }
}

impl State {
    /// A connection's state before its first handshake.
    pub(super) fn new(role: Option<Role>, settings: ConnectionSettings) -> Self {
        State {
            role,
            tls: None,
            reader: None,
            writer: None,
            outgoing: Outgoing::default(),
            record_cursor: RecordCursor::default(),
            trace: Box::default(),
            reported_state: None,
            first_record_noted: false,
            capture: SharedHandshakeCapture::default(),
            session: None,
            session_from_handshake: false,
            hostname: None,
            server_name_accepted: false,
            settings,
            verify_result: X509_V_OK,
            verified_chain: Vec::new(),
            peer_ca_names: Vec::new(),
            last_error: ErrorKind::None,
            sent_shutdown: false,
            received_shutdown: false,
            finished: false,
            fatal: false,
            plaintext_pending: 0,
            peeked: Vec::new(),
            key_update: None,
            write_progress: 0,
            pending_callbacks: PendingCallbacks::default(),
            error: None,
            quiet_shutdown: false,
            accepting: None,
            tls12_ticket_refused_at_hello: false,
            early: Default::default(),
            early_data_written: false,
            early_client_pause: false,
            early_received: Vec::new(),
        }
    }

    /// Forgets the last handshake and its results for a new one (`SSL_clear`);
    /// the role, transport, settings, host name and session stay.
    pub(super) fn reset_for_new_handshake(&mut self) {
        self.tls = None;
        self.outgoing.clear();
        self.accepting = None;
        self.tls12_ticket_refused_at_hello = false;
        self.early = Default::default();
        self.early_data_written = false;
        self.early_received.clear();
        self.record_cursor = RecordCursor::default();
        let (report, follow) = (self.trace.tap.reports(), self.trace.tap.follows());
        *self.trace = Trace::default();
        self.trace.tap = MessageTap::new(false, 0, report);
        self.trace.tap.set_follow(follow);
        self.first_record_noted = false;
        self.capture = SharedHandshakeCapture::default();
        self.verify_result = X509_V_OK;
        self.verified_chain.clear();
        self.peer_ca_names.clear();
        self.last_error = ErrorKind::None;
        self.sent_shutdown = false;
        self.received_shutdown = false;
        self.finished = false;
        self.fatal = false;
        self.plaintext_pending = 0;
        self.peeked.clear();
        self.key_update = None;
        self.write_progress = 0;
        self.session_from_handshake = false;
    }

    /// Remembers the outcome of an I/O call for `SSL_get_error` (no error,
    /// or the failure's kind) and passes the result on.
    pub(super) fn remember_error_kind<T>(&mut self, r: IoResult<T>) -> IoResult<T> {
        self.last_error = match &r {
            Ok(_) => ErrorKind::None,
            Err(f) => f.kind,
        };
        r
    }

    /// The rustls connection, or an `SSL_ERROR_SSL` failure before there is one.
    pub(super) fn tls(&mut self) -> IoResult<&mut rustls::Connection> {
        self.tls.as_deref_mut().ok_or(Failure::new(ErrorKind::Ssl))
    }

    /// Writes out everything rustls has queued and, if that was anything,
    /// flushes the transport (`BIO_flush`), as OpenSSL does after each
    /// handshake flight and alert: a buffering BIO (Apache's output filter)
    /// sends only then.
    pub(super) fn flush(&mut self) -> IoResult<()> {
        if self.write_out()? {
            if let Some(w) = self.writer.as_mut() {
                let _ = w.flush();
            }
        }
        Ok(())
    }

    /// `flush` at a step of the handshake: a TLS 1.3 client's lone
    /// compatibility change_cipher_spec waits for its Finished (the server
    /// sends its whole flight without waiting for it), so the two go out
    /// in one write as OpenSSL's do.
    pub(super) fn flush_flight(&mut self) -> IoResult<()> {
        if let Some(tls) = self.tls.as_mut() {
            self.outgoing.gather(tls);
            if tls.is_handshaking() && self.outgoing.is_lone_change_cipher_spec() {
                return Ok(());
            }
        }
        self.flush()
    }

    /// Writes out the records of application data rustls has queued, leaving
    /// the transport unflushed (OpenSSL's `SSL_write`).
    pub(super) fn write_records(&mut self) -> IoResult<()> {
        self.write_out().map(|_| ())
    }

    /// Writes out everything rustls has queued, gathered into one write
    /// (a flight, or what one `SSL_write` made, in one system call or
    /// `BIO_write`); whether anything went out.
    fn write_out(&mut self) -> IoResult<bool> {
        let Some(tls) = self.tls.as_mut() else {
            return Ok(false);
        };
        self.outgoing.gather(tls);
        // Everything rustls queued is gathered: once its handshake is over,
        // the handshake's last written record has reached the tap.
        let settled = !tls.is_handshaking();
        self.tap_written(settled);
        if self.outgoing.is_empty() {
            self.key_update = None;
            return Ok(false);
        }
        let Some(w) = self.writer.as_mut() else {
            return Err(Failure::new(ErrorKind::Syscall));
        };
        let wrote = self.outgoing.write_to(w.as_mut())?;
        // A key update rustls had queued has now gone out.
        self.key_update = None;
        Ok(wrote)
    }
}
