//! The connections behind a `RedisStore`: a standalone server or a
//! cluster, timeouts on every command, a small pool for reads, the health
//! of the link (backoff after a failure, each change of state logged once)
//! and the background thread that writes.

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::Mutex;
use redis::{Cmd, FromRedisValue, RedisError, RedisResult};

use super::StoreStats;

const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const LAST_BACKOFF: Duration = Duration::from_secs(5);
const STATS_EVERY: Duration = Duration::from_secs(10);

/// Where the store is: one server (`redis://`, `rediss://`, `unix://`) or
/// the seed nodes of a cluster (with the CA certificates that verify TLS nodes).
#[derive(Clone)]
pub(super) enum Target {
    Single(Box<redis::Client>),
    Cluster(Vec<String>, Option<Vec<u8>>),
}

/// Why a URL was refused.
#[derive(Debug)]
pub struct StoreUrlError(pub String);

impl std::fmt::Display for StoreUrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad session store URL: {}", self.0)
    }
}

impl Target {
    /// A URL, or a cluster: `redis+cluster://HOST:PORT[,HOST:PORT...]` or
    /// several node URLs separated by commas. `rediss://` servers are
    /// verified against `ca_pem` (PEM certificates), else against the
    /// system's trust store.
    pub(super) fn parse(url: &str, ca_pem: Option<&[u8]>) -> Result<Target, StoreUrlError> {
        let (cluster, nodes) = match url.strip_prefix("redis+cluster://") {
            Some(rest) => (
                true,
                rest.split(',').map(|n| format!("redis://{n}")).collect(),
            ),
            None => {
                let nodes: Vec<String> = url.split(',').map(str::to_string).collect();
                (nodes.len() > 1, nodes)
            }
        };
        let mut tls = false;
        for n in &nodes {
            redis::Client::open(n.as_str()).map_err(|e| StoreUrlError(format!("{n}: {e}")))?;
            tls |= n.starts_with("rediss://");
        }
        if tls {
            // redis' rustls asks for the process's provider: sessl's own.
            let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        }
        let ca = ca_pem.filter(|_| tls).map(<[u8]>::to_vec);
        if cluster {
            return Ok(Target::Cluster(nodes, ca));
        }
        let bad = |e: RedisError| StoreUrlError(format!("{url}: {e}"));
        let client = match ca {
            Some(root_cert) => redis::Client::build_with_tls(
                nodes[0].as_str(),
                redis::TlsCertificates {
                    client_tls: None,
                    root_cert: Some(root_cert),
                },
            )
            .map_err(bad)?,
            None => redis::Client::open(nodes[0].as_str()).map_err(bad)?,
        };
        Ok(Target::Single(Box::new(client)))
    }

    /// A connection whose connect and every command wait at most `timeout`.
    pub(super) fn connect(&self, timeout: Duration) -> RedisResult<Conn> {
        match self {
            Target::Single(client) => {
                let c = client.get_connection_with_timeout(timeout)?;
                c.set_read_timeout(Some(timeout))?;
                c.set_write_timeout(Some(timeout))?;
                Ok(Conn::Single(c))
            }
            Target::Cluster(nodes, ca) => {
                let mut builder = redis::cluster::ClusterClient::builder(nodes.clone())
                    .connection_timeout(timeout)
                    .response_timeout(timeout);
                if let Some(root_cert) = ca {
                    builder = builder.certs(redis::TlsCertificates {
                        client_tls: None,
                        root_cert: Some(root_cert.clone()),
                    });
                }
                Ok(Conn::Cluster(Box::new(builder.build()?.get_connection()?)))
            }
        }
    }
}

/// One connection of either kind.
pub(super) enum Conn {
    Single(redis::Connection),
    Cluster(Box<redis::cluster::ClusterConnection>),
}

impl Conn {
    /// Bounds the next commands' reads and writes to `timeout`.
    pub(super) fn bound(&self, timeout: Duration) -> RedisResult<()> {
        match self {
            Conn::Single(c) => {
                c.set_read_timeout(Some(timeout))?;
                c.set_write_timeout(Some(timeout))
            }
            Conn::Cluster(c) => {
                c.set_read_timeout(Some(timeout))?;
                c.set_write_timeout(Some(timeout))
            }
        }
    }

    pub(super) fn query<T: FromRedisValue>(&mut self, cmd: &Cmd) -> RedisResult<T> {
        match self {
            Conn::Single(c) => cmd.query(c),
            Conn::Cluster(c) => cmd.query(&mut **c),
        }
    }
}

/// Counts a failed command as a timeout or an error.
pub(super) fn count_failure(stats: &StoreStats, e: &RedisError) {
    if e.is_timeout() {
        StoreStats::bump(&stats.timeouts);
    } else {
        StoreStats::bump(&stats.errors);
    }
}

/// Whether the store answers, and when to try again after a failure.
#[derive(Debug, Default)]
pub(super) struct Health {
    /// (retry not before, the next backoff) while the store is away.
    away: Mutex<Option<(Instant, Duration)>>,
}

impl Health {
    /// Whether a command may be tried now (up, or the backoff has passed).
    pub(super) fn usable(&self) -> bool {
        self.away.lock().is_none_or(|(at, _)| Instant::now() >= at)
    }

    /// How long until a command may be tried (zero: now).
    fn wait(&self) -> Duration {
        self.away.lock().map_or(Duration::ZERO, |(at, _)| {
            at.saturating_duration_since(Instant::now())
        })
    }

    /// A command failed: back off, and log when the store was up.
    pub(super) fn failed(&self, url: &str, e: &RedisError, stats: &StoreStats) {
        let mut away = self.away.lock();
        let backoff = match *away {
            None => {
                log::error!(
                    "session store {url} unreachable ({e}); full handshakes until it answers again ({})",
                    stats.summary()
                );
                FIRST_BACKOFF
            }
            Some((_, b)) => b,
        };
        *away = Some((Instant::now() + backoff, (backoff * 2).min(LAST_BACKOFF)));
    }

    /// A command succeeded: log when the store was away.
    pub(super) fn succeeded(&self, url: &str, stats: &StoreStats) {
        let mut away = self.away.lock();
        if away.take().is_some() {
            log::warn!("session store {url} is back ({})", stats.summary());
        }
    }
}

/// A write the background thread does.
pub(super) enum Write {
    /// SET key value EX seconds.
    Put(String, Vec<u8>, u64),
    /// DEL key.
    Remove(String),
}

/// What the writer thread shares with the store.
pub(super) struct Writer {
    pub target: Target,
    pub url: String,
    pub timeout: Duration,
    pub health: Arc<Health>,
    pub stats: Arc<StoreStats>,
}

impl Writer {
    /// Runs until the store is dropped: each write tried once, on a
    /// connection made again after a failure (not before the backoff); the
    /// counters logged at info level when they changed, every 10 s at most.
    pub(super) fn run(self, queue: Receiver<Write>) {
        let mut conn: Option<Conn> = None;
        let mut logged = self.stats.snapshot();
        let mut last_log = Instant::now();
        loop {
            let write = match queue.recv_timeout(STATS_EVERY) {
                Ok(w) => Some(w),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if last_log.elapsed() >= STATS_EVERY && self.stats.snapshot() != logged {
                logged = self.stats.snapshot();
                last_log = Instant::now();
                log::info!("session store {}: {}", self.url, self.stats.summary());
            }
            let Some(write) = write else { continue };
            let cmd = match write {
                Write::Put(key, value, ttl) => {
                    let mut c = redis::cmd("SET");
                    c.arg(key).arg(value).arg("EX").arg(ttl);
                    c
                }
                Write::Remove(key) => {
                    let mut c = redis::cmd("DEL");
                    c.arg(key);
                    c
                }
            };
            self.send(&mut conn, &cmd);
        }
    }

    fn send(&self, conn: &mut Option<Conn>, cmd: &Cmd) {
        if conn.is_none() {
            // Writes wait out the backoff here; meanwhile the queue fills
            // and what does not fit is dropped (and counted) by the store.
            std::thread::sleep(self.health.wait());
            match self.target.connect(self.timeout) {
                Ok(c) => *conn = Some(c),
                Err(e) => {
                    count_failure(&self.stats, &e);
                    self.health.failed(&self.url, &e, &self.stats);
                    return;
                }
            }
        }
        let c = conn.as_mut().expect("connected above");
        match c.query::<redis::Value>(cmd) {
            Ok(_) => self.health.succeeded(&self.url, &self.stats),
            Err(e) => {
                count_failure(&self.stats, &e);
                self.health.failed(&self.url, &e, &self.stats);
                *conn = None;
            }
        }
    }
}
