//! OpenSSL's security levels (`SSL_CTX_set_security_level(3)`): what each
//! level refuses among what sessl can run. A level asks for a number of
//! bits of security (level 1: 80, 2: 112, 3: 128, 4: 192, 5: 256; 0: none)
//! and refuses every suite, group, key and certificate signature weaker
//! than that. TLS 1.2 session tickets are off from level 3 on.
//!
//! Every suite sessl runs is AEAD with ECDHE or TLS 1.3, so what the man
//! page says of SHA-1 MACs, RC4, non-forward-secret suites and old versions
//! refuses nothing here; rustls never signs nor accepts SHA-1 handshake
//! signatures, which OpenSSL allows only at level 0.

use rustls::NamedGroup;

pub use super::cert_strength::CertificateStrength;
use super::cipher::Cipher;
use super::error::Error;

/// The level a new context starts at: that of Debian's libssl, which is
/// built with `OPENSSL_TLS_SECURITY_LEVEL=2` (OpenSSL's own default is 1).
pub const DEFAULT_LEVEL: i32 = 2;

/// The bits of security a level asks for (a level above 5 asks as 5 does,
/// below 0 as 0 does).
pub fn minimum_bits(level: i32) -> i32 {
    match level {
        i32::MIN..=0 => 0,
        1 => 80,
        2 => 112,
        3 => 128,
        4 => 192,
        _ => 256,
    }
}

/// Whether `level` lets a connection use suite `c` (its secret key bits).
pub fn allows_cipher(level: i32, c: &Cipher) -> bool {
    c.bits >= minimum_bits(level)
}

/// The bits of security of a key exchange group, as OpenSSL counts them
/// (the hybrid post-quantum groups OpenSSL 3.0 does not know count as
/// their elliptic-curve half).
pub fn group_bits(group: NamedGroup) -> i32 {
    match group {
        NamedGroup::secp384r1 => 192,
        NamedGroup::secp521r1 => 256,
        NamedGroup::X448 | NamedGroup::FFDHE8192 => 224,
        NamedGroup::FFDHE2048 => 112,
        _ => 128,
    }
}

/// Whether `level` lets a connection use `group`.
pub fn allows_group(level: i32, group: NamedGroup) -> bool {
    group_bits(group) >= minimum_bits(level)
}

/// Whether `level` lets a TLS 1.2 connection use session tickets (off from
/// level 3, as OpenSSL's default security callback decides).
pub fn allows_tickets(level: i32) -> bool {
    level < 3
}

/// `SSL_SECOP_OP_MASK`: the operation part of an `SSL_SECOP_*` value.
const OP_MASK: i32 = 0xffff;
/// `SSL_SECOP_CIPHER_SUPPORTED`, `_SHARED`, `_CHECK`.
const OP_CIPHERS: [i32; 3] = [1, 2, 3];
/// `SSL_SECOP_VERSION`.
const OP_VERSION: i32 = 9;
/// `SSL_SECOP_TICKET`.
const OP_TICKET: i32 = 10;
/// `SSL_SECOP_COMPRESSION`.
const OP_COMPRESSION: i32 = 15;
/// `SSL_SECOP_TMP_DH`.
const OP_TMP_DH: i32 = 7;

/// What OpenSSL's default security callback answers for operation `op`
/// (an `SSL_SECOP_*` value) of `bits` bits about `version` (for
/// `SSL_SECOP_VERSION`, the protocol version in `nid`) at `level`.
pub fn allows_operation(level: i32, op: i32, bits: i32, nid: i32) -> bool {
    let op = op & OP_MASK;
    if level <= 0 {
        return !(op == OP_TMP_DH && bits < 80);
    }
    let minimum = minimum_bits(level);
    match op {
        _ if OP_CIPHERS.contains(&op) => bits >= minimum,
        // SSL 3.0 (0x0300) from level 2, TLS 1.0 from 3, TLS 1.1 from 4.
        OP_VERSION => !matches!(
            (nid, level),
            (..=0x0300, 2..) | (..=0x0301, 3..) | (..=0x0302, 4..)
        ),
        OP_COMPRESSION => level < 2,
        OP_TICKET => allows_tickets(level),
        _ => bits >= minimum,
    }
}

/// Where a certificate sits in the chain a context presents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainPosition {
    /// The certificate of the context's own key.
    Leaf,
    /// A certificate of the chain above it.
    Issuer,
}

/// Checks a certificate a context presents against `level`, as
/// `SSL_CTX_use_certificate` and the chain calls do: its key must be
/// strong enough (`SSL_R_EE_KEY_TOO_SMALL` / `SSL_R_CA_KEY_TOO_SMALL`), and
/// so must the digest it is signed with unless it signs itself
/// (`SSL_R_CA_MD_TOO_WEAK`). A certificate sessl cannot read passes: rustls
/// or the peer refuses it later.
pub fn check_certificate(level: i32, der: &[u8], position: ChainPosition) -> Result<(), Error> {
    let Some(strength) = CertificateStrength::of(der) else {
        return Ok(());
    };
    let minimum = minimum_bits(level);
    if strength.key_bits.is_some_and(|bits| bits < minimum) {
        return Err(match position {
            ChainPosition::Leaf => Error::EeKeyTooSmall,
            ChainPosition::Issuer => Error::CaKeyTooSmall,
        });
    }
    if !strength.self_signed && strength.signature_bits.is_some_and(|bits| bits < minimum) {
        return Err(Error::CaMdTooWeak);
    }
    Ok(())
}

/// Checks a context's whole chain (leaf first) against `level`.
pub fn check_chain(level: i32, chain: &[impl AsRef<[u8]>]) -> Result<(), Error> {
    chain.iter().enumerate().try_for_each(|(i, der)| {
        let position = if i == 0 {
            ChainPosition::Leaf
        } else {
            ChainPosition::Issuer
        };
        check_certificate(level, der.as_ref(), position)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssl::cipher::by_iana;

    #[test]
    fn levels_ask_for_openssls_bits() {
        let bits: Vec<i32> = (-1..=6).map(minimum_bits).collect();
        assert_eq!(bits, [0, 0, 80, 112, 128, 192, 256, 256]);
    }

    #[test]
    fn level_4_refuses_128_bit_suites_and_level_5_keeps_256() {
        let aes128 = by_iana(0x1301).unwrap();
        let aes256 = by_iana(0xc030).unwrap();
        let chacha = by_iana(0x1303).unwrap();
        for level in 0..=3 {
            assert!(allows_cipher(level, aes128));
        }
        assert!(!allows_cipher(4, aes128));
        assert!(allows_cipher(5, aes256) && allows_cipher(5, chacha));
    }

    #[test]
    fn groups_by_their_bits() {
        assert!(allows_group(3, NamedGroup::X25519));
        assert!(allows_group(3, NamedGroup::secp256r1));
        assert!(!allows_group(4, NamedGroup::X25519));
        assert!(!allows_group(4, NamedGroup::X25519MLKEM768));
        assert!(allows_group(4, NamedGroup::secp384r1));
        assert!(!allows_group(5, NamedGroup::secp384r1));
        assert!(allows_group(5, NamedGroup::secp521r1));
    }

    #[test]
    fn the_default_callback_answers_by_the_level() {
        assert!(allows_operation(2, 1 | (1 << 16), 128, 0));
        assert!(!allows_operation(4, 1 | (1 << 16), 128, 0));
        assert!(!allows_operation(2, 16 | (6 << 16), 80, 0), "EE key");
        assert!(allows_operation(0, 16, 0, 0));
        assert!(!allows_operation(0, OP_TMP_DH, 64, 0));
        assert!(!allows_operation(3, OP_TICKET, 0, 0));
        assert!(allows_operation(3, OP_VERSION, 0, 0x0303));
        assert!(!allows_operation(3, OP_VERSION, 0, 0x0301));
        assert!(allows_operation(2, OP_VERSION, 0, 0x0301));
        assert!(!allows_operation(2, OP_COMPRESSION, 0, 0));
    }

    #[test]
    fn tickets_stop_at_level_3() {
        assert!(allows_tickets(2));
        assert!(!allows_tickets(3));
    }
}
