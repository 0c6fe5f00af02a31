//! A context's trust anchors when webpki verifies (without the C ABI's
//! libcrypto validator): its own certificates plus an outside source.

use std::sync::Arc;

use parking_lot::RwLock;
use rustls::RootCertStore;
use rustls_pki_types::CertificateDer;

/// Trust anchors kept outside sessl (e.g. an `X509_STORE`), read at each verification.
pub trait TrustSource: Send + Sync {
    /// The certificates to trust, DER-encoded.
    fn certificates(&self) -> Vec<CertificateDer<'static>>;
    /// The source as `Any`, so its owner can recognise it.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// A context's trust anchors: its own list plus an optional outside source.
#[derive(Default)]
pub struct Trust {
    own: RwLock<Vec<CertificateDer<'static>>>,
    source: RwLock<Option<Arc<dyn TrustSource>>>,
}

impl Trust {
    /// Replaces the context's own anchors.
    pub fn set_own(&self, certs: Vec<CertificateDer<'static>>) {
        *self.own.write() = certs;
    }

    /// Sets (or clears) the outside source.
    pub fn set_source(&self, source: Option<Arc<dyn TrustSource>>) {
        *self.source.write() = source;
    }

    /// The outside source, if any.
    pub fn source(&self) -> Option<Arc<dyn TrustSource>> {
        self.source.read().clone()
    }

    /// Every anchor, as a rustls root store.
    pub fn root_store(&self) -> RootCertStore {
        let mut roots = RootCertStore::empty();
        roots.add_parsable_certificates(self.own.read().iter().cloned());
        if let Some(source) = self.source() {
            roots.add_parsable_certificates(source.certificates());
        }
        roots
    }
}
