//! The server's session store for one connection: the context's cache seen
//! through the connection's cache policy, and behind it the application's
//! external cache.

use std::sync::Arc;

use rustls::server::StoresServerSessions;

use super::capture::{HandshakeEvent, SharedHandshakeCapture};
use crate::session::{Lookup, ServerCache, Session};

/// The application's external cache as one connection asks it (OpenSSL's
/// get-session callback, bound to the connection by the connection): the
/// session stored under an id, if any. Called with no sessl lock held.
pub type ExternalSessionLookup = Box<dyn Fn(&[u8]) -> Option<Arc<Session>> + Send + Sync>;

/// How a server connection may use its context's cache.
#[derive(Clone, Debug)]
pub struct ServerCachePolicy {
    /// The context that owns new sessions.
    pub owner: u64,
    /// Session id context new sessions get and resumed ones must match.
    pub id_context: Vec<u8>,
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
            p.id_context.clone(),
            p.timeout,
            value,
        ));
        c.events.push(HandshakeEvent::ServerNew(s));
        true
    }

    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.find(key)
    }

    /// A stateful TLS 1.3 ticket: OpenSSL 3.0 leaves it in the cache.
    fn take(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.find(key)
    }

    fn can_cache(&self) -> bool {
        self.policy.stateful
            || (self.policy.id_for_ticketless
                && self.capture.lock().client_offers_ticket == Some(false))
    }
}
