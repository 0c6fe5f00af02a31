//! The connection a thread is working for while it is inside rustls, and the
//! policy of its context: rustls calls sessl's process-wide verifier and
//! client certificate resolver with no word of the connection, so the
//! connection names itself here around every call into rustls.

use std::cell::RefCell;
use std::sync::{Arc, Weak};

use parking_lot::RwLock;
use rustls::sign::CertifiedKey;

use super::connection::Connection;
use super::trust::Trust;

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
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

/// What this thread is working for while it is inside rustls.
#[derive(Clone)]
pub(super) struct Current {
    /// The context's policy.
    pub(super) policy: Arc<PeerPolicy>,
    /// The connection.
    pub(super) conn: Weak<Connection>,
}

/// Runs `f` (a call into rustls) for `conn`, whose context's `policy` client
/// authentication follows on this thread.
pub(super) fn run_for<R>(
    policy: &Arc<PeerPolicy>,
    conn: &Weak<Connection>,
    f: impl FnOnce() -> R,
) -> R {
    let previous = CURRENT.with(|c| {
        c.replace(Some(Current {
            policy: policy.clone(),
            conn: conn.clone(),
        }))
    });
    let r = f();
    CURRENT.with(|c| *c.borrow_mut() = previous);
    r
}

/// The policy of the connection this thread is working for, if any.
pub(crate) fn current_policy() -> Option<Arc<PeerPolicy>> {
    CURRENT.with(|c| c.borrow().as_ref().map(|c| c.policy.clone()))
}

/// The connection this thread is working for, if any.
pub(crate) fn current_connection() -> Option<Arc<Connection>> {
    current()?.conn.upgrade()
}

/// What this thread is working for, if anything.
pub(super) fn current() -> Option<Current> {
    CURRENT.with(|c| c.borrow().clone())
}
