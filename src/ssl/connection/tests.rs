//! The connection's phases driven end to end in memory: a client and a
//! server `Connection`, each of its own `Context`, over a pair of byte queues.
//! As in `tests/rust_api.rs`, the client keeps OpenSSL's default
//! `SSL_VERIFY_NONE`, so it needs no trust anchors.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use super::{Connection, Role};
use crate::ssl::context::{Context, Method};
use crate::ssl::error::{Error, ErrorKind, IoResult};
use crate::ssl::options::{TLS1_2_VERSION, TLS1_3_VERSION};

/// One direction of the in-memory transport: what is written is read back
/// in order; reading an empty queue would block, as a non-blocking socket.
#[derive(Clone, Default)]
pub(super) struct Pipe(Arc<Mutex<VecDeque<u8>>>);

impl Pipe {
    /// Adds `bytes` for the reader.
    pub(super) fn push(&self, bytes: &[u8]) {
        self.0.lock().extend(bytes);
    }

    /// Takes everything waiting.
    pub(super) fn take_all(&self) -> Vec<u8> {
        self.0.lock().drain(..).collect()
    }
}

impl Read for Pipe {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut queue = self.0.lock();
        if queue.is_empty() {
            return Err(io::ErrorKind::WouldBlock.into());
        }
        let n = buf.len().min(queue.len());
        for (to, from) in buf.iter_mut().zip(queue.drain(..n)) {
            *to = from;
        }
        Ok(n)
    }
}

impl Write for Pipe {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().extend(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Connects `client` and `server` through a fresh pair of pipes.
pub(super) fn link(client: &Connection, server: &Connection) {
    let (to_server, to_client) = (Pipe::default(), Pipe::default());
    client.set_transport(
        Some(Box::new(to_client.clone())),
        Some(Box::new(to_server.clone())),
    );
    server.set_transport(Some(Box::new(to_server)), Some(Box::new(to_client)));
}

/// A self-signed certificate for "localhost" and its key, made once.
fn certificate() -> &'static (CertificateDer<'static>, PrivatePkcs8KeyDer<'static>) {
    static PKI: OnceLock<(CertificateDer<'static>, PrivatePkcs8KeyDer<'static>)> = OnceLock::new();
    PKI.get_or_init(|| {
        let made = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        (
            CertificateDer::from(made.cert.der().to_vec()),
            PrivatePkcs8KeyDer::from(made.key_pair.serialize_der()),
        )
    })
}

/// A client context and a server context with the certificate.
pub(super) fn contexts() -> (Arc<Context>, Arc<Context>) {
    let (cert, key) = certificate();
    let server = Context::new(Method::Server).unwrap();
    server.use_certificate(cert.clone());
    server
        .use_private_key(PrivateKeyDer::Pkcs8(key.clone_key()))
        .unwrap();
    let client = Context::new(Method::Client).unwrap();
    (Arc::new(client), Arc::new(server))
}

/// How each side's handshake ended.
pub(super) struct Outcome {
    pub(super) client: IoResult<()>,
    pub(super) server: IoResult<()>,
}

/// Drives `connect` and `accept` in turn until neither waits for the other.
pub(super) fn handshake(client: &Connection, server: &Connection) -> Outcome {
    let waiting = |r: &IoResult<()>| matches!(r, Err(f) if matches!(f.kind, ErrorKind::WantRead | ErrorKind::WantWrite));
    let mut client_result = client.connect();
    let mut server_result = server.accept();
    for _ in 0..20 {
        if !waiting(&client_result) && !waiting(&server_result) {
            break;
        }
        if waiting(&client_result) {
            client_result = client.connect();
        }
        if waiting(&server_result) {
            server_result = server.accept();
        }
    }
    Outcome {
        client: client_result,
        server: server_result,
    }
}

/// A new linked pair of `cctx` and `sctx`, handshake done; the client
/// offers `offered` first.
pub(super) fn connected(
    cctx: &Arc<Context>,
    sctx: &Arc<Context>,
    offered: Option<Arc<crate::Session>>,
    version: u16,
) -> (Arc<Connection>, Arc<Connection>) {
    let (client, server) = (Connection::new(cctx.clone()), Connection::new(sctx.clone()));
    client.set_version_bound(false, version);
    client.set_session(offered);
    link(&client, &server);
    let outcome = handshake(&client, &server);
    assert_eq!(outcome.client, Ok(()), "client handshake");
    assert_eq!(outcome.server, Ok(()), "server handshake");
    (client, server)
}

/// The server sends a few bytes and the client reads them (and with them
/// any TLS 1.3 tickets that came first).
pub(super) fn exchange(client: &Connection, server: &Connection) {
    assert_eq!(server.write(b"hello"), Ok(5));
    let mut buf = [0u8; 16];
    assert_eq!(client.read(&mut buf), Ok(5));
    assert_eq!(&buf[..5], b"hello");
}

/// Both sides send close_notify (the first `shutdown` of each, which does
/// not read), then each reads the other's.
fn close(client: &Connection, server: &Connection) {
    assert_eq!(
        client.shutdown(),
        Ok(false),
        "client: sent, not yet received"
    );
    assert_eq!(server.shutdown(), Ok(false), "server: sent, not yet read");
    assert_eq!(client.shutdown(), Ok(true));
    assert_eq!(server.shutdown(), Ok(true));
}

#[test]
fn full_tls13_handshake_leaves_a_session_resumable_once_a_ticket_is_read() {
    let (cctx, sctx) = contexts();
    let (client, server) = connected(&cctx, &sctx, None, 0);
    assert!(client.is_init_finished() && server.is_init_finished());
    assert_eq!(client.role(), Some(Role::Client));
    assert_eq!(server.role(), Some(Role::Server));
    assert_eq!(client.protocol_version(), Some(TLS1_3_VERSION));
    assert_eq!(server.protocol_version(), Some(TLS1_3_VERSION));
    assert!(!client.session_reused() && !server.session_reused());
    let before = client
        .session()
        .expect("a session right after the handshake");
    assert!(!before.is_resumable(), "TLS 1.3: no ticket read yet");
    assert!(server.session().is_some());
    exchange(&client, &server);
    let session = client.session().unwrap();
    assert!(session.is_resumable(), "a ticket was read");
    assert_eq!(session.protocol_version(), TLS1_3_VERSION);
    assert_eq!(client.session_ptr(), Arc::as_ptr(&session));
    close(&client, &server);
}

#[test]
fn full_tls12_handshake_leaves_a_resumable_session() {
    let (cctx, sctx) = contexts();
    let (client, server) = connected(&cctx, &sctx, None, TLS1_2_VERSION);
    assert_eq!(client.protocol_version(), Some(TLS1_2_VERSION));
    assert_eq!(server.protocol_version(), Some(TLS1_2_VERSION));
    assert!(!client.session_reused() && !server.session_reused());
    let session = client.session().expect("a session");
    assert!(session.is_resumable(), "the server gave a ticket");
    assert_eq!(session.protocol_version(), TLS1_2_VERSION);
    assert_eq!(
        server.session().map(|s| s.protocol_version()),
        Some(TLS1_2_VERSION)
    );
    close(&client, &server);
}

#[test]
fn a_second_connection_offered_the_first_session_resumes() {
    for version in [TLS1_3_VERSION, TLS1_2_VERSION] {
        let (cctx, sctx) = contexts();
        let (client, server) = connected(&cctx, &sctx, None, version);
        exchange(&client, &server);
        let first = client.session().unwrap();
        close(&client, &server);

        let (client, server) = connected(&cctx, &sctx, Some(first.clone()), version);
        assert!(client.session_reused(), "client resumed {version:#x}");
        assert!(server.session_reused(), "server resumed {version:#x}");
        assert_eq!(client.protocol_version(), Some(version));
        exchange(&client, &server);
        close(&client, &server);
    }
}

#[test]
fn clear_keeps_a_good_session_and_the_next_handshake_resumes() {
    let (cctx, sctx) = contexts();
    let (client, server) = connected(&cctx, &sctx, None, TLS1_2_VERSION);
    close(&client, &server);
    let session = client.session().unwrap();
    client.clear();
    assert!(!client.is_init_finished());
    assert_eq!(client.shutdown_state(), 0);
    let kept = client.session().expect("a clean end keeps the session");
    assert!(Arc::ptr_eq(&kept, &session));
    assert!(kept.is_resumable());

    let server = Connection::new(sctx);
    link(&client, &server);
    let outcome = handshake(&client, &server);
    assert_eq!((outcome.client, outcome.server), (Ok(()), Ok(())));
    assert!(client.session_reused() && server.session_reused());
}

#[test]
fn clear_after_an_unclean_end_drops_the_session() {
    let (cctx, sctx) = contexts();
    let (client, _server) = connected(&cctx, &sctx, None, TLS1_2_VERSION);
    let session = client.session().unwrap();
    client.clear();
    assert!(client.session().is_none(), "no close_notify sent");
    assert!(!session.is_resumable());
}

#[test]
fn a_connection_without_a_role_fails_to_start() {
    let ctx = Arc::new(Context::new(Method::Any).unwrap());
    let conn = Connection::new(ctx);
    assert_eq!(conn.role(), None);
    let failure = conn.do_handshake().unwrap_err();
    assert_eq!(failure.kind, ErrorKind::Ssl);
    assert_eq!(failure.ret, -1);
    assert_eq!(conn.error_kind(failure.ret), ErrorKind::Ssl);
    assert_eq!(conn.take_error(), Some(Error::NoRole));
    assert_eq!(conn.take_error(), None, "reported once");
    assert!(conn.session().is_none());
}

#[test]
fn a_client_waiting_for_the_server_wants_to_read() {
    let (cctx, sctx) = contexts();
    let (client, server) = (Connection::new(cctx), Connection::new(sctx));
    link(&client, &server);
    let failure = client.connect().unwrap_err();
    assert_eq!(failure.kind, ErrorKind::WantRead);
    assert_eq!(client.error_kind(failure.ret), ErrorKind::WantRead);
    assert!(client.session().is_none() && !client.is_init_finished());
}

#[test]
fn no_common_protocol_version_fails_both_sides() {
    let (cctx, sctx) = contexts();
    let (client, server) = (Connection::new(cctx), Connection::new(sctx));
    client.set_version_bound(false, TLS1_2_VERSION);
    server.set_version_bound(true, TLS1_3_VERSION);
    link(&client, &server);
    let outcome = handshake(&client, &server);
    let client_failure = outcome.client.unwrap_err();
    let server_failure = outcome.server.unwrap_err();
    assert_eq!(client_failure.kind, ErrorKind::Ssl);
    assert_eq!(server_failure.kind, ErrorKind::Ssl);
    assert_eq!(server.take_error(), Some(Error::UnsupportedProtocol));
    assert_eq!(
        client.take_error(),
        Some(Error::AlertReceived(70)),
        "the server's protocol_version alert"
    );
    assert!(!client.is_init_finished() && !server.is_init_finished());
}

#[test]
fn shutdown_state_follows_each_close_notify() {
    let (cctx, sctx) = contexts();
    let (client, server) = connected(&cctx, &sctx, None, 0);
    assert_eq!((client.shutdown_state(), server.shutdown_state()), (0, 0));
    assert_eq!(client.shutdown(), Ok(false));
    assert_eq!(client.shutdown_state(), 1, "sent");
    let mut buf = [0u8; 8];
    let end = server.read(&mut buf).unwrap_err();
    assert_eq!((end.kind, end.ret), (ErrorKind::ZeroReturn, 0));
    assert_eq!(server.shutdown_state(), 2, "received");
    assert_eq!(server.shutdown(), Ok(true));
    assert_eq!(server.shutdown_state(), 3);
    assert_eq!(client.shutdown(), Ok(true));
    assert_eq!(client.shutdown_state(), 3, "sent and received");
}

#[test]
fn a_server_switches_context_before_answering_and_a_client_cannot() {
    let (client_ctx, server_ctx) = contexts();
    let other = Arc::new(Context::new(Method::Server).unwrap());
    let server = Connection::new(server_ctx.clone());
    server.set_accept_state();
    let (now, moved) = server.switch_context(Some(other.clone())).unwrap();
    assert!(moved && Arc::ptr_eq(&now, &other));
    assert!(Arc::ptr_eq(&server.switched_context().unwrap(), &other));
    let (now, moved) = server.switch_context(None).unwrap();
    assert!(
        moved && Arc::ptr_eq(&now, &server_ctx),
        "None moves it back"
    );
    assert!(server.switched_context().is_none());

    let client = Connection::new(client_ctx.clone());
    client.set_connect_state();
    assert!(client.switch_context(Some(other)).is_none());
    let (now, moved) = client.switch_context(None).unwrap();
    assert!(
        !moved && Arc::ptr_eq(&now, &client_ctx),
        "its own context stays"
    );
}

/// glibc's per-thread cache serves allocations of at most 1,032 bytes; a
/// larger one takes its slower bins (about 800 instructions for the
/// connection's allocation against 60, measured by callgrind). A connection
/// (`Arc<Connection>`: two counts and the connection) and its boxed trace stay within it.
#[test]
fn a_connection_is_an_allocation_of_the_fast_sizes() {
    const FAST: usize = 1032;
    let arc = 2 * std::mem::size_of::<usize>() + std::mem::size_of::<Connection>();
    assert!(arc <= FAST, "Arc<Connection> is {arc} bytes");
    let trace = std::mem::size_of::<super::tapping::Trace>();
    assert!(trace <= FAST, "Trace is {trace} bytes");
}
