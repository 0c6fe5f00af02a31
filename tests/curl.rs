//! Unmodified curl (Debian's, linked against libssl.so.3) running on sessl,
//! against `openssl s_server -www`, which reports in its page whether the
//! handshake was "New" or "Reused". Each scenario runs with the system
//! libssl (the reference, to show the scenario itself is right), under
//! `LD_PRELOAD=libsessl.so`, and with sessl as `libssl.so.3` on
//! `LD_LIBRARY_PATH`.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::*;

#[derive(Clone, Copy, Debug)]
enum Mode {
    SystemLibssl,
    Preload,
    LibraryPath,
}

const MODES: [Mode; 3] = [Mode::SystemLibssl, Mode::Preload, Mode::LibraryPath];

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn s_server(certs: &Path, port: u16, extra: &[&str]) -> Server {
    let server = Server(
        Command::new("timeout")
            .args([
                "60", "openssl", "s_server", "-www", "-naccept", "2", "-accept",
            ])
            .arg(format!("127.0.0.1:{port}"))
            .arg("-cert")
            .arg(certs.join("server-chain.pem"))
            .arg("-key")
            .arg(certs.join("server.key"))
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl s_server"),
    );
    for _ in 0..200 {
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_err() {
            return server;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    panic!("s_server did not start");
}

struct Transfer {
    code: i32,
    log: String,
    pages: Vec<String>,
}

/// Runs curl on two URLs of one server (two TLS connections: s_server -www
/// closes after each page) and returns its exit code, verbose log and pages.
fn curl(mode: Mode, server_args: &[&str], curl_args: &[&str]) -> Transfer {
    let certs = test_certs();
    let port = free_port();
    let _server = s_server(&certs, port, server_args);
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
        .env_remove("LD_LIBRARY_PATH");
    match mode {
        Mode::SystemLibssl => {}
        Mode::Preload => {
            cmd.env("LD_PRELOAD", lib_dir().join("libsessl.so"));
        }
        Mode::LibraryPath => {
            cmd.env("LD_LIBRARY_PATH", libssl3_dir());
        }
    }
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
