//! A peer's key share as the `EVP_PKEY` OpenSSL hands out
//! (`SSL_get_peer_tmp_key`): the public key wrapped in a
//! SubjectPublicKeyInfo and decoded by libcrypto.

use std::ffi::c_void;
use std::os::raw::c_long;

use super::lib_context::{ex, Lib};

/// The SubjectPublicKeyInfo prefix of a group's public key (the key's
/// bytes follow), and the key's length.
fn spki_prefix(group: u16) -> Option<(&'static [u8], usize)> {
    Some(match group {
        // X25519: SEQ { SEQ { OID 1.3.101.110 } BIT STRING }
        29 => (
            &[
                0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00,
            ],
            32,
        ),
        // P-256: id-ecPublicKey, prime256v1, an uncompressed point.
        23 => (
            &[
                0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06,
                0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
            ],
            65,
        ),
        // P-384: id-ecPublicKey, secp384r1, an uncompressed point.
        24 => (
            &[
                0x30, 0x76, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06,
                0x05, 0x2b, 0x81, 0x04, 0x00, 0x22, 0x03, 0x62, 0x00,
            ],
            97,
        ),
        // P-521: id-ecPublicKey, secp521r1, an uncompressed point.
        25 => (
            &[
                0x30, 0x81, 0x9b, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
                0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23, 0x03, 0x81, 0x86, 0x00,
            ],
            133,
        ),
        _ => return None,
    })
}

/// The DER SubjectPublicKeyInfo of `key` for `group`, when sessl knows its form.
fn spki(group: u16, key: &[u8]) -> Option<Vec<u8>> {
    let (prefix, len) = spki_prefix(group)?;
    (key.len() == len).then(|| [prefix, key].concat())
}

/// A new `EVP_PKEY` (the caller frees it) of `group`'s public `key`, made in `lib`.
pub(super) fn public_key(group: u16, key: &[u8], lib: Lib) -> Option<*mut c_void> {
    let der = spki(group, key)?;
    let mut p = der.as_ptr();
    // SAFETY: `p` points at `der.len()` readable bytes; libcrypto returns a
    // new key or NULL and only advances `p`.
    let pkey = unsafe {
        ex::d2i_PUBKEY_ex(
            std::ptr::null_mut(),
            &mut p,
            der.len() as c_long,
            lib.libctx,
            lib.propq,
        )
    };
    (!pkey.is_null()).then_some(pkey.cast())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_groups_wrap_keys_of_their_length() {
        assert_eq!(spki(29, &[1; 32]).map(|d| d.len()), Some(44));
        assert_eq!(spki(23, &[4; 65]).map(|d| d.len()), Some(91));
        assert_eq!(spki(24, &[4; 97]).map(|d| d.len()), Some(120));
        assert_eq!(spki(25, &[4; 133]).map(|d| d.len()), Some(158));
        assert_eq!(spki(29, &[1; 31]), None);
        assert_eq!(spki(0x11ec, &[1; 32]), None);
    }

    #[test]
    fn libcrypto_reads_an_x25519_key() {
        let key = public_key(29, &[9; 32], Lib::DEFAULT).expect("a key");
        // SAFETY: a key made above, freed once.
        unsafe { openssl_sys::EVP_PKEY_free(key.cast()) };
        assert!(
            public_key(23, &[0; 65], Lib::DEFAULT).is_none(),
            "not a point on the curve"
        );
    }

    #[test]
    fn libcrypto_reads_a_p521_key_share() {
        use aws_lc_rs::agreement::{EphemeralPrivateKey, ECDH_P521};
        let rng = aws_lc_rs::rand::SystemRandom::new();
        let share = EphemeralPrivateKey::generate(&ECDH_P521, &rng)
            .and_then(|k| k.compute_public_key())
            .unwrap();
        let key = public_key(25, share.as_ref(), Lib::DEFAULT).expect("a key");
        // SAFETY: a key made above, read and freed once.
        unsafe {
            assert_eq!(openssl_sys::EVP_PKEY_bits(key.cast()), 521);
            openssl_sys::EVP_PKEY_free(key.cast());
        }
    }
}
