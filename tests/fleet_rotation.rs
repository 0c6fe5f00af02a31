//! The fleet's ticket keys rotating under live servers (issue 14, point 4):
//! two nginx under `LD_PRELOAD` with `SESSL_SESSION_STORE_TICKET_ROTATION_S`
//! short; a TLS 1.2 and a TLS 1.3 ticket issued at one server resume at the
//! other after one rotation (its key is now the previous one) and no longer
//! after two (full handshakes). Rotations are observed, not timed: the test
//! opens the sealed pair in Redis with the fleet secret and waits (bounded)
//! for its generation to change, driving it with handshakes; an attempt in
//! which a rotation lands between two steps that must share a generation is
//! started again (bounded), never judged.

mod common;

use std::path::Path;
use std::time::Duration;

use common::fleet::*;
use common::*;
use sessl::session::{Sealer, TicketKeyPair};

/// Seconds a ticket key encrypts. The code allows 1; the pair's creation
/// time has whole seconds, so a 1 s period can leave only milliseconds
/// between two rotations, too little for two handshakes on a busy machine.
const PERIOD: &str = "2";

/// The fleet's pair as Redis holds it now, opened with the fleet secret.
fn pair_in(redis: &Redis, sealer: &Sealer) -> Option<TicketKeyPair> {
    let sealed: Vec<u8> = redis::cmd("GET")
        .arg("sessl:tk")
        .query(&mut redis.client())
        .ok()?;
    TicketKeyPair::open(sealer, &sealed)
}

/// One handshake at `port` with no session offered.
fn poke(port: u16, dir: &Path) {
    let keylog = dir.join("poke-keylog.txt");
    s_client_at(port, ("-sess_out", &dir.join("poke.pem")), &[], &keylog);
}

/// The first pair in Redis after `after`, the rotations driven by
/// handshakes at `port` (at most 15 s).
fn next_pair(redis: &Redis, sealer: &Sealer, after: &[u8], port: u16, dir: &Path) -> TicketKeyPair {
    for _ in 0..150 {
        poke(port, dir);
        if let Some(p) = pair_in(redis, sealer).filter(|p| p.current[..] != *after) {
            return p;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the ticket keys did not rotate");
}

/// TLS 1.2 and TLS 1.3 s_client runs at `port` at once, each with its own
/// session file (`-sess_out` or `-sess_in`): what each said.
fn both(port: u16, sess: &str, files: &[std::path::PathBuf; 2], keylog: &Path) -> [String; 2] {
    std::thread::scope(|s| {
        let runs = [("-tls1_2", &files[0]), ("-tls1_3", &files[1])]
            .map(|(v, f)| s.spawn(move || s_client_at(port, (sess, f), &[v], keylog)));
        runs.map(|r| r.join().unwrap())
    })
}

#[test]
fn a_ticket_resumes_elsewhere_after_one_rotation_and_not_after_two() {
    if !have_redis() {
        return;
    }
    let redis = Redis::start_on(free_port());
    let dir = build_dir(&format!("fleet-rotation-{}", redis.port));
    let key = key_file(&dir, 32);
    let sealer = Sealer::new(&std::fs::read(&key).unwrap()).unwrap();
    let env = [("SESSL_SESSION_STORE_TICKET_ROTATION_S", PERIOD.to_string())];
    let tickets = "ssl_session_tickets on;";
    let a = nginx_with(&redis.url(), &key, tickets, &env);
    let b = nginx_with(&redis.url(), &key, tickets, &env);
    let keylog = dir.join("keylog.txt");
    let files = [dir.join("t12.pem"), dir.join("t13.pem")];
    for _attempt in 0..3 {
        // Two tickets issued at A under one generation.
        poke(a.port, &dir);
        let g0 = pair_in(&redis, &sealer).expect("the first server made the keys");
        let issued = both(a.port, "-sess_out", &files, &keylog);
        assert_eq!(issued, ["New", "New"], "{}", logs(&a, &b));
        if pair_in(&redis, &sealer).as_ref() != Some(&g0) {
            continue;
        }
        // One rotation: their key is the previous one, which still decrypts.
        let g1 = next_pair(&redis, &sealer, &g0.current, b.port, &dir);
        if g1.previous != Some(g0.current) {
            continue; // two rotations, or a fresh pair, while waiting
        }
        let after_one = both(b.port, "-sess_in", &files, &keylog);
        if pair_in(&redis, &sealer).as_ref() != Some(&g1) {
            continue;
        }
        assert_eq!(after_one, ["Reused", "Reused"], "{}", logs(&a, &b));
        // Two rotations: their key decrypts nowhere.
        next_pair(&redis, &sealer, &g1.current, b.port, &dir);
        let after_two = both(a.port, "-sess_in", &files, &keylog);
        assert_eq!(after_two, ["New", "New"], "{}", logs(&a, &b));
        return;
    }
    panic!("every attempt saw a rotation between two steps of one generation");
}
