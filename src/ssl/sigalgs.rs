//! Signature algorithm lists as OpenSSL 3.0 reads them
//! (`SSL_CTX_set1_sigalgs_list`, `SSL_CTX_set1_sigalgs`): TLS scheme names
//! (`rsa_pss_rsae_sha256`, `ed25519`) or `SIG+HASH` pairs (`RSA+SHA256`,
//! `ECDSA+SHA384`, `RSA-PSS+SHA256`), separated by `:`. A bad or repeated
//! entry, or an empty one, refuses the whole list; OpenSSL queues no error.

/// `EVP_PKEY_RSA`, `EVP_PKEY_RSA_PSS`, `EVP_PKEY_EC`, `EVP_PKEY_DSA`,
/// `EVP_PKEY_ED25519`, `EVP_PKEY_ED448`.
const RSA: i32 = 6;
const RSA_PSS: i32 = 912;
const EC: i32 = 408;
const DSA: i32 = 116;
const ED25519: i32 = 1087;
const ED448: i32 = 1088;
/// `NID_sha1`, `NID_sha224`, `NID_sha256`, `NID_sha384`, `NID_sha512`;
/// `NID_undef` for the EdDSA schemes.
const SHA1: i32 = 64;
const SHA224: i32 = 675;
const SHA256: i32 = 672;
const SHA384: i32 = 673;
const SHA512: i32 = 674;
const UNDEF: i32 = 0;

/// One entry of OpenSSL 3.0's table of signature schemes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SigAlg {
    /// The TLS code point.
    pub scheme: u16,
    /// The name a list may give (some entries have none).
    pub name: Option<&'static str>,
    /// The hash NID (`NID_undef` for EdDSA).
    pub hash: i32,
    /// The key type NID.
    pub sig: i32,
    /// The signature-and-hash NID (`SSL_get_sigalgs`' `psignhash`).
    pub sig_and_hash: i32,
}

const fn entry(scheme: u16, name: Option<&'static str>, hash: i32, sig: i32, both: i32) -> SigAlg {
    SigAlg {
        scheme,
        name,
        hash,
        sig,
        sig_and_hash: both,
    }
}

/// OpenSSL 3.0's table, in its order (for a `SIG+HASH` pair the first
/// match wins: `rsa_pss_rsae_*` before `rsa_pss_pss_*`).
const TABLE: [SigAlg; 23] = [
    entry(0x0403, Some("ecdsa_secp256r1_sha256"), SHA256, EC, 794),
    entry(0x0503, Some("ecdsa_secp384r1_sha384"), SHA384, EC, 795),
    entry(0x0603, Some("ecdsa_secp521r1_sha512"), SHA512, EC, 796),
    entry(0x0807, Some("ed25519"), UNDEF, ED25519, UNDEF),
    entry(0x0808, Some("ed448"), UNDEF, ED448, UNDEF),
    entry(0x0303, None, SHA224, EC, 793),
    entry(0x0203, Some("ecdsa_sha1"), SHA1, EC, 416),
    entry(0x0804, Some("rsa_pss_rsae_sha256"), SHA256, RSA_PSS, UNDEF),
    entry(0x0805, Some("rsa_pss_rsae_sha384"), SHA384, RSA_PSS, UNDEF),
    entry(0x0806, Some("rsa_pss_rsae_sha512"), SHA512, RSA_PSS, UNDEF),
    entry(0x0809, Some("rsa_pss_pss_sha256"), SHA256, RSA_PSS, UNDEF),
    entry(0x080a, Some("rsa_pss_pss_sha384"), SHA384, RSA_PSS, UNDEF),
    entry(0x080b, Some("rsa_pss_pss_sha512"), SHA512, RSA_PSS, UNDEF),
    entry(0x0401, Some("rsa_pkcs1_sha256"), SHA256, RSA, 668),
    entry(0x0501, Some("rsa_pkcs1_sha384"), SHA384, RSA, 669),
    entry(0x0601, Some("rsa_pkcs1_sha512"), SHA512, RSA, 670),
    entry(0x0301, None, SHA224, RSA, 671),
    entry(0x0201, Some("rsa_pkcs1_sha1"), SHA1, RSA, 65),
    entry(0x0402, None, SHA256, DSA, 803),
    entry(0x0502, None, SHA384, DSA, UNDEF),
    entry(0x0602, None, SHA512, DSA, UNDEF),
    entry(0x0302, None, SHA224, DSA, 802),
    entry(0x0202, None, SHA1, DSA, 113),
];

/// The table's entry for a TLS code point.
pub fn lookup(scheme: u16) -> Option<SigAlg> {
    TABLE.iter().find(|e| e.scheme == scheme).copied()
}

/// Whether a TLS 1.3 CertificateRequest listing `schemes` names one a TLS
/// 1.3 handshake can be signed with, as OpenSSL's `tls12_copy_sigalgs` asks
/// (a known scheme, neither DSA nor RSA PKCS #1, nor SHA-1 or SHA-224):
/// without one, OpenSSL's server fails rather than send the request.
pub fn any_signs_tls13(schemes: &[u16]) -> bool {
    schemes
        .iter()
        .filter_map(|&s| lookup(s))
        .any(|a| a.sig != DSA && a.sig != RSA && a.hash != SHA1 && a.hash != SHA224)
}

/// The key type or hash a `SIG+HASH` word names (OpenSSL's short or long
/// object names for the hash).
fn sig_or_hash(word: &str) -> (Option<i32>, Option<i32>) {
    match word {
        "RSA" => (Some(RSA), None),
        "RSA-PSS" | "PSS" => (Some(RSA_PSS), None),
        "DSA" => (Some(DSA), None),
        "ECDSA" => (Some(EC), None),
        "SHA1" | "sha1" => (None, Some(SHA1)),
        "SHA224" | "sha224" => (None, Some(SHA224)),
        "SHA256" | "sha256" => (None, Some(SHA256)),
        "SHA384" | "sha384" => (None, Some(SHA384)),
        "SHA512" | "sha512" => (None, Some(SHA512)),
        _ => (None, None),
    }
}

/// The code point one entry of a list names.
fn parse_entry(word: &str) -> Option<u16> {
    // OpenSSL copies an entry into a 40-byte buffer.
    if word.len() >= 40 {
        return None;
    }
    let Some((a, b)) = word.split_once('+') else {
        return TABLE
            .iter()
            .find(|e| e.name == Some(word))
            .map(|e| e.scheme);
    };
    let (sig_a, hash_a) = sig_or_hash(a);
    let (sig_b, hash_b) = sig_or_hash(b);
    // The second word wins where both name the same kind, as in OpenSSL.
    let sig = sig_b.or(sig_a)?;
    let hash = hash_b.or(hash_a)?;
    by_nids(hash, sig)
}

/// The code point of a (hash, key type) pair of NIDs.
pub fn by_nids(hash: i32, sig: i32) -> Option<u16> {
    TABLE
        .iter()
        .find(|e| e.hash == hash && e.sig == sig)
        .map(|e| e.scheme)
}

/// The schemes an OpenSSL list names, in its order; `None` when OpenSSL
/// refuses it (an unknown, empty or repeated entry, or no entry).
pub fn parse_list(list: &str) -> Option<Vec<u16>> {
    let mut schemes = Vec::new();
    for word in list.split(':') {
        let scheme = parse_entry(word.trim())?;
        if schemes.contains(&scheme) {
            return None;
        }
        schemes.push(scheme);
    }
    Some(schemes)
}

/// The schemes of `SSL_CTX_set1_sigalgs`' (hash, key type) NID pairs;
/// `None` for an odd or empty array or a pair with no scheme.
pub fn from_nid_pairs(nids: &[i32]) -> Option<Vec<u16>> {
    if nids.is_empty() || !nids.len().is_multiple_of(2) {
        return None;
    }
    nids.chunks_exact(2)
        .map(|pair| by_nids(pair[0], pair[1]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_pairs_as_openssl_reads_them() {
        assert_eq!(parse_list("RSA+SHA256"), Some(vec![0x0401]));
        assert_eq!(
            parse_list("rsa_pss_rsae_sha256:ECDSA+SHA256"),
            Some(vec![0x0804, 0x0403])
        );
        assert_eq!(parse_list("ed25519:ed448"), Some(vec![0x0807, 0x0808]));
        assert_eq!(parse_list("RSA-PSS+SHA256"), Some(vec![0x0804]));
        assert_eq!(parse_list("PSS+sha384"), Some(vec![0x0805]));
        assert_eq!(parse_list("SHA256+RSA"), Some(vec![0x0401]));
        assert_eq!(parse_list("DSA+SHA256"), Some(vec![0x0402]));
        assert_eq!(parse_list("RSA+SHA224"), Some(vec![0x0301]));
        assert_eq!(parse_list("rsa_pss_pss_sha256"), Some(vec![0x0809]));
    }

    #[test]
    fn bad_empty_and_repeated_entries_refuse_the_list() {
        for bad in [
            "RSA+SHA256:RSA+SHA256",
            "rsa_pkcs1_sha256:rsa_pkcs1_sha256",
            "bogus",
            "RSA+",
            "RSA+SHA999",
            "",
            "ecdsa_sha224",
            ":RSA+SHA256:",
            "ED25519+SHA256",
            "RSA+RSA",
        ] {
            assert_eq!(parse_list(bad), None, "{bad}");
        }
        assert_eq!(parse_list(&"x".repeat(100)), None);
    }

    #[test]
    fn nid_pairs_name_schemes() {
        assert_eq!(
            from_nid_pairs(&[672, 6, 672, 912]),
            Some(vec![0x0401, 0x0804])
        );
        assert_eq!(from_nid_pairs(&[0, 1087]), Some(vec![0x0807]));
        assert_eq!(from_nid_pairs(&[672, 1087]), None);
        assert_eq!(from_nid_pairs(&[672, 6, 672]), None);
        assert_eq!(from_nid_pairs(&[]), None);
    }

    #[test]
    fn tls13_requests_need_a_tls13_scheme() {
        let list = |l: &str| parse_list(l).unwrap();
        assert!(!any_signs_tls13(&list("ECDSA+SHA1:DSA+SHA256:RSA+SHA256")));
        assert!(!any_signs_tls13(&list("ECDSA+SHA224:RSA+SHA512")));
        assert!(!any_signs_tls13(&[]));
        assert!(any_signs_tls13(&list("RSA+SHA256:ECDSA+SHA256")));
        assert!(any_signs_tls13(&list("rsa_pss_rsae_sha256")));
        assert!(any_signs_tls13(&list("ed25519")));
    }

    #[test]
    fn the_table_gives_openssls_nids() {
        let e = lookup(0x0403).unwrap();
        assert_eq!((e.sig, e.hash, e.sig_and_hash), (408, 672, 794));
        assert_eq!(lookup(0x0804).unwrap().sig_and_hash, 0);
        assert_eq!(lookup(0xfefe), None);
    }
}
