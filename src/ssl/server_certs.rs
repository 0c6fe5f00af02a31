//! The server's certificate choice: the context's current certificate and
//! key, or one of another key type it keeps (OpenSSL keeps one per key
//! type), whichever the client's ClientHello can take: a signature scheme
//! the key signs with and, for TLS 1.2, a suite of the key's algorithm and,
//! for an EC key, its curve among the client's supported groups (OpenSSL's
//! `tls1_check_cert_param`; TLS 1.3 ties the curve to the signature scheme
//! only).

use std::sync::Arc;

use rustls::server::ClientHello;
use rustls::sign::{CertifiedKey, Signer, SigningKey};
use rustls::{CipherSuite, NamedGroup, SignatureAlgorithm, SignatureScheme, SupportedCipherSuite};

use super::cert_strength::{ec_curve_and_point, nist_curve, subject_public_key_info};
use super::scheme_filter::{filtered, SigningSide};

/// TLS 1.3's protocol version number.
const TLS13: u16 = 0x0304;

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
    /// Whether the configuration allows TLS 1.3.
    pub tls13: bool,
    /// `current`, then each of `others`, signing under the connection's
    /// lists (which it reads when it signs): made once per configuration,
    /// not per handshake.
    signing: Vec<Arc<CertifiedKey>>,
    /// The curve of `current`, then of each of `others` (`curve_group`),
    /// read from their certificates once per configuration.
    curves: Vec<Option<NamedGroup>>,
}

/// Whether a client offering `suites` and `schemes` can take `key`.
fn takes(key: &CertifiedKey, suites: &[CipherSuite], schemes: &[SignatureScheme]) -> bool {
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

/// The named group of an EC certificate's curve; `None` for another key
/// (or a curve sessl does not know).
fn curve_group(key: &CertifiedKey) -> Option<NamedGroup> {
    let spki = subject_public_key_info(key.cert.first()?.as_ref())?;
    let (curve, _) = ec_curve_and_point(spki)?;
    Some(match nist_curve(curve)? {
        256 => NamedGroup::secp256r1,
        384 => NamedGroup::secp384r1,
        _ => NamedGroup::secp521r1,
    })
}

/// Whether a TLS 1.2 client offering `groups` (`None`: it sent no
/// supported_groups, and so takes any) can take a key on `curve`.
fn curve_offered(curve: Option<NamedGroup>, groups: Option<&[NamedGroup]>) -> bool {
    match (curve, groups) {
        (Some(group), Some(groups)) => groups.contains(&group),
        _ => true,
    }
}

/// A key no TLS 1.2 suite signs with: presented when none of the server's
/// certificates will do, so that rustls fails the handshake with no shared
/// cipher (alert handshake_failure), as OpenSSL does.
#[derive(Debug)]
struct Unusable;

impl SigningKey for Unusable {
    fn choose_scheme(&self, _offered: &[SignatureScheme]) -> Option<Box<dyn Signer>> {
        None
    }

    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::Anonymous
    }
}

/// Whether the handshake is TLS 1.2 for certain: the configuration or the
/// client's ClientHello (read through the connection rustls works for)
/// leaves out TLS 1.3.
fn surely_tls12(config_allows_tls13: bool) -> bool {
    if !config_allows_tls13 {
        return true;
    }
    super::policy::current_connection().and_then(|c| c.peer_offers_version(TLS13)) == Some(false)
}

impl ServerCerts {
    /// Presents `current`, else one of `others`.
    pub fn new(current: Arc<CertifiedKey>, others: Vec<Arc<CertifiedKey>>, tls13: bool) -> Self {
        let signing = std::iter::once(&current)
            .chain(&others)
            .map(|k| filtered(k.clone(), SigningSide::Server))
            .collect();
        let curves = std::iter::once(&current)
            .chain(&others)
            .map(|k| curve_group(k))
            .collect();
        ServerCerts {
            current,
            others,
            tls13,
            signing,
            curves,
        }
    }

    /// The curve of `key`, one of ours.
    fn curve(&self, key: &CertifiedKey) -> Option<NamedGroup> {
        let ours = std::iter::once(&self.current).chain(&self.others);
        match ours
            .zip(&self.curves)
            .find(|(k, _)| std::ptr::eq(&***k, key))
        {
            Some((_, curve)) => *curve,
            None => curve_group(key),
        }
    }

    /// `key` signing under the connection's lists: the one made for it
    /// when it is one of ours unchanged (no staple added).
    fn signing(&self, key: Arc<CertifiedKey>) -> Arc<CertifiedKey> {
        let ours = std::iter::once(&self.current).chain(&self.others);
        match ours.zip(&self.signing).find(|(k, _)| Arc::ptr_eq(k, &key)) {
            Some((_, signing)) => signing.clone(),
            None => filtered(key, SigningSide::Server),
        }
    }

    /// The key to present; `None` when none will do under TLS 1.2.
    fn choose(&self, hello: &ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let (suites, schemes) = (hello.cipher_suites(), hello.signature_schemes());
        let tls12 = surely_tls12(self.tls13);
        let groups = hello.named_groups();
        let curve_fits = |k: &CertifiedKey| !tls12 || curve_offered(self.curve(k), groups);
        if self.others.is_empty() {
            return curve_fits(&self.current).then(|| self.current.clone());
        }
        let mut candidates: Vec<&Arc<CertifiedKey>> =
            std::iter::once(&self.current).chain(&self.others).collect();
        // Stable: ECDSA first, the current one first among equals.
        candidates.sort_by_key(|k| k.key.algorithm() != SignatureAlgorithm::ECDSA);
        let chosen = candidates
            .into_iter()
            .find(|k| takes(k, suites, schemes) && curve_fits(k));
        match chosen {
            Some(k) => Some(k.clone()),
            None => curve_fits(&self.current).then(|| self.current.clone()),
        }
    }
}

impl rustls::server::ResolvesServerCert for ServerCerts {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let Some(chosen) = self.choose(&hello) else {
            let cert = self.current.cert.clone();
            return Some(Arc::new(CertifiedKey::new(cert, Arc::new(Unusable))));
        };
        let key = super::ocsp::with_staple(&chosen)?;
        Some(self.signing(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn certified(cert: rustls_pki_types::CertificateDer<'static>) -> CertifiedKey {
        CertifiedKey::new(vec![cert], Arc::new(Unusable))
    }

    #[test]
    fn a_kept_key_signs_through_one_wrapper_made_with_the_configuration() {
        let der = |b: &[u8]| rustls_pki_types::CertificateDer::from(b.to_vec());
        let (current, other) = (
            Arc::new(certified(der(b"one"))),
            Arc::new(certified(der(b"two"))),
        );
        let certs = ServerCerts::new(current.clone(), vec![other.clone()], true);
        let first = certs.signing(current.clone());
        assert!(Arc::ptr_eq(&first, &certs.signing(current.clone())));
        assert!(
            !Arc::ptr_eq(&first, &current),
            "wrapped to sign under the lists"
        );
        assert_eq!(certs.signing(other.clone()).cert, other.cert);
        // A stapled copy is another key: wrapped for this handshake only.
        let stapled = Arc::new((*current).clone());
        let wrapped = certs.signing(stapled.clone());
        assert!(!Arc::ptr_eq(&wrapped, &first) && wrapped.cert == current.cert);
    }

    #[test]
    fn a_tls12_client_takes_an_ec_certificate_of_its_groups_only() {
        // `self_signed` makes a P-256 certificate.
        let (cert, _) = crate::ssl::context::tests::self_signed();
        let ec = certified(cert);
        assert_eq!(curve_group(&ec), Some(NamedGroup::secp256r1));
        let p256 = curve_group(&ec);
        assert!(curve_offered(p256, None), "no supported_groups: any curve");
        assert!(curve_offered(
            p256,
            Some(&[NamedGroup::secp384r1, NamedGroup::secp256r1])
        ));
        assert!(!curve_offered(p256, Some(&[NamedGroup::secp384r1])));
        let junk = certified(vec![0x30, 0x00].into());
        assert_eq!(curve_group(&junk), None);
        assert!(curve_offered(None, Some(&[NamedGroup::X25519])));
        let ec = Arc::new(ec);
        let certs = ServerCerts::new(ec.clone(), vec![Arc::new(junk)], false);
        assert_eq!(
            certs.curve(&ec),
            Some(NamedGroup::secp256r1),
            "kept with the key"
        );
        assert_eq!(certs.curve(&certs.others[0]), None);
    }

    #[test]
    fn the_unusable_key_signs_nothing() {
        assert_eq!(Unusable.algorithm(), SignatureAlgorithm::Anonymous);
        assert!(Unusable
            .choose_scheme(&[SignatureScheme::ECDSA_NISTP256_SHA256])
            .is_none());
        // No TLS 1.2 suite (TLS 1.3 suites leave the key to the scheme).
        let tls12 = rustls::crypto::aws_lc_rs::ALL_CIPHER_SUITES
            .iter()
            .filter(|s| matches!(s, SupportedCipherSuite::Tls12(_)));
        assert!(tls12.clone().count() > 0);
        assert!(!tls12
            .clone()
            .any(|s| s.usable_for_signature_algorithm(SignatureAlgorithm::Anonymous)));
    }
}
