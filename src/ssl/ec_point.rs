//! EC public keys read as points, not encodings: a certificate may carry its
//! key's point compressed (SEC 1 `02`/`03` and X) where the key itself (and
//! rustls, and webpki's callers) give it uncompressed (`04`, X and Y).
//! OpenSSL compares points (`EVP_PKEY_eq`, `EC_POINT_cmp`), so sessl reads a
//! compressed point through aws-lc (which puts Y back) and writes the
//! SubjectPublicKeyInfo again, uncompressed.

use std::borrow::Cow;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::signature::{
    ParsedPublicKey, VerificationAlgorithm, ECDSA_P256_SHA256_ASN1, ECDSA_P384_SHA384_ASN1,
    ECDSA_P521_SHA512_ASN1,
};

use super::cert_strength::{ec_curve_and_point, nist_curve};

/// SEC 1's first byte of a compressed point (even Y, odd Y).
const COMPRESSED: [u8; 2] = [0x02, 0x03];

/// A verification algorithm on `curve` (any will do: only its curve is used
/// to read the point).
fn algorithm_on(curve: &[u8]) -> Option<&'static dyn VerificationAlgorithm> {
    match nist_curve(curve)? {
        256 => Some(&ECDSA_P256_SHA256_ASN1),
        384 => Some(&ECDSA_P384_SHA384_ASN1),
        521 => Some(&ECDSA_P521_SHA512_ASN1),
        _ => None,
    }
}

/// `spki` with its EC point uncompressed; `spki` itself when it is not an EC
/// key with a compressed point on a curve sessl knows, or when the point is
/// not on the curve (then nothing compares equal to it but itself).
pub fn uncompressed_spki(spki: &[u8]) -> Cow<'_, [u8]> {
    let Some((curve, point)) = ec_curve_and_point(spki) else {
        return Cow::Borrowed(spki);
    };
    if !point.first().is_some_and(|b| COMPRESSED.contains(b)) {
        return Cow::Borrowed(spki);
    }
    let written = algorithm_on(curve)
        .and_then(|alg| ParsedPublicKey::new(alg, point).ok())
        .and_then(|key| key.as_der().ok());
    match written {
        Some(der) => Cow::Owned(der.as_ref().to_vec()),
        None => Cow::Borrowed(spki),
    }
}

/// Whether two SubjectPublicKeyInfos hold the same public key, an EC point
/// compared whatever its encoding (OpenSSL's `EVP_PKEY_eq`).
pub fn same_public_key(a: &[u8], b: &[u8]) -> bool {
    a == b || uncompressed_spki(a) == uncompressed_spki(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::encoding::{AsBigEndian, EcPublicKeyCompressedBin};
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_ASN1_SIGNING};

    /// A DER SubjectPublicKeyInfo of a P-256 `point` (short lengths only).
    fn p256_spki(point: &[u8]) -> Vec<u8> {
        let alg = [
            0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
            0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
        ];
        let bits = [&[0x03, point.len() as u8 + 1, 0x00][..], point].concat();
        let body = [&alg[..], &bits].concat();
        [&[0x30, body.len() as u8][..], &body].concat()
    }

    fn key() -> EcdsaKeyPair {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).unwrap();
        EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref()).unwrap()
    }

    fn compressed(k: &EcdsaKeyPair) -> Vec<u8> {
        let c: EcPublicKeyCompressedBin = k.public_key().as_be_bytes().unwrap();
        c.as_ref().to_vec()
    }

    #[test]
    fn a_compressed_point_is_the_uncompressed_one() {
        let k = key();
        let full = p256_spki(k.public_key().as_ref());
        let short = p256_spki(&compressed(&k));
        assert_ne!(full, short);
        assert_eq!(uncompressed_spki(&short).as_ref(), full.as_slice());
        assert!(same_public_key(&short, &full));
        assert!(same_public_key(&full, &short));
        assert!(matches!(uncompressed_spki(&full), Cow::Borrowed(_)));
    }

    #[test]
    fn other_points_differ() {
        let (a, b) = (key(), key());
        let a_short = p256_spki(&compressed(&a));
        assert!(!same_public_key(
            &a_short,
            &p256_spki(b.public_key().as_ref())
        ));
        // The same X with the other parity is the other point (-P).
        let mut flipped = compressed(&a);
        flipped[0] ^= 1;
        assert!(!same_public_key(
            &p256_spki(&flipped),
            &p256_spki(a.public_key().as_ref())
        ));
        // Not a point: left as it is.
        let junk = p256_spki(&[0x02; 20]);
        assert_eq!(uncompressed_spki(&junk).as_ref(), junk.as_slice());
        assert!(matches!(uncompressed_spki(b"not a key"), Cow::Borrowed(_)));
    }
}
