//! Unmodified curl (Debian's, linked against libssl.so.3) running on sessl,
//! against `openssl s_server -www`, which reports in its page whether the
//! handshake was "New" or "Reused". Each scenario runs with the system
//! libssl (the reference, to show the scenario itself is right), under
//! `LD_PRELOAD=libsessl.so`, and with sessl as `libssl.so.3` on
//! `LD_LIBRARY_PATH`.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

struct Transfer {
    code: i32,
    log: String,
    pages: Vec<String>,
}

/// Runs curl on two URLs of one server (two TLS connections: s_server -www
/// closes after each page) and returns its exit code, verbose log and pages.
fn curl(mode: Mode, server_args: &[&str], curl_args: &[&str]) -> Transfer {
    curl_with_env(mode, server_args, curl_args, &[])
}

fn curl_with_env(
    mode: Mode,
    server_args: &[&str],
    curl_args: &[&str],
    env: &[(&str, &str)],
) -> Transfer {
    let (port, _server) = s_server(2, server_args);
    let dir = build_dir(&format!("curl-{port}"));
    let url = format!("https://localhost:{port}/");
    let mut cmd = Command::new("timeout");
    cmd.args(["30", "curl", "-sS", "-v"])
        .args(curl_args)
        .arg(&url)
        .arg(&url)
        .arg("-o")
        .arg(dir.join("1"))
        .arg("-o")
        .arg(dir.join("2"))
        .envs(env.iter().copied());
    apply_mode(&mut cmd, mode);
    let out = cmd.output().expect("curl");
    let pages = ["1", "2"]
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).unwrap_or_default())
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    Transfer {
        code: out.status.code().unwrap_or(-1),
        log: String::from_utf8_lossy(&out.stderr).into_owned(),
        pages,
    }
}

fn ca_arg() -> String {
    test_certs().join("ca.pem").display().to_string()
}

fn server_says(page: &str) -> &'static str {
    if page.contains("\nReused, ") {
        "Reused"
    } else if page.contains("\nNew, ") {
        "New"
    } else {
        "?"
    }
}

fn assert_resumes(server_args: &[&str], curl_extra: &[&str], version: &str) {
    let ca = ca_arg();
    let mut args = vec!["--cacert", &ca];
    args.extend_from_slice(curl_extra);
    for mode in MODES {
        let t = curl(mode, server_args, &args);
        assert_eq!(t.code, 0, "{mode:?}: curl failed:\n{}", t.log);
        assert!(
            t.log.contains(&format!("SSL connection using {version}")),
            "{mode:?}:\n{}",
            t.log
        );
        assert!(
            t.log.contains("SSL certificate verify ok"),
            "{mode:?}:\n{}",
            t.log
        );
        assert!(
            t.log.contains("SSL re-using session ID"),
            "{mode:?}: curl did not offer the session:\n{}",
            t.log
        );
        assert_eq!(server_says(&t.pages[0]), "New", "{mode:?}");
        assert_eq!(
            server_says(&t.pages[1]),
            "Reused",
            "{mode:?}: the server did not resume"
        );
    }
}

#[test]
fn curl_resumes_tls13() {
    assert_resumes(&[], &[], "TLSv1.3");
}

#[test]
fn curl_resumes_tls12() {
    assert_resumes(&[], &["--tlsv1.2", "--tls-max", "1.2"], "TLSv1.2");
}

#[test]
fn curl_resumes_tls12_session_id() {
    assert_resumes(
        &["-no_ticket"],
        &["--tlsv1.2", "--tls-max", "1.2"],
        "TLSv1.2",
    );
}

#[test]
fn curl_works_when_the_server_refuses_resumption() {
    let ca = ca_arg();
    for mode in MODES {
        let t = curl(
            mode,
            &["-no_cache", "-no_ticket"],
            &["--cacert", &ca, "--tlsv1.2", "--tls-max", "1.2"],
        );
        assert_eq!(t.code, 0, "{mode:?}: curl failed:\n{}", t.log);
        assert_eq!(server_says(&t.pages[0]), "New", "{mode:?}");
        assert_eq!(server_says(&t.pages[1]), "New", "{mode:?}");
    }
}

#[test]
fn curl_refuses_an_untrusted_certificate() {
    for mode in MODES {
        // No --cacert: the test CA is not among the system's.
        let t = curl(mode, &[], &[]);
        assert_eq!(
            t.code, 60,
            "{mode:?}: expected curl's verification failure:\n{}",
            t.log
        );
        assert!(
            t.log
                .contains("SSL certificate problem: unable to get local issuer certificate"),
            "{mode:?}:\n{}",
            t.log
        );
    }
}

#[test]
fn curl_presents_a_client_certificate_with_an_encrypted_key() {
    let certs = test_certs();
    let key = build_dir("curl-keys").join("client-encrypted.key");
    let ok = Command::new("openssl")
        .args(["pkey", "-aes256", "-passout", "pass:secret", "-in"])
        .arg(certs.join("server.key"))
        .arg("-out")
        .arg(&key)
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let (ca, cert, key) = (
        ca_arg(),
        certs.join("server-chain.pem"),
        key.display().to_string(),
    );
    let cert = cert.display().to_string();
    for mode in MODES {
        // -Verify: the server requires a client certificate.
        let t = curl(
            mode,
            &["-Verify", "1", "-CAfile", &ca],
            &[
                "--cacert", &ca, "--cert", &cert, "--key", &key, "--pass", "secret",
            ],
        );
        assert_eq!(t.code, 0, "{mode:?}: curl failed:\n{}", t.log);
        assert!(
            t.pages[0].contains("Client certificate"),
            "{mode:?}: no client certificate"
        );
        let without = curl(mode, &["-Verify", "1", "-CAfile", &ca], &["--cacert", &ca]);
        assert_ne!(
            without.code, 0,
            "{mode:?}: the server must refuse a client without a certificate"
        );
    }
}

#[test]
fn curl_negotiates_alpn() {
    let ca = ca_arg();
    for mode in MODES {
        let t = curl(mode, &["-alpn", "http/1.1"], &["--cacert", &ca]);
        assert_eq!(t.code, 0, "{mode:?}:\n{}", t.log);
        assert!(
            t.log.contains("ALPN: server accepted http/1.1"),
            "{mode:?}:\n{}",
            t.log
        );
    }
}

#[test]
fn curl_cipher_selection() {
    let ca = ca_arg();
    for mode in MODES {
        let t = curl(
            mode,
            &[],
            &[
                "--cacert",
                &ca,
                "--tls-max",
                "1.2",
                "--ciphers",
                "ECDHE-RSA-AES128-GCM-SHA256",
            ],
        );
        assert!(
            t.log
                .contains("SSL connection using TLSv1.2 / ECDHE-RSA-AES128-GCM-SHA256"),
            "{mode:?}:\n{}",
            t.log
        );
        let t = curl(
            mode,
            &[],
            &[
                "--cacert",
                &ca,
                "--tls13-ciphers",
                "TLS_CHACHA20_POLY1305_SHA256",
            ],
        );
        assert!(
            t.log
                .contains("SSL connection using TLSv1.3 / TLS_CHACHA20_POLY1305_SHA256"),
            "{mode:?}:\n{}",
            t.log
        );
        let t = curl(mode, &[], &["--cacert", &ca, "--ciphers", "NO-SUCH-CIPHER"]);
        assert_eq!(
            t.code, 59,
            "{mode:?}: an unknown cipher list must fail:\n{}",
            t.log
        );
    }
}

/// The labels of an NSS key log, and whether every line is well formed.
fn key_log_labels(path: &Path) -> (std::collections::BTreeSet<String>, bool) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut labels = std::collections::BTreeSet::new();
    let mut well_formed = !text.is_empty();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let parts: Vec<&str> = line.split(' ').collect();
        let hex = |s: &str| s.chars().all(|c| c.is_ascii_hexdigit());
        well_formed &= parts.len() == 3 && parts[1].len() == 64 && hex(parts[1]) && hex(parts[2]);
        labels.insert(parts[0].to_string());
    }
    (labels, well_formed)
}

#[test]
fn curl_writes_the_same_key_log() {
    let ca = ca_arg();
    let mut seen = Vec::new();
    for mode in MODES {
        for (tls, extra) in [("1.3", &[][..]), ("1.2", &["--tls-max", "1.2"][..])] {
            let log = build_dir("curl-keys").join(format!("{mode:?}-{tls}.log"));
            let _ = std::fs::remove_file(&log);
            let mut args = vec!["--cacert", ca.as_str()];
            args.extend_from_slice(extra);
            let t = curl_with_env(
                mode,
                &[],
                &args,
                &[("SSLKEYLOGFILE", log.to_str().unwrap())],
            );
            assert_eq!(t.code, 0, "{mode:?}:\n{}", t.log);
            let (labels, ok) = key_log_labels(&log);
            assert!(ok, "{mode:?} TLS {tls}: malformed key log");
            seen.push((tls, labels));
        }
    }
    for (tls, labels) in &seen[2..] {
        let reference = &seen.iter().find(|(t, _)| t == tls).unwrap().1;
        assert_eq!(labels, reference, "TLS {tls}: labels differ from OpenSSL's");
    }
}
