//! The Rust API: sessl's caches plugged into rustls directly, and contexts
//! and connections used from Rust over a socket pair.

use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rustls::client::Resumption;
use rustls::{
    ClientConfig, ClientConnection, HandshakeKind, RootCertStore, ServerConfig, ServerConnection,
};
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use sessl::session::CacheStats;
use sessl::ssl::{ClientHelloHook, Connection, Context, HelloRefused, Method, NewSessionHook};
use sessl::{ClientCache, ServerCache, Session};

struct Pki {
    cert: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
}

fn pki() -> Pki {
    let c = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    Pki {
        cert: CertificateDer::from(c.cert.der().to_vec()),
        key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(c.key_pair.serialize_der())),
    }
}

fn configs(
    pki: &Pki,
    server_cache: Arc<ServerCache>,
    client_cache: Arc<ClientCache>,
    tls12: bool,
) -> (Arc<ServerConfig>, Arc<ClientConfig>) {
    let versions: &[&rustls::SupportedProtocolVersion] = if tls12 {
        &[&rustls::version::TLS12]
    } else {
        &[&rustls::version::TLS13]
    };
    let mut s = ServerConfig::builder_with_protocol_versions(versions)
        .with_no_client_auth()
        .with_single_cert(vec![pki.cert.clone()], pki.key.clone_key())
        .unwrap();
    s.session_storage = server_cache;
    let mut roots = RootCertStore::empty();
    roots.add(pki.cert.clone()).unwrap();
    let mut c = ClientConfig::builder_with_protocol_versions(versions)
        .with_root_certificates(roots)
        .with_no_client_auth();
    c.resumption = Resumption::store(client_cache);
    (Arc::new(s), Arc::new(c))
}

fn connect(s: &Arc<ServerConfig>, c: &Arc<ClientConfig>) -> bool {
    let mut client =
        ClientConnection::new(c.clone(), ServerName::try_from("localhost").unwrap()).unwrap();
    let mut server = ServerConnection::new(s.clone()).unwrap();
    for _ in 0..20 {
        let mut buf = Vec::new();
        client.write_tls(&mut buf).unwrap();
        server.read_tls(&mut &buf[..]).unwrap();
        server.process_new_packets().unwrap();
        buf.clear();
        server.write_tls(&mut buf).unwrap();
        client.read_tls(&mut &buf[..]).unwrap();
        client.process_new_packets().unwrap();
    }
    assert!(!client.is_handshaking());
    client.handshake_kind() == Some(HandshakeKind::Resumed)
}

#[test]
fn server_cache_resumes_tls12_session_ids_and_tls13_tickets() {
    let pki = pki();
    for tls12 in [true, false] {
        let sc = Arc::new(ServerCache::new(100));
        let cc = Arc::new(ClientCache::new(10));
        let (s, c) = configs(&pki, sc.clone(), cc.clone(), tls12);
        assert!(!connect(&s, &c));
        assert!(connect(&s, &c), "tls12={tls12}");
        assert_eq!(CacheStats::read(&sc.stats().hits), 1);
        assert!(CacheStats::read(&cc.stats().hits) >= 1);
    }
}

#[test]
fn server_cache_never_exceeds_its_bound() {
    let pki = pki();
    let sc = Arc::new(ServerCache::new(3));
    for _ in 0..10 {
        // A fresh client each time: every handshake adds new sessions.
        let (s, c) = configs(&pki, sc.clone(), Arc::new(ClientCache::new(1)), true);
        connect(&s, &c);
        assert!(sc.len() <= 3);
    }
    assert_eq!(sc.len(), 3);
    assert_eq!(CacheStats::read(&sc.stats().cache_full), 7);
}

#[test]
fn client_cache_timeout_stops_resumption_and_flush_empties() {
    let pki = pki();
    let sc = Arc::new(ServerCache::new(100));
    let cc = Arc::new(ClientCache::new(10));
    let (s, c) = configs(&pki, sc, cc.clone(), false);
    connect(&s, &c);
    assert!(!cc.is_empty());
    cc.set_timeout(-1);
    assert!(!connect(&s, &c), "an expired ticket must not be offered");
    assert!(CacheStats::read(&cc.stats().timeouts) >= 1);
    cc.set_timeout(7200);
    connect(&s, &c);
    assert!(cc.flush_at(i64::MAX) > 0);
    assert!(cc.is_empty());
}

#[test]
fn server_cache_expired_sessions_are_not_resumed() {
    let pki = pki();
    let sc = Arc::new(ServerCache::new(100));
    sc.set_default_timeout(-5);
    let (s, c) = configs(&pki, sc.clone(), Arc::new(ClientCache::new(10)), true);
    connect(&s, &c);
    assert!(!connect(&s, &c));
    assert!(CacheStats::read(&sc.stats().timeouts) >= 1);
}

// --- Context and Connection from Rust ---

fn write_pem(dir: &std::path::Path, pki: &Pki) {
    let cert = pem::Pem::new("CERTIFICATE", pki.cert.to_vec());
    let key = pem::Pem::new("PRIVATE KEY", pki.key.secret_der().to_vec());
    std::fs::write(dir.join("cert.pem"), pem::encode(&cert)).unwrap();
    std::fs::write(dir.join("key.pem"), pem::encode(&key)).unwrap();
}

fn contexts() -> (Arc<Context>, Arc<Context>) {
    // One directory per call: tests run in parallel and each writes its own key pair.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("sessl-rust-api-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    write_pem(&dir, &pki());
    let server = Context::new(Method::Server).unwrap();
    server
        .use_certificate_chain_file(&dir.join("cert.pem"))
        .unwrap();
    server
        .use_private_key_file(&dir.join("key.pem"), 1)
        .unwrap();
    server.check_private_key().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let client = Context::new(Method::Client).unwrap();
    (Arc::new(client), Arc::new(server))
}

fn run_pair(client: &Connection, server: &Connection) {
    let (a, b) = UnixStream::pair().unwrap();
    a.set_nonblocking(true).unwrap();
    b.set_nonblocking(true).unwrap();
    client.set_transport(Some(Box::new(a.try_clone().unwrap())), Some(Box::new(a)));
    server.set_transport(Some(Box::new(b.try_clone().unwrap())), Some(Box::new(b)));
    let (mut cdone, mut sdone) = (false, false);
    for _ in 0..50 {
        cdone = cdone || client.connect().is_ok();
        sdone = sdone || server.accept().is_ok();
    }
    assert!(cdone && sdone);
    server.write(b"hi").unwrap();
    let mut buf = [0u8; 8];
    assert_eq!(client.read(&mut buf).unwrap(), 2);
    client.shutdown().unwrap();
    server.shutdown().unwrap();
}

struct Count(AtomicUsize);
impl NewSessionHook for Count {
    fn new_session(&self, _: &Connection, _: Arc<Session>) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

#[test]
fn connection_resumes_and_reports_new_sessions() {
    let (cctx, sctx) = contexts();
    let server_new = Arc::new(Count(AtomicUsize::new(0)));
    sctx.set_new_session_hook(Some(server_new.clone()));
    let (c, s) = (Connection::new(cctx.clone()), Connection::new(sctx.clone()));
    run_pair(&c, &s);
    assert_eq!(
        server_new.0.load(Ordering::Relaxed),
        2,
        "one per TLS 1.3 ticket"
    );
    let session = c.session().unwrap();
    assert!(session.is_resumable());
    let (c2, s2) = (Connection::new(cctx.clone()), Connection::new(sctx.clone()));
    c2.set_session(Some(session.clone()));
    run_pair(&c2, &s2);
    assert!(c2.session_reused() && s2.session_reused());
    assert_eq!(
        server_new.0.load(Ordering::Relaxed),
        3,
        "one ticket after a resumption"
    );

    // Divergence (docs/divergences.md): a rustls TLS 1.3 ticket is single-use.
    assert!(session.is_spent());
    let (c3, s3) = (Connection::new(cctx), Connection::new(sctx));
    c3.set_session(Some(session));
    run_pair(&c3, &s3);
    assert!(!c3.session_reused());
}

#[test]
fn session_of_another_context_resumes_as_in_openssl() {
    let (cctx, sctx) = contexts();
    let (c, s) = (Connection::new(cctx), Connection::new(sctx.clone()));
    run_pair(&c, &s);
    let session = c.session().unwrap();
    let other = Arc::new(Context::new(Method::Client).unwrap());
    let (c2, s2) = (Connection::new(other), Connection::new(sctx));
    c2.set_session(Some(session.clone()));
    run_pair(&c2, &s2);
    assert!(c2.session_reused(), "curl resumes across contexts");
}

/// Re-enters sessl from the callbacks: would deadlock if a lock were held.
struct Reenter(AtomicUsize);
impl NewSessionHook for Reenter {
    fn new_session(&self, conn: &Connection, s: Arc<Session>) {
        assert!(conn.session().is_some());
        let _ = conn.context().cache().len();
        let _ = s.is_resumable();
        self.0.fetch_add(1, Ordering::Relaxed);
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
impl sessl::ssl::RemoveSessionHook for Reenter {
    fn session_removed(&self, ctx: &Context, _: &Arc<Session>) {
        let _ = ctx.cache().len();
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

#[test]
fn threads_flood_and_resume_within_the_cache_bound() {
    const LIMIT: usize = 16;
    const THREADS: usize = 4;
    const ROUNDS: usize = 40;
    let (cctx, sctx) = contexts();
    sctx.update(|s| {
        s.options |= sessl::ssl::options::OP_NO_TICKET;
        s.max_version = sessl::ssl::options::TLS1_2_VERSION;
    });
    sctx.cache().set_size_limit(LIMIT);
    let hook = Arc::new(Reenter(AtomicUsize::new(0)));
    sctx.set_new_session_hook(Some(hook.clone()));
    sctx.set_remove_session_hook(Some(hook.clone()));
    let resumed = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| {
                let mut mine: Option<Arc<Session>> = None;
                for round in 0..ROUNDS {
                    let (c, s) = (Connection::new(cctx.clone()), Connection::new(sctx.clone()));
                    // Every other handshake is new: a flood of unique sessions.
                    if round % 2 == 1 {
                        c.set_session(mine.clone());
                    }
                    run_pair(&c, &s);
                    if c.session_reused() {
                        resumed.fetch_add(1, Ordering::Relaxed);
                    } else {
                        mine = c.session();
                    }
                    let held = sctx.cache().len();
                    assert!(held < LIMIT, "cache holds {held}, limit {LIMIT}");
                }
            });
        }
    });
    let total = (THREADS * ROUNDS) as u64;
    let stats = sctx.stats();
    assert_eq!(CacheStats::read(&stats.accept_good), total);
    let resumed = resumed.load(Ordering::Relaxed) as u64;
    assert_eq!(CacheStats::read(&stats.hits), resumed);
    assert!(resumed > 0, "some handshakes must resume");
    assert_eq!(
        hook.0.load(Ordering::Relaxed) as u64,
        total - resumed,
        "one new session per full handshake"
    );
    assert!(CacheStats::read(&stats.cache_full) >= total - resumed - LIMIT as u64);
}

/// A ClientHello's server name and ALPN list.
type Seen = (Option<String>, Vec<Vec<u8>>);

/// Records what it saw; picks the last protocol offered, or refuses.
struct Hello {
    seen: parking_lot::Mutex<Vec<Seen>>,
    refuse: bool,
}

impl ClientHelloHook for Hello {
    fn client_hello(
        &self,
        _: &Connection,
        server_name: Option<&str>,
        alpn: &[Vec<u8>],
    ) -> Result<Option<Vec<u8>>, HelloRefused> {
        self.seen
            .lock()
            .push((server_name.map(str::to_owned), alpn.to_vec()));
        if self.refuse {
            return Err(HelloRefused::HANDSHAKE_FAILURE);
        }
        Ok(alpn.last().cloned())
    }
}

#[test]
fn client_hello_hook_sees_the_name_and_chooses_the_protocol() {
    let (cctx, sctx) = contexts();
    cctx.update(|s| s.alpn = vec![b"h2".to_vec(), b"http/1.1".to_vec()]);
    let hook = Arc::new(Hello {
        seen: Default::default(),
        refuse: false,
    });
    sctx.set_client_hello_hook(Some(hook.clone()));
    let (c, s) = (Connection::new(cctx.clone()), Connection::new(sctx.clone()));
    assert!(c.set_hostname(Some("localhost".into())));
    run_pair(&c, &s);
    assert_eq!(c.alpn_protocol().as_deref(), Some(&b"http/1.1"[..]));
    assert_eq!(s.alpn_protocol().as_deref(), Some(&b"http/1.1"[..]));
    assert_eq!(s.hostname().as_deref(), Some("localhost"));
    assert_eq!(
        *hook.seen.lock(),
        vec![(
            Some("localhost".to_string()),
            vec![b"h2".to_vec(), b"http/1.1".to_vec()]
        )]
    );

    // A refusing hook fails the server's handshake.
    sctx.set_client_hello_hook(Some(Arc::new(Hello {
        seen: Default::default(),
        refuse: true,
    })));
    let (c, s) = (Connection::new(cctx), Connection::new(sctx));
    let (a, b) = UnixStream::pair().unwrap();
    a.set_nonblocking(true).unwrap();
    b.set_nonblocking(true).unwrap();
    c.set_transport(Some(Box::new(a.try_clone().unwrap())), Some(Box::new(a)));
    s.set_transport(Some(Box::new(b.try_clone().unwrap())), Some(Box::new(b)));
    let mut server_failed = false;
    for _ in 0..20 {
        let _ = c.connect();
        match s.accept() {
            Ok(()) => panic!("a refused ClientHello must not complete"),
            Err(e) if e.kind == sessl::ssl::ErrorKind::Ssl => server_failed = true,
            Err(_) => {}
        }
    }
    assert!(server_failed);
}
