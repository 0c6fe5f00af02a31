//! nginx (Debian's 1.22, linked against libssl.so.3) serving HTTPS on sessl,
//! both under `LD_PRELOAD=libsessl.so` and with sessl as `libssl.so.3` on
//! `LD_LIBRARY_PATH`, with the system's libssl as the reference run. Each
//! page reports nginx's `$ssl_session_reused`; clients are curl and
//! `openssl s_client` on the real libssl. Three session setups: nginx's
//! shared cache with tickets off (its new/get/remove callbacks and
//! i2d/d2i), tickets with sessl's own keys, and tickets with
//! `ssl_session_ticket_key` files (the ticket key callback).

mod common;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use common::*;

struct Nginx {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Workers leave when the master is gone; give them a moment.
        std::thread::sleep(std::time::Duration::from_millis(50));
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn start(mode: Mode, sessions: &str) -> Nginx {
    start_with(
        mode,
        &format!(
            r#"server {{
    listen 127.0.0.1:PORT ssl;
    ssl_certificate CERTS/server-chain.pem;
    ssl_certificate_key CERTS/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    {sessions}
    location / {{ return 200 "reused=$ssl_session_reused protocol=$ssl_protocol\n"; }}
  }}"#
        ),
    )
}

/// Starts nginx with the `server` blocks `servers` (their `PORT`,
/// `CERTS` and `TICKET_KEY` are replaced).
fn start_with(mode: Mode, servers: &str) -> Nginx {
    let certs = test_certs();
    let port = free_port();
    let dir = build_dir(&format!("nginx-{port}"));
    std::fs::create_dir_all(dir.join("tmp")).unwrap();
    let key = dir.join("ticket.key");
    std::fs::write(
        &key,
        (0..80u8).map(|i| i.wrapping_mul(37)).collect::<Vec<u8>>(),
    )
    .unwrap();
    let servers = servers
        .replace("TICKET_KEY", &key.display().to_string())
        .replace("PORT", &port.to_string())
        .replace("CERTS", &certs.display().to_string());
    let conf = format!(
        r#"worker_processes 1;
daemon off;
error_log {dir}/error.log info;
pid {dir}/nginx.pid;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {dir}/tmp; proxy_temp_path {dir}/tmp; fastcgi_temp_path {dir}/tmp;
  uwsgi_temp_path {dir}/tmp; scgi_temp_path {dir}/tmp;
  {servers}
}}
"#,
        dir = dir.display(),
    );
    let conf_path = dir.join("nginx.conf");
    std::fs::write(&conf_path, conf).unwrap();
    let mut cmd = Command::new("/usr/sbin/nginx");
    cmd.arg("-p").arg(&dir).arg("-c").arg(&conf_path);
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    apply_mode(&mut cmd, mode);
    let nginx = Nginx {
        child: cmd.spawn().expect("nginx"),
        port,
        dir,
    };
    assert!(
        wait_for_port(port),
        "{mode:?}: nginx did not start: {}",
        error_log(&nginx)
    );
    nginx
}

fn error_log(n: &Nginx) -> String {
    std::fs::read_to_string(n.dir.join("error.log")).unwrap_or_default()
}

fn ca() -> String {
    test_certs().join("ca.pem").display().to_string()
}

/// Two pages over two connections from one curl; returns nginx's `reused=` words.
fn curl_twice(n: &Nginx, extra: &[&str]) -> Vec<String> {
    let url = format!("https://localhost:{}/", n.port);
    let out = Command::new("timeout")
        .args([
            "30",
            "curl",
            "-sS",
            "-H",
            "Connection: close",
            "--cacert",
            &ca(),
        ])
        .args(extra)
        .arg(&url)
        .arg(&url)
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .expect("curl");
    assert!(
        out.status.success(),
        "curl: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        error_log(n)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split(' ').next().unwrap_or("").to_string())
        .collect()
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
