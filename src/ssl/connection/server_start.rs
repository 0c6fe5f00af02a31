//! A server's start: its rustls connection made at once or after the
//! ClientHello was read (for the application's hello hooks), its
//! configuration from the context, and the alerts of a server that cannot be
//! set up.

use std::io::{self, Write};
use std::sync::Arc;

use rustls::server::{Accepted, Acceptor};
use rustls::ServerConnection;

use super::size_alerts;
use super::state::{io_error_kind, Accepting, State};
use super::state_lock::StateGuard;
use super::Connection;
use crate::session::{CacheStats, SessionId};
use crate::ssl::error::{Error, ErrorKind, Failure, IoResult};
use crate::ssl::key_log::KeyLogCapture;
use crate::ssl::options::*;
use crate::ssl::record_reader::RecordReader;
use crate::ssl::server_store::{ServerCachePolicy, ServerStore};
use crate::ssl::ticketer::{ApplicationTicketKeys, Ticketer};
use crate::ssl::verify::with_connection;

/// A plaintext fatal protocol_version alert record.
pub(super) const PROTOCOL_VERSION_ALERT: [u8; 7] = [0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46];
/// A plaintext fatal internal_error alert record.
const INTERNAL_ERROR_ALERT: [u8; 7] = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x50];

impl Connection {
    /// A server's rustls connection, or `None` when the application's hook
    /// must see the ClientHello before the configuration is chosen.
    pub(super) fn start_server(
        &self,
        st: &mut StateGuard<'_>,
    ) -> IoResult<Option<rustls::Connection>> {
        CacheStats::bump(&self.ctx.stats().accept);
        st.record_cursor.keep_first_record();
        if let Some(hook) = self.hello_hook() {
            // The application looks at the ClientHello first (ClientHello,
            // server name, ALPN and certificate callbacks) and may change
            // the connection's settings: read it before making the configuration.
            st.accepting = Some(Box::new(Accepting {
                acceptor: Acceptor::default(),
                hook,
                progress: None,
            }));
            return Ok(None);
        }
        let config = match self.server_config(st) {
            Ok(c) => c,
            Err(e) => return Err(Self::server_setup_failed(st, e)),
        };
        match ServerConnection::new(Arc::new(config)) {
            Ok(c) => Ok(Some(rustls::Connection::Server(c))),
            Err(e) => Err(Self::setup_failed(st, e.into())),
        }
    }

    /// A server that cannot be set up: with no protocol version rustls has
    /// (say TLS 1.1 at most) it refuses the client with a protocol_version
    /// alert, as OpenSSL's refuses a client whose versions it does not share,
    /// so the client fails (and drops the session it offered) at once; with
    /// a certificate below its security level with internal_error, as
    /// OpenSSL. The info callback is told of the alert.
    pub(super) fn server_setup_failed(st: &mut StateGuard<'_>, why: Error) -> Failure {
        let alert = match why {
            Error::NoProtocolsAvailable => Some(PROTOCOL_VERSION_ALERT),
            Error::EeKeyTooSmall | Error::CaKeyTooSmall | Error::CaMdTooWeak => {
                Some(INTERNAL_ERROR_ALERT)
            }
            _ => None,
        };
        if let Some(alert) = alert {
            st.note_alert(true, true, alert[6]);
            if let Some(w) = st.writer.as_mut() {
                let _ = w.write_all(&alert);
            }
        }
        Self::setup_failed(st, why)
    }

    /// The server's configuration for this connection, from its context; the
    /// certificate from the one `SSL_set_SSL_CTX` chose, if any, as in OpenSSL.
    pub(super) fn server_config(
        &self,
        st: &mut StateGuard<'_>,
    ) -> Result<rustls::ServerConfig, Error> {
        let ctx = &self.ctx;
        let keylog = ctx.key_log_hook().is_some();
        let switched = self.switched_context();
        let own = self.own_identity()?;
        let key = self.security_restricted(st.settings.config_key());
        let base = ctx.server_config_with(key, switched.as_deref(), own)?;
        let (mode, timeout) = ctx.with_settings(|s| (s.cache_mode, s.timeout));
        let verify_mode = st.settings.verify_mode;
        let no_ticket = key.options & OP_NO_TICKET != 0 || st.tls12_ticket_refused_at_hello;
        let server_cache = mode & SESS_CACHE_SERVER != 0;
        // rustls accepts early data only with stateful TLS 1.3 tickets.
        let early = super::early_data::early_data_server(&st.settings);
        let policy = ServerCachePolicy {
            owner: ctx.id(),
            // At most 32 bytes: the setters refuse longer ones.
            id_context: SessionId::new(&st.settings.id_context).unwrap_or_default(),
            timeout,
            // OpenSSL looks up (and counts misses) whatever the mode, unless told not to.
            lookup: mode & SESS_CACHE_NO_INTERNAL_LOOKUP == 0,
            // OpenSSL gives out session ids only with the server cache mode on.
            stateful: (no_ticket || early) && server_cache,
            id_for_ticketless: !no_ticket && server_cache,
            verify_peer: verify_mode & VERIFY_PEER != 0,
        };
        // As OpenSSL's SSL_set_SSL_CTX: the certificate and client CA names
        // of the context switched to, everything else the connection's own.
        let mut config = (*base).clone();
        config.session_storage = Arc::new(
            ServerStore::new(
                ctx.cache().clone(),
                policy.clone(),
                st.capture.clone(),
                ctx.get_session_hook().map(|hook| {
                    let me = self.me.clone();
                    Box::new(move |id: &[u8]| hook.get_session(&*me.upgrade()?, id)) as _
                }),
            )
            // OpenSSL's anti-replay: a ticket allowing early data is used once.
            .single_use(early && key.options & OP_NO_ANTI_REPLAY == 0),
        );
        // The fleet's keys only when tickets are on and the application
        // has no ticket key callback of its own (which wins).
        let ticket_keys = if no_ticket || ctx.ticket_key_hook().is_some() {
            ctx.ticket_keys()
        } else {
            ctx.handshake_ticket_keys()
        };
        config.ticketer = Arc::new(
            Ticketer::new(
                ticket_keys,
                policy,
                !no_ticket && !early,
                st.capture.clone(),
                ctx.ticket_key_hook().map(|hook| {
                    let (me, hook_too, me_too) = (self.me.clone(), hook.clone(), self.me.clone());
                    ApplicationTicketKeys::new(
                        move |plain| hook.encrypt(&*me.upgrade()?, plain),
                        move |ticket| hook_too.decrypt(&*me_too.upgrade()?, ticket),
                    )
                }),
            )
            .with_ticket_hooks(self.ticket_hooks(ctx)),
        );
        config.key_log = Arc::new(KeyLogCapture::new(st.capture.clone(), keylog));
        config.send_tls13_tickets = st.settings.num_tickets;
        if early {
            config.max_early_data_size = st.settings.max_early_data;
            config.send_half_rtt_data = true;
        }
        Ok(config)
    }

    /// Before the server connection exists: reads the ClientHello, lets the
    /// application's hook see it (unlocked), then makes the connection with
    /// the protocol the hook chose.
    pub(super) fn read_client_hello(&self, st: &mut StateGuard<'_>) -> IoResult<()> {
        if let Some(progress) = st.accepting.as_mut().and_then(|a| a.progress.take()) {
            return self.continue_client_hello(st, progress);
        }
        match self.receive_client_hello(st)? {
            Some(accepted) => self.answer_client_hello(st, accepted),
            None => Ok(()),
        }
    }

    /// Reads from the transport once; the ClientHello once all of it is in.
    pub(super) fn receive_client_hello(
        &self,
        st: &mut StateGuard<'_>,
    ) -> IoResult<Option<Accepted>> {
        let read = {
            let st: &mut State = st;
            let (Some(r), Some(accepting)) = (st.reader.as_mut(), st.accepting.as_mut()) else {
                return Err(Failure::new(ErrorKind::Syscall));
            };
            let mut r = RecordReader {
                inner: r.as_mut(),
                cursor: &mut st.record_cursor,
            };
            accepting.acceptor.read_tls(&mut r)
        };
        st.tap_read();
        match read {
            Ok(0) => return Err(self.fail_fatally(st, Error::UnexpectedEof)),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(None),
            Err(e) if size_alerts::is_buffer_full(&e) => {
                return Err(self.refuse_client_hello(st, Error::ExcessiveMessageSize, None))
            }
            Err(e) => return Err(Failure::new(io_error_kind(&e))),
        }
        match st.accepting.as_mut().map(|a| a.acceptor.accept()) {
            Some(Ok(Some(accepted))) => Ok(Some(accepted)),
            Some(Ok(None)) => Ok(None),
            Some(Err((e, alert))) => {
                // OpenSSL calls anything but a ClientHello here unexpected.
                let why = match e {
                    rustls::Error::AlertReceived(_) => {
                        Error::Protocol("unexpected message before the ClientHello".into())
                    }
                    other => Error::from_tls(&other),
                };
                Err(self.refuse_client_hello(st, why, Some(alert)))
            }
            None => Err(Failure::new(ErrorKind::Ssl)),
        }
    }

    /// OpenSSL's server fails rather than send a TLS 1.3 CertificateRequest
    /// naming no scheme TLS 1.3 signs with (`certificate_request`): when
    /// rustls built one during the last call, nothing it wrote goes out but
    /// an internal_error alert, and the handshake fails.
    pub(super) fn refuses_certificate_request(&self, st: &mut StateGuard<'_>) -> Option<Failure> {
        let tls13 = st.tls.as_ref().and_then(|t| t.protocol_version())
            == Some(rustls::ProtocolVersion::TLSv1_3);
        if !self.certificate_request_refused(tls13) {
            return None;
        }
        super::hello_callbacks::send_alert(st, super::hello_callbacks::INTERNAL_ERROR_ALERT);
        Some(self.fail_fatally(st, Error::NoTls13ClientSigalgs))
    }

    /// Makes the server connection for the ClientHello read, once the
    /// application's callbacks have seen it, with the protocol they chose.
    pub(super) fn make_server_connection(
        &self,
        st: &mut StateGuard<'_>,
        accepted: Accepted,
        protocol: Option<Vec<u8>>,
    ) -> IoResult<()> {
        let mut config = self
            .server_config(st)
            .map_err(|e| Self::server_setup_failed(st, e))?;
        config.alpn_protocols = protocol.into_iter().collect();
        if self.refuses_early_data(st) {
            config.max_early_data_size = 0;
        }
        let made = StateGuard::unlocked(st, || {
            with_connection(&self.me, || accepted.into_connection(Arc::new(config)))
        });
        self.take_verdict(st);
        match made {
            Ok(conn) => {
                st.tls = Some(Box::new(rustls::Connection::Server(conn)));
                self.drain_capture(st);
                match self.refuses_certificate_request(st) {
                    Some(failure) => Err(failure),
                    None => Ok(()),
                }
            }
            Err((e, mut alert)) => {
                if let Some(w) = st.writer.as_mut() {
                    let _ = alert.write_all(w);
                }
                self.drain_capture(st);
                Err(self.fail_fatally(st, Error::from_tls(&e)))
            }
        }
    }
}
