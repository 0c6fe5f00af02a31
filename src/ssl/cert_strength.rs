//! How strong a certificate is, read from its DER: the bits of security of
//! its public key and of the digest it is signed with, as OpenSSL counts
//! them for its security levels (`EVP_PKEY_get_security_bits`,
//! `X509_get_signature_info`), and whether it signs itself.

use crate::session::ByteCursor;

/// DER tags read here.
const SEQUENCE: u8 = 0x30;
const BIT_STRING: u8 = 0x03;
const INTEGER: u8 = 0x02;
const OID: u8 = 0x06;
const VERSION: u8 = 0xa0;

/// Key algorithms (the OID's content bytes) and curves.
const RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const RSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
const EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
const P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];
const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
const ED448: &[u8] = &[0x2b, 0x65, 0x71];

/// The arc under which PKCS #1 names RSA signatures, and ECDSA's.
const PKCS1: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01];
const ECDSA_SHA1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01];
const ECDSA_SHA2: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03];

/// What a certificate's strength is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CertificateStrength {
    /// Bits of security of the public key, if sessl knows its algorithm.
    pub key_bits: Option<i32>,
    /// Bits of security of the signature's digest, if sessl knows it.
    pub signature_bits: Option<i32>,
    /// Whether issuer and subject are the same name.
    pub self_signed: bool,
}

/// One DER element: its tag and contents.
fn element<'a>(c: &mut ByteCursor<'a>) -> Option<(u8, &'a [u8])> {
    let tag = c.u8()?;
    let first = c.u8()?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        c.bytes(n)?
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b))
    };
    Some((tag, c.bytes(len)?))
}

/// The contents of an element that must have `tag`.
fn expect<'a>(c: &mut ByteCursor<'a>, tag: u8) -> Option<&'a [u8]> {
    let (t, body) = element(c)?;
    (t == tag).then_some(body)
}

/// The fields of a DER certificate read here.
struct Fields<'a> {
    signature: &'a [u8],
    issuer: &'a [u8],
    subject: &'a [u8],
    /// The SubjectPublicKeyInfo element whole (tag and length too).
    spki: &'a [u8],
    /// Its contents.
    spki_body: &'a [u8],
}

/// Reads a DER certificate's fields, of any version (a version 1
/// certificate has no `[0]` version element); `None` when it is not one.
fn fields(der: &[u8]) -> Option<Fields<'_>> {
    let mut cert = ByteCursor::new(expect(&mut ByteCursor::new(der), SEQUENCE)?);
    let tbs_der = expect(&mut cert, SEQUENCE)?;
    let mut tbs = ByteCursor::new(tbs_der);
    let signature = algorithm(expect(&mut cert, SEQUENCE)?)?.0;
    let (first, _) = element(&mut tbs)?;
    let serial = if first == VERSION {
        element(&mut tbs)?.0
    } else {
        first
    };
    if serial != INTEGER {
        return None;
    }
    expect(&mut tbs, SEQUENCE)?; // signature algorithm, again
    let issuer = expect(&mut tbs, SEQUENCE)?;
    expect(&mut tbs, SEQUENCE)?; // validity
    let subject = expect(&mut tbs, SEQUENCE)?;
    let start = tbs.position();
    let spki_body = expect(&mut tbs, SEQUENCE)?;
    Some(Fields {
        signature,
        issuer,
        subject,
        spki: &tbs_der[start..tbs.position()],
        spki_body,
    })
}

/// A DER certificate's SubjectPublicKeyInfo, whole; `None` when the bytes
/// are not a certificate.
pub(super) fn subject_public_key_info(der: &[u8]) -> Option<&[u8]> {
    fields(der).map(|f| f.spki)
}

/// The OID of a DER certificate's key algorithm (RSA, EC, Ed25519, ...):
/// OpenSSL keeps one certificate per such key type in a context.
pub(super) fn key_type(der: &[u8]) -> Option<&[u8]> {
    let spki = fields(der)?.spki_body;
    let mut c = ByteCursor::new(spki);
    Some(algorithm(expect(&mut c, SEQUENCE)?)?.0)
}

/// The OID of a DER SubjectPublicKeyInfo's key algorithm (a private key's
/// type, read from its public half).
pub(super) fn spki_key_type(spki: &[u8]) -> Option<&[u8]> {
    let mut c = ByteCursor::new(spki);
    let body = expect(&mut c, SEQUENCE)?;
    let mut c = ByteCursor::new(body);
    Some(algorithm(expect(&mut c, SEQUENCE)?)?.0)
}

/// A DER SubjectPublicKeyInfo's EC curve (the named curve's OID) and public
/// point (its SEC 1 encoding, compressed or not); `None` for another key.
pub(super) fn ec_curve_and_point(spki: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut c = ByteCursor::new(spki);
    let mut body = ByteCursor::new(expect(&mut c, SEQUENCE)?);
    let (oid, params) = algorithm(expect(&mut body, SEQUENCE)?)?;
    if oid != EC {
        return None;
    }
    let curve = expect(&mut ByteCursor::new(params), OID)?;
    // A BIT STRING's first byte counts its unused bits: none in a point.
    let point = expect(&mut body, BIT_STRING)?.strip_prefix(&[0])?;
    Some((curve, point))
}

/// The named curves sessl reads points of: P-256, P-384 and P-521.
pub(super) fn nist_curve(oid: &[u8]) -> Option<u16> {
    match oid {
        P256 => Some(256),
        P384 => Some(384),
        P521 => Some(521),
        _ => None,
    }
}

/// Whether `der` reads as a certificate (what OpenSSL's PEM reader asks of
/// each certificate of a file it loads).
pub(super) fn is_certificate(der: &[u8]) -> bool {
    fields(der).is_some()
}

impl CertificateStrength {
    /// Reads a DER certificate; `None` when it is not one.
    pub fn of(der: &[u8]) -> Option<Self> {
        let f = fields(der)?;
        Some(CertificateStrength {
            key_bits: key_bits(f.spki_body),
            signature_bits: signature_bits(f.signature),
            self_signed: f.issuer == f.subject,
        })
    }
}

/// An AlgorithmIdentifier's OID and parameters.
fn algorithm(body: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut c = ByteCursor::new(body);
    let oid = expect(&mut c, OID)?;
    Some((oid, c.rest()))
}

/// The bits of security of a SubjectPublicKeyInfo's key.
fn key_bits(spki: &[u8]) -> Option<i32> {
    let mut c = ByteCursor::new(spki);
    let (oid, params) = algorithm(expect(&mut c, SEQUENCE)?)?;
    match oid {
        RSA | RSA_PSS => {
            let key = expect(&mut c, BIT_STRING)?.get(1..)?;
            let mut key = ByteCursor::new(expect(&mut ByteCursor::new(key), SEQUENCE)?);
            let modulus = expect(&mut key, INTEGER)?;
            Some(rsa_security_bits(bit_length(modulus)))
        }
        EC => match expect(&mut ByteCursor::new(params), OID)? {
            P256 => Some(128),
            P384 => Some(192),
            P521 => Some(256),
            _ => None,
        },
        ED25519 => Some(128),
        ED448 => Some(224),
        _ => None,
    }
}

/// The number of bits of a DER INTEGER's (unsigned) value.
fn bit_length(integer: &[u8]) -> u32 {
    let digits: &[u8] = match integer.iter().position(|b| *b != 0) {
        Some(i) => &integer[i..],
        None => &[],
    };
    match digits.first() {
        Some(top) => (digits.len() as u32) * 8 - top.leading_zeros(),
        None => 0,
    }
}

/// OpenSSL's bits of security of an RSA modulus of `n` bits: the values
/// SP 800-56B lists for common sizes, else its estimate of the work of
/// factoring, rounded to a multiple of 8 as OpenSSL rounds it.
pub fn rsa_security_bits(n: u32) -> i32 {
    match n {
        2048 => return 112,
        3072 => return 128,
        4096 => return 152,
        6144 => return 176,
        7680 => return 192,
        8192 => return 200,
        15360 => return 256,
        0..=7 => return 0,
        _ => {}
    }
    let cap = match n {
        0..=7680 => 192,
        7681..=15360 => 256,
        _ => 1200,
    };
    let x = f64::from(n) * std::f64::consts::LN_2;
    let lx = x.ln();
    let y = ((1.923 * (x * lx * lx).cbrt() - 4.69) / std::f64::consts::LN_2) as i32;
    ((y + 4) & !7).min(cap)
}

/// The bits of security of a signature algorithm's digest (SHA-1 counts 63
/// and MD5 39, as OpenSSL 3.0 counts them); `None` for one sessl does not
/// know (RSA-PSS keeps its digest in parameters).
fn signature_bits(oid: &[u8]) -> Option<i32> {
    if let Some(&[n]) = oid.strip_prefix(PKCS1) {
        return match n {
            4 => Some(39),
            5 => Some(63),
            11 => Some(128),
            12 => Some(192),
            13 => Some(256),
            14 => Some(112),
            _ => None,
        };
    }
    if oid == ECDSA_SHA1 {
        return Some(63);
    }
    if let Some(&[n]) = oid.strip_prefix(ECDSA_SHA2) {
        return [112, 128, 192, 256]
            .get(usize::from(n).checked_sub(1)?)
            .copied();
    }
    match oid {
        ED25519 => Some(128),
        ED448 => Some(224),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rsa_bits_as_openssl_counts_them() {
        assert_eq!(rsa_security_bits(1024), 80);
        assert_eq!(rsa_security_bits(2048), 112);
        assert_eq!(rsa_security_bits(3072), 128);
        // EVP_PKEY_get_security_bits of keys of these sizes.
        for (n, bits) in [
            (512, 56),
            (768, 72),
            (1536, 96),
            (2560, 120),
            (3000, 128),
            (3500, 136),
        ] {
            assert_eq!(rsa_security_bits(n), bits, "{n}");
        }
    }

    #[test]
    fn bit_lengths() {
        assert_eq!(bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(bit_length(&[0x01]), 1);
        assert_eq!(bit_length(&[0x00]), 0);
    }

    #[test]
    fn signature_digests() {
        let rsa = |n: u8| [PKCS1, &[n]].concat();
        assert_eq!(signature_bits(&rsa(5)), Some(63));
        assert_eq!(signature_bits(&rsa(11)), Some(128));
        assert_eq!(signature_bits(&[ECDSA_SHA2, &[3]].concat()), Some(192));
        assert_eq!(signature_bits(ECDSA_SHA1), Some(63));
        assert_eq!(signature_bits(&rsa(10)), None);
    }

    #[test]
    fn a_generated_certificate_is_read() {
        let (cert, _) = crate::ssl::context::tests::self_signed();
        let strength = CertificateStrength::of(&cert).expect("a certificate");
        assert!(strength.self_signed);
        assert!(strength.key_bits.is_some());
        assert!(strength.signature_bits.is_some());
        assert_eq!(CertificateStrength::of(b"not a certificate"), None);
        for cut in 0..cert.len() {
            let _ = CertificateStrength::of(&cert[..cut]);
        }
    }
}
