use super::*;

fn record(content_type: u8, version: u16, body: &[u8]) -> Vec<u8> {
    let mut r = vec![content_type];
    r.extend(version.to_be_bytes());
    r.extend((body.len() as u16).to_be_bytes());
    r.extend(body);
    r
}

fn message(kind: u8, body: &[u8]) -> Vec<u8> {
    let len = (body.len() as u32).to_be_bytes();
    [&[kind, len[1], len[2], len[3]][..], body].concat()
}

fn server_hello(version: u16, suite: u16) -> Vec<u8> {
    let mut b = vec![3, 3];
    b.extend([9u8; 32]);
    b.push(0);
    b.extend(suite.to_be_bytes());
    b.push(0);
    let ext = [&[0u8, 43, 0, 2][..], &version.to_be_bytes()].concat();
    b.extend((ext.len() as u16).to_be_bytes());
    b.extend(ext);
    message(SERVER_HELLO, &b)
}

fn no_secret(_: SecretName) -> Option<Secret> {
    None
}

/// A tap for `is_client` that has seen the client's hello and a ServerHello
/// choosing `version` and `suite`, each in the direction its role gives it.
fn after_hellos(is_client: bool, version: u16, suite: u16, report: bool) -> MessageTap {
    let mut tap = MessageTap::new(is_client, TLS13, report);
    tap.bytes(
        is_client,
        &record(HANDSHAKE, 0x0301, &message(CLIENT_HELLO, &[3, 3])),
        &no_secret,
    );
    tap.bytes(
        !is_client,
        &record(HANDSHAKE, TLS12, &server_hello(version, suite)),
        &no_secret,
    );
    tap
}

fn kinds(events: &[MessageEvent]) -> Vec<(bool, u16, u16)> {
    events
        .iter()
        .map(|e| (e.write, e.version, e.content_type))
        .collect()
}

#[test]
fn plaintext_records_are_told_as_openssl_tells_them() {
    let mut tap = MessageTap::new(true, TLS12, true);
    let hello = message(
        CLIENT_HELLO,
        &[[3u8, 3].as_slice(), &[1; 32], &[0]].concat(),
    );
    tap.bytes(true, &record(HANDSHAKE, 0x0301, &hello), &no_secret);
    // The server's flight in one record, arriving in two pieces.
    let flight = [server_hello(TLS12, 0xc02f), message(14, &[])].concat();
    let rec = record(HANDSHAKE, TLS12, &flight);
    tap.bytes(false, &rec[..7], &no_secret);
    tap.bytes(false, &rec[7..], &no_secret);
    tap.bytes(true, &record(CHANGE_CIPHER_SPEC, TLS12, &[1]), &no_secret);
    tap.bytes(false, &record(CHANGE_CIPHER_SPEC, TLS12, &[1]), &no_secret);
    let events = tap.drain_events().collect::<Vec<_>>();
    assert_eq!(
        kinds(&events),
        vec![
            (true, 0x0301, RT_HEADER),
            (true, TLS12, 22),
            (false, TLS12, RT_HEADER),
            (false, TLS12, 22),
            (false, TLS12, 22),
            (true, TLS12, RT_HEADER),
            (true, TLS12, 20),
            // A ChangeCipherSpec read is told by its header only.
            (false, TLS12, RT_HEADER),
        ]
    );
    assert_eq!(events[3].bytes, flight[..flight.len() - 4]);
    assert_eq!(events[4].bytes, vec![14, 0, 0, 0]);
    assert_eq!(tap.client_random, Some([1u8; 32]));
}

#[test]
fn protected_records_without_keys_are_told_by_header_and_no_finished_is_made_up() {
    let mut tap = after_hellos(false, TLS13, 0x1301, true);
    tap.drain_events().for_each(drop);
    tap.bytes(true, &record(APPLICATION_DATA, TLS12, &[0; 40]), &no_secret);
    assert_eq!(
        kinds(&tap.drain_events().collect::<Vec<_>>()),
        vec![(true, TLS12, RT_HEADER)]
    );
    assert_eq!(tap.finished(true), None);
    assert_eq!(tap.write.stage, Stage::Opaque);
}

#[test]
fn without_a_callback_nothing_is_kept_and_the_tap_idles_after_both_finished() {
    let mut tap = MessageTap::new(true, TLS12, false);
    tap.bytes(
        true,
        &record(HANDSHAKE, TLS12, &message(FINISHED, &[5; 12])),
        &no_secret,
    );
    assert!(!tap.idle());
    tap.bytes(
        false,
        &record(HANDSHAKE, TLS12, &message(FINISHED, &[6; 12])),
        &no_secret,
    );
    assert!(tap.drain_events().collect::<Vec<_>>().is_empty());
    assert_eq!(tap.finished(true), Some(&[5u8; 12][..]));
    assert_eq!(tap.finished(false), Some(&[6u8; 12][..]));
    assert!(tap.idle());
}

#[test]
fn plaintext_messages_are_steps_in_order() {
    let mut tap = MessageTap::new(false, TLS12, false);
    let hello = record(HANDSHAKE, TLS12, &message(CLIENT_HELLO, &[3, 3]));
    tap.bytes(false, &hello, &no_secret);
    tap.bytes(
        true,
        &record(HANDSHAKE, TLS12, &server_hello(TLS12, 0xc02f)),
        &no_secret,
    );
    tap.bytes(false, &record(CHANGE_CIPHER_SPEC, TLS12, &[1]), &no_secret);
    let steps: Vec<_> = tap.drain_steps().map(|s| (s.write, s.kind)).collect();
    assert_eq!(
        steps,
        [
            (false, Some(CLIENT_HELLO)),
            (true, Some(SERVER_HELLO)),
            (false, None)
        ]
    );
}

#[test]
fn encrypted_extensions_tell_whether_early_data_is_accepted() {
    assert!(accepts_early_data(&[0, 4, 0, 42, 0, 0]));
    assert!(!accepts_early_data(&[0, 4, 0, 16, 0, 0]));
    assert!(!accepts_early_data(&[0, 9, 0, 42]));
    assert!(!accepts_early_data(&[]));
}

#[test]
fn without_a_callback_protected_records_read_are_held_until_asked_for() {
    let mut tap = after_hellos(true, TLS13, 0x1301, false);
    let flight = record(APPLICATION_DATA, TLS12, &[0; 40]);
    // Held, not opened: a secret asked for now would be a key derived.
    let asked = std::cell::Cell::new(0);
    let counting = |_: SecretName| -> Option<Secret> {
        asked.set(asked.get() + 1);
        None
    };
    tap.bytes(false, &flight, &counting);
    assert_eq!(asked.get(), 0);
    assert!(tap.holds());
    assert_eq!(tap.read.held, flight);
    // Once the handshake is over nothing more is held.
    tap.settle(false);
    tap.bytes(false, &record(APPLICATION_DATA, TLS12, &[1; 20]), &counting);
    assert_eq!(tap.read.held, flight);
    // Asked for, the held records are opened (with no secret: past opening).
    tap.open_held(&counting);
    assert_eq!(asked.get(), 1);
    assert!(!tap.holds());
    assert_eq!(tap.read.stage, Stage::Opaque);
    assert_eq!(tap.finished(false), None);
    assert!(
        tap.drain_steps().collect::<Vec<_>>().len() == 2,
        "records that cannot be opened move no state"
    );
}

#[test]
fn a_tls13_flight_held_moves_the_state_when_opened() {
    // A server's own flight, EncryptedExtensions and Finished in one record.
    let mut tap = after_hellos(false, TLS13, 0x1301, false);
    tap.drain_steps().for_each(drop);
    let secret = [5u8; 32];
    let flight = [
        message(ENCRYPTED_EXTENSIONS, &[0, 0]),
        message(FINISHED, &[7; 32]),
    ]
    .concat();
    let sealed = record_keys::seal_first_tls13_record(&secret, &flight, HANDSHAKE);
    let asked = std::cell::Cell::new(0);
    let server_handshake = |name: SecretName| -> Option<Secret> {
        asked.set(asked.get() + 1);
        (name == SecretName::Handshake { client: false }).then(|| Secret::from(secret.to_vec()))
    };
    tap.bytes(true, &sealed, &server_handshake);
    assert_eq!(asked.get(), 0, "held, no key derived");
    assert!(tap.holds() && tap.drain_steps().next().is_none());
    assert_eq!(tap.finished(true), None);
    tap.open_held(&server_handshake);
    assert!(!tap.holds());
    let steps: Vec<_> = tap
        .drain_steps()
        .map(|s| (s.write, s.kind, s.late))
        .collect();
    assert_eq!(
        steps,
        vec![
            (true, Some(ENCRYPTED_EXTENSIONS), true),
            (true, Some(FINISHED), true)
        ]
    );
    assert_eq!(tap.finished(true), Some(&[7u8; 32][..]));
}

#[test]
fn a_callback_set_later_opens_what_was_held_first() {
    let mut tap = after_hellos(true, TLS13, 0x1301, false);
    tap.bytes(
        false,
        &record(APPLICATION_DATA, TLS12, &[0; 40]),
        &no_secret,
    );
    assert!(tap.holds());
    tap.set_report(true);
    tap.bytes(
        false,
        &record(APPLICATION_DATA, TLS12, &[0; 30]),
        &no_secret,
    );
    assert!(!tap.holds());
    // Only the record that passed while the callback listened is told of.
    assert_eq!(
        kinds(&tap.drain_events().collect::<Vec<_>>()),
        vec![(false, TLS12, RT_HEADER)]
    );
}

#[test]
fn a_tls12_finished_moves_the_state_unopened_and_ends_its_direction() {
    let mut tap = after_hellos(true, TLS12, 0xc02f, false);
    tap.bytes(true, &record(CHANGE_CIPHER_SPEC, TLS12, &[1]), &no_secret);
    let finished = record(HANDSHAKE, TLS12, &[0; 40]);
    let asked = std::cell::Cell::new(0);
    let counting = |_: SecretName| -> Option<Secret> {
        asked.set(asked.get() + 1);
        None
    };
    tap.bytes(true, &finished, &counting);
    assert_eq!(asked.get(), 0);
    let steps: Vec<_> = tap.drain_steps().map(|s| (s.write, s.kind)).collect();
    assert_eq!(
        steps,
        [
            (true, Some(CLIENT_HELLO)),
            (false, Some(SERVER_HELLO)),
            (true, None),
            (true, Some(FINISHED))
        ]
    );
    // The direction is over: application data is neither held nor opened.
    assert!(tap.write.settled);
    tap.bytes(true, &record(APPLICATION_DATA, TLS12, &[0; 30]), &counting);
    assert_eq!(tap.write.held, finished);
    assert_eq!(asked.get(), 0);
}

#[test]
fn whole_units_are_split_out_across_calls() {
    let stream = [record(ALERT, TLS12, &[1, 2]), record(ALERT, TLS12, &[3])].concat();
    for cut in 0..=stream.len() {
        let mut seen = Vec::new();
        let kept = split_whole(Vec::new(), &stream[..cut], record_len, |r| {
            seen.push(r.to_vec())
        });
        assert_eq!(kept.len() + seen.iter().map(Vec::len).sum::<usize>(), cut);
        let kept = split_whole(kept, &stream[cut..], record_len, |r| seen.push(r.to_vec()));
        assert!(kept.is_empty(), "cut at {cut}");
        assert_eq!(seen, vec![stream[..7].to_vec(), stream[7..].to_vec()]);
    }
    assert_eq!(message_len(&[20, 0, 1, 0]), Some(4 + 256));
    assert_eq!(message_len(&[20, 0, 1]), None);
}
