//! `ClientCache`: a rustls `ClientSessionStore` with what rustls' own memory
//! cache lacks: a timeout, an LRU bound on servers, flush and statistics.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};

use parking_lot::Mutex;
use rustls::client::{ClientSessionStore, Tls12ClientSessionValue, Tls13ClientSessionValue};
use rustls::NamedGroup;
use rustls_pki_types::ServerName;

use super::clock::now_secs;
use super::session::DEFAULT_TIMEOUT_SECS;
use super::stats::CacheStats;

/// TLS 1.3 tickets kept per server (rustls' own cache keeps as many).
const TICKETS_PER_SERVER: usize = 8;

#[derive(Default)]
struct ServerEntry {
    last_used: u64,
    kx_hint: Option<NamedGroup>,
    tls12: Option<(i64, Tls12ClientSessionValue)>,
    tls13: VecDeque<(i64, Tls13ClientSessionValue)>,
}

#[derive(Default)]
struct Servers {
    by_name: HashMap<ServerName<'static>, ServerEntry>,
    clock: u64,
}

/// A client session store keyed by server name, bounded and timed.
pub struct ClientCache {
    servers: Mutex<Servers>,
    max_servers: AtomicUsize,
    timeout: AtomicI64,
    stats: CacheStats,
}

impl std::fmt::Debug for ClientCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCache")
            .field("servers", &self.servers.lock().by_name.len())
            .finish()
    }
}

impl ClientCache {
    /// A cache remembering sessions for at most `max_servers` servers
    /// (least recently used dropped first), each valid for OpenSSL's default 7200 s.
    pub fn new(max_servers: usize) -> Self {
        ClientCache {
            servers: Mutex::new(Servers::default()),
            max_servers: AtomicUsize::new(max_servers.max(1)),
            timeout: AtomicI64::new(DEFAULT_TIMEOUT_SECS),
            stats: CacheStats::default(),
        }
    }

    /// Sets how long a stored session stays usable, in seconds.
    pub fn set_timeout(&self, secs: i64) {
        self.timeout.store(secs, Ordering::Relaxed);
    }

    /// How long a stored session stays usable, in seconds.
    pub fn timeout(&self) -> i64 {
        self.timeout.load(Ordering::Relaxed)
    }

    /// The hit/miss/timeout counters.
    pub fn stats(&self) -> &CacheStats {
        &self.stats
    }

    /// Number of sessions held (TLS 1.2 sessions plus TLS 1.3 tickets).
    pub fn len(&self) -> usize {
        self.servers
            .lock()
            .by_name
            .values()
            .map(|e| e.tls13.len() + usize::from(e.tls12.is_some()))
            .sum()
    }

    /// Whether no session is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops every session stored before `now - timeout`; returns how many.
    pub fn flush(&self) -> usize {
        self.flush_at(now_secs())
    }

    /// Drops every session expired at time `t`; returns how many.
    pub fn flush_at(&self, t: i64) -> usize {
        let timeout = self.timeout();
        let live = |stored: i64| stored.saturating_add(timeout) > t;
        let mut s = self.servers.lock();
        let mut dropped = 0;
        for e in s.by_name.values_mut() {
            if matches!(e.tls12, Some((at, _)) if !live(at)) {
                e.tls12 = None;
                dropped += 1;
            }
            let before = e.tls13.len();
            e.tls13.retain(|(at, _)| live(*at));
            dropped += before - e.tls13.len();
        }
        dropped
    }

    fn with_entry<R>(&self, name: ServerName<'static>, f: impl FnOnce(&mut ServerEntry) -> R) -> R {
        let mut s = self.servers.lock();
        s.clock += 1;
        let clock = s.clock;
        if !s.by_name.contains_key(&name)
            && s.by_name.len() >= self.max_servers.load(Ordering::Relaxed)
        {
            let lru = s
                .by_name
                .iter()
                .min_by_key(|(_, e)| e.last_used)
                .map(|(n, _)| n.clone());
            if let Some(lru) = lru {
                s.by_name.remove(&lru);
                CacheStats::bump(&self.stats.cache_full);
            }
        }
        let e = s.by_name.entry(name).or_default();
        e.last_used = clock;
        f(e)
    }

    fn fresh(&self, stored: i64) -> bool {
        let ok = stored.saturating_add(self.timeout()) > now_secs();
        if !ok {
            CacheStats::bump(&self.stats.timeouts);
        }
        ok
    }

    fn count(&self, hit: bool) {
        CacheStats::bump(if hit {
            &self.stats.hits
        } else {
            &self.stats.misses
        });
    }
}

impl ClientSessionStore for ClientCache {
    fn set_kx_hint(&self, server_name: ServerName<'static>, group: NamedGroup) {
        self.with_entry(server_name, |e| e.kx_hint = Some(group));
    }

    fn kx_hint(&self, server_name: &ServerName<'_>) -> Option<NamedGroup> {
        let s = self.servers.lock();
        s.by_name
            .get(&server_name.to_owned())
            .and_then(|e| e.kx_hint)
    }

    fn set_tls12_session(&self, server_name: ServerName<'static>, value: Tls12ClientSessionValue) {
        self.with_entry(server_name, |e| e.tls12 = Some((now_secs(), value)));
    }

    fn tls12_session(&self, server_name: &ServerName<'_>) -> Option<Tls12ClientSessionValue> {
        let found = {
            let s = self.servers.lock();
            s.by_name
                .get(&server_name.to_owned())
                .and_then(|e| e.tls12.clone())
        };
        let found = found.filter(|(at, _)| self.fresh(*at)).map(|(_, v)| v);
        self.count(found.is_some());
        found
    }

    fn remove_tls12_session(&self, server_name: &ServerName<'static>) {
        if let Some(e) = self.servers.lock().by_name.get_mut(server_name) {
            e.tls12 = None;
        }
    }

    fn insert_tls13_ticket(
        &self,
        server_name: ServerName<'static>,
        value: Tls13ClientSessionValue,
    ) {
        self.with_entry(server_name, |e| {
            if e.tls13.len() == TICKETS_PER_SERVER {
                e.tls13.pop_front();
            }
            e.tls13.push_back((now_secs(), value));
        });
    }

    fn take_tls13_ticket(
        &self,
        server_name: &ServerName<'static>,
    ) -> Option<Tls13ClientSessionValue> {
        let mut found = None;
        if let Some(e) = self.servers.lock().by_name.get_mut(server_name) {
            while let Some((at, v)) = e.tls13.pop_back() {
                if self.fresh(at) {
                    found = Some(v);
                    break;
                }
            }
        }
        self.count(found.is_some());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lru_bound_on_servers() {
        let c = ClientCache::new(2);
        for n in ["a.test", "b.test", "c.test"] {
            c.set_kx_hint(ServerName::try_from(n).unwrap(), NamedGroup::X25519);
        }
        let a = ServerName::try_from("a.test").unwrap();
        let c_ = ServerName::try_from("c.test").unwrap();
        assert_eq!(c.kx_hint(&a), None);
        assert_eq!(c.kx_hint(&c_), Some(NamedGroup::X25519));
        assert_eq!(CacheStats::read(&c.stats().cache_full), 1);
    }

    #[test]
    fn misses_are_counted() {
        let c = ClientCache::new(4);
        let a = ServerName::try_from("a.test").unwrap();
        assert!(c.take_tls13_ticket(&a).is_none());
        assert!(c.tls12_session(&a).is_none());
        assert_eq!(CacheStats::read(&c.stats().misses), 2);
    }
}
