//! nginx (Debian's 1.22, linked against libssl.so.3) serving HTTPS on sessl,
//! both under `LD_PRELOAD=libsessl.so` and with sessl as `libssl.so.3` on
//! `LD_LIBRARY_PATH`, with the system's libssl as the reference run. Each
//! page reports nginx's `$ssl_session_reused`; clients are curl and
//! `openssl s_client` on the real libssl. Three session setups: nginx's
//! shared cache with tickets off (its new/get/remove callbacks and
//! i2d/d2i), tickets with sessl's own keys, and tickets with
//! `ssl_session_ticket_key` files (the ticket key callback).

mod common;

use std::process::{Command, Stdio};

use common::nginx::*;
use common::*;

fn ca() -> String {
    test_certs().join("ca.pem").display().to_string()
}

/// `s_client -sess_out` then `-sess_in`; returns its "New"/"Reused" words.
fn s_client_twice(n: &Nginx, extra: &[&str]) -> Vec<String> {
    let sess = n.dir.join("client-session.pem");
    let mut said = Vec::new();
    for flag in ["-sess_out", "-sess_in"] {
        let cmd = format!(
            "(sleep 1; printf 'GET / HTTP/1.0\\r\\n\\r\\n') | timeout 20 openssl s_client -connect 127.0.0.1:{} -CAfile {} {} {} {}",
            n.port,
            ca(),
            flag,
            sess.display(),
            extra.join(" ")
        );
        let out = Command::new("sh")
            .arg("-c")
            .arg(cmd)
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

/// Runs every client against nginx in every mode; each must see `expected`
/// (one entry per client: curl TLS 1.3, curl TLS 1.2, s_client TLS 1.3,
/// s_client TLS 1.2), the same as with the system's libssl.
fn check(sessions: &str, expected: [[&str; 2]; 4]) {
    for mode in MODES {
        let n = start(mode, sessions);
        let got = [
            curl_twice(&n, &[]),
            curl_twice(&n, &["--tls-max", "1.2"]),
            s_client_twice(&n, &[]),
            s_client_twice(&n, &["-tls1_2"]),
        ];
        for (client, (got, want)) in [
            "curl TLS 1.3",
            "curl TLS 1.2",
            "s_client TLS 1.3",
            "s_client TLS 1.2",
        ]
        .iter()
        .zip(got.iter().zip(expected))
        {
            assert_eq!(got, &want, "{mode:?}, {client}\n{}", error_log(&n));
        }
    }
}

const RESUMED_CURL: [&str; 2] = ["reused=.", "reused=r"];
const NEW_CURL: [&str; 2] = ["reused=.", "reused=."];
const RESUMED: [&str; 2] = ["New", "Reused"];

#[test]
fn nginx_shared_cache_without_tickets() {
    check(
        "ssl_session_cache shared:SSL:1m; ssl_session_tickets off;",
        [RESUMED_CURL, RESUMED_CURL, RESUMED, RESUMED],
    );
}

#[test]
fn nginx_tickets() {
    // No session cache: curl, which does no TLS 1.2 tickets, resumes only TLS 1.3.
    check(
        "ssl_session_tickets on;",
        [RESUMED_CURL, NEW_CURL, RESUMED, RESUMED],
    );
}

#[test]
fn nginx_ticket_key_files() {
    check(
        "ssl_session_cache shared:SSL:1m; ssl_session_tickets on; ssl_session_ticket_key TICKET_KEY;",
        [RESUMED_CURL, RESUMED_CURL, RESUMED, RESUMED],
    );
}

/// Two virtual servers on one port, HTTP/2 on: nginx's servername callback
/// picks the server (and its certificate, through `SSL_set_SSL_CTX`) by the
/// client's SNI, and its ALPN callback agrees on h2.
#[test]
fn nginx_virtual_servers_and_http2() {
    let servers = r#"server {
    listen 127.0.0.1:PORT ssl http2;
    server_name localhost;
    ssl_certificate CERTS/server-chain.pem;
    ssl_certificate_key CERTS/server.key;
    location / { return 200 "server=localhost alpn=$ssl_alpn_protocol sni=$ssl_server_name\n"; }
  }
  server {
    listen 127.0.0.1:PORT ssl http2;
    server_name other.test;
    ssl_certificate CERTS/ca.pem;
    ssl_certificate_key CERTS/ca.key;
    location / { return 200 "server=other alpn=$ssl_alpn_protocol sni=$ssl_server_name\n"; }
  }"#;
    for mode in MODES {
        let n = start_with(mode, servers);
        let out = Command::new("timeout")
            .args(["30", "curl", "-sS", "--http2", "--cacert", &ca()])
            .args(["-w", "http=%{http_version}\n"])
            .arg(format!("https://localhost:{}/", n.port))
            .env_remove("LD_LIBRARY_PATH")
            .output()
            .expect("curl");
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            text,
            "server=localhost alpn=h2 sni=localhost\nhttp=2\n",
            "{mode:?}: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            error_log(&n)
        );
        for (name, subject, alpn) in [
            ("localhost", "CN = localhost", "h2"),
            ("other.test", "CN = sessl test CA", "http/1.1"),
        ] {
            let cmd = format!(
                "(sleep 1; printf 'GET / HTTP/1.0\\r\\nHost: {name}\\r\\n\\r\\n') | timeout 20 openssl s_client -connect 127.0.0.1:{} -servername {name} -alpn {alpn}",
                n.port
            );
            let out = Command::new("sh")
                .arg("-c")
                .arg(cmd)
                .output()
                .expect("s_client");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.lines()
                    .any(|l| l.starts_with("subject=") && l.ends_with(subject)),
                "{mode:?} {name}: {text}\n{}",
                error_log(&n)
            );
            assert!(
                text.contains(&format!("ALPN protocol: {alpn}")),
                "{mode:?} {name}: {text}"
            );
        }
    }
}

/// One page from curl over TLS 1.3 or 1.2 (`tls12`), reaching `host` (whose
/// name is the SNI, none for an IP address) on 127.0.0.1, with the client
/// certificate `<cert>.pem`/`<cert>.key` of the test certificates or none;
/// returns "<status> <body>", an nginx error page shortened to its title.
fn curl_page(n: &Nginx, host: &str, cert: Option<&str>, tls12: bool) -> String {
    let certs = test_certs();
    let mut cmd = Command::new("timeout");
    cmd.args(["30", "curl", "-sS", "--cacert", &ca()])
        .arg("--resolve")
        .arg(format!("{host}:{}:127.0.0.1", n.port))
        .args(["-w", "status=%{http_code}"]);
    if let Some(c) = cert {
        cmd.arg("--cert")
            .arg(certs.join(format!("{c}.pem")))
            .arg("--key")
            .arg(certs.join(format!("{c}.key")));
    }
    if tls12 {
        cmd.args(["--tls-max", "1.2"]);
    }
    let out = cmd
        .arg(format!("https://{host}:{}/", n.port))
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .expect("curl");
    let text = String::from_utf8_lossy(&out.stdout);
    let Some((body, status)) = text.rsplit_once("status=") else {
        return format!("no answer: {}", String::from_utf8_lossy(&out.stderr));
    };
    let body = match body.split_once("<title>") {
        Some((_, t)) => t.split("</title>").next().unwrap_or(t).to_string(),
        None => body.trim_end().to_string(),
    };
    format!("{status} {body}")
}

/// The client CA names that `openssl s_client -servername name` saw in the
/// certificate request (it sends no certificate and stops at end of input).
fn s_client_ca_names(n: &Nginx, name: &str, tls12: bool) -> Vec<String> {
    let out = Command::new("timeout")
        .args(["20", "openssl", "s_client", "-connect"])
        .arg(format!("127.0.0.1:{}", n.port))
        .args(["-servername", name, "-CAfile", &ca()])
        .args(if tls12 { &["-tls1_2"][..] } else { &[][..] })
        .stdin(Stdio::null())
        .output()
        .expect("s_client");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip_while(|l| *l != "Acceptable client certificate CA names")
        .skip(1)
        .take_while(|l| !l.starts_with("---") && !l.contains(": "))
        .map(str::to_string)
        .collect()
}

/// Client certificates per virtual server on one port: the default server
/// (no SNI, or SNI a.test) asks for an optional certificate under ca.pem, the
/// `localhost` one requires one under ca2.pem. nginx's servername callback
/// moves the connection to the second server's `SSL_CTX` and copies its
/// verify mode with `SSL_set_verify`: the handshake must then request a
/// certificate with ca2's name and verify it against ca2's store, not the
/// default server's. nginx's verify callback accepts everything, so a refused
/// certificate still completes the handshake and nginx answers 400 from
/// `SSL_get_verify_result` (the second server shows its 495/496 error pages
/// with `$ssl_client_verify`, the default server nginx's own page). curl,
/// on the system libssl, sends client.pem with ca.pem (its own CA file
/// completes the chain), client2.pem alone.
#[test]
fn nginx_client_certificates_per_virtual_server() {
    let servers = r#"server {
    listen 127.0.0.1:PORT ssl;
    server_name a.test;
    ssl_certificate CERTS/server-chain.pem;
    ssl_certificate_key CERTS/server.key;
    ssl_verify_client optional;
    ssl_client_certificate CERTS/ca.pem;
    location / { return 200 "server=a verify=$ssl_client_verify dn=$ssl_client_s_dn\n"; }
  }
  server {
    listen 127.0.0.1:PORT ssl;
    server_name localhost;
    ssl_certificate CERTS/server-chain.pem;
    ssl_certificate_key CERTS/server.key;
    ssl_verify_client on;
    ssl_client_certificate CERTS/ca2.pem;
    error_page 495 /cert-error;
    error_page 496 /no-cert;
    location / { return 200 "server=localhost verify=$ssl_client_verify dn=$ssl_client_s_dn\n"; }
    location = /cert-error { return 200 "server=localhost cert-error verify=$ssl_client_verify dn=$ssl_client_s_dn\n"; }
    location = /no-cert { return 200 "server=localhost no-cert verify=$ssl_client_verify dn=$ssl_client_s_dn\n"; }
  }"#;
    let cases: [(&str, Option<&str>, &str); 6] = [
        (
            "localhost",
            Some("client2"),
            "200 server=localhost verify=SUCCESS dn=CN=sessl client 2",
        ),
        (
            "localhost",
            Some("client"),
            "400 server=localhost cert-error verify=FAILED:self-signed certificate in certificate chain dn=CN=sessl client",
        ),
        (
            "localhost",
            None,
            "400 server=localhost no-cert verify=NONE dn=",
        ),
        ("127.0.0.1", None, "200 server=a verify=NONE dn="),
        (
            "127.0.0.1",
            Some("client"),
            "200 server=a verify=SUCCESS dn=CN=sessl client",
        ),
        (
            "127.0.0.1",
            Some("client2"),
            "400 400 The SSL certificate error",
        ),
    ];
    // What nginx logs for the refused ones, in order, once per protocol.
    let logged = [
        "client SSL certificate verify error: (19:self-signed certificate in certificate chain)",
        "client sent no required SSL certificate",
        "client SSL certificate verify error: (21:unable to verify the first certificate)",
    ];
    for mode in MODES {
        let n = start_with(mode, servers);
        for tls12 in [false, true] {
            for (host, cert, want) in cases {
                let got = curl_page(&n, host, cert, tls12);
                assert_eq!(
                    got,
                    want,
                    "{mode:?} tls12={tls12} {host} {cert:?}\n{}",
                    error_log(&n)
                );
            }
            for (name, want) in [
                ("localhost", "CN = sessl test CA 2"),
                ("a.test", "CN = sessl test CA"),
            ] {
                let got = s_client_ca_names(&n, name, tls12);
                assert_eq!(
                    got,
                    [want],
                    "{mode:?} tls12={tls12} s_client {name}\n{}",
                    error_log(&n)
                );
            }
        }
        let log = error_log(&n);
        let refusals: Vec<&str> = log
            .lines()
            .filter(|l| l.contains("client SSL certificate") || l.contains("no required SSL"))
            .filter_map(|l| l.split_once(": *").and_then(|(_, m)| m.split_once(' ')))
            .map(|(_, m)| m.split(" while ").next().unwrap_or(m))
            .collect();
        let want = [logged, logged].concat();
        assert_eq!(refusals, want, "{mode:?}\n{log}");
    }
}

/// One `openssl s_client` connection with `extra` flags; its output.
fn s_client_output(n: &Nginx, extra: &[&str]) -> String {
    let cmd = format!(
        "(sleep 1; printf 'GET / HTTP/1.0\\r\\n\\r\\n') | timeout 20 openssl s_client -connect 127.0.0.1:{} -CAfile {} {}",
        n.port,
        ca(),
        extra.join(" ")
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .output()
        .expect("s_client");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// nginx's `ssl_conf_command` goes through `SSL_CONF_cmd`: the TLS 1.3
/// suite it names is the one agreed, and `Options -SessionTicket` stops
/// TLS 1.2 tickets, as with the system's libssl; without the commands
/// nginx agrees on its default suite and sends a ticket.
#[test]
fn nginx_ssl_conf_command() {
    let commands = "ssl_conf_command Ciphersuites TLS_CHACHA20_POLY1305_SHA256; \
                    ssl_conf_command Options -SessionTicket;";
    let cases = [
        ("", "TLS_AES_256_GCM_SHA384", true),
        (commands, "TLS_CHACHA20_POLY1305_SHA256", false),
    ];
    for mode in MODES {
        for (conf, suite, ticket) in cases {
            let n = start(mode, conf);
            let tls13 = s_client_output(&n, &[]);
            assert!(
                tls13.contains(&format!("New, TLSv1.3, Cipher is {suite}")),
                "{mode:?} {conf:?}: TLS 1.3 suite\n{tls13}\n{}",
                error_log(&n)
            );
            let tls12 = s_client_output(&n, &["-tls1_2"]);
            assert!(tls12.contains("New, TLSv1.2"), "{mode:?}: {tls12}");
            assert_eq!(
                tls12.contains("TLS session ticket lifetime hint"),
                ticket,
                "{mode:?} {conf:?}: TLS 1.2 ticket\n{tls12}\n{}",
                error_log(&n)
            );
        }
    }
}
