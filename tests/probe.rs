//! `sessl-probe` against servers that resume and servers that do not:
//! `openssl s_server` with its defaults and with `-no_cache -no_ticket`, and
//! nginx with a shared session cache and with tickets, on the system's
//! libssl and on sessl (both ways), where the probe must report the same.

mod common;

use std::process::Command;

use common::nginx::*;
use common::*;

/// Runs the probe with `args` against 127.0.0.1:`port`, trusting the test CA;
/// returns its exit status and stdout.
fn probe(port: u16, args: &[&str]) -> (i32, String) {
    let out = Command::new("timeout")
        .arg("120")
        .arg(env!("CARGO_BIN_EXE_sessl-probe"))
        .arg("--cafile")
        .arg(test_certs().join("ca.pem"))
        .arg("--servername")
        .arg("localhost")
        .args(args)
        .arg(format!("127.0.0.1:{port}"))
        .output()
        .expect("sessl-probe");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn s_server_resuming_every_way() {
    let (port, _server) = s_server(100, &[]);
    let (status, json) = probe(port, &["--tries", "2", "--json", "--expect-resume"]);
    assert_eq!(status, 0, "{json}");
    for want in [
        r#""name":"tls13_ticket","full":{"version":"TLSv1.3""#,
        // OpenSSL sends two tickets after a full handshake, one after a resumption.
        r#""connections":[{"tickets":2,"lifetime_hints":[7200,7200],"max_early_data":0,"session_id":false},{"tickets":1,"#,
        r#""tries":2,"resumed":2,"resumed_with":{"version":"TLSv1.3""#,
        r#""ticket_accepted_twice":true"#,
        r#"{"name":"tls12_session_id","full":{"version":"TLSv1.2""#,
        r#""lifetime_hints":[],"max_early_data":0,"session_id":true}"#,
        r#""lifetime_hints":[7200],"max_early_data":0,"session_id":false}"#,
        r#""resumes_under_other_name":true"#,
        r#""resumed_any":true}"#,
    ] {
        assert!(json.contains(want), "{want}\n{json}");
    }
    assert_eq!(
        json.matches(r#""tries":2,"resumed":2"#).count(),
        3,
        "{json}"
    );
}

#[test]
fn s_server_refusing_resumption() {
    let (port, _server) = s_server(100, &["-no_cache", "-no_ticket"]);
    let (status, table) = probe(port, &["--tries", "2", "--expect-resume"]);
    assert_eq!(status, 1, "{table}");
    assert_eq!(table.matches("0/2 resumed").count(), 3, "{table}");
    assert!(
        table.contains("session id              none (empty)"),
        "{table}"
    );
    assert!(
        table.contains("not known (no resumption to build on)"),
        "{table}"
    );
    assert!(table.ends_with("never resumed\n"), "{table}");
    // Without --expect-resume the same finding exits 0.
    assert_eq!(probe(port, &["--tls12"]).0, 0);
}

#[test]
fn s_server_one_version() {
    let (port, _server) = s_server(100, &[]);
    let (status, json) = probe(port, &["--tls13", "--json"]);
    assert_eq!(status, 0, "{json}");
    assert!(json.contains(r#""version":"TLSv1.3""#), "{json}");
    assert!(!json.contains("TLSv1.2"), "{json}");
}

/// A session offered under another server name: OpenSSL resumes it, a
/// sessl server does not (docs/divergences.md).
const OTHER_NAME: (&str, &str) = (
    r#""resumes_under_other_name":true"#,
    r#""resumes_under_other_name":false"#,
);
/// The lifetime hint of a stateful TLS 1.3 ticket: nginx's 300 s session
/// timeout with OpenSSL, rustls' fixed 86400 s with sessl (docs/divergences.md).
const STATEFUL_HINT: (&str, &str) = ("300", "86400");

/// The probe's JSON for nginx with these session directives, in every mode:
/// sessl's runs must give the system libssl's document, except for the
/// `divergences` (reference text, sessl's text), each of which must show.
fn nginx_same_in_every_mode(sessions: &str, expect: &[&str], divergences: &[(&str, &str)]) {
    let mut reference = None;
    for mode in MODES {
        let n = start(mode, sessions);
        let (status, json) = probe(n.port, &["--tries", "2", "--json", "--expect-resume"]);
        assert_eq!(status, 0, "{mode:?}: {json}\n{}", error_log(&n));
        for want in expect {
            assert!(json.contains(want), "{mode:?}: {want}\n{json}");
        }
        let mut json = json.replace(&n.port.to_string(), "PORT");
        match &reference {
            None => reference = Some(json),
            Some(r) => {
                for (theirs, ours) in divergences {
                    assert!(json.contains(ours), "{mode:?}: {ours}\n{json}");
                    json = json.replace(ours, theirs);
                }
                assert_eq!(&json, r, "{mode:?} differs from the system libssl")
            }
        }
    }
}

#[test]
fn nginx_shared_cache_resumes_by_session_id() {
    nginx_same_in_every_mode(
        "ssl_session_cache shared:SSL:1m; ssl_session_tickets off;",
        &[
            r#"{"name":"tls12_session_id","full":{"version":"TLSv1.2""#,
            r#""session_id":true}],"tries":2,"resumed":2"#,
        ],
        &[OTHER_NAME, STATEFUL_HINT],
    );
}

#[test]
fn nginx_tickets() {
    nginx_same_in_every_mode(
        "ssl_session_tickets on;",
        &[
            // No session cache: ids do not resume, tickets do.
            r#""session_id":true}],"tries":2,"resumed":0"#,
            r#"{"name":"tls12_ticket","full":{"version":"TLSv1.2","suite":"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384","group":"X25519"},"connections":[{"tickets":1,"lifetime_hints":[300]"#,
            r#""tries":2,"resumed":2"#,
        ],
        &[OTHER_NAME],
    );
}
