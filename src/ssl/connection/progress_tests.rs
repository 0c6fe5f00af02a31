//! Peeking, the handshake state, the info hook's events, keying material
//! export and key updates, over the in-memory pairs of `tests`.

use std::sync::Arc;

use parking_lot::Mutex;

use super::progress::info_where as w;
use super::tests::{connected, contexts, exchange, handshake, link};
use super::{CallRefused, Connection, HandshakeState, KeyUpdate, Want};
use crate::ssl::error::ErrorKind;
use crate::ssl::hooks::{set_context_info_hook, InfoHook};
use crate::ssl::options::TLS1_2_VERSION;

#[test]
fn a_peek_leaves_the_bytes_for_the_next_read() {
    let (cctx, sctx) = contexts();
    let (client, server) = connected(&cctx, &sctx, None, 0);
    exchange(&client, &server);
    let mut buf = [0u8; 16];
    let nothing = client.peek(&mut buf).unwrap_err();
    assert_eq!(nothing.kind, ErrorKind::WantRead);
    assert_eq!(client.want(), Want::Reading);
    assert_eq!(server.write(b"abcdef"), Ok(6));
    assert_eq!(client.peek(&mut buf[..3]), Ok(3));
    assert_eq!(&buf[..3], b"abc");
    assert_eq!(client.pending(), 6);
    assert_eq!(client.peek(&mut buf), Ok(6), "a longer peek sees it all");
    assert_eq!(&buf[..6], b"abcdef");
    assert_eq!(client.want(), Want::Nothing);
    assert_eq!(client.read(&mut buf[..2]), Ok(2));
    assert_eq!(&buf[..2], b"ab");
    assert_eq!(client.pending(), 4);
    assert_eq!(client.read(&mut buf), Ok(4));
    assert_eq!(&buf[..4], b"cdef");
    assert_eq!(client.pending(), 0);
    assert!(client.read(&mut buf).is_err());
}

#[test]
fn the_state_follows_the_handshake() {
    for (version, server_waits) in [
        (0, HandshakeState::EarlyData),
        (TLS1_2_VERSION, HandshakeState::ServerWroteServerDone),
    ] {
        let (cctx, sctx) = contexts();
        let (client, server) = (Connection::new(cctx), Connection::new(sctx));
        client.set_version_bound(false, version);
        link(&client, &server);
        assert_eq!(client.handshake_state(), HandshakeState::Before);
        assert!(client.in_before() && server.in_before());
        assert_eq!(client.state_string(false), c"PINIT");
        assert!(client.connect().is_err());
        assert_eq!(
            client.handshake_state(),
            HandshakeState::ClientWroteClientHello
        );
        assert!(!client.in_before());
        assert_eq!(client.want(), Want::Reading);
        assert!(server.accept().is_err());
        assert_eq!(server.handshake_state(), server_waits);
        let outcome = handshake(&client, &server);
        assert!(outcome.client.is_ok() && outcome.server.is_ok());
        assert_eq!(client.handshake_state(), HandshakeState::Ok);
        assert_eq!(
            server.state_string(true),
            c"SSL negotiation finished successfully"
        );
        assert_eq!(client.want(), Want::Nothing);
    }
}

/// Keeps every event it is told of.
#[derive(Default)]
struct Recorder(Mutex<Vec<(bool, i32, i32)>>);

impl InfoHook for Recorder {
    fn info(&self, conn: &Connection, where_: i32, ret: i32) {
        let server = conn.role() == Some(super::Role::Server);
        self.0.lock().push((server, where_, ret));
    }
}

impl Recorder {
    /// The events so far (loops left out), emptied.
    fn take(&self) -> Vec<(bool, i32, i32)> {
        let mut events = std::mem::take(&mut *self.0.lock());
        events.retain(|e| e.1 & w::LOOP == 0);
        events
    }
}

#[test]
fn the_info_hook_is_told_of_the_handshake_and_the_alerts() {
    let (cctx, sctx) = contexts();
    let recorder = Arc::new(Recorder::default());
    set_context_info_hook(&cctx, Some(recorder.clone()));
    set_context_info_hook(&sctx, Some(recorder.clone()));
    let (client, server) = connected(&cctx, &sctx, None, 0);
    let connect_exit = w::CONNECT | w::EXIT;
    let accept_exit = w::ACCEPT | w::EXIT;
    assert_eq!(
        recorder.take(),
        vec![
            (false, w::HANDSHAKE_START, 1),
            (false, connect_exit, -1),
            (true, w::HANDSHAKE_START, 1),
            (true, accept_exit, -1),
            (false, w::HANDSHAKE_DONE, 1),
            (false, connect_exit, 1),
            (true, w::HANDSHAKE_DONE, 1),
            (true, accept_exit, 1),
        ]
    );
    exchange(&client, &server);
    assert_eq!(client.key_update(1), Ok(()));
    exchange(&client, &server);
    assert_eq!(client.do_handshake(), Ok(()));
    // Tickets and key updates: a run each, no start or done.
    let after = recorder.take();
    assert!(!after.is_empty());
    assert!(
        after.iter().all(|e| e.1 & w::EXIT != 0 && e.2 == 1),
        "{after:?}"
    );
    assert_eq!(client.shutdown(), Ok(false));
    let mut buf = [0u8; 4];
    assert_eq!(
        server.read(&mut buf).unwrap_err().kind,
        ErrorKind::ZeroReturn
    );
    let close_notify = 1 << 8;
    assert_eq!(
        recorder.take(),
        vec![
            (false, w::ALERT | w::WRITE, close_notify),
            // The server reads the client's key update first.
            (true, accept_exit, 1),
            (true, w::ALERT | w::READ, close_notify),
        ]
    );
}

#[test]
fn a_connections_own_hook_takes_the_place_of_its_contexts() {
    let (cctx, sctx) = contexts();
    let (of_context, own) = (Arc::new(Recorder::default()), Arc::new(Recorder::default()));
    set_context_info_hook(&cctx, Some(of_context.clone()));
    let (client, server) = (Connection::new(cctx), Connection::new(sctx));
    client.set_info_hook(Some(own.clone()));
    link(&client, &server);
    let outcome = handshake(&client, &server);
    assert!(outcome.client.is_ok() && outcome.server.is_ok());
    assert!(of_context.take().is_empty());
    assert_eq!(own.take().len(), 4, "start, exit, done, exit");
    client.set_info_hook(None);
    assert_eq!(client.shutdown(), Ok(false));
    assert_eq!(of_context.take().len(), 1, "the context's again");
}

#[test]
fn both_ends_export_the_same_keying_material() {
    for version in [0, TLS1_2_VERSION] {
        let (cctx, sctx) = contexts();
        let fresh = Connection::new(cctx.clone());
        let mut a = [0u8; 32];
        assert_eq!(
            fresh.export_keying_material(&mut a, b"EXPERIMENTAL", None),
            Err(CallRefused::NoKeys)
        );
        let (client, server) = connected(&cctx, &sctx, None, version);
        let mut b = [0u8; 32];
        for context in [None, Some(&b""[..]), Some(&b"context"[..])] {
            client
                .export_keying_material(&mut a, b"EXPERIMENTAL", context)
                .unwrap();
            server
                .export_keying_material(&mut b, b"EXPERIMENTAL", context)
                .unwrap();
            assert_eq!(a, b);
        }
        let reserved = client.export_keying_material(&mut a, b"key expansion", None);
        if version == TLS1_2_VERSION {
            assert_eq!(reserved, Err(CallRefused::IllegalExporterLabel));
        } else {
            assert_eq!(reserved, Ok(()), "TLS 1.3 reserves no label");
        }
    }
}

#[test]
fn a_key_update_is_pending_until_written() {
    let (cctx, sctx) = contexts();
    let fresh = Connection::new(cctx.clone());
    assert_eq!(fresh.key_update(0), Err(CallRefused::WrongVersion));
    let (client, server) = connected(&cctx, &sctx, None, TLS1_2_VERSION);
    assert_eq!(client.key_update(0), Err(CallRefused::WrongVersion));
    assert_eq!(client.renegotiate(), CallRefused::NoRenegotiation);
    drop((client, server));
    let (client, server) = connected(&cctx, &sctx, None, 0);
    assert_eq!(client.renegotiate(), CallRefused::WrongVersion);
    assert_eq!(client.key_update(5), Err(CallRefused::InvalidKeyUpdateType));
    assert_eq!(client.key_update_type(), None);
    assert_eq!(client.key_update(0), Ok(()));
    assert_eq!(client.key_update_type(), Some(KeyUpdate::NotRequested));
    assert_eq!(client.key_update(1), Err(CallRefused::StillInInit));
    assert_eq!(client.write(b"x"), Ok(1));
    assert_eq!(client.key_update_type(), None);
    let mut buf = [0u8; 8];
    assert_eq!(server.read(&mut buf), Ok(1));
    exchange(&client, &server);
    assert_eq!(client.write(b"after"), Ok(5));
    assert_eq!(server.read(&mut buf), Ok(5));
}
