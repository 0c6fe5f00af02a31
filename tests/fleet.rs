//! Sessions across a fleet through Redis (issue 14): two nginx under
//! `LD_PRELOAD`, each with `SESSL_SESSION_STORE` and
//! `SESSL_SESSION_STORE_KEY_FILE`, resume each other's sessions (an
//! `openssl s_client -sess_out` at one, `-sess_in` at the other); Redis holds
//! no secret in the clear and nothing longer than the session timeout; Redis
//! stopped → full handshakes, Redis back → sharing again; a bad key file →
//! no store, one clear error, service goes on. redis-server runs on
//! 127.0.0.1 on a free port and is stopped by PID. Without redis-server the
//! tests pass with a printed reason, unless `CI` or `SESSL_REQUIRE_PROGRAMS` is set.

mod common;

use std::path::Path;
use std::process::Stdio;

use common::fleet::*;
use common::*;

#[test]
fn two_nginx_resume_each_others_sessions_without_tickets() {
    if !have_redis() {
        return;
    }
    let redis = Redis::start_on(free_port());
    let dir = build_dir(&format!("fleet-{}", redis.port));
    let key = key_file(&dir, 32);
    let sessions = "ssl_session_cache builtin:1000; ssl_session_tickets off;";
    let a = nginx(&redis.url(), &key, sessions);
    let b = nginx(&redis.url(), &key, sessions);
    let keylog = dir.join("keylog.txt");
    for (what, extra) in [
        ("TLS 1.2 session ids", "-tls1_2"),
        ("TLS 1.3 stateful tickets", "-tls1_3"),
    ] {
        assert_eq!(
            across(&a, &b, &[extra], &keylog),
            RESUMED,
            "{what}\n{}",
            logs(&a, &b)
        );
        assert_eq!(
            across(&b, &a, &[extra], &keylog),
            RESUMED,
            "{what}, the other way\n{}",
            logs(&a, &b)
        );
    }
    let contents = redis.contents();
    assert!(contents.len() >= 4, "{} keys", contents.len());
    let secrets = logged_secrets(&keylog);
    assert!(secrets.len() >= 4, "{} secrets logged", secrets.len());
    for (k, v, ttl) in &contents {
        assert!(*ttl > 0 && *ttl <= TIMEOUT as i64, "{k}: TTL {ttl}");
        for s in &secrets {
            assert!(
                !v.windows(s.len()).any(|w| w == &s[..]),
                "{k} holds a secret in the clear"
            );
        }
    }
}

#[test]
fn redis_away_means_full_handshakes_and_back_means_sharing_again() {
    if !have_redis() {
        return;
    }
    let port = free_port();
    let redis = Redis::start_on(port);
    let dir = build_dir(&format!("fleet-{port}"));
    let key = key_file(&dir, 40);
    let sessions = "ssl_session_cache builtin:1000; ssl_session_tickets off;";
    let a = nginx(&redis.url(), &key, sessions);
    let b = nginx(&redis.url(), &key, sessions);
    let keylog = dir.join("keylog.txt");
    assert_eq!(
        across(&a, &b, &["-tls1_2"], &keylog),
        RESUMED,
        "{}",
        logs(&a, &b)
    );
    drop(redis);
    for _ in 0..2 {
        let got = across(&a, &b, &["-tls1_2"], &keylog);
        assert_eq!(got, ["New", "New"], "{}", logs(&a, &b));
    }
    assert!(all_logs(&b).contains("unreachable"), "{}", logs(&a, &b));
    let _redis = Redis::start_on(port);
    // Each server tries again after its backoff (at most 5 s).
    let mut got = Vec::new();
    for _ in 0..20 {
        got = across(&a, &b, &["-tls1_2"], &keylog).to_vec();
        if got == RESUMED {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    assert_eq!(got, RESUMED, "{}", logs(&a, &b));
    // One log line per change of state, in each server.
    for n in [&a, &b] {
        let log = all_logs(n);
        assert_eq!(log.matches("unreachable").count(), 1, "{}", logs(&a, &b));
        assert_eq!(log.matches(" is back").count(), 1, "{}", logs(&a, &b));
    }
}

#[test]
fn a_bad_key_file_means_no_store_one_error_and_service() {
    if !have_redis() {
        return;
    }
    let redis = Redis::start_on(free_port());
    let dir = build_dir(&format!("fleet-{}", redis.port));
    let sessions = "ssl_session_cache builtin:1000; ssl_session_tickets off;";
    for (key, says) in [
        (key_file(&dir, 31), "31 bytes"),
        (dir.join("no-such.key"), "cannot read"),
    ] {
        let a = nginx(&redis.url(), &key, sessions);
        let b = nginx(&redis.url(), &key, sessions);
        let keylog = dir.join("keylog.txt");
        assert_eq!(
            across(&a, &b, &["-tls1_2"], &keylog),
            ["New", "New"],
            "{}",
            logs(&a, &b)
        );
        let log = all_logs(&a);
        assert_eq!(log.matches("session store not used").count(), 1, "{log}");
        assert!(log.contains(says), "{log}");
        assert!(redis.contents().is_empty());
    }
}

#[test]
fn two_nginx_resume_each_others_tickets_through_the_fleets_keys() {
    if !have_redis() {
        return;
    }
    let redis = Redis::start_on(free_port());
    let dir = build_dir(&format!("fleet-{}", redis.port));
    let key = key_file(&dir, 32);
    // No session cache: only tickets can resume.
    let sessions = "ssl_session_tickets on;";
    let a = nginx(&redis.url(), &key, sessions);
    let b = nginx(&redis.url(), &key, sessions);
    let keylog = dir.join("keylog.txt");
    for (what, extra) in [
        ("TLS 1.2 tickets", "-tls1_2"),
        ("TLS 1.3 tickets", "-tls1_3"),
    ] {
        assert_eq!(
            across(&a, &b, &[extra], &keylog),
            RESUMED,
            "{what}\n{}",
            logs(&a, &b)
        );
        assert_eq!(
            across(&b, &a, &[extra], &keylog),
            RESUMED,
            "{what}, the other way\n{}",
            logs(&a, &b)
        );
    }
    // One sealed pair of keys, no session.
    let contents = redis.contents();
    assert_eq!(
        contents.len(),
        1,
        "{:?}",
        contents.iter().map(|c| &c.0).collect::<Vec<_>>()
    );
    assert_eq!(contents[0].0, "sessl:tk");
    assert!(contents[0].2 > 0, "the keys expire");
}

#[test]
fn an_applications_ticket_key_file_still_wins() {
    if !have_redis() {
        return;
    }
    let redis = Redis::start_on(free_port());
    let dir = build_dir(&format!("fleet-{}", redis.port));
    let key = key_file(&dir, 32);
    // Each nginx has its own ticket key file (nginx's ticket key callback):
    // the fleet's keys are not used, so neither resumes the other's tickets.
    let a = nginx(
        &redis.url(),
        &key,
        "ssl_session_tickets on; ssl_session_ticket_key TICKET_KEY;",
    );
    let b_key = dir.join("other-ticket.key");
    std::fs::write(&b_key, [0x5au8; 80]).unwrap();
    let b = nginx(
        &redis.url(),
        &key,
        &format!(
            "ssl_session_tickets on; ssl_session_ticket_key {};",
            b_key.display()
        ),
    );
    let keylog = dir.join("keylog.txt");
    assert_eq!(
        across(&a, &b, &["-tls1_2"], &keylog),
        ["New", "New"],
        "{}",
        logs(&a, &b)
    );
    assert_eq!(
        across(&a, &a, &["-tls1_2"], &keylog),
        RESUMED,
        "{}",
        logs(&a, &b)
    );
    assert!(redis.contents().is_empty(), "no fleet keys were made");
}

/// The example's fleet in a test: two rustls servers (own caches, own
/// stores, one secret) resume each other's sessions; garbage, huge and
/// moved values in Redis are refused and counted, never resumed.
#[test]
fn rust_servers_share_sessions_and_refuse_bad_values() {
    use sessl::session::{Lookup, RedisStore, RedisStoreConfig, Sealer, Session, SessionStore};
    use std::sync::Arc;
    if !have_redis() {
        return;
    }
    let redis = Redis::start_on(free_port());
    let store = |secret: u8| {
        let mut config = RedisStoreConfig::new(&redis.url());
        config.read_timeout = std::time::Duration::from_secs(2);
        Arc::new(RedisStore::new(config, &[secret; 32]).unwrap())
    };
    let (store_a, store_b) = (store(1), store(1));
    let (a, b) = (sessl::ServerCache::new(10), sessl::ServerCache::new(10));
    a.set_store(Some(store_a.clone()));
    b.set_store(Some(store_b.clone()));
    let s = Session::from_server_value(0, b"id-1".to_vec(), b"ctx".to_vec(), 60, b"value".to_vec());
    a.insert(Arc::new(s));
    let mut found = Lookup::Miss;
    for _ in 0..50 {
        found = b.lookup(b"id-1", b"ctx");
        if matches!(found, Lookup::Hit(_)) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let Lookup::Hit(found) = found else {
        panic!("not shared: {}", store_b.stats().summary())
    };
    assert_eq!(found.server_value().as_deref(), Some(&b"value"[..]));
    // Another secret opens nothing.
    assert!(store(2).load(b"id-1", b"ctx", 0).is_none());
    let sealer = Sealer::new(&[1; 32]).unwrap();
    let key_of = |id: &[u8]| sealer.store_key("sessl:s:", b"ctx", id);
    let mut c = redis.client();
    let copied: Vec<u8> = redis::cmd("GET")
        .arg(key_of(b"id-1"))
        .query(&mut c)
        .unwrap();
    assert!(
        !copied.is_empty(),
        "stored under the keyed hash of (context, id)"
    );
    let huge = vec![1u8; 1 << 20];
    for (id, value) in [
        (&b"garbage"[..], &b"not sealed"[..]),
        (b"huge", &huge),
        (b"moved", &copied),
    ] {
        let _: () = redis::cmd("SET")
            .arg(key_of(id))
            .arg(value)
            .query(&mut c)
            .unwrap();
        let before = store_b.stats().snapshot()[2];
        assert!(
            store_b.load(id, b"ctx", 0).is_none(),
            "{:?}",
            String::from_utf8_lossy(id)
        );
        assert_eq!(
            store_b.stats().snapshot()[2],
            before + 1,
            "counted as an error"
        );
    }
    // Every key lives no longer than its session.
    for (k, _, ttl) in redis.contents() {
        if k == key_of(b"id-1") {
            assert!(ttl > 0 && ttl <= 60, "{k}: {ttl}");
        }
    }
    // Garbage where the fleet's ticket keys belong: counted, not used.
    let _: () = redis::cmd("SET")
        .arg("sessl:tk")
        .arg("garbage")
        .query(&mut c)
        .unwrap();
    let before = store_b.stats().snapshot()[2];
    assert!(store_b.ticket_keys().is_none());
    assert_eq!(store_b.stats().snapshot()[2], before + 1, "counted");
    // A removal at A reaches Redis: another server no longer finds it.
    assert!(a.remove(b"id-1").is_some());
    let mut gone = false;
    for _ in 0..50 {
        let left: i64 = redis::cmd("EXISTS")
            .arg(key_of(b"id-1"))
            .query(&mut c)
            .unwrap();
        if left == 0 {
            gone = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(gone, "removed from Redis: {}", store_a.stats().summary());
    let c_cache = sessl::ServerCache::new(10);
    c_cache.set_store(Some(store(1)));
    assert!(matches!(c_cache.lookup(b"id-1", b"ctx"), Lookup::Miss));
}

#[test]
fn two_nginx_share_sessions_through_a_three_node_cluster() {
    if !have_redis() {
        return;
    }
    let dir = build_dir(&format!("fleet-cluster-{}", free_port()));
    let nodes = start_cluster(&dir);
    let url = format!(
        "redis+cluster://{}",
        nodes
            .iter()
            .map(|n| format!("127.0.0.1:{}", n.port))
            .collect::<Vec<_>>()
            .join(",")
    );
    let key = key_file(&dir, 32);
    let keylog = dir.join("keylog.txt");
    let ids = "ssl_session_cache builtin:1000; ssl_session_tickets off;";
    let (a, b) = (nginx(&url, &key, ids), nginx(&url, &key, ids));
    for extra in ["-tls1_2", "-tls1_3"] {
        assert_eq!(
            across(&a, &b, &[extra], &keylog),
            RESUMED,
            "{extra}\n{}",
            logs(&a, &b)
        );
    }
    let tickets = "ssl_session_tickets on;";
    let (c, d) = (nginx(&url, &key, tickets), nginx(&url, &key, tickets));
    for extra in ["-tls1_2", "-tls1_3"] {
        assert_eq!(
            across(&c, &d, &[extra], &keylog),
            RESUMED,
            "tickets {extra}\n{}",
            logs(&c, &d)
        );
    }
    let held: usize = nodes.iter().map(|n| n.contents().len()).sum();
    assert!(held >= 3, "{held} keys across the nodes");
}

/// Two C servers through `SSL_CTX_set_session_store_sessl` (which refuses a
/// short key and a bad URL): a TLS 1.3 ticket from one resumes at the
/// other, and a TLS 1.2 ticket the other way.
#[test]
fn two_c_servers_share_through_the_sessl_only_call() {
    use std::io::{BufRead, BufReader};
    if !have_redis() {
        return;
    }
    let redis = Redis::start_on(free_port());
    let dir = build_dir(&format!("fleet-c-{}", redis.port));
    let key = key_file(&dir, 48);
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fleet/fleet_server.c");
    let exe = compile_case(&src, &dir, Build::Sessl).expect("build");
    let start = || {
        let port = free_port();
        let args = [
            port.to_string(),
            "2".into(),
            redis.url(),
            key.display().to_string(),
        ];
        let mut child = command_for(&exe, &test_certs(), Run::Plain, &args)
            .env("SESSL_SESSION_STORE_TIMEOUT_MS", "2000")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("server");
        let mut ready = String::new();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        stderr.read_line(&mut ready).unwrap();
        if ready.trim() != "ready" {
            std::io::Read::read_to_string(&mut stderr, &mut ready).unwrap();
            panic!("the server did not start: {ready}");
        }
        (Stopped(child), port)
    };
    let ((x, x_port), (y, y_port)) = (start(), start());
    let keylog = dir.join("keylog.txt");
    let (s13, s12) = (dir.join("s13.pem"), dir.join("s12.pem"));
    let wait = || std::thread::sleep(std::time::Duration::from_millis(300));
    let said = [
        s_client_at(x_port, ("-sess_out", &s13), &["-tls1_3"], &keylog),
        {
            wait();
            s_client_at(y_port, ("-sess_in", &s13), &["-tls1_3"], &keylog)
        },
        s_client_at(y_port, ("-sess_out", &s12), &["-tls1_2"], &keylog),
        {
            wait();
            s_client_at(x_port, ("-sess_in", &s12), &["-tls1_2"], &keylog)
        },
    ];
    // Each server exits after its two connections; Stopped stops it otherwise.
    let output = |mut r: Stopped| {
        let mut out = String::new();
        std::io::Read::read_to_string(r.0.stdout.as_mut().unwrap(), &mut out).unwrap();
        assert!(r.0.wait().unwrap().success(), "{out}");
        out
    };
    let (x_out, y_out) = (output(x), output(y));
    assert_eq!(
        said,
        ["New", "Reused", "New", "Reused"],
        "X:\n{x_out}Y:\n{y_out}"
    );
    assert_eq!(
        x_out,
        "conn 0: TLSv1.3 reused 0\nconn 1: TLSv1.2 reused 1\n"
    );
    assert_eq!(
        y_out,
        "conn 0: TLSv1.3 reused 1\nconn 1: TLSv1.2 reused 0\n"
    );
}

/// `SSL_CTX_set_session_store_sessl`'s failures return 0 and queue one
/// error naming the call, with why; success queues nothing (no Redis needed).
#[test]
fn the_sessl_only_call_queues_its_failures() {
    let dir = build_dir("fleet-call-errors");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fleet/store_call_errors.c");
    let exe = compile_case(&src, &dir, Build::Sessl).expect("build");
    let out = command_for(&exe, &test_certs(), Run::Plain, &[])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let call = "in SSL_CTX_set_session_store_sessl";
    let expected = [
        format!("NULL ctx: 0 [SSL routines: passed a null parameter {call}]"),
        format!("NULL key: 0 [SSL routines: passed a null parameter {call}]"),
        format!("short key: 0 [SSL routines: passed invalid argument {call}: the fleet secret has 31 bytes; at least 32 are needed]"),
        format!("bad URL: 0 [SSL routines: passed invalid argument {call}: bad session store URL: http://nowhere: Redis URL did not parse - InvalidClientConfig]"),
        format!("no URL at all: 0 [SSL routines: passed invalid argument {call}: bad session store URL: : Redis URL did not parse - InvalidClientConfig]"),
        "good: 1".to_string(),
        "store taken away: 1".to_string(),
    ];
    assert_eq!(text.lines().collect::<Vec<_>>(), expected);
}
