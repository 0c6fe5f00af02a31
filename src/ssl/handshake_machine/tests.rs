//! The machine's events against sequences the system libssl gives
//! (tests/c/info_callback.c's transcript).

use super::*;

/// The events as the C case prints them: a loop's state name, or a word.
fn names(events: &[InfoEvent]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            if e.where_ & info_where::LOOP != 0 {
                e.state.short_name().to_string_lossy().into_owned()
            } else if e.where_ == info_where::HANDSHAKE_START {
                "start".into()
            } else if e.where_ == info_where::HANDSHAKE_DONE {
                "done".into()
            } else {
                format!("exit {}", e.ret)
            }
        })
        .collect()
}

const CCS: Option<u8> = None;

/// Feeds the machine one message.
fn msg(m: &mut HandshakeMachine, write: bool, kind: Option<u8>, tls13: bool, out: &mut InfoEvents) {
    let step = MessageStep {
        write,
        kind,
        tls13,
        early_accepted: false,
        late: false,
    };
    m.message(step, out);
}

#[test]
fn tls13_server_full_handshake() {
    let mut m = HandshakeMachine::default();
    let mut out = InfoEvents::new();
    m.start(true, &mut out);
    m.wait(&mut out);
    msg(&mut m, false, Some(1), false, &mut out);
    msg(&mut m, true, Some(2), true, &mut out);
    msg(&mut m, true, CCS, true, &mut out);
    for kind in [8, 11, 15, 20] {
        msg(&mut m, true, Some(kind), true, &mut out);
    }
    m.wait(&mut out);
    assert_eq!(m.state(), HandshakeState::EarlyData);
    msg(&mut m, false, CCS, true, &mut out);
    msg(&mut m, false, Some(20), true, &mut out);
    msg(&mut m, true, Some(4), true, &mut out);
    msg(&mut m, true, Some(4), true, &mut out);
    m.finish(&mut out);
    assert_eq!(
        names(&out),
        [
            "start", "PINIT", "exit -1", "PINIT", "TRCH", "TWSH", "TWCCS", "TWEE", "TWSC", "TWSCV",
            "TWFIN", "TED", "exit -1", "TED", "TRFIN", "done", "TWST", "TWST", "exit 1"
        ]
    );
    assert_eq!(m.state(), HandshakeState::Ok);
}

#[test]
fn tls12_client_full_handshake_then_tls13_messages_after() {
    let mut m = HandshakeMachine::default();
    let mut out = InfoEvents::new();
    m.start(false, &mut out);
    msg(&mut m, true, Some(1), false, &mut out);
    m.wait(&mut out);
    for kind in [2, 11, 12, 14] {
        msg(&mut m, false, Some(kind), false, &mut out);
    }
    msg(&mut m, true, Some(16), false, &mut out);
    msg(&mut m, true, CCS, false, &mut out);
    msg(&mut m, true, Some(20), false, &mut out);
    m.wait(&mut out);
    assert_eq!(m.state(), HandshakeState::ClientWroteFinished);
    msg(&mut m, false, Some(4), false, &mut out);
    msg(&mut m, false, CCS, false, &mut out);
    msg(&mut m, false, Some(20), false, &mut out);
    m.finish(&mut out);
    assert_eq!(
        names(&out),
        [
            "start", "PINIT", "TWCH", "exit -1", "TWCH", "TRSH", "TRSC", "TRSKE", "TRSD", "TWCKE",
            "TWCCS", "TWFIN", "exit -1", "TWFIN", "TRST", "TRCCS", "TRFIN", "done", "exit 1"
        ]
    );
    out.clear();
    msg(&mut m, false, Some(4), true, &mut out);
    msg(&mut m, true, Some(24), true, &mut out);
    assert_eq!(
        names(&out),
        ["SSLOK", "SSLOK", "TRST", "exit 1", "SSLOK", "TWCKU", "exit 1"]
    );
}
