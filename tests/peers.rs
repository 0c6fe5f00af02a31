//! sessl against peers nobody here wrote: `openssl s_server` serving a C
//! client, and `openssl s_client` (-reconnect, -sess_out/-sess_in) against a C
//! server. The client and server programs are built against both headers;
//! the libssl build is run plainly (the reference) and under LD_PRELOAD, and
//! all transcripts must match.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

use common::*;

/// Both builds of a peer program, compiled once per process (tests run in parallel).
fn builds(name: &str) -> (PathBuf, PathBuf) {
    static BUILT: Mutex<BTreeMap<String, (PathBuf, PathBuf)>> = Mutex::new(BTreeMap::new());
    let mut built = BUILT.lock().unwrap();
    built
        .entry(name.to_string())
        .or_insert_with(|| {
            let src = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/c")
                .join(name);
            let out = build_dir("peers");
            (
                compile_case(&src, &out, Build::OpenSsl).expect("openssl build"),
                compile_case(&src, &out, Build::Sessl).expect("sessl build"),
            )
        })
        .clone()
}

/// Runs the C client three ways against a fresh `s_server` each time.
fn client_against_s_server(extra: &[&str]) -> String {
    let certs = test_certs();
    let (openssl_bin, sessl_bin) = builds("peer_client.c");
    let mut transcripts = Vec::new();
    for (bin, how) in [
        (&openssl_bin, Run::Plain),
        (&openssl_bin, Run::Preload),
        (&sessl_bin, Run::Plain),
        (&sessl_bin, Run::Valgrind),
    ] {
        let (port, _server) = s_server(3, extra);
        let out = run_with_args(bin, &certs, how, &[port.to_string(), "2".into()]);
        assert!(
            out.ok,
            "client failed ({}):\n{}{}",
            out.status, out.stdout, out.stderr
        );
        transcripts.push(out.stdout);
    }
    for t in &transcripts[1..] {
        assert_eq!(
            t, &transcripts[0],
            "transcript differs from the OpenSSL reference"
        );
    }
    transcripts.remove(0)
}

#[test]
fn client_resumes_tls13_with_s_server() {
    let t = client_against_s_server(&["-tls1_3"]);
    assert!(
        t.contains("conn 0: TLSv1.3 reused 0, server says New"),
        "{t}"
    );
    assert!(
        t.contains("conn 1: TLSv1.3 reused 1, server says Reused"),
        "{t}"
    );
}

#[test]
fn client_resumes_tls12_ticket_with_s_server() {
    let t = client_against_s_server(&["-tls1_2"]);
    assert!(
        t.contains("conn 1: TLSv1.2 reused 1, server says Reused"),
        "{t}"
    );
}

#[test]
fn client_resumes_tls12_session_id_with_s_server() {
    let t = client_against_s_server(&["-tls1_2", "-no_ticket"]);
    assert!(
        t.contains("conn 1: TLSv1.2 reused 1, server says Reused"),
        "{t}"
    );
}

#[test]
fn client_is_refused_resumption_by_s_server_without_cache() {
    let t = client_against_s_server(&["-tls1_2", "-no_ticket", "-no_cache"]);
    assert!(
        t.contains("conn 1: TLSv1.2 reused 0, server says New"),
        "{t}"
    );
}

fn s_client(certs: &Path, port: u16, args: &[&str], stdin_secs: u32) -> String {
    let cmd = format!(
        "sleep {stdin_secs} | timeout 30 openssl s_client -connect 127.0.0.1:{port} -CAfile {} {}",
        certs.join("ca.pem").display(),
        args.join(" ")
    );
    let o = Command::new("sh")
        .arg("-c")
        .arg(&cmd)
        .output()
        .expect("s_client");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn new_or_reused(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| l.starts_with("New, ") || l.starts_with("Reused, "))
        .map(|l| l.split(',').next().unwrap())
        .collect()
}

/// Runs the C server three ways; for each, `drive` talks to it with s_client
/// and returns what s_client said. Returns the server transcript and s_client's words.
fn server_against_s_client(
    count: usize,
    server_args: &[&str],
    drive: impl Fn(u16) -> Vec<String>,
) -> (String, Vec<String>) {
    let certs = test_certs();
    let (openssl_bin, sessl_bin) = builds("peer_server.c");
    let mut runs = Vec::new();
    for (bin, how) in [
        (&openssl_bin, Run::Plain),
        (&openssl_bin, Run::Preload),
        (&sessl_bin, Run::Plain),
    ] {
        let port = free_port();
        let mut args = vec![port.to_string(), count.to_string()];
        args.extend(server_args.iter().map(|s| s.to_string()));
        let mut child = command_for(bin, &certs, how, &args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("peer server");
        let mut ready = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut ready)
            .unwrap();
        assert_eq!(ready.trim(), "ready");
        let said = drive(port);
        let out = child.wait_with_output().expect("server output");
        assert!(
            out.status.success(),
            "server ({how:?}) failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        runs.push((String::from_utf8_lossy(&out.stdout).into_owned(), said));
    }
    for r in &runs[1..] {
        assert_eq!(r, &runs[0], "differs from the OpenSSL reference");
    }
    runs.remove(0)
}

/// `s_client -reconnect` (five resumptions) against the C server started
/// with `server_args`; the server's transcript must contain `line`.
fn s_client_reconnects(server_args: &[&str], client_args: &[&str], line: &str) {
    let certs = test_certs();
    let args: Vec<&str> = ["-reconnect"].iter().chain(client_args).copied().collect();
    let (transcript, said) = server_against_s_client(6, server_args, |port| {
        let out = s_client(&certs, port, &args, 1);
        new_or_reused(&out).iter().map(|s| s.to_string()).collect()
    });
    assert_eq!(
        said,
        ["New", "Reused", "Reused", "Reused", "Reused", "Reused"],
        "{transcript}"
    );
    assert!(transcript.contains(line), "{transcript}");
}

#[test]
fn s_client_reconnect_resumes_tls12_on_sessl_server() {
    s_client_reconnects(&["tls12"], &[], "conn 5: TLSv1.2 reused 1");
}

#[test]
fn s_client_sess_out_sess_in_resumes_tls13_on_sessl_server() {
    let certs = test_certs();
    let sess = build_dir("peers").join(format!("sess-{}.pem", std::process::id()));
    let sess = sess.display().to_string();
    let (transcript, said) = server_against_s_client(2, &[], |port| {
        let first = s_client(&certs, port, &["-sess_out", &sess], 1);
        let second = s_client(&certs, port, &["-sess_in", &sess], 1);
        [first, second]
            .iter()
            .flat_map(|o| new_or_reused(o))
            .map(str::to_string)
            .collect()
    });
    assert_eq!(said, ["New", "Reused"], "{transcript}");
    assert!(
        transcript.contains("conn 1: TLSv1.3 reused 1"),
        "{transcript}"
    );
}

#[test]
fn s_client_resumes_tls12_session_id_on_sessl_server() {
    s_client_reconnects(
        &["tls12", "no_ticket"],
        &["-no_ticket"],
        "conn 1: TLSv1.2 reused 1, cache entries 1",
    );
}

/// openssl s_client itself on sessl (LD_PRELOAD) against s_server on the
/// system libssl: `-reconnect` runs six handshakes on one SSL object (it calls
/// `SSL_set_connect_state` again) and the last five resume; a request sent
/// after the handshake is answered (s_client writes 0 bytes first and clears
/// `SSL_MODE_AUTO_RETRY`).
/// The standard output of `INPUT | ENV openssl s_client -connect PORT -CAfile ca.pem ARG`
/// (`ENV` empty: the system libssl; `LD_PRELOAD=...`: sessl).
fn s_client_with(env: &str, input: &str, port: u16, arg: &str) -> String {
    let cmd = format!(
        "{input} | {env} timeout 30 openssl s_client -connect 127.0.0.1:{port} -CAfile {} {arg}",
        test_certs().join("ca.pem").display()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(&cmd)
        .output()
        .expect("s_client");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn s_client_on_sessl_reconnects_and_fetches() {
    let preload = format!("LD_PRELOAD={}", lib_dir().join("libsessl.so").display());
    let mut reference = Vec::new();
    for (openssl_env, label) in [("", "system libssl"), (preload.as_str(), "sessl")] {
        let (port, _server) = s_server(6, &["-tls1_2"]);
        let out = s_client_with(openssl_env, "sleep 1", port, "-reconnect");
        let seen: Vec<String> = new_or_reused(&out).iter().map(|s| s.to_string()).collect();
        assert_eq!(
            seen.iter().filter(|s| *s == "Reused").count(),
            5,
            "s_client -reconnect on {label}:\n{out}"
        );
        if reference.is_empty() {
            reference = seen;
        } else {
            assert_eq!(seen, reference, "s_client -reconnect on {label}:\n{out}");
        }

        let (port, _server) = s_server(1, &[]);
        let request = "(printf 'GET / HTTP/1.0\\r\\n\\r\\n'; sleep 2)";
        let out = s_client_with(openssl_env, request, port, "-quiet");
        assert!(
            out.starts_with("HTTP/1.0 200 ok"),
            "s_client on {label} got no page:\n{out}"
        );
    }
}

/// `openssl s_client -msg`'s lines (the message callback) from its
/// ClientHello to the second Finished, with the ClientHello's length masked
/// (rustls' hello carries other extensions).
fn handshake_messages(out: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut finished = 0;
    for line in out
        .lines()
        .filter(|l| l.starts_with(">>>") || l.starts_with("<<<"))
    {
        if finished == 2 {
            break;
        }
        finished += usize::from(line.ends_with("Finished"));
        let line = match line.split_once(" [length ") {
            Some((head, rest)) if rest.ends_with("ClientHello") => format!("{head} ClientHello"),
            _ => line.to_string(),
        };
        lines.push(line);
    }
    lines
}

#[test]
fn s_client_msg_on_sessl_prints_the_system_messages() {
    let preload = format!("LD_PRELOAD={}", lib_dir().join("libsessl.so").display());
    for version in ["-tls1_2", "-tls1_3"] {
        let mut reference = Vec::new();
        for (openssl_env, label) in [("", "system libssl"), (preload.as_str(), "sessl")] {
            let (port, _server) = s_server(1, &[]);
            let out = s_client_with(openssl_env, "true", port, &format!("-msg {version}"));
            let seen = handshake_messages(&out);
            assert!(
                seen.iter().filter(|l| l.ends_with("Finished")).count() == 2,
                "s_client -msg {version} on {label}:\n{out}"
            );
            if reference.is_empty() {
                reference = seen;
            } else {
                assert_eq!(
                    seen, reference,
                    "s_client -msg {version} on {label}:\n{out}"
                );
            }
        }
    }
}
