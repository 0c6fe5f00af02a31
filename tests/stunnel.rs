//! stunnel 5 (Debian 12's stunnel4) on sessl as TLS server and TLS client,
//! under `LD_PRELOAD=libsessl.so` and as `libssl.so.3`, the system's libssl
//! the reference run. A plain client goes through two stunnel processes:
//! the client one (`client = yes`, `verifyChain`, `CAfile`, `checkHost`)
//! speaks TLS to the server one (`cert`/`key`, `sessionCacheSize`,
//! `sessionCacheTimeout`), whose second service speaks TLS, as a client
//! again, to `openssl s_server -www` on the system libssl. Every
//! reconnection resumes on each TLS hop: stunnel logs "previous session
//! reused", s_server's page says "Reused".

mod common;

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use common::*;

const STUNNEL: &str = "/usr/bin/stunnel4";

/// Whether to run: stunnel installed, or CI (where it must be).
fn available() -> bool {
    if std::path::Path::new(STUNNEL).exists() || std::env::var_os("CI").is_some() {
        return true;
    }
    eprintln!("skipped: {STUNNEL} is not installed (apt-get install stunnel4)");
    false
}

/// One stunnel process in the foreground, stopped by PID.
struct Stunnel {
    child: Child,
    log: PathBuf,
}

impl Drop for Stunnel {
    fn drop(&mut self) {
        stop_group(&mut self.child);
    }
}

impl Stunnel {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// What stunnel said of each handshake of the `side` ("connected" or
    /// "accepted"): "new" or "reused", once there are `n` (at most 10 s).
    fn handshakes(&self, side: &str, n: usize) -> Vec<&'static str> {
        let read = || -> Vec<&'static str> {
            self.log()
                .lines()
                .filter_map(|l| l.split_once(&format!("TLS {side}: ")))
                .map(|(_, what)| {
                    if what.starts_with("previous session reused") {
                        "reused"
                    } else {
                        "new"
                    }
                })
                .collect()
        };
        for _ in 0..200 {
            if read().len() >= n {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        read()
    }
}

/// The tests' scratch directory, removed when dropped (after the processes
/// declared after it).
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Waits until `port` is taken, without connecting (a connection would go
/// through the tunnel).
fn wait_until_taken(port: u16) -> bool {
    for _ in 0..400 {
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_err() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    false
}

/// stunnel runs each connection on a thread with a 64 KiB stack by default.
/// sessl built in release mode handshakes within it; the unoptimized build
/// these tests load (rustls and aws-lc-rs at opt-level 0) does not, so the
/// tests give the threads 1 MiB.
const STACK: &str = "stack = 1048576\n";

/// Starts stunnel in `mode` with the services `services`, listening on `port`.
fn start(mode: Mode, dir: &std::path::Path, name: &str, services: &str, port: u16) -> Stunnel {
    let log = dir.join(format!("{name}.log"));
    let conf = dir.join(format!("{name}.conf"));
    std::fs::write(
        &conf,
        format!(
            "foreground = yes\npid =\ndebug = info\noutput = {}\n{STACK}{services}",
            log.display()
        ),
    )
    .unwrap();
    let mut cmd = Command::new(STUNNEL);
    cmd.arg(&conf)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    apply_mode(&mut cmd, mode);
    let s = Stunnel {
        child: cmd.process_group(0).spawn().expect("stunnel4"),
        log,
    };
    assert!(
        wait_until_taken(port),
        "{mode:?}: stunnel {name} did not start: {}",
        s.log()
    );
    s
}

/// One HTTP request through the tunnel; s_server's word for its connection.
fn request(port: u16) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    s.write_all(b"GET / HTTP/1.0\r\n\r\n").unwrap();
    let mut page = Vec::new();
    let _ = s.read_to_end(&mut page);
    let page = String::from_utf8_lossy(&page);
    page.lines()
        .find(|l| l.starts_with("New, ") || l.starts_with("Reused, "))
        .map(|l| l.split(',').next().unwrap().to_string())
        .unwrap_or_else(|| format!("no page: {page}"))
}

/// Three requests through both tunnels at the highest version `max`.
fn check(mode: Mode, max: &str) {
    let certs = test_certs();
    let (tls, plain, back) = (free_port(), free_port(), free_port());
    let scratch = Scratch(build_dir(&format!("stunnel-{tls}")));
    let dir = &scratch.0;
    let (origin, _origin) = s_server(3, &[]);
    let server = start(
        mode,
        dir,
        "server",
        &format!(
            "[tls]\naccept = 127.0.0.1:{tls}\nconnect = 127.0.0.1:{back}\n\
             cert = {certs}/server-chain.pem\nkey = {certs}/server.key\n\
             sessionCacheSize = 100\nsessionCacheTimeout = 300\n\
             [back]\nclient = yes\naccept = 127.0.0.1:{back}\nconnect = 127.0.0.1:{origin}\n\
             verifyChain = yes\nCAfile = {certs}/ca.pem\ncheckHost = localhost\n\
             sslVersionMax = {max}\n",
            certs = certs.display()
        ),
        back,
    );
    let client = start(
        mode,
        dir,
        "client",
        &format!(
            "[plain]\nclient = yes\naccept = 127.0.0.1:{plain}\nconnect = 127.0.0.1:{tls}\n\
             verifyChain = yes\nCAfile = {certs}/ca.pem\ncheckHost = localhost\n\
             sslVersionMax = {max}\n",
            certs = certs.display()
        ),
        plain,
    );
    let pages: Vec<String> = (0..3).map(|_| request(plain)).collect();
    let logs = || format!("client:\n{}\nserver:\n{}", client.log(), server.log());
    assert_eq!(
        pages,
        ["New", "Reused", "Reused"],
        "{mode:?} {max}\n{}",
        logs()
    );
    let want = ["new", "reused", "reused"];
    assert_eq!(
        client.handshakes("connected", 3),
        want,
        "{mode:?} {max}: client hop\n{}",
        logs()
    );
    assert_eq!(
        server.handshakes("accepted", 3),
        want,
        "{mode:?} {max}: server hop\n{}",
        logs()
    );
    assert_eq!(
        server.handshakes("connected", 3),
        want,
        "{mode:?} {max}: back end hop\n{}",
        logs()
    );
}

#[test]
fn stunnel_two_hops_resume_tls13() {
    if !available() {
        return;
    }
    for mode in MODES {
        check(mode, "TLSv1.3");
    }
}

#[test]
fn stunnel_two_hops_resume_tls12() {
    if !available() {
        return;
    }
    for mode in MODES {
        check(mode, "TLSv1.2");
    }
}
