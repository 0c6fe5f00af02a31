//! What a peer can make a connection hold: a peer that never reads leaves
//! at most one bounded batch of records waiting however often the
//! application retries its write; a slow-loris client sending a ClientHello
//! a byte at a time leaves the server holding only what it sent (no thread,
//! nothing written), until the application gives up on it.

use std::io::{self, Write};
use std::sync::Arc;

use super::tests::{connected, contexts, Pipe};
use super::Connection;
use crate::ssl::error::ErrorKind;
use crate::ssl::options::TLS1_3_VERSION;

/// A transport that takes nothing: the peer never reads.
struct NeverReads;

impl Write for NeverReads {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::ErrorKind::WouldBlock.into())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The most rustls takes of one write (its default buffer limit), with
/// each 16 KiB record's header and tag.
const ONE_BATCH: usize = 64 * 1024 + 4 * 64;

#[test]
fn a_peer_that_never_reads_leaves_one_bounded_batch_waiting() {
    let (cctx, sctx) = contexts();
    let (_client, server) = connected(&cctx, &sctx, None, TLS1_3_VERSION);
    server.set_transport(None, Some(Box::new(NeverReads)));
    let big = vec![7u8; 1 << 20];
    for _ in 0..50 {
        let r = server.write(&big);
        assert!(
            matches!(&r, Err(f) if f.kind == ErrorKind::WantWrite),
            "the write waits for the peer: {r:?}"
        );
    }
    let waiting = server.state.lock().outgoing.len_waiting();
    assert!(
        waiting > 0 && waiting <= ONE_BATCH,
        "{waiting} bytes wait, at most {ONE_BATCH}"
    );
}

#[test]
fn a_slow_loris_hello_holds_only_what_was_sent() {
    let (cctx, sctx) = contexts();
    let (client, server) = (Connection::new(cctx), Connection::new(sctx));
    let (wire, to_client, to_server) = (Pipe::default(), Pipe::default(), Pipe::default());
    client.set_transport(Some(Box::new(to_client)), Some(Box::new(wire.clone())));
    server.set_transport(
        Some(Box::new(to_server.clone())),
        Some(Box::new(wire.clone())),
    );
    client.set_connect_state();
    server.set_accept_state();
    assert!(client.connect().is_err(), "the client waits for the server");
    let hello = wire.take_all();
    assert!(hello.len() > 100, "a real hello: {} bytes", hello.len());
    // All of it but its last byte, one byte a call: the server waits.
    for b in &hello[..hello.len() - 1] {
        to_server.push(&[*b]);
        let r = server.accept();
        assert!(
            matches!(&r, Err(f) if f.kind == ErrorKind::WantRead),
            "the server waits for the rest: {r:?}"
        );
    }
    assert!(wire.take_all().is_empty(), "the server wrote nothing");
    let held = server.state.lock().record_cursor.held_bytes();
    assert!(
        held < hello.len(),
        "the server keeps {held} bytes of a {}-byte hello",
        hello.len()
    );
    // The application's timeout frees the connection: nothing else holds
    // it (sessl starts no thread per connection).
    assert_eq!(Arc::strong_count(&server), 1);
    drop(server);
}
