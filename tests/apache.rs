//! Apache httpd 2.4 (Debian's, mod_ssl with mpm_event and
//! mod_socache_shmcb) serving HTTPS on sessl, under `LD_PRELOAD=libsessl.so`
//! and with sessl as `libssl.so.3`, the system's libssl the reference run.
//! Apache writes each request's `%{SSL_SESSION_RESUMED}x` (and protocol,
//! virtual host, client DN) to an access log the tests read; clients are
//! curl and `openssl s_client` on the real libssl. mod_ssl writes through
//! its own BIO pair and calls `SSL_in_init` from inside the BIO's write (a
//! re-entrant call), and sends a handshake flight only on `BIO_flush`.

mod common;

use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use common::*;

/// `apache2 -DFOREGROUND`: the parent and its one child process.
struct Apache {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Apache {
    fn drop(&mut self) {
        stop_group(&mut self.child);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const APACHE: &str = "/usr/sbin/apache2";
const MODULES: &str = "/usr/lib/apache2/modules";

/// Whether to run: Apache installed, or CI (where it must be).
fn available() -> bool {
    if std::path::Path::new(APACHE).exists() || std::env::var_os("CI").is_some() {
        return true;
    }
    eprintln!("skipped: {APACHE} is not installed (apt-get install apache2)");
    false
}

/// Starts Apache with the virtual hosts `sites` and the global SSL lines
/// `global` (`PORT`, `CERTS` and `DIR` replaced).
fn start(mode: Mode, global: &str, sites: &str) -> Apache {
    let certs = test_certs();
    let port = free_port();
    let dir = build_dir(&format!("apache-{port}"));
    std::fs::create_dir_all(dir.join("htdocs")).unwrap();
    std::fs::write(dir.join("htdocs/index.html"), "served\n").unwrap();
    let fill = |s: &str| {
        s.replace("PORT", &port.to_string())
            .replace("CERTS", &certs.display().to_string())
            .replace("DIR", &dir.display().to_string())
    };
    let conf = format!(
        r#"ServerRoot DIR
PidFile DIR/httpd.pid
ErrorLog DIR/error.log
LogLevel info
LoadModule mpm_event_module MODS/mod_mpm_event.so
LoadModule authz_core_module MODS/mod_authz_core.so
LoadModule socache_shmcb_module MODS/mod_socache_shmcb.so
LoadModule ssl_module MODS/mod_ssl.so
User #65534
Group #65534
StartServers 1
ServerLimit 1
ThreadsPerChild 8
ThreadLimit 8
MaxRequestWorkers 8
MinSpareThreads 1
MaxSpareThreads 8
Listen 127.0.0.1:PORT
ServerName localhost
DocumentRoot DIR/htdocs
Mutex file:DIR
LogFormat "%{{SSL_PROTOCOL}}x %{{SSL_SESSION_RESUMED}}x host=%v dn=%{{SSL_CLIENT_S_DN}}x %>s" tls
CustomLog DIR/access.log tls
{global}
{sites}
"#,
    )
    .replace("MODS", MODULES);
    let conf = fill(&conf);
    let conf_path = dir.join("httpd.conf");
    std::fs::write(&conf_path, conf).unwrap();
    let mut cmd = Command::new(APACHE);
    cmd.arg("-DFOREGROUND").arg("-f").arg(&conf_path);
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    apply_mode(&mut cmd, mode);
    let apache = Apache {
        child: cmd.process_group(0).spawn().expect("apache2"),
        port,
        dir,
    };
    assert!(
        wait_for_port(port),
        "{mode:?}: apache did not start: {}",
        apache.error_log()
    );
    apache
}

/// One virtual host on the port, `extra` lines in it.
fn site(extra: &str) -> String {
    format!(
        r#"<VirtualHost 127.0.0.1:PORT>
  ServerName localhost
  SSLEngine on
  SSLCertificateFile CERTS/server-chain.pem
  SSLCertificateKeyFile CERTS/server.key
  {extra}
</VirtualHost>"#
    )
}

impl Apache {
    fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default()
    }

    fn access_lines(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.join("access.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// The access log lines from the `from`th on, once there are `n` of them
    /// (Apache logs a request after answering it; at most 10 s).
    fn logged(&self, from: usize, n: usize) -> Vec<String> {
        for _ in 0..200 {
            let lines = self.access_lines();
            if lines.len() >= from + n {
                return lines[from..].to_vec();
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        self.access_lines()
            .split_off(from.min(self.access_lines().len()))
    }

    /// Runs `f`, then returns the `n` access log lines it made.
    /// The access log lines of the `n` requests `f` makes, sorted: Apache
    /// logs a request after its response went out, so two workers may log a
    /// client's two connections in either order ("Initial" sorts first).
    fn requests(&self, n: usize, f: impl FnOnce()) -> Vec<String> {
        let before = self.access_lines().len();
        f();
        let mut lines = self.logged(before, n);
        lines.sort();
        lines
    }
}

fn ca() -> String {
    test_certs().join("ca.pem").display().to_string()
}

/// Two pages over two connections from one curl; returns the access log lines.
fn curl_twice(a: &Apache, extra: &[&str]) -> Vec<String> {
    let url = format!("https://localhost:{}/index.html", a.port);
    a.requests(2, || {
        let out = Command::new("timeout")
            .args(["30", "curl", "-sS", "-H", "Connection: close"])
            .args(["--cacert", &ca()])
            .args(extra)
            .arg(&url)
            .arg(&url)
            .env_remove("LD_LIBRARY_PATH")
            .output()
            .expect("curl");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "served\nserved\n",
            "curl: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            a.error_log()
        );
    })
}

/// `s_client -sess_out` then `-sess_in`; returns its "New"/"Reused" words
/// followed by the access log lines.
fn s_client_twice(a: &Apache, extra: &[&str]) -> Vec<String> {
    let sess = a.dir.join("client-session.pem");
    let mut said = Vec::new();
    let logged = a.requests(2, || {
        for flag in ["-sess_out", "-sess_in"] {
            let cmd = format!(
                "(sleep 1; printf 'GET /index.html HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n') | timeout 20 openssl s_client -connect 127.0.0.1:{} -servername localhost -CAfile {} {} {} {}",
                a.port,
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
    });
    said.extend(logged);
    said
}

const CURL13: [&str; 2] = [
    "TLSv1.3 Initial host=localhost dn=- 200",
    "TLSv1.3 Resumed host=localhost dn=- 200",
];
const CURL12: [&str; 2] = [
    "TLSv1.2 Initial host=localhost dn=- 200",
    "TLSv1.2 Resumed host=localhost dn=- 200",
];
const S_CLIENT13: [&str; 4] = [
    "New",
    "Reused",
    "TLSv1.3 Initial host=localhost dn=- 200",
    "TLSv1.3 Resumed host=localhost dn=- 200",
];
const S_CLIENT12: [&str; 4] = [
    "New",
    "Reused",
    "TLSv1.2 Initial host=localhost dn=- 200",
    "TLSv1.2 Resumed host=localhost dn=- 200",
];

/// Every client resumes its second connection, as with the system's libssl.
fn check_resumption(a: &Apache, mode: Mode) {
    let log = || a.error_log();
    assert_eq!(curl_twice(a, &[]), CURL13, "{mode:?} curl 1.3\n{}", log());
    assert_eq!(
        curl_twice(a, &["--tls-max", "1.2"]),
        CURL12,
        "{mode:?} curl 1.2\n{}",
        log()
    );
    assert_eq!(
        s_client_twice(a, &[]),
        S_CLIENT13,
        "{mode:?} s_client 1.3\n{}",
        log()
    );
    assert_eq!(
        s_client_twice(a, &["-tls1_2"]),
        S_CLIENT12,
        "{mode:?} s_client 1.2\n{}",
        log()
    );
}

const SHMCB: &str = "SSLSessionCache shmcb:DIR/scache(512000)";

/// `SSLSessionCache shmcb` with tickets off: TLS 1.2 session ids and TLS 1.3
/// stateful tickets through the new/get/remove session callbacks.
#[test]
fn apache_shmcb_cache_without_tickets() {
    if !available() {
        return;
    }
    for mode in MODES {
        let a = start(mode, SHMCB, &site("SSLSessionTickets off"));
        check_resumption(&a, mode);
    }
}

/// The cache and tickets on (Apache's default).
#[test]
fn apache_shmcb_cache_with_tickets() {
    if !available() {
        return;
    }
    for mode in MODES {
        let a = start(mode, SHMCB, &site("SSLSessionTickets on"));
        check_resumption(&a, mode);
    }
}

/// A graceful restart (SIGUSR1): the new generation of children serves and
/// resumes.
#[test]
fn apache_graceful_restart() {
    if !available() {
        return;
    }
    for mode in MODES {
        let a = start(mode, SHMCB, &site("SSLSessionTickets off"));
        check_resumption(&a, mode);
        // SAFETY: kill(2) on our own child.
        unsafe { libc::kill(a.child.id() as libc::pid_t, libc::SIGUSR1) };
        let restarted = (0..200).any(|_| {
            let done = a.error_log().matches("resuming normal operations").count() >= 2;
            if !done {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            done
        });
        assert!(
            restarted,
            "{mode:?}: no graceful restart\n{}",
            a.error_log()
        );
        assert!(wait_for_port(a.port));
        check_resumption(&a, mode);
    }
}

/// One page from curl reaching `host` on 127.0.0.1 with the client
/// certificate `<cert>.pem` of the test certificates or none; returns the
/// access log line, or what curl said when the handshake was refused.
fn curl_page(a: &Apache, host: &str, cert: Option<&str>, tls12: bool) -> String {
    let certs = test_certs();
    let mut cmd = Command::new("timeout");
    cmd.args(["30", "curl", "-sS", "-o", "/dev/null", "--cacert", &ca()])
        .arg("--resolve")
        .arg(format!("{host}:{}:127.0.0.1", a.port));
    if let Some(c) = cert {
        cmd.arg("--cert")
            .arg(certs.join(format!("{c}.pem")))
            .arg("--key")
            .arg(certs.join(format!("{c}.key")));
    }
    if tls12 {
        cmd.args(["--tls-max", "1.2"]);
    }
    let before = a.access_lines().len();
    let out = cmd
        .arg(format!("https://{host}:{}/index.html", a.port))
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .expect("curl");
    if !out.status.success() {
        return "refused".to_string();
    }
    a.logged(before, 1).join("|")
}

/// Name-based virtual hosts chosen by SNI (the second one's certificate is
/// for other.example, which curl checks), the second also requiring a client
/// certificate under ca.pem (`SSLVerifyClient require`): a good one is
/// served with its DN, a certificate under another CA or none refused.
#[test]
fn apache_virtual_hosts_and_client_certificates() {
    if !available() {
        return;
    }
    let sites = r#"<VirtualHost 127.0.0.1:PORT>
  ServerName localhost
  SSLEngine on
  SSLCertificateFile CERTS/server-chain.pem
  SSLCertificateKeyFile CERTS/server.key
</VirtualHost>
<VirtualHost 127.0.0.1:PORT>
  ServerName other.example
  SSLEngine on
  SSLCertificateFile CERTS/other-host.pem
  SSLCertificateKeyFile CERTS/other-host.key
  SSLVerifyClient require
  SSLCACertificateFile CERTS/ca.pem
</VirtualHost>"#;
    for mode in MODES {
        let a = start(mode, SHMCB, sites);
        for tls12 in [false, true] {
            let v = if tls12 { "TLSv1.2" } else { "TLSv1.3" };
            let cases: [(&str, Option<&str>, String); 5] = [
                (
                    "localhost",
                    None,
                    format!("{v} Initial host=localhost dn=- 200"),
                ),
                (
                    "other.example",
                    Some("client"),
                    format!("{v} Initial host=other.example dn=CN=sessl client 200"),
                ),
                ("other.example", Some("client2"), "refused".into()),
                ("other.example", None, "refused".into()),
                (
                    "localhost",
                    Some("client"),
                    format!("{v} Initial host=localhost dn=- 200"),
                ),
            ];
            for (host, cert, want) in cases {
                let got = curl_page(&a, host, cert, tls12);
                assert_eq!(
                    got,
                    want,
                    "{mode:?} tls12={tls12} {host} {cert:?}\n{}",
                    a.error_log()
                );
            }
        }
    }
}
