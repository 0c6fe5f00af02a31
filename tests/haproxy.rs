//! HAProxy 2.6 (Debian 12's) on sessl, under `LD_PRELOAD=libsessl.so` and as
//! `libssl.so.3`, the system's libssl the reference run: TLS terminated by
//! `bind ... ssl crt` with resumption from HAProxy's own cache
//! (`tune.ssl.cachesize`) or from tickets, TLS 1.3 and 1.2; the certificate
//! chosen by SNI from a `crt` directory (HAProxy's ClientHello callback);
//! and a TLS back end (`server ... ssl verify required ca-file`) to
//! `openssl s_server -www` on the system libssl, where HAProxy's second
//! back-end connection resumes the first one's session, which HAProxy keeps
//! with `i2d_SSL_SESSION` and reads back with `d2i_SSL_SESSION`.

mod common;

use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use common::*;

const HAPROXY: &str = "/usr/sbin/haproxy";

/// Whether to run: HAProxy installed, or CI (where it must be).
fn available() -> bool {
    if std::path::Path::new(HAPROXY).exists() || std::env::var_os("CI").is_some() {
        return true;
    }
    eprintln!("skipped: {HAPROXY} is not installed (apt-get install haproxy)");
    false
}

/// `haproxy -db` (foreground, one process, one thread: HAProxy 2.6 keeps a
/// back-end session per thread), stopped by PID.
struct Haproxy {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Haproxy {
    fn drop(&mut self) {
        stop_group(&mut self.child);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Haproxy {
    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("haproxy.log")).unwrap_or_default()
    }
}

/// Starts HAProxy with the global lines `global` and the sections
/// `sections` (`PORT`, `CERTS` and `DIR` replaced). `DIR/crt` holds
/// `1-localhost.pem` (the default) and `2-other.pem` (other.example), each
/// certificate with its key.
fn start(mode: Mode, global: &str, sections: &str) -> Haproxy {
    let certs = test_certs();
    let port = free_port();
    let dir = build_dir(&format!("haproxy-{port}"));
    std::fs::create_dir_all(dir.join("crt")).unwrap();
    for (out, cert, key) in [
        ("1-localhost.pem", "server-chain.pem", "server.key"),
        ("2-other.pem", "other-host.pem", "other-host.key"),
    ] {
        let pem = std::fs::read_to_string(certs.join(cert)).unwrap()
            + &std::fs::read_to_string(certs.join(key)).unwrap();
        std::fs::write(dir.join("crt").join(out), pem).unwrap();
    }
    let conf = format!(
        "global\n  nbthread 1\n{global}\ndefaults\n  mode http\n  timeout connect 5s\n  \
         timeout client 20s\n  timeout server 20s\n{sections}\n"
    )
    .replace("PORT", &port.to_string())
    .replace("CERTS", &certs.display().to_string())
    .replace("DIR", &dir.display().to_string());
    let conf_path = dir.join("haproxy.cfg");
    std::fs::write(&conf_path, conf).unwrap();
    let log = std::fs::File::create(dir.join("haproxy.log")).unwrap();
    let mut cmd = Command::new(HAPROXY);
    cmd.arg("-db").arg("-f").arg(&conf_path);
    cmd.stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    apply_mode(&mut cmd, mode);
    let h = Haproxy {
        child: cmd.process_group(0).spawn().expect("haproxy"),
        port,
        dir,
    };
    assert!(
        wait_for_port(port),
        "{mode:?}: haproxy did not start: {}",
        h.log()
    );
    h
}

/// The front end: a page saying whether the connection resumed, its
/// protocol and SNI.
const FRONT: &str = r#"frontend fe
  bind 127.0.0.1:PORT ssl crt DIR/crt BIND
  http-request return status 200 content-type text/plain lf-string "resumed=%[ssl_fc_is_resumed] proto=%[ssl_fc_protocol] sni=%[ssl_fc_sni]\n"
"#;

fn ca() -> String {
    test_certs().join("ca.pem").display().to_string()
}

/// Two pages over two connections from one curl, reaching `host`.
fn curl_twice(h: &Haproxy, host: &str, extra: &[&str]) -> Vec<String> {
    let url = format!("https://{host}:{}/", h.port);
    let out = Command::new("timeout")
        .args(["30", "curl", "-sS", "-H", "Connection: close"])
        .args(["--cacert", &ca()])
        .arg("--resolve")
        .arg(format!("{host}:{}:127.0.0.1", h.port))
        .args(extra)
        .arg(&url)
        .arg(&url)
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .expect("curl");
    assert!(
        out.status.success(),
        "curl {host}: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        h.log()
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// `s_client -sess_out` then `-sess_in`: its "New"/"Reused" words.
fn s_client_twice(h: &Haproxy, extra: &[&str]) -> Vec<String> {
    let sess = h.dir.join("client-session.pem");
    let mut said = Vec::new();
    for flag in ["-sess_out", "-sess_in"] {
        let cmd = format!(
            "(sleep 1; printf 'GET / HTTP/1.0\\r\\n\\r\\n') | timeout 20 openssl s_client -connect 127.0.0.1:{} -servername localhost -CAfile {} {} {} {}",
            h.port,
            ca(),
            flag,
            sess.display(),
            extra.join(" ")
        );
        let out = Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .env_remove("LD_LIBRARY_PATH")
            .output()
            .expect("s_client");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let word = text
            .lines()
            .find(|l| l.starts_with("New, ") || l.starts_with("Reused, "))
            .map(|l| l.split(',').next().unwrap().to_string())
            .unwrap_or_else(|| format!("no handshake: {text}"));
        said.push(word);
    }
    said
}

/// curl (TLS 1.3, 1.2) and s_client (TLS 1.3, 1.2) each resume their
/// second connection, as with the system's libssl (curl over TLS 1.2 only
/// when `curl12_resumes`: it does not take TLS 1.2 tickets).
fn check_front(global: &str, bind: &str, curl12_resumes: bool) {
    for mode in MODES {
        let h = start(mode, global, &FRONT.replace("BIND", bind));
        for (extra, proto) in [(&[][..], "TLSv1.3"), (&["--tls-max", "1.2"][..], "TLSv1.2")] {
            let again = u8::from(proto == "TLSv1.3" || curl12_resumes);
            assert_eq!(
                curl_twice(&h, "localhost", extra),
                [
                    format!("resumed=0 proto={proto} sni=localhost"),
                    format!("resumed={again} proto={proto} sni=localhost"),
                ],
                "{mode:?} curl {proto}\n{}",
                h.log()
            );
        }
        for extra in [&[][..], &["-tls1_2"][..]] {
            assert_eq!(
                s_client_twice(&h, extra),
                ["New", "Reused"],
                "{mode:?} s_client {extra:?}\n{}",
                h.log()
            );
        }
    }
}

/// HAProxy's own session cache, tickets off.
#[test]
fn haproxy_front_end_cache() {
    if !available() {
        return;
    }
    check_front("  tune.ssl.cachesize 1000", "no-tls-tickets", true);
}

/// Tickets, HAProxy's cache off.
#[test]
fn haproxy_front_end_tickets() {
    if !available() {
        return;
    }
    check_front("  tune.ssl.cachesize 0", "", false);
}

/// The certificate of a `crt` directory chosen by the client's SNI: curl
/// checks each name against the certificate it gets.
#[test]
fn haproxy_sni_from_crt_directory() {
    if !available() {
        return;
    }
    for mode in MODES {
        let h = start(mode, "", &FRONT.replace("BIND", ""));
        for (host, proto) in [
            ("localhost", "TLSv1.3"),
            ("other.example", "TLSv1.3"),
            ("other.example", "TLSv1.2"),
        ] {
            let extra: &[&str] = if proto == "TLSv1.2" {
                &["--tls-max", "1.2"]
            } else {
                &[]
            };
            let got = curl_twice(&h, host, extra);
            assert_eq!(
                got[0],
                format!("resumed=0 proto={proto} sni={host}"),
                "{mode:?} {host}\n{}",
                h.log()
            );
        }
    }
}

/// A plain front end to a TLS back end (`openssl s_server -www`, verified
/// against ca.pem): the second back-end connection resumes the first one's
/// session (s_server's page says Reused), at most `max` ("TLSv1.3", "TLSv1.2").
fn check_back_end(max: &str) {
    for mode in MODES {
        let (origin, _origin) = s_server(2, &[]);
        let sections = format!(
            "frontend plain\n  bind 127.0.0.1:PORT\n  default_backend be\n\
             backend be\n  http-reuse never\n  \
             server s1 127.0.0.1:{origin} ssl verify required ca-file CERTS/ca.pem \
             sni str(localhost) ssl-max-ver {max}\n"
        );
        let h = start(mode, "", &sections);
        let mut said = Vec::new();
        for _ in 0..2 {
            let out = Command::new("timeout")
                .args(["30", "curl", "-sS", "-H", "Connection: close"])
                .arg(format!("http://127.0.0.1:{}/", h.port))
                .env_remove("LD_LIBRARY_PATH")
                .output()
                .expect("curl");
            let page = String::from_utf8_lossy(&out.stdout).into_owned();
            said.push(
                page.lines()
                    .find(|l| l.starts_with("New, ") || l.starts_with("Reused, "))
                    .map(|l| l.split(',').take(2).collect::<Vec<_>>().join(","))
                    .unwrap_or_else(|| format!("no page: {page}")),
            );
        }
        assert_eq!(
            said,
            [format!("New, {max}"), format!("Reused, {max}")],
            "{mode:?} back end {max}\n{}",
            h.log()
        );
    }
}

#[test]
fn haproxy_back_end_resumes_tls13() {
    if !available() {
        return;
    }
    check_back_end("TLSv1.3");
}

#[test]
fn haproxy_back_end_resumes_tls12() {
    if !available() {
        return;
    }
    check_back_end("TLSv1.2");
}
