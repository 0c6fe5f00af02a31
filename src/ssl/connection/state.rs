//! A connection's state behind its lock: the settings copied from the
//! context, the rustls connection, the transport, the handshake's progress
//! and the callbacks queued to run once the lock is released.

use std::io::{self, Write};
use std::sync::Arc;

use parking_lot::MutexGuard;
use rustls::server::Acceptor;

use super::{Reader, Role, Writer};
use crate::session::Session;
use crate::ssl::adapters::SharedCapture;
use crate::ssl::context::{ClientHelloHook, ConfigKey};
use crate::ssl::error::{ErrorDetail, ErrorKind, Failure, IoResult};
use crate::ssl::record_reader::RecordCursor;

/// Per-connection settings copied from the context by `SSL_new`.
#[derive(Clone, Debug)]
pub(super) struct Local {
    pub(super) options: u64,
    pub(super) mode: u64,
    pub(super) id_context: Vec<u8>,
    pub(super) num_tickets: usize,
    pub(super) verify_mode: i32,
    pub(super) min_version: u16,
    pub(super) max_version: u16,
}

impl Local {
    /// What of these settings goes into a rustls configuration.
    pub(super) fn config_key(&self) -> ConfigKey {
        ConfigKey {
            options: self.options,
            min_version: self.min_version,
            max_version: self.max_version,
            verify_mode: self.verify_mode,
        }
    }
}

#[derive(Default)]
pub(super) struct Pending {
    pub(super) new_sessions: Vec<Arc<Session>>,
    pub(super) removed: Vec<Arc<Session>>,
    pub(super) secrets: Vec<(&'static str, Vec<u8>, Vec<u8>)>,
}

pub(super) struct State {
    pub(super) role: Option<Role>,
    /// Boxed: it is large, and moves out and back around each call into rustls.
    pub(super) tls: Option<Box<rustls::Connection>>,
    pub(super) reader: Option<Reader>,
    pub(super) writer: Option<Writer>,
    pub(super) record: RecordCursor,
    pub(super) capture: SharedCapture,
    pub(super) session: Option<Arc<Session>>,
    pub(super) session_from_handshake: bool,
    pub(super) hostname: Option<String>,
    pub(super) local: Local,
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
    pub(super) write_progress: usize,
    pub(super) pending: Pending,
    pub(super) error_detail: Option<ErrorDetail>,
    pub(super) quiet_shutdown: bool,
    /// A server waiting for the ClientHello before making its connection.
    pub(super) accepting: Option<Box<Accepting>>,
}

/// What a server needs between reading the ClientHello and making the connection.
pub(super) struct Accepting {
    pub(super) acceptor: Acceptor,
    pub(super) hook: ClientHelloHook,
}

/// The locked state; released around calls into rustls, which may call C.
pub(super) type StateGuard<'a> = MutexGuard<'a, State>;

pub(super) fn io_failure(e: &io::Error) -> ErrorKind {
    match e.kind() {
        io::ErrorKind::WouldBlock => ErrorKind::WantRead,
        _ => ErrorKind::Syscall,
    }
}

impl State {
    pub(super) fn tls(&mut self) -> IoResult<&mut rustls::Connection> {
        self.tls.as_deref_mut().ok_or(Failure::new(ErrorKind::Ssl))
    }

    /// Writes out everything rustls has queued.
    pub(super) fn flush(&mut self) -> IoResult<()> {
        let Some(tls) = self.tls.as_mut() else {
            return Ok(());
        };
        while tls.wants_write() {
            let Some(w) = self.writer.as_mut() else {
                return Err(Failure::new(ErrorKind::Syscall));
            };
            match tls.write_tls(w) {
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    return Err(Failure::new(ErrorKind::WantWrite))
                }
                Err(_) => return Err(Failure::new(ErrorKind::Syscall)),
            }
        }
        if let Some(w) = self.writer.as_mut() {
            let _ = w.flush();
        }
        Ok(())
    }
}
