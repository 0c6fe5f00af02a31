//! The signature scheme the peer signed its handshake with
//! (`SSL_get_peer_signature_type_nid`, `SSL_get_peer_signature_nid`): the
//! verifier notes it on the connection when the signature checks out, and
//! the connection takes it once rustls returns, as it takes the chain's verdict.

use super::connection::{Connection, Signer};

/// Notes the scheme of a peer signature that verified, for the connection
/// this thread is working for.
pub(crate) fn note(scheme: rustls::SignatureScheme) {
    if let Some(conn) = super::policy::current_connection() {
        conn.note_scheme(Signer::Peer, u16::from(scheme));
    }
}

/// Notes the scheme this end's key chose to sign with, for the connection
/// this thread is working for (`SSL_get_signature_nid`).
pub(crate) fn note_own(scheme: rustls::SignatureScheme) {
    if let Some(conn) = super::policy::current_connection() {
        conn.note_scheme(Signer::Own, u16::from(scheme));
    }
}

/// Takes the scheme noted for `conn` during its last call into rustls.
pub(crate) fn take(conn: &Connection) -> Option<u16> {
    conn.take_scheme(Signer::Peer)
}

/// Takes the scheme `conn`'s own key chose during its last call into rustls.
pub(crate) fn take_own(conn: &Connection) -> Option<u16> {
    conn.take_scheme(Signer::Own)
}

/// `NID_rsaEncryption`.
const NID_RSA: i32 = 6;
/// `NID_X9_62_id_ecPublicKey` (`EVP_PKEY_EC`).
const NID_EC: i32 = 408;
/// `NID_rsassaPss` (`EVP_PKEY_RSA_PSS`), OpenSSL's type for both PSS families.
const NID_RSA_PSS: i32 = 912;
/// `NID_ED25519`.
const NID_ED25519: i32 = 1087;
/// `NID_ED448`.
const NID_ED448: i32 = 1088;
/// `NID_sha1`, `NID_sha256`, `NID_sha384`, `NID_sha512`.
const NID_SHA1: i32 = 64;
const NID_SHA256: i32 = 672;
const NID_SHA384: i32 = 673;
const NID_SHA512: i32 = 674;
/// `NID_undef`: the EdDSA schemes have no separate hash.
const NID_UNDEF: i32 = 0;

/// OpenSSL's key type and hash NIDs of a TLS signature scheme.
pub fn scheme_nids(scheme: u16) -> Option<(i32, i32)> {
    Some(match scheme {
        0x0201 => (NID_RSA, NID_SHA1),
        0x0401 => (NID_RSA, NID_SHA256),
        0x0501 => (NID_RSA, NID_SHA384),
        0x0601 => (NID_RSA, NID_SHA512),
        0x0203 => (NID_EC, NID_SHA1),
        0x0403 => (NID_EC, NID_SHA256),
        0x0503 => (NID_EC, NID_SHA384),
        0x0603 => (NID_EC, NID_SHA512),
        0x0804 | 0x0809 => (NID_RSA_PSS, NID_SHA256),
        0x0805 | 0x080a => (NID_RSA_PSS, NID_SHA384),
        0x0806 | 0x080b => (NID_RSA_PSS, NID_SHA512),
        0x0807 => (NID_ED25519, NID_UNDEF),
        0x0808 => (NID_ED448, NID_UNDEF),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_have_openssls_nids() {
        assert_eq!(scheme_nids(0x0804), Some((912, 672)));
        assert_eq!(scheme_nids(0x0403), Some((408, 672)));
        assert_eq!(scheme_nids(0x0601), Some((6, 674)));
        assert_eq!(scheme_nids(0x0807), Some((1087, 0)));
        assert_eq!(scheme_nids(0xfefe), None);
    }
}
