//! The ceiling for sessl: bare rustls (aws-lc-rs), client and server in one
//! thread, driven through the handshakes of `bench/handshake.c` with the same
//! certificates, one small record each way and close_notify. Buffers are in
//! memory (no sockets), so this is the cost of TLS alone.
//!
//! With `socket` after the groups, each handshake instead runs over its own
//! non-blocking socketpair, as bench/handshake.c's do: each end writes what
//! rustls queued (`write_tls`) and reads (`read_tls`) until the socket has
//! nothing more, as a non-blocking rustls program does. That is the same
//! handshake with the transport's cost in it, which sessl pays too.
//!
//! `cargo run --release --example bare_rustls -- MODE N CERTDIR [x25519 [socket]]`
//! prints "MODE N seconds rate" like bench/handshake.c.

use std::io::{ErrorKind, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use rustls::client::Resumption;
use rustls::crypto::aws_lc_rs as provider;
use rustls::server::ServerSessionMemoryCache;
use rustls::{
    ClientConfig, ClientConnection, HandshakeKind, RootCertStore, ServerConfig, ServerConnection,
};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, ServerName};

fn configs(mode: &str, dir: &Path, x25519: bool) -> (Arc<ClientConfig>, Arc<ServerConfig>) {
    let mut p = provider::default_provider();
    // As bench/handshake.c: X25519 for TLS 1.3, X25519:P-256 for TLS 1.2.
    if x25519 && mode.contains("12") {
        p.kx_groups = vec![provider::kx_group::X25519, provider::kx_group::SECP256R1];
    } else if x25519 {
        p.kx_groups = vec![provider::kx_group::X25519];
    }
    let p = Arc::new(p);
    let versions: &[&rustls::SupportedProtocolVersion] = if mode.contains("12") {
        &[&rustls::version::TLS12]
    } else {
        &[&rustls::version::TLS13]
    };
    let chain: Vec<_> = CertificateDer::pem_file_iter(dir.join("server-chain.pem"))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(dir.join("server.key")).unwrap();
    let mut server = ServerConfig::builder_with_provider(p.clone())
        .with_protocol_versions(versions)
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    if mode == "resume12-id" {
        server.session_storage = ServerSessionMemoryCache::new(20480);
    } else {
        server.ticketer = provider::Ticketer::new().unwrap();
    }
    let mut roots = RootCertStore::empty();
    roots.add_parsable_certificates(
        CertificateDer::pem_file_iter(dir.join("ca.pem"))
            .unwrap()
            .flatten(),
    );
    // Like the C client, the client offers both versions; the server decides.
    let mut client = ClientConfig::builder_with_provider(p)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    if !mode.starts_with("resume") {
        client.resumption = Resumption::disabled();
    }
    (Arc::new(client), Arc::new(server))
}

fn pump(from: &mut dyn FnMut(&mut Vec<u8>), to: &mut dyn FnMut(&[u8])) {
    let mut buf = Vec::new();
    from(&mut buf);
    if !buf.is_empty() {
        to(&buf);
    }
}

fn one(client: &Arc<ClientConfig>, server: &Arc<ServerConfig>) -> bool {
    let mut c =
        ClientConnection::new(client.clone(), ServerName::try_from("localhost").unwrap()).unwrap();
    let mut s = ServerConnection::new(server.clone()).unwrap();
    let step = |c: &mut ClientConnection, s: &mut ServerConnection| {
        pump(
            &mut |b| {
                c.write_tls(b).unwrap();
            },
            &mut |b| {
                s.read_tls(&mut &b[..]).unwrap();
                s.process_new_packets().unwrap();
            },
        );
        pump(
            &mut |b| {
                s.write_tls(b).unwrap();
            },
            &mut |b| {
                c.read_tls(&mut &b[..]).unwrap();
                c.process_new_packets().unwrap();
            },
        );
    };
    while c.is_handshaking() || s.is_handshaking() {
        step(&mut c, &mut s);
    }
    let mut buf = [0u8; 16];
    s.writer().write_all(b"ping").unwrap();
    step(&mut c, &mut s);
    assert_eq!(c.reader().read(&mut buf).unwrap(), 4);
    c.writer().write_all(b"ping").unwrap();
    step(&mut c, &mut s);
    assert_eq!(s.reader().read(&mut buf).unwrap(), 4);
    c.send_close_notify();
    s.send_close_notify();
    step(&mut c, &mut s);
    c.handshake_kind() == Some(HandshakeKind::Resumed)
}

/// One end's turn over a socket: write what rustls queued, then read and
/// process until the socket has nothing more (and write what that queued).
fn turn(conn: &mut rustls::Connection, sock: &mut UnixStream) {
    loop {
        while conn.wants_write() {
            conn.write_tls(sock).unwrap();
        }
        match conn.read_tls(sock) {
            Ok(0) => return,
            Ok(_) => {
                conn.process_new_packets().unwrap();
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => return,
            Err(e) => panic!("read: {e}"),
        }
    }
}

/// `one` over a non-blocking socketpair (see the module).
fn one_socket(client: &Arc<ClientConfig>, server: &Arc<ServerConfig>) -> bool {
    let (mut cs, mut ss) = UnixStream::pair().unwrap();
    cs.set_nonblocking(true).unwrap();
    ss.set_nonblocking(true).unwrap();
    let mut c: rustls::Connection =
        ClientConnection::new(client.clone(), ServerName::try_from("localhost").unwrap())
            .unwrap()
            .into();
    let mut s: rustls::Connection = ServerConnection::new(server.clone()).unwrap().into();
    let step = |c: &mut rustls::Connection,
                s: &mut rustls::Connection,
                cs: &mut UnixStream,
                ss: &mut UnixStream| {
        turn(c, cs);
        turn(s, ss);
    };
    while c.is_handshaking() || s.is_handshaking() {
        step(&mut c, &mut s, &mut cs, &mut ss);
    }
    let mut buf = [0u8; 16];
    s.writer().write_all(b"ping").unwrap();
    turn(&mut s, &mut ss);
    turn(&mut c, &mut cs);
    assert_eq!(c.reader().read(&mut buf).unwrap(), 4);
    c.writer().write_all(b"ping").unwrap();
    step(&mut c, &mut s, &mut cs, &mut ss);
    assert_eq!(s.reader().read(&mut buf).unwrap(), 4);
    c.send_close_notify();
    s.send_close_notify();
    step(&mut c, &mut s, &mut cs, &mut ss);
    let rustls::Connection::Client(c) = c else {
        unreachable!()
    };
    c.handshake_kind() == Some(HandshakeKind::Resumed)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (mode, n, dir) = (
        &args[1],
        args[2].parse::<usize>().unwrap(),
        Path::new(&args[3]),
    );
    let (client, server) = configs(mode, dir, args.get(4).is_some_and(|a| a == "x25519"));
    let one = if args.get(5).is_some_and(|a| a == "socket") {
        one_socket
    } else {
        one
    };
    one(&client, &server);
    let start = Instant::now();
    let resumed = (0..n).filter(|_| one(&client, &server)).count();
    let secs = start.elapsed().as_secs_f64();
    let resume = mode.starts_with("resume");
    assert!(
        if resume { resumed == n } else { resumed == 0 },
        "{mode}: resumed {resumed} of {n}"
    );
    println!("{mode} {n} {secs:.3} {:.1}", n as f64 / secs);
}
