//! Whether a private key belongs to a certificate (OpenSSL's
//! `X509_check_private_key`), by comparing the key's public half with the
//! certificate's SubjectPublicKeyInfo read from its DER, so that any
//! certificate OpenSSL loads (version 1 ones too, which webpki and so
//! rustls' `CertifiedKey::keys_match` refuse to parse) can be checked; an EC
//! key's point is compared whatever its encoding (`ec_point`).

use std::sync::Arc;

use rustls::sign::{CertifiedKey, SigningKey};
use rustls_pki_types::CertificateDer;

use super::cert_strength::subject_public_key_info;
use super::ec_point::same_public_key;
use super::error::Error;

/// `Ok` when `signer`'s public key is `leaf`'s; `Error::KeyMismatch` when
/// it is not or the certificate cannot be read.
pub fn check(leaf: &CertificateDer<'_>, signer: &Arc<dyn SigningKey>) -> Result<(), Error> {
    let Some(cert_spki) = subject_public_key_info(leaf.as_ref()) else {
        return Err(Error::KeyMismatch("unreadable certificate".into()));
    };
    match signer.public_key() {
        Some(key_spki) if same_public_key(key_spki.as_ref(), cert_spki) => Ok(()),
        Some(_) => Err(Error::KeyMismatch("different public keys".into())),
        // A key whose public half rustls does not give: rustls' own check.
        None => CertifiedKey::new(vec![leaf.clone().into_owned()], signer.clone())
            .keys_match()
            .map_err(|e| Error::KeyMismatch(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer(key: &rustls_pki_types::PrivateKeyDer<'static>) -> Arc<dyn SigningKey> {
        rustls::crypto::aws_lc_rs::default_provider()
            .key_provider
            .load_private_key(key.clone_key())
            .unwrap()
    }

    #[test]
    fn a_key_matches_its_certificate_only() {
        let (cert, key) = crate::ssl::context::tests::self_signed();
        let (other, other_key) = crate::ssl::context::tests::self_signed();
        assert!(check(&cert, &signer(&key)).is_ok());
        assert!(check(&other, &signer(&other_key)).is_ok());
        assert!(matches!(
            check(&cert, &signer(&other_key)),
            Err(Error::KeyMismatch(_))
        ));
        let junk = CertificateDer::from(vec![0x30, 0x03, 0x02, 0x01, 0x00]);
        assert!(matches!(
            check(&junk, &signer(&key)),
            Err(Error::KeyMismatch(_))
        ));
    }
}
