//! `RedisStore`: sessions shared across machines through Redis. Values are
//! sealed (see `seal.rs`) under keys that hash the id context and session
//! id; each lives as long as its session. A lookup is one bounded read;
//! writes and removals go through a bounded queue to a background thread.

use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::Mutex;

use super::redis_link::{count_failure, Conn, Health, Target, Write, Writer};
use super::{
    record, Sealer, SessionStore, StoreStats, StoreUrlError, TicketKeyPair, MAX_SEALED_LEN,
};
use crate::session::{now_secs, Session};

/// Connections kept for reads, per process.
const POOL_SIZE: usize = 4;

/// How a `RedisStore` talks to Redis.
#[derive(Clone, Debug)]
pub struct RedisStoreConfig {
    /// `redis://HOST:PORT[/DB]`, `rediss://...`, `unix:///PATH`, or a
    /// cluster: `redis+cluster://HOST:PORT,HOST:PORT,...` or node URLs separated by commas.
    pub url: String,
    /// Longest wait for a read during a handshake, connecting included (default 10 ms).
    pub read_timeout: Duration,
    /// Longest wait for a write or a connection in the background (default 1 s).
    pub write_timeout: Duration,
    /// Writes waiting at most; more are dropped and counted (default 1024).
    pub queue_capacity: usize,
    /// Prefix of every key (default `sessl:`).
    pub key_prefix: String,
    /// How long a ticket key encrypts before the next replaces it (default
    /// 12 h, at least 1 s); it then decrypts for one more period.
    pub ticket_rotation: Duration,
    /// PEM file of the CA certificates that verify a `rediss://` server
    /// (default: the system's trust store, `SSL_CERT_FILE` / `SSL_CERT_DIR`
    /// honoured). The server's certificate is always verified.
    pub ca_file: Option<PathBuf>,
}

impl RedisStoreConfig {
    /// The defaults for `url`.
    pub fn new(url: &str) -> Self {
        RedisStoreConfig {
            url: url.to_string(),
            read_timeout: Duration::from_millis(10),
            write_timeout: Duration::from_secs(1),
            queue_capacity: 1024,
            key_prefix: "sessl:".to_string(),
            ticket_rotation: Duration::from_secs(12 * 3600),
            ca_file: None,
        }
    }
}

/// What one process holds: threads and sockets do not survive a fork, so a
/// child (an nginx worker) makes its own on first use.
struct Link {
    pid: u32,
    pool: Mutex<Vec<Conn>>,
    queue: SyncSender<Write>,
}

/// Sessions in Redis, sealed under a fleet secret.
pub struct RedisStore {
    pub(super) config: RedisStoreConfig,
    target: Target,
    pub(super) sealer: Sealer,
    health: Arc<Health>,
    pub(super) stats: Arc<StoreStats>,
    link: Mutex<Option<Arc<Link>>>,
    /// The fleet's ticket keys as last read, and when.
    pub(super) tickets: Mutex<Option<(Instant, TicketKeyPair)>>,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("url", &self.config.url)
            .finish_non_exhaustive()
    }
}

impl RedisStore {
    /// A store at `config.url` sealing under `secret` (at least 32 bytes).
    /// Nothing connects until the first use.
    pub fn new(config: RedisStoreConfig, secret: &[u8]) -> Result<RedisStore, StoreUrlError> {
        let sealer = Sealer::new(secret).map_err(|e| StoreUrlError(e.to_string()))?;
        let ca_pem = match &config.ca_file {
            Some(path) => Some(
                std::fs::read(path)
                    .map_err(|e| StoreUrlError(format!("cannot read {}: {e}", path.display())))?,
            ),
            None => None,
        };
        let target = Target::parse(&config.url, ca_pem.as_deref())?;
        Ok(RedisStore {
            config,
            target,
            sealer,
            health: Arc::default(),
            stats: Arc::default(),
            link: Mutex::new(None),
            tickets: Mutex::new(None),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &RedisStoreConfig {
        &self.config
    }

    /// This process's link, made (with its writer thread) on first use.
    fn link(&self) -> Option<Arc<Link>> {
        let mut held = self.link.lock();
        let pid = std::process::id();
        if let Some(l) = held.as_ref().filter(|l| l.pid == pid) {
            return Some(l.clone());
        }
        let (tx, rx) = sync_channel(self.config.queue_capacity.max(1));
        let writer = Writer {
            target: self.target.clone(),
            url: self.config.url.clone(),
            timeout: self.config.write_timeout,
            health: self.health.clone(),
            stats: self.stats.clone(),
        };
        let spawned = std::thread::Builder::new()
            .name("sessl-store".into())
            .spawn(move || writer.run(rx));
        if let Err(e) = spawned {
            log::error!("session store: no writer thread: {e}");
            return None;
        }
        let link = Arc::new(Link {
            pid,
            pool: Mutex::new(Vec::new()),
            queue: tx,
        });
        *held = Some(link.clone());
        Some(link)
    }

    fn session_key(&self, id: &[u8], id_context: &[u8]) -> String {
        let prefix = format!("{}s:", self.config.key_prefix);
        self.sealer.store_key(&prefix, id_context, id)
    }

    fn enqueue(&self, write: Write) {
        let Some(link) = self.link() else { return };
        match link.queue.try_send(write) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => StoreStats::bump(&self.stats.drops),
            Err(TrySendError::Disconnected(_)) => StoreStats::bump(&self.stats.errors),
        }
    }

    /// One read of at most `MAX_SEALED_LEN + 1` bytes under `key`, answered
    /// by `deadline`; `None` when the store is away or failed.
    pub(super) fn read_by(&self, key: &str, deadline: Instant) -> Option<Vec<u8>> {
        let mut cmd = redis::cmd("GETRANGE");
        cmd.arg(key).arg(0).arg(MAX_SEALED_LEN as i64);
        self.run_by(&cmd, deadline)
    }

    /// When a handshake's calls to the store must be answered by, from now.
    pub(super) fn deadline(&self) -> Instant {
        Instant::now() + self.config.read_timeout
    }

    /// One command on a pooled connection, answered by `deadline` (several
    /// commands of one handshake share one); `None` when the store is away,
    /// failed or the time is up.
    pub(super) fn run_by<T: redis::FromRedisValue>(
        &self,
        cmd: &redis::Cmd,
        deadline: Instant,
    ) -> Option<T> {
        let link = self.link()?;
        if !self.health.usable() {
            StoreStats::bump(&self.stats.errors);
            return None;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            StoreStats::bump(&self.stats.timeouts);
            return None;
        }
        let pooled = link.pool.lock().pop();
        let mut conn = match pooled {
            Some(c) => c,
            None => match self.target.connect(left) {
                Ok(c) => c,
                Err(e) => {
                    count_failure(&self.stats, &e);
                    self.health.failed(&self.config.url, &e, &self.stats);
                    return None;
                }
            },
        };
        match conn.bound(left).and_then(|()| conn.query::<T>(cmd)) {
            Ok(v) => {
                self.health.succeeded(&self.config.url, &self.stats);
                let mut pool = link.pool.lock();
                if pool.len() < POOL_SIZE {
                    pool.push(conn);
                }
                Some(v)
            }
            Err(e) => {
                // A late answer may still come on this connection: it goes,
                // and so do the pooled ones, made before the failure.
                link.pool.lock().clear();
                count_failure(&self.stats, &e);
                self.health.failed(&self.config.url, &e, &self.stats);
                None
            }
        }
    }
}

impl SessionStore for RedisStore {
    fn load(&self, id: &[u8], id_context: &[u8], owner: u64) -> Option<Arc<Session>> {
        let key = self.session_key(id, id_context);
        let sealed = self.read_by(&key, self.deadline())?;
        if sealed.is_empty() {
            StoreStats::bump(&self.stats.misses);
            return None;
        }
        let opened = self.sealer.open(&[key.as_bytes(), id_context], &sealed);
        let Some(s) = opened.and_then(|r| record::decode(&r, owner, id, id_context)) else {
            // Too long, garbage, sealed by another secret or moved here.
            StoreStats::bump(&self.stats.errors);
            return None;
        };
        if s.expired() {
            StoreStats::bump(&self.stats.misses);
            return None;
        }
        StoreStats::bump(&self.stats.hits);
        Some(Arc::new(s))
    }

    fn save(&self, session: &Session) {
        let ttl = record::seconds_left(session, now_secs());
        if ttl == 0 {
            return;
        }
        let Some(plain) = record::encode(session) else {
            return;
        };
        let id_context = session.id_context();
        let key = self.session_key(&session.id(), &id_context);
        let sealed = self.sealer.seal(&[key.as_bytes(), &id_context], &plain);
        self.enqueue(Write::Put(key, sealed, ttl));
    }

    fn delete(&self, id: &[u8], id_context: &[u8]) {
        self.enqueue(Write::Remove(self.session_key(id, id_context)));
    }

    fn stats(&self) -> &StoreStats {
        &self.stats
    }

    fn ticket_keys(&self) -> Option<TicketKeyPair> {
        self.fleet_ticket_keys()
    }
}
