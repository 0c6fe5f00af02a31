//! What the connection targets share: contexts with a fixed certificate, an
//! in-memory transport that hands the connection the fuzzer's bytes as the
//! peer's and swallows what it sends, and the loop that drives a connection
//! over it (handshake, reads, a write, shutdown) with a bounded number of calls.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::sync::{Arc, OnceLock};

use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use sessl::ssl::{
    ClientHelloHook, Connection, Context, ErrorKind, HelloRefused, HelloStep, Method,
};

/// What the connection may send in answer to one input (its flights,
/// alerts and one small write are far below this).
const OUTPUT_LIMIT: usize = 1 << 20;

/// Sizes in which the peer's bytes arrive: one byte at a time up to more
/// than a whole record.
const CHUNK_SIZES: [usize; 8] = [1, 5, 16, 100, 512, 4096, 16389, 65536];

/// The peer's bytes in chunks, then the end of the stream.
struct Feed(VecDeque<Vec<u8>>);

impl Read for Feed {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Some(chunk) = self.0.front_mut() else {
            return Ok(0);
        };
        let n = buf.len().min(chunk.len());
        buf[..n].copy_from_slice(&chunk[..n]);
        chunk.drain(..n);
        if chunk.is_empty() {
            self.0.pop_front();
        }
        Ok(n)
    }
}

/// Counts what the connection sends, and fails past the limit.
struct Sink(usize);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        assert!(
            self.0 <= OUTPUT_LIMIT,
            "{} bytes sent to a fuzzed peer",
            self.0
        );
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A ClientHello hook that reads every fact of the hello it is given.
struct ReadsTheHello;

impl ClientHelloHook for ReadsTheHello {
    fn early(&self, conn: &Connection) -> HelloStep {
        if let Some(hello) = conn.peer_client_hello() {
            let _ = (
                hello.groups(),
                hello.signature_schemes(),
                hello.extensions_present(),
            );
        }
        let _ = conn.client_ciphers();
        HelloStep::Continue
    }

    fn client_hello(
        &self,
        _conn: &Connection,
        _server_name: Option<&str>,
        alpn: &[Vec<u8>],
    ) -> Result<Option<Vec<u8>>, HelloRefused> {
        Ok(alpn.first().cloned())
    }
}

/// A server context with the fixed certificate and a client context.
fn contexts() -> &'static (Arc<Context>, Arc<Context>) {
    static CONTEXTS: OnceLock<(Arc<Context>, Arc<Context>)> = OnceLock::new();
    CONTEXTS.get_or_init(|| {
        let server = Context::new(Method::Server).expect("a server context");
        server.use_certificate(CertificateDer::from(
            &include_bytes!("../keys/localhost.cert.der")[..],
        ));
        let key = PrivatePkcs8KeyDer::from(&include_bytes!("../keys/localhost.key.der")[..]);
        server
            .use_private_key(PrivateKeyDer::Pkcs8(key.clone_key()))
            .expect("the key matches");
        let client = Context::new(Method::Client).expect("a client context");
        (Arc::new(client), Arc::new(server))
    })
}

/// Runs a client or server connection against `data`: its first byte picks
/// the protocol versions (bits 0-1), a ClientHello hook (bit 2), ALPN
/// (bit 3) and the chunk size (bits 4-6); the rest is what the peer sends.
pub fn run(server: bool, data: &[u8]) {
    let Some((&pick, peer_bytes)) = data.split_first() else {
        return;
    };
    let (client_ctx, server_ctx) = contexts();
    let conn = Connection::new(if server { server_ctx } else { client_ctx }.clone());
    match pick & 3 {
        1 => conn.set_version_bound(false, 0x0303),
        2 => conn.set_version_bound(true, 0x0304),
        _ => {}
    }
    if pick & 4 != 0 {
        conn.set_hello_hook(Some(Arc::new(ReadsTheHello)));
    }
    if pick & 8 != 0 {
        conn.set_alpn_protocols(vec![b"h2".to_vec(), b"http/1.1".to_vec()]);
    }
    let chunk = CHUNK_SIZES[usize::from(pick >> 4) & 7];
    let feed = Feed(peer_bytes.chunks(chunk).map(<[u8]>::to_vec).collect());
    conn.set_transport(Some(Box::new(feed)), Some(Box::new(Sink(0))));
    if server {
        conn.set_accept_state();
    } else {
        conn.set_hostname(Some("localhost".into()));
        conn.set_connect_state();
    }
    drive(&conn, peer_bytes.len());
}

/// Handshakes, then reads, until the connection fails or wants bytes the
/// feed no longer has; then writes once and shuts down.
fn drive(conn: &Connection, input_len: usize) {
    let mut buf = [0u8; 4096];
    // Each call consumes at least one byte or ends the loop.
    for _ in 0..input_len + 8 {
        let step = if conn.is_init_finished() {
            conn.read(&mut buf).map(|_| ())
        } else {
            conn.do_handshake()
        };
        match step {
            Ok(()) => continue,
            Err(f) if f.kind == ErrorKind::WantRead || f.kind == ErrorKind::WantWrite => continue,
            Err(_) => break,
        }
    }
    let _ = conn.write(b"bye");
    let _ = conn.shutdown();
}
