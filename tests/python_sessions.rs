//! Python's ssl module resuming sessions end to end on sessl, checked from
//! the server's side, TLS 1.2 and TLS 1.3, with the Python process in each
//! mode (system libssl as the reference, `LD_PRELOAD=libsessl.so`, sessl as
//! `libssl.so.3`) and its peer always on the system libssl:
//!
//! - a Python client (tests/python/https_resume_client.py): two requests
//!   through `http.client` with one `SSLContext`, the second offered the
//!   first's session, against `openssl s_server -www` whose page says
//!   "New" or "Reused";
//! - a Python server (tests/python/https_resume_server.py, `http.server`
//!   with `PROTOCOL_TLS_SERVER`) resuming for `openssl s_client` and for
//!   curl, its `session_stats()["hits"]` counting the resumptions.
//!
//! Skipped (with a note) when `python3` has no ssl module.

mod common;

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use common::*;

fn python_with_ssl() -> bool {
    Command::new("python3")
        .args(["-c", "import ssl, http.server, http.client"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/python")
        .join(name)
}

/// The client script's lines for a server on `port` resuming at `version`.
fn python_client(mode: Mode, port: u16, version: &str) -> String {
    let ca = test_certs().join("ca.pem");
    let mut cmd = Command::new("timeout");
    cmd.args(["60", "python3"])
        .arg(script("https_resume_client.py"))
        .arg(port.to_string())
        .arg(ca)
        .arg(version)
        .stdin(Stdio::null());
    apply_mode(&mut cmd, mode);
    let out = cmd.output().expect("python3");
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

fn client_resumes(version: &str, name: &str) {
    if !python_with_ssl() {
        eprintln!("python3 with ssl missing: skipped");
        return;
    }
    for mode in MODES {
        let (port, _server) = s_server(2, &[]);
        let out = python_client(mode, port, version);
        let first = format!("request 1: {name} client session_reused=False server=New status=200");
        let second =
            format!("request 2: {name} client session_reused=True server=Reused status=200");
        assert!(
            out.contains(&first) && out.contains(&second),
            "{mode:?}: the second request did not resume:\n{out}"
        );
    }
}

#[test]
fn python_client_resumes_tls12() {
    client_resumes("1.2", "TLSv1.2");
}

#[test]
fn python_client_resumes_tls13() {
    client_resumes("1.3", "TLSv1.3");
}

/// The Python server on a free port for `connections` connections (at most
/// 60 s), in `mode`; returns once it listens.
fn python_server(mode: Mode, version: &str, connections: u32) -> (Reaped, u16) {
    let certs = test_certs();
    let port = free_port();
    let mut cmd = Command::new("timeout");
    cmd.args(["60", "python3"])
        .arg(script("https_resume_server.py"))
        .arg(port.to_string())
        .arg(certs.join("server-chain.pem"))
        .arg(certs.join("server.key"))
        .arg(version)
        .arg(connections.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    apply_mode(&mut cmd, mode);
    let server = Reaped(cmd.spawn().expect("python3"));
    // Wait until the port is taken, without connecting (that would use up a connection).
    for _ in 0..800 {
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_err() {
            return (server, port);
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    panic!("{mode:?}: the Python server did not start");
}

/// The server's `session_stats()["hits"]`, once it has served its
/// connections and exited.
fn server_hits(server: &mut Reaped) -> String {
    let mut out = String::new();
    server
        .0
        .stdout
        .take()
        .expect("piped")
        .read_to_string(&mut out)
        .expect("server output");
    let stats = out
        .lines()
        .find_map(|l| l.strip_prefix("stats "))
        .unwrap_or("");
    stats
        .split("\"hits\": ")
        .nth(1)
        .and_then(|s| s.split([',', '}']).next())
        .unwrap_or("?")
        .to_string()
}

/// `openssl s_client` (system libssl) with `args`, sending one request when
/// `request`; returns its "New, ..." / "Reused, ..." lines, first word only.
fn s_client(port: u16, args: &[&str], request: bool) -> Vec<String> {
    let ca = test_certs().join("ca.pem");
    let mut child = Command::new("timeout")
        .args(["30", "openssl", "s_client", "-connect"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["-servername", "localhost", "-CAfile"])
        .arg(ca)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .env_remove("LD_PRELOAD")
        .env_remove("LD_LIBRARY_PATH")
        .spawn()
        .expect("openssl s_client");
    {
        let mut stdin = child.stdin.take().expect("piped");
        if request {
            use std::io::Write;
            stdin.write_all(b"GET / HTTP/1.0\r\n\r\n").expect("request");
        }
    }
    let out = child.wait_with_output().expect("s_client");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        // s_client's own lines ("New, TLSv1.3, Cipher is ..."), not the page's.
        .filter(|l| {
            (l.starts_with("New, ") || l.starts_with("Reused, ")) && l.contains("Cipher is")
        })
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect()
}

/// `s_client -reconnect`: one handshake and five reconnections offering its
/// session. TLS 1.2 only: OpenSSL 3.0's s_client closes each connection
/// before reading the TLS 1.3 tickets, so it resumes none even against
/// `openssl s_server` (the TLS 1.3 test below uses -sess_out / -sess_in).
#[test]
fn python_server_resumes_for_s_client_reconnect_tls12() {
    if !python_with_ssl() {
        eprintln!("python3 with ssl missing: skipped");
        return;
    }
    for mode in MODES {
        let (mut server, port) = python_server(mode, "1.2", 6);
        let lines = s_client(port, &["-reconnect"], false);
        let hits = server_hits(&mut server);
        assert_eq!(
            lines,
            ["New", "Reused", "Reused", "Reused", "Reused", "Reused"],
            "{mode:?}"
        );
        assert_eq!(hits, "5", "{mode:?}: session_stats hits");
    }
}

/// Two `s_client` runs: the first saves its session after a request (the
/// TLS 1.3 ticket comes after the handshake), the second offers it.
#[test]
fn python_server_resumes_for_s_client_sess_in_tls13() {
    if !python_with_ssl() {
        eprintln!("python3 with ssl missing: skipped");
        return;
    }
    for mode in MODES {
        let (mut server, port) = python_server(mode, "1.3", 2);
        let sess = build_dir(&format!("python-sess-{port}")).join("sess.pem");
        let sess = sess.to_str().unwrap();
        let first = s_client(port, &["-ign_eof", "-sess_out", sess], true);
        let second = s_client(port, &["-ign_eof", "-sess_in", sess], true);
        let hits = server_hits(&mut server);
        assert_eq!(
            (first, second),
            (vec!["New".to_string()], vec!["Reused".to_string()]),
            "{mode:?}"
        );
        assert_eq!(hits, "1", "{mode:?}: session_stats hits");
    }
}

/// curl (system libssl) fetching two URLs of the Python server in one run:
/// the second connection offers the first's session.
fn python_server_resumes_for_curl(version: &str, curl_args: &[&str]) {
    if !python_with_ssl() {
        eprintln!("python3 with ssl missing: skipped");
        return;
    }
    let ca = test_certs().join("ca.pem");
    for mode in MODES {
        let (mut server, port) = python_server(mode, version, 2);
        let url = format!("https://localhost:{port}/");
        let out = Command::new("timeout")
            .args(["30", "curl", "-sS", "--cacert"])
            .arg(&ca)
            .args(curl_args)
            .args([&url, &url])
            .env_remove("LD_PRELOAD")
            .env_remove("LD_LIBRARY_PATH")
            .output()
            .expect("curl");
        let pages = String::from_utf8_lossy(&out.stdout).into_owned();
        let hits = server_hits(&mut server);
        let tls = format!("TLSv{version}");
        assert_eq!(
            pages,
            format!("New, {tls}\nReused, {tls}\n"),
            "{mode:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(hits, "1", "{mode:?}: session_stats hits");
    }
}

#[test]
fn python_server_resumes_for_curl_tls12() {
    python_server_resumes_for_curl("1.2", &["--tlsv1.2", "--tls-max", "1.2"]);
}

#[test]
fn python_server_resumes_for_curl_tls13() {
    python_server_resumes_for_curl("1.3", &["--tlsv1.3"]);
}
