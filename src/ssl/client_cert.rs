//! The client certificate a context presents, behind one resolver that lives
//! as long as the context (rustls resumes a session only under the resolver
//! that made it), so the certificate can change without breaking resumption.

use std::sync::Arc;

use parking_lot::RwLock;
use rustls::client::ResolvesClientCert;
use rustls::sign::CertifiedKey;
use rustls::SignatureScheme;

/// Presents the context's certificate, if it has one, when a server asks.
#[derive(Debug, Default)]
pub struct ClientCertSlot {
    key: RwLock<Option<Arc<CertifiedKey>>>,
}

impl ClientCertSlot {
    /// Sets (or clears) the certificate and key.
    pub fn set(&self, key: Option<Arc<CertifiedKey>>) {
        *self.key.write() = key;
    }
}

impl ResolvesClientCert for ClientCertSlot {
    fn resolve(
        &self,
        _root_hint_subjects: &[&[u8]],
        sigschemes: &[SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        let key = self.key.read().clone()?;
        key.key.choose_scheme(sigschemes)?;
        Some(key)
    }

    fn has_certs(&self) -> bool {
        self.key.read().is_some()
    }
}
