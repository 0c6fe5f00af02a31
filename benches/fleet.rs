//! Resumptions across two rustls servers through Redis against resumptions
//! from the local cache: handshakes per second, Redis round trips per
//! resumption (Redis' own command counters) and the added latency at the
//! 50th and 99th percentile. Starts redis-server on 127.0.0.1 on a free port
//! (skips when it is not installed) and stops it by PID.
//!
//! Run: `cargo bench --bench fleet [-- ROUNDS]` (ROUNDS of 100 resumptions, default 10;
//! `--test` runs one small round).

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::{
    ClientConfig, ClientConnection, HandshakeKind, RootCertStore, ServerConfig, ServerConnection,
};
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use sessl::session::{RedisStore, RedisStoreConfig, SessionStore};
use sessl::{ClientCache, ServerCache};

fn handshake(client: &mut ClientConnection, server: &mut ServerConnection) {
    while client.is_handshaking()
        || server.is_handshaking()
        || client.wants_write()
        || server.wants_write()
    {
        let mut buf = Vec::new();
        client.write_tls(&mut buf).unwrap();
        server.read_tls(&mut &buf[..]).unwrap();
        server.process_new_packets().unwrap();
        buf.clear();
        server.write_tls(&mut buf).unwrap();
        client.read_tls(&mut &buf[..]).unwrap();
        client.process_new_packets().unwrap();
    }
}

struct Redis(Child, u16);

impl Drop for Redis {
    fn drop(&mut self) {
        // SAFETY: kill(2) on our own, not yet reaped, child.
        unsafe { libc::kill(self.0.id() as libc::pid_t, libc::SIGTERM) };
        let _ = self.0.wait();
    }
}

fn start_redis() -> Option<Redis> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let child = Command::new("redis-server")
        .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
        .args(["--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let redis = Redis(child, port);
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some(redis);
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    None
}

/// Calls of `command` Redis has counted.
fn redis_calls(conn: &mut redis::Connection, command: &str) -> u64 {
    let info: String = redis::cmd("INFO").arg("commandstats").query(conn).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("cmdstat_{command}:calls=")))
        .and_then(|rest| rest.split(',').next()?.parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let test = args.iter().any(|a| a == "--test");
    let rounds: usize = args
        .iter()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(if test { 1 } else { 10 });
    let per_round = if test { 10 } else { 100 };
    let Some(redis) = start_redis() else {
        println!("fleet bench skipped: redis-server is not available");
        return;
    };
    let url = format!("redis://127.0.0.1:{}", redis.1);
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let der = CertificateDer::from(cert.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.key_pair.serialize_der()));
    let server = || {
        let mut config = RedisStoreConfig::new(&url);
        config.read_timeout = Duration::from_millis(100);
        let store = Arc::new(RedisStore::new(config, &[42; 32]).unwrap());
        let cache = Arc::new(ServerCache::new(100_000));
        cache.set_store(Some(store.clone()));
        let mut config = ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(vec![der.clone()], key.clone_key())
            .unwrap();
        config.session_storage = cache;
        (Arc::new(config), store)
    };
    let (a, _) = server();
    let (b, store_b) = server();
    let mut roots = RootCertStore::empty();
    roots.add(der.clone()).unwrap();
    let client_config = |cache: &Arc<ClientCache>| {
        let mut c = ClientConfig::builder()
            .with_root_certificates(roots.clone())
            .with_no_client_auth();
        c.resumption = rustls::client::Resumption::store(cache.clone());
        Arc::new(c)
    };
    let connect = |config: &Arc<ClientConfig>, server: &Arc<ServerConfig>| {
        let host = ServerName::try_from("localhost").unwrap();
        let mut client = ClientConnection::new(config.clone(), host).unwrap();
        let mut s = ServerConnection::new(server.clone()).unwrap();
        let t = Instant::now();
        handshake(&mut client, &mut s);
        (
            t.elapsed(),
            client.handshake_kind() == Some(HandshakeKind::Resumed),
        )
    };
    let mut conn = redis::Client::open(url.as_str())
        .unwrap()
        .get_connection()
        .unwrap();
    let (mut local, mut fleet) = (Vec::new(), Vec::new());
    let (mut reads, mut local_reads) = (0, 0);
    for _ in 0..rounds {
        // Clients with a session made at A (its local cache, and Redis).
        let clients: Vec<_> = (0..per_round)
            .map(|_| {
                let cfg = client_config(&Arc::new(ClientCache::new(4)));
                connect(&cfg, &a);
                cfg
            })
            .collect();
        std::thread::sleep(Duration::from_millis(300));
        // Half resume at A (a local hit), half at B (a local miss, one read).
        let before = redis_calls(&mut conn, "getrange");
        for cfg in &clients[..per_round / 2] {
            let (t, resumed) = connect(cfg, &a);
            assert!(resumed);
            local.push(t);
        }
        local_reads += redis_calls(&mut conn, "getrange") - before;
        let before = redis_calls(&mut conn, "getrange");
        for cfg in &clients[per_round / 2..] {
            let (t, resumed) = connect(cfg, &b);
            assert!(resumed, "not resumed at B: {}", store_b.stats().summary());
            fleet.push(t);
        }
        reads += redis_calls(&mut conn, "getrange") - before;
    }
    local.sort();
    fleet.sort();
    let rate = |v: &[Duration]| v.len() as f64 / v.iter().sum::<Duration>().as_secs_f64();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "resumptions: {} local, {} across servers",
        local.len(),
        fleet.len()
    );
    println!(
        "per second (one thread, handshake only): local {:.0}, across servers through Redis {:.0}",
        rate(&local),
        rate(&fleet)
    );
    println!(
        "Redis reads per resumption: local hit {:.2}, across servers {:.2}",
        local_reads as f64 / local.len() as f64,
        reads as f64 / fleet.len() as f64
    );
    for p in [50, 99] {
        let (l, f) = (percentile(&local, p), percentile(&fleet, p));
        println!(
            "p{p}: local {:.0} us, across {:.0} us, added {:.0} us",
            us(l),
            us(f),
            us(f) - us(l)
        );
    }
    println!("store B: {}", store_b.stats().summary());
}
