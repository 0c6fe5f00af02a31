//! The client certificate a context presents. rustls resumes a session only
//! under the resolver that made it, so one resolver serves the whole process
//! and presents the certificate of the current connection's context (see
//! `policy::run_for`).

use std::sync::{Arc, OnceLock};

use rustls::client::ResolvesClientCert;
use rustls::sign::CertifiedKey;
use rustls::SignatureScheme;

/// The process-wide client certificate resolver.
#[derive(Debug)]
pub struct ClientCertResolver;

impl ClientCertResolver {
    /// The one resolver every client context uses.
    pub fn shared() -> Arc<ClientCertResolver> {
        static SHARED: OnceLock<Arc<ClientCertResolver>> = OnceLock::new();
        SHARED.get_or_init(|| Arc::new(ClientCertResolver)).clone()
    }
}

fn current_key() -> Option<Arc<CertifiedKey>> {
    super::policy::current_policy()?.client_cert.key()
}

impl ResolvesClientCert for ClientCertResolver {
    fn resolve(
        &self,
        root_hint_subjects: &[&[u8]],
        sigschemes: &[SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        let conn = super::policy::current_connection();
        if let Some(c) = &conn {
            c.set_peer_ca_names(root_hint_subjects.iter().map(|n| n.to_vec()).collect());
        }
        let key = current_key()?;
        key.key.choose_scheme(sigschemes)?;
        let full = conn.and_then(|c| super::verify::completed_chain(c.context(), &key.cert));
        match full {
            Some(chain) => Some(Arc::new(CertifiedKey::new(chain, key.key.clone()))),
            None => Some(key),
        }
    }

    fn has_certs(&self) -> bool {
        current_key().is_some()
    }
}
