//! The fleet's store over TLS (`rediss://`, the Redis server's certificate
//! verified against `SESSL_SESSION_STORE_CA_FILE`) and over a unix socket
//! (`unix:///PATH`): two nginx under `LD_PRELOAD` resume each other's
//! sessions through it. redis-server is started on 127.0.0.1 (or a socket in
//! the test's directory) and stopped by PID; without it the tests pass with
//! a printed reason, unless `CI` or `SESSL_REQUIRE_PROGRAMS` is set.

mod common;

use common::fleet::*;
use common::*;

const IDS: &str = "ssl_session_cache builtin:1000; ssl_session_tickets off;";

/// Two nginx on `redis` with `env` resume each other's TLS 1.2 and 1.3
/// sessions, and Redis holds them.
fn two_nginx_share(redis: &Redis, dir: &std::path::Path, env: &[(&str, String)]) {
    let key = key_file(dir, 32);
    let a = nginx_with(&redis.url(), &key, IDS, env);
    let b = nginx_with(&redis.url(), &key, IDS, env);
    let keylog = dir.join("keylog.txt");
    let got = [
        across(&a, &b, &["-tls1_2"], &keylog),
        across(&b, &a, &["-tls1_3"], &keylog),
    ];
    assert_eq!(got, [RESUMED, RESUMED], "{}", logs(&a, &b));
    assert!(redis.contents().len() >= 2, "{}", logs(&a, &b));
}

#[test]
fn two_nginx_share_sessions_over_tls_to_redis() {
    if !have_redis() {
        return;
    }
    let redis = Redis::start_tls();
    let dir = build_dir(&format!("fleet-tls-{}", redis.port));
    let ca = test_certs().join("ca.pem").display().to_string();
    two_nginx_share(&redis, &dir, &[("SESSL_SESSION_STORE_CA_FILE", ca)]);
    // Without the CA file the system's trust store does not know the
    // test CA: the store is refused, the servers go on with full handshakes.
    let other = build_dir(&format!("fleet-tls-unverified-{}", redis.port));
    let key = key_file(&other, 32);
    let (a, b) = (
        nginx(&redis.url(), &key, IDS),
        nginx(&redis.url(), &key, IDS),
    );
    let keylog = other.join("keylog.txt");
    let got = across(&a, &b, &["-tls1_2"], &keylog);
    assert_eq!(got, ["New", "New"], "{}", logs(&a, &b));
    let log = all_logs(&a);
    assert!(log.contains("unreachable"), "{log}");
    assert!(log.to_lowercase().contains("certificate"), "{log}");
}

#[test]
fn two_nginx_share_sessions_over_a_unix_socket() {
    if !have_redis() {
        return;
    }
    let dir = build_dir(&format!("fleet-unix-{}", free_port()));
    let redis = Redis::start_unix(&dir);
    two_nginx_share(&redis, &dir, &[]);
}
