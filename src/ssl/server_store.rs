//! The server's session store for one connection: the context's cache seen
//! through the connection's cache policy, and behind it the application's
//! external cache.

use std::sync::Arc;

use rustls::server::StoresServerSessions;

use super::capture::{HandshakeEvent, SharedHandshakeCapture};
use crate::session::{Lookup, ServerCache, Session, SessionId};

/// The application's external cache as one connection asks it (OpenSSL's
/// get-session callback, bound to the connection by the connection): the
/// session stored under an id, if any. Called with no sessl lock held.
pub type ExternalSessionLookup = Box<dyn Fn(&[u8]) -> Option<Arc<Session>> + Send + Sync>;

/// How a server connection may use its context's cache.
#[derive(Clone, Debug)]
pub struct ServerCachePolicy {
    /// The context that owns new sessions.
    pub owner: u64,
    /// Session id context new sessions get and resumed ones must match
    /// (held inline: a policy is made, and copied, per server connection).
    pub id_context: SessionId,
    /// Timeout of new sessions.
    pub timeout: i64,
    /// Look sessions up in the internal cache.
    pub lookup: bool,
    /// Give rustls session ids / stateful tickets at all.
    pub stateful: bool,
    /// Give a session id to a client that does not do tickets, though
    /// tickets are on (OpenSSL's fallback).
    pub id_for_ticketless: bool,
    /// `SSL_VERIFY_PEER` is on: resuming without a session id context is an error.
    pub verify_peer: bool,
}

impl ServerCachePolicy {
    /// OpenSSL refuses to resume at all, failing the handshake, when peer
    /// verification is on and no session id context was set.
    pub(super) fn refuses(&self, capture: &SharedHandshakeCapture) -> bool {
        let refuse = self.verify_peer && self.id_context.is_empty();
        if refuse {
            capture.lock().id_context_uninitialized = true;
        }
        refuse
    }
}

/// Server store: the context's cache seen through one connection, and
/// behind it the application's external cache (the get-session hook).
pub struct ServerStore {
    cache: Arc<ServerCache>,
    policy: ServerCachePolicy,
    capture: SharedHandshakeCapture,
    external: Option<ExternalSessionLookup>,
    /// `take` removes what it resumes (anti-replay for early data).
    single_use: bool,
}

impl std::fmt::Debug for ServerStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerStore")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl ServerStore {
    /// A store over `cache` with `policy`, capturing into `capture`; `external`
    /// is asked when the cache has nothing.
    pub fn new(
        cache: Arc<ServerCache>,
        policy: ServerCachePolicy,
        capture: SharedHandshakeCapture,
        external: Option<ExternalSessionLookup>,
    ) -> Self {
        ServerStore {
            cache,
            policy,
            capture,
            external,
            single_use: false,
        }
    }

    /// With `yes`, a TLS 1.3 ticket resumes once: `take` removes its session
    /// from the cache, as OpenSSL's anti-replay does for early data.
    pub fn single_use(self, yes: bool) -> Self {
        ServerStore {
            single_use: yes,
            ..self
        }
    }

    fn resume(&self, s: Arc<Session>) -> Option<Vec<u8>> {
        if self.policy.refuses(&self.capture) {
            return None;
        }
        let value = s.server_value()?;
        let mut c = self.capture.lock();
        c.resumed = true;
        c.verify_result = Some(s.verify_result());
        c.events.push(HandshakeEvent::ServerResumed(s));
        Some(value)
    }

    fn find(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.capture.lock().looked_up = true;
        if self.policy.lookup {
            match self.cache.lookup(key, &self.policy.id_context) {
                Lookup::Hit(s) => return self.resume(s),
                Lookup::Expired(s) => {
                    self.capture.lock().events.push(HandshakeEvent::Removed(s));
                    return None;
                }
                Lookup::Miss => {}
            }
        }
        // Called with no lock held: the hook may call back into sessl.
        let s = (self.external.as_ref()?)(key)?;
        if *s.id_context() != *self.policy.id_context || s.expired() || s.is_marked_not_resumable()
        {
            return None;
        }
        self.capture
            .lock()
            .events
            .push(HandshakeEvent::ExternalHit(s.clone()));
        self.resume(s)
    }
}

impl StoresServerSessions for ServerStore {
    fn put(&self, key: Vec<u8>, value: Vec<u8>) -> bool {
        let mut c = self.capture.lock();
        if !c.may_issue_session() {
            return false;
        }
        c.sessions_issued += 1;
        let p = &self.policy;
        let s = Arc::new(Session::from_server_value(
            p.owner,
            key,
            p.id_context.to_vec(),
            p.timeout,
            value,
        ));
        c.events.push(HandshakeEvent::ServerNew(s));
        true
    }

    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.find(key)
    }

    /// A stateful TLS 1.3 ticket: OpenSSL 3.0 leaves it in the cache, unless
    /// the ticket allows early data under anti-replay: then it is removed,
    /// and one no longer there does not resume.
    fn take(&self, key: &[u8]) -> Option<Vec<u8>> {
        if !self.single_use {
            return self.find(key);
        }
        let value = self.find(key)?;
        if let Some(removed) = self.cache.remove(key) {
            self.capture
                .lock()
                .events
                .push(HandshakeEvent::Removed(removed));
        }
        Some(value)
    }

    fn can_cache(&self) -> bool {
        self.policy.stateful
            || (self.policy.id_for_ticketless
                && self.capture.lock().client_offers_ticket == Some(false))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::session::{now_secs, CacheStats};

    const CTX: &[u8] = b"id context";

    fn policy() -> ServerCachePolicy {
        ServerCachePolicy {
            owner: 1,
            id_context: SessionId::new(CTX).unwrap(),
            timeout: 300,
            lookup: true,
            stateful: true,
            id_for_ticketless: false,
            verify_peer: false,
        }
    }

    fn session(id: &[u8], id_context: &[u8], value: &[u8]) -> Arc<Session> {
        Arc::new(Session::from_server_value(
            1,
            id.to_vec(),
            id_context.to_vec(),
            300,
            value.to_vec(),
        ))
    }

    fn store_over(
        cache: &Arc<ServerCache>,
        policy: ServerCachePolicy,
        external: Option<ExternalSessionLookup>,
    ) -> (ServerStore, SharedHandshakeCapture) {
        let capture = SharedHandshakeCapture::default();
        let store = ServerStore::new(cache.clone(), policy, capture.clone(), external);
        (store, capture)
    }

    /// The captured events, by kind, and the id of each one's session.
    fn events(capture: &SharedHandshakeCapture) -> Vec<(&'static str, Vec<u8>)> {
        let c = capture.lock();
        c.events
            .iter()
            .map(|e| match e {
                HandshakeEvent::ServerNew(s) => ("new", s.id().to_vec()),
                HandshakeEvent::ServerResumed(s) => ("resumed", s.id().to_vec()),
                HandshakeEvent::Removed(s) => ("removed", s.id().to_vec()),
                HandshakeEvent::ExternalHit(s) => ("external", s.id().to_vec()),
                HandshakeEvent::ClientTls12(_) | HandshakeEvent::ClientTls13(_) => {
                    ("client", Vec::new())
                }
            })
            .collect()
    }

    #[test]
    fn put_captures_a_new_session_with_the_policys_facts() {
        let cache = Arc::new(ServerCache::new(10));
        let (store, capture) = store_over(&cache, policy(), None);
        assert!(store.put(b"id".to_vec(), b"value".to_vec()));
        assert_eq!(events(&capture), vec![("new", b"id".to_vec())]);
        let c = capture.lock();
        let HandshakeEvent::ServerNew(s) = &c.events[0] else {
            unreachable!()
        };
        assert_eq!((s.owner(), s.timeout()), (1, 300));
        assert_eq!(*s.id_context(), *CTX);
        assert_eq!(s.server_value().as_deref(), Some(&b"value"[..]));
        assert_eq!(c.sessions_issued, 1);
        // The connection, not the store, puts it in the cache.
        assert!(cache.is_empty());
    }

    #[test]
    fn a_single_use_store_resumes_a_ticket_once() {
        let cache = Arc::new(ServerCache::new(10));
        cache.insert(session(b"id", CTX, b"value"));
        let capture = SharedHandshakeCapture::default();
        let store =
            ServerStore::new(cache.clone(), policy(), capture.clone(), None).single_use(true);
        assert_eq!(store.take(b"id").as_deref(), Some(&b"value"[..]));
        assert_eq!(
            events(&capture),
            vec![("resumed", b"id".to_vec()), ("removed", b"id".to_vec())]
        );
        assert!(cache.is_empty());
        // Offered again (a replay): no resumption.
        assert_eq!(store.take(b"id"), None);
        // Without anti-replay the ticket stays for the next resumption.
        cache.insert(session(b"id", CTX, b"value"));
        let (again, _) = store_over(&cache, policy(), None);
        assert!(again.take(b"id").is_some() && again.take(b"id").is_some());
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn get_and_take_resume_from_the_cache() {
        let cache = Arc::new(ServerCache::new(10));
        cache.insert(session(b"id", CTX, b"value"));
        for take in [false, true] {
            let (store, capture) = store_over(&cache, policy(), None);
            let found = if take {
                store.take(b"id")
            } else {
                store.get(b"id")
            };
            assert_eq!(found.as_deref(), Some(&b"value"[..]));
            assert_eq!(events(&capture), vec![("resumed", b"id".to_vec())]);
            let c = capture.lock();
            assert!(c.resumed && c.looked_up);
            assert_eq!(c.verify_result, Some(0));
        }
        // OpenSSL 3.0 leaves a stateful TLS 1.3 ticket in the cache.
        assert_eq!(cache.len(), 1);
        assert_eq!(CacheStats::read(&cache.stats().misses), 0);
    }

    #[test]
    fn a_miss_or_another_id_context_finds_nothing() {
        let cache = Arc::new(ServerCache::new(10));
        cache.insert(session(b"id", b"other context", b"value"));
        let (store, capture) = store_over(&cache, policy(), None);
        assert_eq!(store.get(b"id"), None);
        assert_eq!(store.get(b"unknown"), None);
        assert!(capture.lock().looked_up);
        assert!(!capture.lock().resumed);
        assert!(events(&capture).is_empty());
        assert_eq!(CacheStats::read(&cache.stats().misses), 2);
    }

    #[test]
    fn an_expired_session_is_removed_not_resumed() {
        let cache = Arc::new(ServerCache::new(10));
        let old = session(b"id", CTX, b"value");
        old.set_time(now_secs() - 1000);
        cache.insert(old);
        let (store, capture) = store_over(&cache, policy(), None);
        assert_eq!(store.get(b"id"), None);
        assert_eq!(events(&capture), vec![("removed", b"id".to_vec())]);
        assert!(cache.is_empty());
    }

    #[test]
    fn no_internal_lookup_leaves_the_cache_alone() {
        let cache = Arc::new(ServerCache::new(10));
        cache.insert(session(b"id", CTX, b"value"));
        let no_lookup = ServerCachePolicy {
            lookup: false,
            ..policy()
        };
        let (store, capture) = store_over(&cache, no_lookup, None);
        assert_eq!(store.get(b"id"), None);
        assert!(capture.lock().looked_up);
        assert_eq!(CacheStats::read(&cache.stats().misses), 0);
    }

    #[test]
    fn verify_peer_without_an_id_context_refuses_to_resume() {
        let cache = Arc::new(ServerCache::new(10));
        cache.insert(session(b"id", b"", b"value"));
        let refusing = ServerCachePolicy {
            id_context: SessionId::default(),
            verify_peer: true,
            ..policy()
        };
        let (store, capture) = store_over(&cache, refusing, None);
        assert_eq!(store.get(b"id"), None);
        let c = capture.lock();
        assert!(c.id_context_uninitialized);
        assert!(!c.resumed);
    }

    #[test]
    fn the_cache_mode_decides_whether_rustls_may_cache() {
        let cache = Arc::new(ServerCache::new(10));
        let (store, _) = store_over(&cache, policy(), None);
        assert!(store.can_cache());
        let tickets_only = ServerCachePolicy {
            stateful: false,
            ..policy()
        };
        let (store, _) = store_over(&cache, tickets_only.clone(), None);
        assert!(!store.can_cache());
        // OpenSSL's fallback: a session id for a client that does not do tickets.
        let fallback = ServerCachePolicy {
            id_for_ticketless: true,
            ..tickets_only
        };
        let (store, capture) = store_over(&cache, fallback, None);
        assert!(!store.can_cache());
        capture.lock().client_offers_ticket = Some(true);
        assert!(!store.can_cache());
        capture.lock().client_offers_ticket = Some(false);
        assert!(store.can_cache());
    }

    #[test]
    fn after_a_resumption_one_session_is_issued() {
        let cache = Arc::new(ServerCache::new(10));
        cache.insert(session(b"id", CTX, b"value"));
        let (store, capture) = store_over(&cache, policy(), None);
        assert!(store.get(b"id").is_some());
        assert!(store.put(b"first".to_vec(), b"v".to_vec()));
        assert!(!store.put(b"second".to_vec(), b"v".to_vec()));
        assert_eq!(capture.lock().sessions_issued, 1);
    }

    /// An external cache holding `held`, counting how often it is asked.
    fn external(held: Arc<Session>, asked: &Arc<AtomicUsize>) -> ExternalSessionLookup {
        let asked = asked.clone();
        Box::new(move |id: &[u8]| {
            asked.fetch_add(1, Ordering::Relaxed);
            (*held.id() == *id).then(|| held.clone())
        })
    }

    #[test]
    fn the_external_cache_is_asked_on_a_local_miss() {
        let cache = Arc::new(ServerCache::new(10));
        cache.insert(session(b"local", CTX, b"local value"));
        let asked = Arc::new(AtomicUsize::new(0));
        let held = session(b"remote", CTX, b"remote value");
        let (store, capture) = store_over(&cache, policy(), Some(external(held, &asked)));
        assert_eq!(store.get(b"local").as_deref(), Some(&b"local value"[..]));
        assert_eq!(asked.load(Ordering::Relaxed), 0);
        assert_eq!(store.get(b"remote").as_deref(), Some(&b"remote value"[..]));
        assert_eq!(asked.load(Ordering::Relaxed), 1);
        assert_eq!(
            events(&capture),
            vec![
                ("resumed", b"local".to_vec()),
                ("external", b"remote".to_vec()),
                ("resumed", b"remote".to_vec()),
            ]
        );
        assert_eq!(store.get(b"neither"), None);
        assert_eq!(asked.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn the_external_cache_is_asked_without_internal_lookup() {
        let cache = Arc::new(ServerCache::new(10));
        cache.insert(session(b"id", CTX, b"local value"));
        let asked = Arc::new(AtomicUsize::new(0));
        let held = session(b"id", CTX, b"remote value");
        let no_lookup = ServerCachePolicy {
            lookup: false,
            ..policy()
        };
        let (store, _) = store_over(&cache, no_lookup, Some(external(held, &asked)));
        assert_eq!(store.get(b"id").as_deref(), Some(&b"remote value"[..]));
        assert_eq!(asked.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn what_the_external_cache_gives_must_be_resumable_here() {
        let cache = Arc::new(ServerCache::new(10));
        let asked = Arc::new(AtomicUsize::new(0));
        let other_context = session(b"a", b"other context", b"v");
        let expired = session(b"b", CTX, b"v");
        expired.set_time(now_secs() - 1000);
        let marked = session(b"c", CTX, b"v");
        marked.mark_not_resumable();
        for held in [other_context, expired, marked] {
            let id = held.id().to_vec();
            let (store, capture) = store_over(&cache, policy(), Some(external(held, &asked)));
            assert_eq!(store.get(&id), None);
            assert!(events(&capture).is_empty());
        }
        assert_eq!(asked.load(Ordering::Relaxed), 3);
    }
}
