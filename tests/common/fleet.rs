//! What the fleet tests share (issue 14): a redis-server on 127.0.0.1 (TCP,
//! TLS or a unix socket) stopped by PID, the fleet secret file, nginx under
//! `LD_PRELOAD` with the store, and `openssl s_client` runs that save or
//! offer a session.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::nginx::*;
use super::*;

pub const REDIS: &str = "/usr/bin/redis-server";
pub const TIMEOUT: u64 = 300;

/// Whether redis-server is here; if not, the test passes with a reason
/// (fails under CI or when `SESSL_REQUIRE_PROGRAMS` is set).
pub fn have_redis() -> bool {
    if Path::new(REDIS).exists() {
        return true;
    }
    let required =
        std::env::var_os("CI").is_some() || std::env::var_os("SESSL_REQUIRE_PROGRAMS").is_some();
    assert!(!required, "{REDIS} is missing");
    eprintln!("skipped: {REDIS} is not installed");
    false
}

/// A redis-server on 127.0.0.1, no persistence, stopped by PID when dropped.
pub struct Redis {
    child: Child,
    /// The TCP port (TLS or not); 0 on a unix socket.
    pub port: u16,
    url: String,
    /// The CA certificates (PEM) that verify a TLS server.
    ca: Option<Vec<u8>>,
}

/// redis-server bound to 127.0.0.1 with `listen` (its ports or socket),
/// no persistence, and `extra`.
fn spawn_redis(listen: &[&str], extra: &[&str]) -> Child {
    Command::new(REDIS)
        .args(["--bind", "127.0.0.1"])
        .args(listen)
        .args(["--save", "", "--appendonly", "no"])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("redis-server")
}

impl Redis {
    pub fn start_on(port: u16) -> Redis {
        Redis::start_with(port, &[])
    }

    /// A node of a cluster, its state in `dir`.
    pub fn cluster_node(port: u16, dir: &Path) -> Redis {
        let conf = dir.join(format!("nodes-{port}.conf"));
        Redis::start_with(
            port,
            &[
                "--cluster-enabled",
                "yes",
                "--cluster-config-file",
                &conf.display().to_string(),
                "--dir",
                &dir.display().to_string(),
            ],
        )
    }

    pub fn start_with(port: u16, extra: &[&str]) -> Redis {
        let child = spawn_redis(&["--port", &port.to_string()], extra);
        let r = Redis {
            child,
            port,
            url: format!("redis://127.0.0.1:{port}"),
            ca: None,
        };
        assert!(wait_for_port(port), "redis-server did not start");
        r
    }

    /// A redis-server speaking only TLS (the test server certificate,
    /// clients not asked for one): `rediss://127.0.0.1:PORT`.
    pub fn start_tls() -> Redis {
        let certs = test_certs();
        let file = |name: &str| certs.join(name).display().to_string();
        let port = free_port();
        let child = spawn_redis(
            &["--port", "0", "--tls-port", &port.to_string()],
            &[
                "--tls-cert-file",
                &file("server-chain.pem"),
                "--tls-key-file",
                &file("server.key"),
                "--tls-ca-cert-file",
                &file("ca.pem"),
                "--tls-auth-clients",
                "no",
            ],
        );
        let r = Redis {
            child,
            port,
            url: format!("rediss://127.0.0.1:{port}"),
            ca: Some(std::fs::read(certs.join("ca.pem")).unwrap()),
        };
        assert!(wait_for_port(port), "redis-server did not start");
        r
    }

    /// A redis-server on a unix socket in `dir` only: `unix:///PATH` (open
    /// to every user: nginx's workers may run as another).
    pub fn start_unix(dir: &Path) -> Redis {
        let socket = dir.join("redis.sock");
        let _ = std::fs::remove_file(&socket);
        let path = socket.display().to_string();
        let child = spawn_redis(
            &["--port", "0"],
            &["--unixsocket", &path, "--unixsocketperm", "777"],
        );
        let r = Redis {
            child,
            port: 0,
            url: format!("unix://{path}"),
            ca: None,
        };
        for _ in 0..200 {
            if r.try_client().is_some() {
                return r;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        panic!("redis-server did not start on {path}");
    }

    /// The store's URL.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    fn try_client(&self) -> Option<redis::Connection> {
        let client = match &self.ca {
            Some(ca) => redis::Client::build_with_tls(
                self.url.as_str(),
                redis::TlsCertificates {
                    client_tls: None,
                    root_cert: Some(ca.clone()),
                },
            ),
            None => redis::Client::open(self.url.as_str()),
        };
        client.ok()?.get_connection().ok()
    }

    pub fn client(&self) -> redis::Connection {
        self.try_client().expect("connect to redis")
    }

    /// Every key with its value and time to live.
    pub fn contents(&self) -> Vec<(String, Vec<u8>, i64)> {
        let mut c = self.client();
        let keys: Vec<String> = redis::cmd("KEYS").arg("*").query(&mut c).unwrap();
        keys.into_iter()
            .map(|k| {
                let v: Vec<u8> = redis::cmd("GET").arg(&k).query(&mut c).unwrap();
                let ttl: i64 = redis::cmd("TTL").arg(&k).query(&mut c).unwrap();
                (k, v, ttl)
            })
            .collect()
    }
}

/// A child stopped by PID when dropped if it is still running.
pub struct Stopped(pub Child);

impl Drop for Stopped {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            // SAFETY: kill(2) on our own, not yet reaped, child.
            unsafe { libc::kill(self.0.id() as libc::pid_t, libc::SIGTERM) };
            let _ = self.0.wait();
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        // SAFETY: kill(2) on our own, not yet reaped, child.
        unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) };
        let _ = self.child.wait();
    }
}

/// A fleet secret file of `len` bytes in `dir`.
pub fn key_file(dir: &Path, len: usize) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(format!("fleet-{len}.key"));
    std::fs::write(
        &path,
        (0..len).map(|i| (i * 7 + 3) as u8).collect::<Vec<_>>(),
    )
    .unwrap();
    path
}

/// nginx under `LD_PRELOAD` with the internal cache and the store at `url`.
pub fn nginx(url: &str, key: &Path, sessions: &str) -> Nginx {
    nginx_with(url, key, sessions, &[])
}

/// `nginx`, with more variables in its environment.
pub fn nginx_with(url: &str, key: &Path, sessions: &str, more: &[(&str, String)]) -> Nginx {
    let servers = format!(
        r#"server {{
    listen 127.0.0.1:PORT ssl;
    ssl_certificate CERTS/server-chain.pem;
    ssl_certificate_key CERTS/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_timeout {TIMEOUT}s;
    {sessions}
    location / {{ return 200 "reused=$ssl_session_reused protocol=$ssl_protocol\n"; }}
  }}"#
    );
    let mut env = vec![
        ("SESSL_SESSION_STORE", url.to_string()),
        ("SESSL_SESSION_STORE_KEY_FILE", key.display().to_string()),
        // Generous for a busy test machine; the default is 10 ms.
        ("SESSL_SESSION_STORE_TIMEOUT_MS", "2000".to_string()),
        ("SESSL_LOG", "info".to_string()),
    ];
    env.extend(more.iter().cloned());
    start_with_env(Mode::Preload, &servers, &env)
}

/// What the master wrote to standard error before it sent it to the error
/// log, then the error log (where later sessl log lines go).
pub fn all_logs(n: &Nginx) -> String {
    let stderr = std::fs::read_to_string(n.dir.join("stderr.log")).unwrap_or_default();
    format!("{stderr}{}", error_log(n))
}

/// One `s_client` handshake with a page request: "New" or "Reused" (checked
/// against nginx's `$ssl_session_reused` when the page shows it).
/// `sess` is `-sess_out FILE` or `-sess_in FILE`; `keylog` the key log file.
pub fn s_client(n: &Nginx, sess: (&str, &Path), extra: &[&str], keylog: &Path) -> String {
    s_client_at(n.port, sess, extra, keylog)
}

/// `s_client` against the server on `port`.
pub fn s_client_at(port: u16, sess: (&str, &Path), extra: &[&str], keylog: &Path) -> String {
    let cmd = format!(
        "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | timeout 20 openssl s_client -ign_eof -connect 127.0.0.1:{} -CAfile {} {} {} -keylogfile {} {}",
        port,
        test_certs().join("ca.pem").display(),
        sess.0,
        sess.1.display(),
        keylog.display(),
        extra.join(" ")
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .env_remove("LD_PRELOAD")
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .expect("s_client");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let Some(said) = text
        .lines()
        .find(|l| l.starts_with("New, ") || l.starts_with("Reused, "))
        .map(|l| l.split(',').next().unwrap().to_string())
    else {
        return format!("no handshake: {text}");
    };
    // nginx's page says what $ssl_session_reused saw ("r" or "."): it must agree.
    let page = text.split("reused=").nth(1).and_then(|r| r.chars().next());
    match (said.as_str(), page) {
        ("Reused", Some('r')) | ("New", Some('.')) | (_, None) => said,
        (_, Some(c)) => format!("{said}, but nginx says reused={c}"),
    }
}

/// A session made at `a` and offered at `b`: what each handshake said.
pub fn across(a: &Nginx, b: &Nginx, extra: &[&str], keylog: &Path) -> [String; 2] {
    let sess = a.dir.join(format!("session-{}.pem", extra.join("")));
    let first = s_client(a, ("-sess_out", &sess), extra, keylog);
    // The writer thread sends the session a moment after the handshake.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let second = s_client(b, ("-sess_in", &sess), extra, keylog);
    [first, second]
}

pub fn logs(a: &Nginx, b: &Nginx) -> String {
    format!("A:\n{}\nB:\n{}", all_logs(a), all_logs(b))
}

/// The secrets of a key log file, as bytes.
pub fn logged_secrets(keylog: &Path) -> Vec<Vec<u8>> {
    let text = std::fs::read_to_string(keylog).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().nth(2))
        .map(|hex| {
            (0..hex.len() / 2)
                .map(|i| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).unwrap())
                .collect()
        })
        .collect()
}

pub const RESUMED: [&str; 2] = ["New", "Reused"];

/// Three local Redis Cluster nodes (no replicas) made into one cluster.
pub fn start_cluster(dir: &Path) -> Vec<Redis> {
    std::fs::create_dir_all(dir).unwrap();
    let nodes: Vec<Redis> = (0..3)
        .map(|_| Redis::cluster_node(free_port(), dir))
        .collect();
    let out = Command::new("timeout")
        .args(["60", "redis-cli", "--cluster", "create"])
        .args(nodes.iter().map(|n| format!("127.0.0.1:{}", n.port)))
        .args(["--cluster-replicas", "0", "--cluster-yes"])
        .output()
        .expect("redis-cli");
    assert!(
        out.status.success(),
        "redis-cli --cluster create: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Every node must agree before the test starts.
    for n in &nodes {
        let mut ok = false;
        for _ in 0..100 {
            let info: String = redis::cmd("CLUSTER")
                .arg("INFO")
                .query(&mut n.client())
                .unwrap();
            if info.contains("cluster_state:ok") {
                ok = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        assert!(ok, "the cluster did not form on {}", n.port);
    }
    nodes
}
