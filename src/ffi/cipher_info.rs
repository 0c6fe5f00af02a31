//! Cipher suite details (`SSL_CIPHER_get_cipher_nid(3)`: the NIDs, AEAD, protocol id
//! and handshake digest of the suites sessl runs), OpenSSL's default strings, and
//! what sessl does not have yet (signature algorithms, the pending cipher, ...),
//! which fails with the error. The cipher lists are in cipher_lists.rs.

use std::ffi::c_char;
use std::os::raw::{c_int, c_uchar};

use super::boundary::{entry, try_ref};
use super::handles::{c_str, set_out};
use super::types::*;
use crate::ssl::cipher::{self, Authentication, Encryption, HandshakeDigest, KeyExchange};

/// `NID_undef`.
const NID_UNDEF: c_int = 0;
/// `NID_kx_ecdhe`.
const NID_KX_ECDHE: c_int = 1038;
/// `NID_kx_any`.
const NID_KX_ANY: c_int = 1063;
/// `NID_auth_rsa`.
const NID_AUTH_RSA: c_int = 1046;
/// `NID_auth_ecdsa`.
const NID_AUTH_ECDSA: c_int = 1047;
/// `NID_auth_any`.
const NID_AUTH_ANY: c_int = 1064;
/// `NID_aes_128_gcm`.
const NID_AES_128_GCM: c_int = 895;
/// `NID_aes_256_gcm`.
const NID_AES_256_GCM: c_int = 901;
/// `NID_chacha20_poly1305`.
const NID_CHACHA20_POLY1305: c_int = 1018;

/// SSL_CIPHER_get_name(3): `OPENSSL_cipher_name`: OpenSSL's name for a
/// standard (RFC) suite name, "(NONE)" for NULL or a suite sessl does not have
/// (OpenSSL also names suites rustls lacks).
#[no_mangle]
pub extern "C" fn OPENSSL_cipher_name(rfc_name: *const c_char) -> *const c_char {
    entry!(fail = c"(NONE)".as_ptr(), {
        c_str(rfc_name)
            .and_then(cipher::by_standard_name)
            .map_or(c"(NONE)".as_ptr(), |c| c.name.as_ptr())
    })
}

/// SSL_CTX_set_cipher_list(3): `OSSL_default_cipher_list`, OpenSSL 3.0's
/// default TLS 1.2 cipher string (a static string).
#[no_mangle]
pub extern "C" fn OSSL_default_cipher_list() -> *const c_char {
    entry!({ cipher::DEFAULT_CIPHER_LIST.as_ptr() })
}

/// SSL_CTX_set_cipher_list(3): `OSSL_default_ciphersuites`, OpenSSL 3.0's
/// default TLS 1.3 suites (a static string).
#[no_mangle]
pub extern "C" fn OSSL_default_ciphersuites() -> *const c_char {
    entry!({ cipher::DEFAULT_CIPHERSUITES.as_ptr() })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_auth_nid`, the NID of the
/// suite's authentication (`NID_auth_any` for TLS 1.3), or `NID_undef`.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_auth_nid(c: *const SSL_CIPHER) -> c_int {
    entry!({
        match try_ref!(c).authentication() {
            Authentication::Rsa => NID_AUTH_RSA,
            Authentication::Ecdsa => NID_AUTH_ECDSA,
            Authentication::Any => NID_AUTH_ANY,
        }
    })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_cipher_nid`, the NID of the
/// suite's cipher, or `NID_undef`.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_cipher_nid(c: *const SSL_CIPHER) -> c_int {
    entry!({
        match try_ref!(c).encryption() {
            Encryption::Aes128Gcm => NID_AES_128_GCM,
            Encryption::Aes256Gcm => NID_AES_256_GCM,
            Encryption::ChaCha20Poly1305 => NID_CHACHA20_POLY1305,
        }
    })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_digest_nid`: `NID_undef`, as
/// OpenSSL gives for an AEAD suite (every suite sessl runs).
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_digest_nid(c: *const SSL_CIPHER) -> c_int {
    entry!({
        try_ref!(c);
        NID_UNDEF
    })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_handshake_digest`, libcrypto's
/// static `EVP_MD` of the suite's handshake hash, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_handshake_digest(c: *const SSL_CIPHER) -> *const EVP_MD {
    entry!({
        let digest = try_ref!(c).handshake_digest();
        // SAFETY: libcrypto's static digest descriptions, never freed.
        let md = unsafe {
            match digest {
                HandshakeDigest::Sha256 => openssl_sys::EVP_sha256(),
                HandshakeDigest::Sha384 => openssl_sys::EVP_sha384(),
            }
        };
        md.cast()
    })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_kx_nid`, the NID of the suite's
/// key exchange (`NID_kx_any` for TLS 1.3), or `NID_undef`.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_kx_nid(c: *const SSL_CIPHER) -> c_int {
    entry!({
        match try_ref!(c).key_exchange() {
            KeyExchange::Ecdhe => NID_KX_ECDHE,
            KeyExchange::Any => NID_KX_ANY,
        }
    })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_protocol_id`, the suite's two-byte
/// IANA number, or 0.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_protocol_id(c: *const SSL_CIPHER) -> u16 {
    entry!(fail = 0, { try_ref!(c, 0).iana })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_is_aead`: 1, every suite sessl runs
/// is an AEAD one; 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_is_aead(c: *const SSL_CIPHER) -> c_int {
    entry!({
        try_ref!(c);
        1
    })
}

/// SSL_get_shared_sigalgs(3): the signature algorithms both ends accept,
/// entry `idx` into the out-pointers; their count (0 for a negative `idx`).
/// A client's come from its server's certificate request as rustls hands it
/// over (the schemes usable in the negotiated version).
#[no_mangle]
pub extern "C" fn SSL_get_shared_sigalgs(
    s: *mut SSL,
    idx: c_int,
    psign: *mut c_int,
    phash: *mut c_int,
    psignandhash: *mut c_int,
    rsig: *mut c_uchar,
    rhash: *mut c_uchar,
) -> c_int {
    entry!({
        let shared = try_ref!(s).shared_signature_schemes();
        let Some(e) = usize::try_from(idx).ok().and_then(|i| shared.get(i)) else {
            return 0;
        };
        let [hash_byte, sig_byte] = e.scheme.to_be_bytes();
        set_out(rhash, hash_byte);
        set_out(rsig, sig_byte);
        set_out(psign, e.sig);
        set_out(phash, e.hash);
        set_out(psignandhash, e.sig_and_hash);
        c_int::try_from(shared.len()).unwrap_or(0)
    })
}

/// SSL_get_shared_sigalgs(3): `SSL_get_sigalgs`: the signature algorithms a
/// server's client offered, or a client's server named in its certificate
/// request (those of the negotiated version, as rustls gives them), entry
/// `idx` into the out-pointers; their count.
#[no_mangle]
pub extern "C" fn SSL_get_sigalgs(
    s: *mut SSL,
    idx: c_int,
    psign: *mut c_int,
    phash: *mut c_int,
    psignandhash: *mut c_int,
    rsig: *mut c_uchar,
    rhash: *mut c_uchar,
) -> c_int {
    entry!({
        let conn = try_ref!(s);
        let schemes = match conn.peer_client_hello() {
            Some(hello) => hello.signature_schemes(),
            None => conn.requested_signature_schemes(),
        };
        if let Ok(i) = usize::try_from(idx) {
            let Some(&scheme) = schemes.get(i) else {
                return 0;
            };
            let [hash_byte, sig_byte] = scheme.to_be_bytes();
            set_out(rhash, hash_byte);
            set_out(rsig, sig_byte);
            let e = crate::ssl::sigalgs::lookup(scheme);
            set_out(psign, e.map_or(0, |e| e.sig));
            set_out(phash, e.map_or(0, |e| e.hash));
            set_out(psignandhash, e.map_or(0, |e| e.sig_and_hash));
        }
        c_int::try_from(schemes.len()).unwrap_or(0)
    })
}

/// SSL_get_peer_signature_nid(3): `SSL_get_signature_type_nid`: the key type
/// NID of this end's handshake signature into `*pnid`; 1, or 0 when it has
/// not signed.
#[no_mangle]
pub extern "C" fn SSL_get_signature_type_nid(s: *const SSL, pnid: *mut c_int) -> c_int {
    entry!({
        match super::ctrl_hello::own_signature(try_ref!(s)) {
            Some((kind, _)) => {
                set_out(pnid, kind);
                1
            }
            None => 0,
        }
    })
}
