use super::*;

fn server_session() -> Session {
    // sni absent, TLS 1.2, suite c02f, 48-byte master secret, then the rest.
    let mut value = vec![0, 0x03, 0x03, 0xc0, 0x2f, 48];
    value.extend([7u8; 48]);
    value.extend([0, 0, 0, 0, 0]);
    Session::from_server_value(1, vec![9; 32], b"ctx".to_vec(), 300, value)
}

#[test]
fn server_session_round_trips() {
    let s = server_session();
    s.set_time(12345);
    s.set_verify_result(20);
    let bytes = s.encode();
    let (back, used) = Session::decode(&bytes).unwrap();
    assert_eq!(used, bytes.len());
    assert_eq!(back.id(), s.id());
    assert_eq!(&*back.id_context(), b"ctx");
    assert_eq!(back.time(), 12345);
    assert_eq!(back.timeout(), 300);
    assert_eq!(back.master_key(), s.master_key());
    assert_eq!(back.server_value(), s.server_value());
    assert!(back.is_resumable());
    assert_eq!(back.verify_result(), 20);
    assert_eq!(back.encode(), bytes);
}

#[test]
fn the_fields_an_application_reads_round_trip() {
    let s = Session::new(
        Side::Client,
        SessionParameters {
            protocol_version: 0x0304,
            cipher_suite: 0x1301,
            id: vec![4; 32],
            has_ticket: true,
            ticket_lifetime_hint: 7200,
            hostname: Some("example.test".into()),
            ..Default::default()
        },
        7200,
        Resumption::None,
    );
    s.set_alpn_selected(b"h2");
    s.set_ticket(&[1, 2, 3]);
    s.set_ticket_appdata(Some(b"appdata"));
    s.set_max_early_data(16384);
    s.set_peer_certificate(Some(&[0x30, 0x00]));
    s.set_extended_master_secret(true);
    let bytes = s.encode();
    let (back, _) = Session::decode(&bytes).unwrap();
    let (d, e) = (s.details(), back.details());
    assert_eq!(e.alpn_selected, d.alpn_selected);
    assert_eq!(e.ticket, d.ticket);
    assert_eq!(e.ticket_appdata, d.ticket_appdata);
    assert_eq!(e.max_early_data, 16384);
    assert_eq!(e.peer_certificate, d.peer_certificate);
    assert!(e.extended_master_secret);
    assert_eq!(back.hostname().as_deref(), Some("example.test"));
    assert_eq!(back.ticket_lifetime_hint(), 7200);
    // No rustls value: nothing to resume from, here or elsewhere.
    assert!(!back.is_resumable());
    let again = back.encode();
    assert_eq!(Session::decode(&again).unwrap().0.encode(), again);
}

#[test]
fn a_version_2_server_session_keeps_its_value_fields() {
    let mut value = vec![1, 4, b'h', b'o', b's', b't', 0x03, 0x03, 0xc0, 0x2f, 48];
    value.extend([7u8; 48]);
    // extended ms, no client certificate, ALPN "h2", then appdata "ad".
    value.extend([1, 0, 1, 2, b'h', b'2', 0, 2, b'a', b'd']);
    let s = Session::from_server_value(1, vec![9; 32], b"ctx".to_vec(), 300, value);
    let v3 = s.encode();
    // The same session as version 2 wrote it: no extras.
    let extras = 1 + 3 + 4 + 4 + 4 + 2;
    let mut v2 = v3[..v3.len() - extras].to_vec();
    v2[4] = 2;
    let (back, used) = Session::decode(&v2).unwrap();
    assert_eq!(used, v2.len());
    assert_eq!(back.details().alpn_selected, s.details().alpn_selected);
    assert_eq!(back.ticket_appdata_bytes(), s.ticket_appdata_bytes());
    assert!(back.is_resumable());
    assert_eq!(back.encode(), v3);
}

#[test]
fn malformed_input_is_refused() {
    let bytes = server_session().encode();
    for cut in 0..bytes.len() {
        assert!(Session::decode(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut wrong = bytes.clone();
    wrong[4] = 9;
    assert_eq!(
        Session::decode(&wrong).unwrap_err(),
        DecodeError::UnsupportedVersion(9)
    );
    assert_eq!(
        Session::decode(b"garbage garbage").unwrap_err(),
        DecodeError::BadMagic
    );
    let mut huge = bytes[..bytes.len() - 59].to_vec();
    huge.extend((u32::MAX).to_be_bytes());
    assert!(Session::decode(&huge).is_err());
}
