//! Properties over every truncation and every single-byte mutation of valid
//! encodings (a fuzzer-free check of what `fuzz/` checks at random).

use super::*;

/// Valid encodings: a TLS 1.2 server session, a TLS 1.3 client session
/// with a host name, and the version 1 and version 3 fuzz seeds.
fn valid_encodings() -> Vec<Vec<u8>> {
    let mut value = vec![1, 4, b'h', b'o', b's', b't', 0x03, 0x04, 0x13, 0x01, 32];
    value.extend([5u8; 32]);
    value.extend([0, 0, 0, 0, 0]);
    let server = Session::from_server_value(1, vec![9; 32], b"ctx".to_vec(), 300, value);
    let client = Session::new(
        Side::Client,
        SessionParameters {
            protocol_version: 0x0304,
            cipher_suite: 0x1302,
            id: vec![3; 32],
            hostname: Some("example.test".into()),
            has_ticket: true,
            ticket_lifetime_hint: 7200,
            ..Default::default()
        },
        7200,
        Resumption::None,
    );
    let seed = include_bytes!("../../../fuzz/seeds/d2i_session/server-tls12");
    let seed3 = include_bytes!("../../../fuzz/seeds/d2i_session/client-tls13-v3");
    vec![
        server.encode(),
        client.encode(),
        seed.to_vec(),
        seed3.to_vec(),
    ]
}

/// What the fuzz target asserts: refused, or a session whose own
/// encoding decodes back whole and re-encodes to the same bytes.
fn decodes_soundly(bytes: &[u8]) {
    if let Ok((session, used)) = Session::decode(bytes) {
        assert!(used <= bytes.len());
        let again = session.encode();
        let (back, used_again) = Session::decode(&again).expect("own encoding decodes");
        assert_eq!(used_again, again.len());
        assert_eq!(back.encode(), again);
    }
}

#[test]
fn every_truncation_is_refused_without_panic() {
    for bytes in valid_encodings() {
        assert!(Session::decode(&bytes).is_ok());
        for cut in 0..bytes.len() {
            assert!(Session::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }
}

#[test]
fn every_single_byte_mutation_decodes_soundly_or_is_refused() {
    for bytes in valid_encodings() {
        let mut mutated = bytes.clone();
        for at in 0..bytes.len() {
            for value in 0..=u8::MAX {
                mutated[at] = value;
                decodes_soundly(&mutated);
            }
            mutated[at] = bytes[at];
        }
    }
}

#[test]
fn a_valid_encoding_followed_by_more_bytes_decodes_to_its_own_end() {
    for bytes in valid_encodings() {
        let mut longer = bytes.clone();
        longer.extend(b"trailing");
        let (_, used) = Session::decode(&longer).expect("decodes");
        assert_eq!(used, bytes.len());
    }
}
