//! No secret reaches the log: `openssl s_server` and curl, both on sessl
//! (LD_PRELOAD) at `SESSL_LOG=trace` and both writing a key log (s_server's
//! `-keylogfile` and curl's `SSLKEYLOGFILE`, i.e.
//! `SSL_CTX_set_keylog_callback`), go through a session's whole life: a full
//! handshake, then a resumption, by TLS 1.3 ticket, TLS 1.2 ticket and TLS
//! 1.2 session id. Every secret the key logs
//! hold must be absent from both programs' log output, in hex (either case)
//! and raw.

mod common;

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};

use common::*;

/// The secrets of a key log: the last field of each line (not a comment),
/// decoded from hex.
fn secrets(keylog: &str) -> Vec<Vec<u8>> {
    keylog
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().nth(2))
        .map(|hex| {
            (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
                .collect()
        })
        .collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Where `secret` shows in `log`, if it does.
fn leak(log: &[u8], secret: &[u8]) -> Option<&'static str> {
    let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    if contains(log, hex.as_bytes()) {
        Some("lowercase hex")
    } else if contains(log, hex.to_uppercase().as_bytes()) {
        Some("uppercase hex")
    } else if contains(log, secret) {
        Some("raw")
    } else {
        None
    }
}

/// A command on sessl at `SESSL_LOG=trace` with its log (stderr) in `log`.
fn traced(dir: &Path, log: &str, program: &str) -> Command {
    let mut cmd = Command::new("timeout");
    cmd.arg("60").arg(program);
    cmd.env("LD_PRELOAD", lib_dir().join("libsessl.so"))
        .env("SESSL_LOG", "trace")
        .env_remove("LD_LIBRARY_PATH")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(fs::File::create(dir.join(log)).expect("log file"));
    cmd
}

/// `openssl s_server -www` with `server_extra` and curl with `curl_extra`
/// fetching twice (a full handshake, then a resumption), both on sessl at
/// trace level with key logs; checks the key logs against the logs.
fn lifecycle(name: &str, server_extra: &[&str], curl_extra: &[&str]) {
    let certs = test_certs();
    let dir = build_dir(&format!("secrets-{name}-{}", std::process::id()));
    let port = free_port();
    let (server_keys, client_keys) = (dir.join("server.keys"), dir.join("client.keys"));
    let mut server_cmd = traced(&dir, "server.log", "openssl");
    server_cmd
        .args(["s_server", "-www", "-naccept", "2", "-accept"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("-cert")
        .arg(certs.join("server-chain.pem"))
        .arg("-key")
        .arg(certs.join("server.key"))
        .arg("-keylogfile")
        .arg(&server_keys)
        .args(server_extra);
    let server = Reaped(server_cmd.process_group(0).spawn().expect("s_server"));
    // Wait until the port is taken, without connecting (that would use up an accept).
    let listening = (0..400).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(25));
        std::net::TcpListener::bind(("127.0.0.1", port)).is_err()
    });
    assert!(listening, "s_server did not start");
    let url = format!("https://127.0.0.1:{port}/");
    let status = traced(&dir, "client.log", "curl")
        .env("SSLKEYLOGFILE", &client_keys)
        .args(["-sS", "--cacert"])
        .arg(certs.join("ca.pem"))
        .args(curl_extra)
        .args([&url, "-o", "/dev/null", &url, "-o", "/dev/null"])
        .status()
        .expect("curl");
    assert!(status.success(), "curl failed: see {}", dir.display());
    drop(server);

    let mut keys = String::new();
    for f in [&server_keys, &client_keys] {
        keys += &fs::read_to_string(f).expect("key log");
    }
    let secrets = secrets(&keys);
    assert!(
        secrets.len() >= 4,
        "the key logs hold both handshakes' secrets: {keys}"
    );
    let client_log = fs::read(dir.join("client.log")).expect("client log");
    assert!(
        contains(&client_log, b"Resuming"),
        "the second fetch resumed: see {}",
        dir.display()
    );
    for log in ["server.log", "client.log"] {
        let text = fs::read(dir.join(log)).expect("log");
        assert!(
            contains(&text, b"TRACE"),
            "{log} holds trace output: see {}",
            dir.display()
        );
        for secret in &secrets {
            assert!(secret.len() >= 32, "a secret is at least 32 bytes");
            if let Some(how) = leak(&text, secret) {
                panic!(
                    "{name}: a key-log secret appears ({how}) in {}/{log}",
                    dir.display()
                );
            }
        }
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn tls13_tickets_leave_no_secret_in_the_trace_log() {
    lifecycle("tls13", &["-tls1_3"], &["--tlsv1.3"]);
}

#[test]
fn tls12_tickets_leave_no_secret_in_the_trace_log() {
    lifecycle("tls12-ticket", &["-tls1_2"], &["--tls-max", "1.2"]);
}

#[test]
fn tls12_session_ids_leave_no_secret_in_the_trace_log() {
    lifecycle(
        "tls12-id",
        &["-tls1_2", "-no_ticket"],
        &["--tls-max", "1.2"],
    );
}

#[test]
fn the_leak_check_finds_a_secret_in_any_form() {
    let secret = [0xab_u8; 32];
    let hex = "ab".repeat(32);
    assert_eq!(leak(hex.as_bytes(), &secret), Some("lowercase hex"));
    assert_eq!(
        leak(hex.to_uppercase().as_bytes(), &secret),
        Some("uppercase hex")
    );
    assert_eq!(
        leak(&[b"x".as_slice(), &secret].concat(), &secret),
        Some("raw")
    );
    assert_eq!(leak(b"nothing", &secret), None);
}
