//! The connection a thread is working for while it is inside rustls, and the
//! policy of its context: rustls calls sessl's process-wide verifier and
//! client certificate resolver with no word of the connection, so the
//! connection names itself here around every call into rustls, and the
//! verdict the verifier reached waits here for the connection to take it.

use std::cell::RefCell;
use std::sync::{Arc, Weak};

use parking_lot::RwLock;
use rustls::sign::CertifiedKey;

use super::connection::Connection;
use super::trust::Trust;
use super::verify::Recorded;

thread_local! {
    static CALL: RefCell<ThreadCall> = const {
        RefCell::new(ThreadCall {
            conn: None,
            recorded: None,
        })
    };
}

/// Presents the context's certificate, if it has one, when a server asks:
/// its current one, or under TLS 1.3 one of another key type it keeps.
#[derive(Debug, Default)]
pub struct ClientCertSlot {
    key: RwLock<Option<Arc<CertifiedKey>>>,
    others: RwLock<Vec<Arc<CertifiedKey>>>,
}

impl ClientCertSlot {
    /// Sets (or clears) the certificate and key.
    pub fn set(&self, key: Option<Arc<CertifiedKey>>) {
        *self.key.write() = key;
    }

    /// The certificate and key, if set.
    pub fn key(&self) -> Option<Arc<CertifiedKey>> {
        self.key.read().clone()
    }

    /// Sets the certificates and keys of the other key types.
    pub fn set_others(&self, others: Vec<Arc<CertifiedKey>>) {
        *self.others.write() = others;
    }

    /// The certificates and keys of the other key types.
    pub fn others(&self) -> Vec<Arc<CertifiedKey>> {
        self.others.read().clone()
    }
}

/// How a context verifies peers (without a validator) and authenticates
/// itself as a client.
#[derive(Default)]
pub struct PeerPolicy {
    /// The trust anchors.
    pub trust: Trust,
    /// The client certificate presented when a server asks.
    pub client_cert: ClientCertSlot,
}

/// What this thread is working for while it is inside rustls, and what the
/// verification it made recorded.
struct ThreadCall {
    /// The connection whose call into rustls runs on this thread.
    conn: Option<Weak<Connection>>,
    /// What the last verification on this thread recorded.
    recorded: Option<Recorded>,
}

/// Runs `f` (a call into rustls) for `conn`, whose context's policy
/// verification and client authentication follow on this thread; what an
/// earlier call recorded is forgotten.
pub(super) fn run_for<R>(conn: &Weak<Connection>, f: impl FnOnce() -> R) -> R {
    let previous = CALL.with(|c| {
        let mut c = c.borrow_mut();
        c.recorded = None;
        c.conn.replace(conn.clone())
    });
    let r = f();
    CALL.with(|c| c.borrow_mut().conn = previous);
    r
}

/// The policy of the connection this thread is working for, if any.
pub(crate) fn current_policy() -> Option<Arc<PeerPolicy>> {
    Some(current_connection()?.context().peer_policy().clone())
}

/// The connection this thread is working for, if any.
pub(crate) fn current_connection() -> Option<Arc<Connection>> {
    CALL.with(|c| c.borrow().conn.as_ref().and_then(Weak::upgrade))
}

/// Keeps what a verification on this thread recorded.
pub(super) fn record(recorded: Recorded) {
    CALL.with(|c| c.borrow_mut().recorded = Some(recorded));
}

/// Takes what the last verification on this thread recorded.
pub(super) fn take_recorded() -> Option<Recorded> {
    CALL.with(|c| c.borrow_mut().recorded.take())
}

/// The code the last verification on this thread recorded, left in place.
pub(super) fn peek_recorded_code() -> Option<i64> {
    CALL.with(|c| c.borrow().recorded.as_ref().map(|r| r.verdict.code))
}
