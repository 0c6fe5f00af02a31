//! Bounds against a hostile peer, on the Rust API over in-memory queues: a
//! ClientHello split into one-byte records still handshakes and its
//! callback reads the whole hello (as with OpenSSL); an oversized record
//! fails the connection with OpenSSL's record_overflow alert, its body
//! unread; a ClientHello announcing more than the bound, or an endless run
//! of its fragments, fails it with OpenSSL's illegal_parameter alert
//! ("excessive message size") within a bounded number of bytes instead of
//! being buffered.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::sync::{Arc, Mutex};

use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use sessl::ssl::{
    ClientHelloHook, Connection, Context, Error, ErrorKind, HelloRefused, HelloStep, Method,
};

/// One direction of the transport; reading an empty queue would block.
#[derive(Clone, Default)]
struct Queue(Arc<Mutex<VecDeque<u8>>>);

impl Queue {
    fn take_all(&self) -> Vec<u8> {
        self.0.lock().unwrap().drain(..).collect()
    }

    fn push(&self, bytes: &[u8]) {
        self.0.lock().unwrap().extend(bytes);
    }

    fn len(&self) -> usize {
        self.0.lock().unwrap().len()
    }
}

impl Read for Queue {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut q = self.0.lock().unwrap();
        if q.is_empty() {
            return Err(io::ErrorKind::WouldBlock.into());
        }
        let n = buf.len().min(q.len());
        for (to, from) in buf.iter_mut().zip(q.drain(..n)) {
            *to = from;
        }
        Ok(n)
    }
}

impl Write for Queue {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.push(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn contexts() -> (Arc<Context>, Arc<Context>) {
    let made = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let server = Context::new(Method::Server).unwrap();
    server.use_certificate(CertificateDer::from(made.cert.der().to_vec()));
    server
        .use_private_key(PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
            made.key_pair.serialize_der(),
        )))
        .unwrap();
    (
        Arc::new(Context::new(Method::Client).unwrap()),
        Arc::new(server),
    )
}

/// A server connection reading from `input` and writing to `output`.
fn server_on(sctx: &Arc<Context>, input: &Queue, output: &Queue) -> Arc<Connection> {
    let server = Connection::new(sctx.clone());
    server.set_transport(
        Some(Box::new(input.clone())),
        Some(Box::new(output.clone())),
    );
    server.set_accept_state();
    server
}

/// Each record of `stream` whose body is longer than one byte, as records
/// of one byte each.
fn one_byte_records(stream: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 5 <= stream.len() {
        let len = usize::from(u16::from_be_bytes([stream[at + 3], stream[at + 4]]));
        for b in &stream[at + 5..at + 5 + len] {
            out.extend_from_slice(&stream[at..at + 3]);
            out.extend_from_slice(&[0, 1, *b]);
        }
        at += 5 + len;
    }
    out
}

/// Runs the server until it stops wanting to read; it must have failed the
/// connection.
fn failed(server: &Connection) {
    let mut last = Ok(());
    for _ in 0..4 {
        last = server.accept();
        if !matches!(&last, Err(f) if f.kind == ErrorKind::WantRead) {
            break;
        }
    }
    assert!(
        matches!(&last, Err(f) if f.kind == ErrorKind::Ssl),
        "the server fails the connection: {last:?}"
    );
}

/// A ClientHello hook noting whether the whole hello could be read from it.
#[derive(Default)]
struct SeesTheHello(Mutex<Option<bool>>);

impl ClientHelloHook for SeesTheHello {
    fn early(&self, conn: &Connection) -> HelloStep {
        let read = conn
            .peer_client_hello()
            .is_some_and(|h| !h.ciphers().is_empty() && h.offers_version(0x0304));
        *self.0.lock().unwrap() = Some(read);
        HelloStep::Continue
    }

    fn client_hello(
        &self,
        _conn: &Connection,
        _server_name: Option<&str>,
        _alpn: &[Vec<u8>],
    ) -> Result<Option<Vec<u8>>, HelloRefused> {
        Ok(None)
    }
}

#[test]
fn a_client_hello_in_one_byte_records_still_handshakes() {
    let (cctx, sctx) = contexts();
    let (to_server, to_client, wire) = (Queue::default(), Queue::default(), Queue::default());
    let client = Connection::new(cctx);
    client.set_transport(
        Some(Box::new(to_client.clone())),
        Some(Box::new(wire.clone())),
    );
    client.set_connect_state();
    let server = server_on(&sctx, &to_server, &to_client);
    let hook = Arc::new(SeesTheHello::default());
    server.set_hello_hook(Some(hook.clone()));
    assert!(client.connect().is_err(), "the client waits for the server");
    let hello = wire.take_all();
    let split = one_byte_records(&hello);
    assert!(
        split.len() > 5 * hello.len() / 2,
        "hello split into many records"
    );
    to_server.push(&split);
    let (mut client_done, mut server_done) = (false, false);
    for _ in 0..20 {
        server_done = server_done || server.accept().is_ok();
        to_server.push(&wire.take_all());
        client_done = client_done || client.connect().is_ok();
        to_server.push(&wire.take_all());
    }
    assert!(
        client_done && server_done,
        "both ends finished the handshake"
    );
    assert_eq!(
        *hook.0.lock().unwrap(),
        Some(true),
        "the ClientHello callback reads the hello made whole"
    );
}

#[test]
fn an_oversized_record_fails_the_connection_unbuffered() {
    let (_, sctx) = contexts();
    let (input, output) = (Queue::default(), Queue::default());
    let server = server_on(&sctx, &input, &output);
    // A handshake record announcing 65535 bytes, past TLS's 16384 + 2048.
    let mut record = vec![22, 3, 1, 0xff, 0xff];
    record.resize(5 + 0xffff, 0);
    input.push(&record);
    failed(&server);
    assert_eq!(server.take_error(), Some(Error::PacketLengthTooLong));
    assert_eq!(
        output.take_all(),
        [21, 3, 3, 0, 2, 2, 22],
        "a fatal record_overflow alert, as OpenSSL"
    );
    assert!(
        input.len() > 0xffff - 20_000,
        "the body was not read in: {} left",
        input.len()
    );
}

#[test]
fn endless_handshake_fragments_fail_the_connection() {
    let (_, sctx) = contexts();
    let (input, output) = (Queue::default(), Queue::default());
    let server = server_on(&sctx, &input, &output);
    // A ClientHello header announcing 16 MiB, then one-byte fragments.
    let mut stream = vec![22, 3, 1, 0, 4, 1, 0xff, 0xff, 0xff];
    for _ in 0..200_000 {
        stream.extend_from_slice(&[22, 3, 1, 0, 1, 0]);
    }
    let fed = stream.len();
    input.push(&stream);
    failed(&server);
    assert_eq!(server.take_error(), Some(Error::ExcessiveMessageSize));
    assert_eq!(
        output.take_all(),
        [21, 3, 3, 0, 2, 2, 47],
        "a fatal illegal_parameter alert, as OpenSSL"
    );
    assert!(
        fed - input.len() < 1 << 20,
        "failed within 1 MiB, after {} bytes",
        fed - input.len()
    );
}

#[test]
fn a_hello_of_endless_fragments_within_the_announced_length_fails_bounded() {
    let (_, sctx) = contexts();
    let (input, output) = (Queue::default(), Queue::default());
    let server = server_on(&sctx, &input, &output);
    // A ClientHello announcing 65535 bytes (within rustls' bound), sent
    // one byte a record: rustls buffers the records, headers too, up to
    // 64 KiB and then refuses to read on.
    let mut stream = vec![22, 3, 1, 0, 4, 1, 0, 0xff, 0xff];
    for _ in 0..70_000 {
        stream.extend_from_slice(&[22, 3, 1, 0, 1, 0]);
    }
    let fed = stream.len();
    input.push(&stream);
    let mut last = Ok(());
    for _ in 0..100_000 {
        last = server.accept();
        if !matches!(&last, Err(f) if f.kind == ErrorKind::WantRead) || input.len() == 0 {
            break;
        }
    }
    assert!(
        matches!(&last, Err(f) if f.kind == ErrorKind::Ssl),
        "the server fails the connection: {last:?}"
    );
    assert_eq!(server.take_error(), Some(Error::ExcessiveMessageSize));
    assert_eq!(output.take_all(), [21, 3, 3, 0, 2, 2, 47]);
    let read = fed - input.len();
    assert!(read <= 1 << 16, "at most 64 KiB read: {read}");
}
