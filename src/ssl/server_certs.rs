//! The server's certificate choice: the context's current certificate and
//! key, or one of another key type it keeps (OpenSSL keeps one per key
//! type), whichever the client's ClientHello can take: a signature scheme
//! the key signs with and, for TLS 1.2, a suite of the key's algorithm.

use std::sync::Arc;

use rustls::server::ClientHello;
use rustls::sign::CertifiedKey;
use rustls::{CipherSuite, SignatureAlgorithm, SupportedCipherSuite};

use super::scheme_filter::{filtered, SigningSide};

/// Presents the current certificate, else the first kept one the client
/// can take (an ECDSA one before others, as OpenSSL's default suite and
/// signature lists put ECDSA first), with the OCSP response the
/// application staples.
#[derive(Debug)]
pub(super) struct ServerCerts {
    /// The current certificate and key.
    pub current: Arc<CertifiedKey>,
    /// Those of other key types.
    pub others: Vec<Arc<CertifiedKey>>,
}

/// Whether a client offering `suites` and `schemes` can take `key`.
fn takes(key: &CertifiedKey, suites: &[CipherSuite], schemes: &[rustls::SignatureScheme]) -> bool {
    let alg = key.key.algorithm();
    let suite_fits = suites.iter().any(|cs| {
        rustls::crypto::aws_lc_rs::ALL_CIPHER_SUITES
            .iter()
            .find(|s| s.suite() == *cs)
            .is_some_and(|s| match s {
                SupportedCipherSuite::Tls13(_) => true,
                SupportedCipherSuite::Tls12(_) => s.usable_for_signature_algorithm(alg),
            })
    });
    suite_fits && key.key.choose_scheme(schemes).is_some()
}

impl ServerCerts {
    fn choose(&self, hello: &ClientHello<'_>) -> Arc<CertifiedKey> {
        if self.others.is_empty() {
            return self.current.clone();
        }
        let (suites, schemes) = (hello.cipher_suites(), hello.signature_schemes());
        let mut candidates: Vec<&Arc<CertifiedKey>> =
            std::iter::once(&self.current).chain(&self.others).collect();
        // Stable: ECDSA first, the current one first among equals.
        candidates.sort_by_key(|k| k.key.algorithm() != SignatureAlgorithm::ECDSA);
        candidates
            .into_iter()
            .find(|k| takes(k, suites, schemes))
            .unwrap_or(&self.current)
            .clone()
    }
}

impl rustls::server::ResolvesServerCert for ServerCerts {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let key = super::ocsp::with_staple(&self.choose(&hello))?;
        Some(filtered(key, SigningSide::Server))
    }
}
