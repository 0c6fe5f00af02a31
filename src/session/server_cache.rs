//! `ServerCache`: sessions by id, bounded (oldest evicted first), timed out,
//! flushed on demand, with OpenSSL's counters. It is the internal cache of a
//! context, and a Rust user can plug it into a rustls `ServerConfig` directly.

use std::collections::BTreeMap;

use hashbrown::HashMap;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::Arc;

use parking_lot::{Mutex, RwLock};
use rustls::server::StoresServerSessions;

use super::clock::now_secs;
use super::session::{Session, SessionId, DEFAULT_TIMEOUT_SECS};
use super::stats::CacheStats;
use super::store::SharedStore;

/// OpenSSL's default cache size limit (`SSL_CTX_sess_get_cache_size`).
pub const DEFAULT_CACHE_SIZE: usize = 1024 * 20;

/// What a lookup found.
#[derive(Debug)]
pub enum Lookup {
    /// A live session under that id and context.
    Hit(Arc<Session>),
    /// No session, or one made under another id context.
    Miss,
    /// A session that had expired; it has been removed from the cache.
    Expired(Arc<Session>),
}

/// Sessions by id (inline keys, a fast keyed hash) and by age of insertion.
#[derive(Default)]
struct Entries {
    /// Session, insertion number and its id context (kept here so a lookup
    /// need not touch the session).
    by_id: HashMap<SessionId, (u64, Arc<Session>, SessionId)>,
    by_age: BTreeMap<u64, SessionId>,
    next_seq: u64,
}

impl Entries {
    fn remove(&mut self, id: &[u8]) -> Option<Arc<Session>> {
        let (seq, s, _) = self.by_id.remove(&SessionId::new(id)?)?;
        self.by_age.remove(&seq);
        Some(s)
    }

    fn get(&self, id: &[u8]) -> Option<&Arc<Session>> {
        self.by_id.get(&SessionId::new(id)?).map(|(_, s, _)| s)
    }

    /// The session under `id` if it was made under `id_context`.
    fn get_in(&self, id: &[u8], id_context: &[u8]) -> Option<&Arc<Session>> {
        match self.by_id.get(&SessionId::new(id)?) {
            Some((_, s, ctx)) if **ctx == *id_context => Some(s),
            _ => None,
        }
    }
}

/// A bounded, timed session cache keyed by session id.
pub struct ServerCache {
    entries: Mutex<Entries>,
    /// OpenSSL 3.0 evicts while the cache holds as many as its limit, so a
    /// full cache holds one fewer; a context's cache does the same.
    openssl_eviction: bool,
    size_limit: AtomicUsize,
    default_timeout: AtomicI64,
    owner: u64,
    stats: CacheStats,
    /// The second tier: asked on a local miss, told of new and removed sessions.
    store: RwLock<Option<SharedStore>>,
}

impl std::fmt::Debug for ServerCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerCache")
            .field("len", &self.len())
            .field("size_limit", &self.size_limit())
            .finish()
    }
}

impl Default for ServerCache {
    fn default() -> Self {
        ServerCache::new(DEFAULT_CACHE_SIZE)
    }
}

impl ServerCache {
    /// A cache holding at most `size_limit` sessions (0: unbounded, as in OpenSSL).
    pub fn new(size_limit: usize) -> Self {
        let mut c = ServerCache::with_owner(size_limit, 0);
        c.openssl_eviction = false;
        c
    }

    /// A context's cache: its sessions are marked as made by the context
    /// `owner`, and it evicts as OpenSSL 3.0 does (holding at most
    /// `size_limit - 1` sessions).
    pub fn with_owner(size_limit: usize, owner: u64) -> Self {
        ServerCache {
            entries: Mutex::new(Entries::default()),
            openssl_eviction: true,
            size_limit: AtomicUsize::new(size_limit),
            default_timeout: AtomicI64::new(DEFAULT_TIMEOUT_SECS),
            owner,
            stats: CacheStats::default(),
            store: RwLock::new(None),
        }
    }

    /// The counters of this cache.
    pub fn stats(&self) -> &CacheStats {
        &self.stats
    }

    /// Puts a second tier under this cache (`None`: this cache alone).
    pub fn set_store(&self, store: Option<SharedStore>) {
        *self.store.write() = store;
    }

    /// The second tier, if any.
    pub fn store(&self) -> Option<SharedStore> {
        self.store.read().clone()
    }

    /// Number of sessions held (`SSL_CTX_sess_number`).
    pub fn len(&self) -> usize {
        self.entries.lock().by_id.len()
    }

    /// Whether the cache holds no session.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The size limit (0: unbounded).
    pub fn size_limit(&self) -> usize {
        self.size_limit.load(Ordering::Relaxed)
    }

    /// Sets the size limit. As in OpenSSL, sessions beyond a smaller limit
    /// stay until the next insertion evicts them.
    pub fn set_size_limit(&self, limit: usize) {
        self.size_limit.store(limit, Ordering::Relaxed);
    }

    /// Timeout given to sessions this cache creates from rustls values.
    pub fn default_timeout(&self) -> i64 {
        self.default_timeout.load(Ordering::Relaxed)
    }

    /// Sets the timeout for sessions created from rustls values.
    pub fn set_default_timeout(&self, secs: i64) {
        self.default_timeout.store(secs, Ordering::Relaxed);
    }

    /// Eviction, run after an insertion: the oldest sessions go until the
    /// cache is within its limit (OpenSSL's: below it). Evicted sessions are
    /// marked not resumable.
    fn evict_over_limit(&self, e: &mut Entries) -> Vec<Arc<Session>> {
        let limit = self.size_limit();
        let mut evicted = Vec::new();
        if limit == 0 {
            return evicted;
        }
        // OpenSSL evicts before counting the session it adds, but never that
        // session: a cache of size 1 still holds the newest.
        let keep = if self.openssl_eviction {
            (limit - 1).max(1)
        } else {
            limit
        };
        while e.by_id.len() > keep {
            let Some((_, id)) = e.by_age.pop_first() else {
                break;
            };
            if let Some((_, s, _)) = e.by_id.remove(&id) {
                CacheStats::bump(&self.stats.cache_full);
                s.mark_not_resumable();
                evicted.push(s);
            }
        }
        evicted
    }

    /// Adds a session under its id. Returns `(added, removed)`: `added` is false
    /// when the session has no id or is already there; `removed` holds sessions
    /// pushed out (a previous session with the same id, or the oldest when full).
    /// A server session added is also given to the second tier.
    pub fn insert(&self, session: Arc<Session>) -> (bool, Vec<Arc<Session>>) {
        let (added, removed) = self.insert_local(session.clone());
        if added {
            if let Some(store) = self.store() {
                store.save(&session);
            }
        }
        (added, removed)
    }

    /// `insert` in this cache only.
    fn insert_local(&self, session: Arc<Session>) -> (bool, Vec<Arc<Session>>) {
        if session.id().is_empty() {
            return (false, Vec::new());
        }
        let id = session.id();
        let id_context = session.id_context();
        let mut e = self.entries.lock();
        let mut removed = Vec::new();
        let seq = e.next_seq;
        e.next_seq += 1;
        match e.by_id.entry(id) {
            hashbrown::hash_map::Entry::Occupied(mut held) => {
                if Arc::ptr_eq(&held.get().1, &session) {
                    return (false, removed);
                }
                let (old_seq, old, _) =
                    std::mem::replace(held.get_mut(), (seq, session, id_context));
                removed.push(old);
                e.by_age.remove(&old_seq);
            }
            hashbrown::hash_map::Entry::Vacant(slot) => {
                slot.insert((seq, session, id_context));
            }
        }
        e.by_age.insert(seq, id);
        removed.extend(self.evict_over_limit(&mut e));
        (true, removed)
    }

    /// Finds the session for `id` made under `id_context`, counting a hit,
    /// miss or timeout. On a local miss the second tier is asked once (with
    /// no lock held); what it finds is kept here too.
    pub fn lookup(&self, id: &[u8], id_context: &[u8]) -> Lookup {
        let mut e = self.entries.lock();
        let found = match e.get_in(id, id_context) {
            Some(s) => s.clone(),
            _ => {
                drop(e);
                return self.lookup_in_store(id, id_context);
            }
        };
        if found.expired() {
            e.remove(id);
            found.mark_not_resumable();
            CacheStats::bump(&self.stats.timeouts);
            return Lookup::Expired(found);
        }
        Lookup::Hit(found)
    }

    fn lookup_in_store(&self, id: &[u8], id_context: &[u8]) -> Lookup {
        let found = self
            .store()
            .and_then(|store| store.load(id, id_context, self.owner));
        match found {
            Some(s) if !s.expired() => {
                self.insert_local(s.clone());
                Lookup::Hit(s)
            }
            _ => {
                CacheStats::bump(&self.stats.misses);
                Lookup::Miss
            }
        }
    }

    /// Tells the second tier to forget `session`.
    pub fn remove_from_store(&self, session: &Session) {
        if let Some(store) = self.store() {
            store.delete(&session.id(), &session.id_context());
        }
    }

    /// Whether a session is held under `id` and `id_context` (no counting, no expiry check).
    pub fn contains(&self, id: &[u8], id_context: &[u8]) -> bool {
        self.entries
            .lock()
            .get(id)
            .is_some_and(|s| *s.id_context() == *id_context)
    }

    /// Whether a session of `protocol_version` is held under `id` (no
    /// counting, no expiry check): OpenSSL's test of an id's uniqueness
    /// (`SSL_has_matching_session_id`), which the id context plays no part in.
    pub fn contains_version(&self, id: &[u8], protocol_version: u16) -> bool {
        self.entries
            .lock()
            .get(id)
            .is_some_and(|s| s.protocol_version() == protocol_version)
    }

    /// The session under `id`, if any, without counting or expiry checks.
    pub fn peek(&self, id: &[u8]) -> Option<Arc<Session>> {
        self.entries.lock().get(id).cloned()
    }

    /// Removes this very session (not another with the same id); returns it if it was held.
    pub fn remove_session(&self, session: &Arc<Session>) -> Option<Arc<Session>> {
        let mut e = self.entries.lock();
        let gone = match e.get(&session.id()) {
            Some(held) if Arc::ptr_eq(held, session) => e.remove(&session.id()),
            _ => None,
        };
        drop(e);
        gone.inspect(|s| self.remove_from_store(s))
    }

    /// Removes the session under `id` (from the second tier too); returns it if it was held here.
    pub fn remove(&self, id: &[u8]) -> Option<Arc<Session>> {
        let gone = self.entries.lock().remove(id);
        gone.inspect(|s| self.remove_from_store(s))
    }

    /// Removes every session expired at time `t`, or every session when `t`
    /// is 0 (`SSL_CTX_flush_sessions`); they are marked not resumable and returned
    /// soonest expiry first (OpenSSL's order: it keeps its cache sorted by expiry).
    pub fn flush_expired(&self, t: i64) -> Vec<Arc<Session>> {
        let mut e = self.entries.lock();
        let expired = |s: &Session| t == 0 || s.expired_at(t);
        let mut gone: Vec<(u64, Arc<Session>)> = if e.by_id.values().all(|(_, s, _)| expired(s)) {
            // Everything goes: no per-entry bookkeeping.
            e.by_age.clear();
            std::mem::take(&mut e.by_id)
                .into_values()
                .map(|(seq, s, _)| (seq, s))
                .collect()
        } else {
            let out: Vec<(u64, Arc<Session>)> = e
                .by_id
                .extract_if(|_, (_, s, _)| expired(s))
                .map(|(_, (seq, s, _))| (seq, s))
                .collect();
            out.iter().for_each(|(seq, _)| {
                e.by_age.remove(seq);
            });
            out
        };
        drop(e);
        gone.sort_by_key(|(seq, s)| (s.time().saturating_add(s.timeout()), *seq));
        gone.into_iter()
            .map(|(_, s)| {
                s.mark_not_resumable();
                s
            })
            .collect()
    }

    /// Removes every session expired now.
    pub fn flush(&self) -> Vec<Arc<Session>> {
        self.flush_expired(now_secs())
    }
}

/// Plugs the cache into a rustls `ServerConfig` (`session_storage`): rustls'
/// encoded values become sessions with this cache's default timeout.
impl StoresServerSessions for ServerCache {
    fn put(&self, key: Vec<u8>, value: Vec<u8>) -> bool {
        let s =
            Session::from_server_value(self.owner, key, Vec::new(), self.default_timeout(), value);
        self.insert(Arc::new(s)).0
    }

    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        match self.lookup(key, &[]) {
            Lookup::Hit(s) => {
                CacheStats::bump(&self.stats.hits);
                s.server_value()
            }
            _ => None,
        }
    }

    fn take(&self, key: &[u8]) -> Option<Vec<u8>> {
        let v = StoresServerSessions::get(self, key)?;
        self.remove(key);
        Some(v)
    }

    fn can_cache(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Resumption, SessionParameters, Side};

    fn session(id: &[u8], ctx: &[u8]) -> Arc<Session> {
        let facts = SessionParameters {
            id: id.to_vec(),
            id_context: ctx.to_vec(),
            ..Default::default()
        };
        Arc::new(Session::new(Side::Server, facts, 100, Resumption::None))
    }

    #[test]
    fn oldest_evicted_first_and_counted_as_openssl() {
        let c = ServerCache::with_owner(3, 1);
        c.insert(session(b"a", b""));
        c.insert(session(b"b", b""));
        let (added, removed) = c.insert(session(b"c", b""));
        assert!(added);
        assert_eq!(removed.len(), 1);
        assert_eq!(&*removed[0].id(), b"a");
        assert!(!removed[0].is_resumable());
        assert_eq!(c.len(), 2, "OpenSSL 3.0 keeps one fewer than the limit");
        assert_eq!(CacheStats::read(&c.stats().cache_full), 1);
        let plain = ServerCache::new(3);
        for id in [b"a", b"b", b"c", b"d"] {
            plain.insert(session(id, b""));
        }
        assert_eq!(plain.len(), 3, "a cache made with new() holds its limit");
    }

    #[test]
    fn same_session_twice_is_not_added_again() {
        let c = ServerCache::new(10);
        let s = session(b"a", b"");
        assert!(c.insert(s.clone()).0);
        assert!(!c.insert(s.clone()).0);
        let (added, removed) = c.insert(session(b"a", b""));
        assert!(added);
        assert!(Arc::ptr_eq(&removed[0], &s));
    }

    #[test]
    fn contains_version_matches_id_and_version_not_context() {
        let c = ServerCache::new(10);
        let s = session(b"a", b"ctx");
        s.set_protocol_version(0x0303);
        c.insert(s);
        assert!(c.contains_version(b"a", 0x0303), "any id context");
        assert!(!c.contains_version(b"a", 0x0304), "another version");
        assert!(!c.contains_version(b"b", 0x0303), "another id");
        assert!(c.contains(b"a", b"ctx") && !c.contains(b"a", b"other"));
    }

    #[test]
    fn lookup_checks_context_and_expiry() {
        let c = ServerCache::new(10);
        let s = session(b"a", b"ctx");
        c.insert(s.clone());
        assert!(matches!(c.lookup(b"a", b"other"), Lookup::Miss));
        assert!(matches!(c.lookup(b"a", b"ctx"), Lookup::Hit(_)));
        s.set_time(0);
        assert!(matches!(c.lookup(b"a", b"ctx"), Lookup::Expired(_)));
        assert_eq!(c.len(), 0);
        assert_eq!(CacheStats::read(&c.stats().timeouts), 1);
        assert_eq!(CacheStats::read(&c.stats().misses), 1);
        assert!(!s.is_resumable());
    }

    #[test]
    fn flush_removes_only_expired() {
        let c = ServerCache::new(10);
        let old = session(b"old", b"");
        old.set_time(10);
        c.insert(old);
        c.insert(session(b"new", b""));
        let gone = c.flush_expired(now_secs());
        assert_eq!(gone.len(), 1);
        assert_eq!(&*gone[0].id(), b"old");
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn flush_returns_soonest_expiry_first() {
        let c = ServerCache::new(10);
        for (id, time) in [(b"b", 20), (b"c", 30), (b"a", 10)] {
            let s = session(id, b"");
            s.set_time(time);
            s.set_timeout(5);
            c.insert(s);
        }
        let ids = |v: Vec<Arc<Session>>| v.iter().map(|s| s.id()[0]).collect::<Vec<u8>>();
        assert_eq!(ids(c.flush_expired(26)), b"ab");
        c.insert(session(b"z", b""));
        let late = session(b"y", b"");
        late.set_time(5);
        late.set_timeout(100);
        c.insert(late);
        assert_eq!(ids(c.flush_expired(0)), b"cyz");
    }

    #[test]
    fn remove_session_leaves_a_different_session_with_that_id() {
        let c = ServerCache::new(10);
        let a = session(b"a", b"");
        c.insert(session(b"a", b""));
        assert!(c.remove_session(&a).is_none());
        assert_eq!(c.len(), 1);
    }
}
