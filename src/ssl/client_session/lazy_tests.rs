//! A session made from a rustls value reads its id, ticket, lifetime hint and
//! extended master secret on first use: every getter gives what a session
//! given those fields when it was made (the way sessions were made before,
//! `eager` below) gives, for values from real handshakes, also once the
//! ticket was spent, from a copy, and from several threads at once.

use std::sync::Arc;

use aws_lc_rs::digest;
use rustls::HandshakeKind;

use super::*;
use crate::session::{session_report, ClientValueFields, PrintNames, Side};
use crate::ssl::capture::{HandshakeEvent, SharedHandshakeCapture};
use crate::ssl::client_store::tests::{
    facts, first_handshake, handshake, server, server_tls12_with_tickets, Server,
};
use crate::ssl::client_store::ClientStore;

/// A session given every field when made, as `tls12_session` and
/// `tls13_session` made them before the fields were read lazily.
fn eager(c: &ClientConnectionInputs, version: u16, suite: u16, v: &ClientValueFields) -> Session {
    let id = if v.ticket.is_empty() {
        v.session_id.clone()
    } else {
        digest::digest(&digest::SHA256, &v.ticket).as_ref().to_vec()
    };
    let f = SessionParameters {
        id,
        has_ticket: !v.ticket.is_empty(),
        ticket_lifetime_hint: match c.tls12_ticket_hint {
            Some(hint) if version == TLS1_2_VERSION && !v.ticket.is_empty() => u64::from(hint),
            _ => v.lifetime_secs,
        },
        ..parameters(c, version, suite)
    };
    let s = Session::new(Side::Client, f, c.timeout, Resumption::None);
    s.set_ticket(&v.ticket);
    if version == TLS1_2_VERSION {
        s.set_extended_master_secret(v.extended_ms);
    }
    s
}

/// The ticket's length as `SSL_SESSION_get0_ticket` gives it, and its bytes.
fn ticket_of(s: &Session) -> (usize, Box<[u8]>) {
    (s.ticket().1, s.details().ticket)
}

fn report(s: &Session) -> String {
    let names = PrintNames {
        cipher: Some("CIPHER"),
        verify_result: "ok",
    };
    session_report(s, &names)
}

/// Every getter of the lazy session `lazy` gives what `eager`'s gives.
fn assert_same_fields(lazy: &Session, eager: &Session) {
    eager.set_time(lazy.time());
    assert_eq!(lazy.has_ticket(), eager.has_ticket());
    assert_eq!(lazy.ticket_lifetime_hint(), eager.ticket_lifetime_hint());
    assert_eq!(lazy.id(), eager.id());
    assert_eq!(ticket_of(lazy), ticket_of(eager));
    assert_eq!(
        lazy.extended_master_secret(),
        eager.extended_master_secret()
    );
    assert_eq!(lazy.is_resumable(), eager.is_resumable());
    assert_eq!(lazy.protocol_version(), eager.protocol_version());
    assert_eq!(lazy.max_early_data(), eager.max_early_data());
    assert_eq!(report(lazy), report(eager));
    let (back, _) = Session::decode(&lazy.encode()).unwrap();
    assert_eq!(report(&back), report(eager));
    assert_eq!(ticket_of(&back), ticket_of(eager));
}

/// A lazy session and an eager one for each TLS 1.3 ticket of a handshake.
fn tls13_pairs(server: &Server) -> Vec<(Session, Session)> {
    let c = facts();
    first_handshake(server)
        .into_iter()
        .map(|e| {
            let HandshakeEvent::ClientTls13(v) = e else {
                panic!("not a TLS 1.3 ticket")
            };
            let fields = ClientValueFields::of(&*v);
            let suite = u16::from(v.suite().common.suite);
            let e = eager(&c, TLS1_3_VERSION, suite, &fields);
            e.set_max_early_data(v.max_early_data_size());
            (tls13_session(&c, v), e)
        })
        .collect()
}

#[test]
fn a_tls13_ticket_read_lazily_gives_what_was_read_eagerly() {
    let server = server(&rustls::version::TLS13);
    let pairs = tls13_pairs(&server);
    assert_eq!(pairs.len(), 2);
    for (lazy, eager) in &pairs {
        assert!(eager.has_ticket() && eager.ticket_lifetime_hint() > 0);
        assert_eq!(eager.id().len(), 32);
        assert_same_fields(lazy, eager);
    }
}

#[test]
fn a_tls12_value_read_lazily_gives_what_was_read_eagerly() {
    for (server, hint) in [
        (server(&rustls::version::TLS12), None),
        (server_tls12_with_tickets(), None),
        (server_tls12_with_tickets(), Some(100)),
    ] {
        let events = first_handshake(&server);
        let [HandshakeEvent::ClientTls12(v)] = &events[..] else {
            panic!("{} events, not one TLS 1.2 session", events.len());
        };
        let c = ClientConnectionInputs {
            tls12_ticket_hint: hint,
            ..facts()
        };
        let e = eager(
            &c,
            TLS1_2_VERSION,
            c.cipher_suite,
            &ClientValueFields::of(v),
        );
        assert_eq!(e.id().len(), 32);
        assert!(e.extended_master_secret());
        if hint.is_some() {
            assert_eq!(e.ticket_lifetime_hint(), 100);
        }
        assert_same_fields(&tls12_session(&c, v.clone()), &e);
    }
}

#[test]
fn a_spent_ticket_still_gives_its_fields() {
    let server = server(&rustls::version::TLS13);
    let (lazy, eager) = tls13_pairs(&server).swap_remove(0);
    let lazy = Arc::new(lazy);
    let store = ClientStore::new(Some(lazy.clone()), SharedHandshakeCapture::default());
    assert_eq!(handshake(&server, store), HandshakeKind::Resumed);
    assert!(lazy.is_spent());
    assert_same_fields(&lazy, &eager);
    // A copy of a spent session shares the spent ticket.
    let copy = lazy.duplicate();
    assert!(copy.is_spent());
    assert_same_fields(&copy, &eager);
}

#[test]
fn a_copy_made_before_the_fields_were_read_has_them() {
    let server = server(&rustls::version::TLS13);
    let (lazy, eager) = tls13_pairs(&server).swap_remove(0);
    let copy = lazy.duplicate();
    assert_same_fields(&copy, &eager);
    assert_same_fields(&lazy, &eager);
    // The copy's id is its own.
    copy.set_id(b"copy");
    assert_eq!(lazy.id(), eager.id());
}

#[test]
fn an_id_set_before_the_fields_were_read_stays() {
    let server = server(&rustls::version::TLS13);
    let (lazy, eager) = tls13_pairs(&server).swap_remove(0);
    assert!(lazy.set_id(b"mine"));
    assert_eq!(&*lazy.id(), b"mine");
    assert_eq!(ticket_of(&lazy), ticket_of(&eager));
}

#[test]
fn threads_asking_at_once_see_one_id_in_one_place() {
    let server = server(&rustls::version::TLS13);
    let (lazy, eager) = tls13_pairs(&server).swap_remove(0);
    let lazy = Arc::new(lazy);
    let seen: Vec<_> = (0..4)
        .map(|_| {
            let s = lazy.clone();
            std::thread::spawn(move || (s.id_bytes_ptr() as usize, s.id(), ticket_of(&s)))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.join().unwrap())
        .collect();
    for (ptr, id, ticket) in seen {
        assert_eq!(ptr, lazy.id_bytes_ptr() as usize);
        assert_eq!(id, eager.id());
        assert_eq!(ticket, ticket_of(&eager));
    }
}
