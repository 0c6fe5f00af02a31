//! The fleet secret and what is derived from it: the key that seals values
//! (AES-256-GCM) and the key that hashes (context, session id) into a store
//! key, so the store holds neither a master secret nor a session id in the clear.

use aws_lc_rs::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use aws_lc_rs::{hkdf, hmac, rand};
use zeroize::Zeroizing;

/// The shortest fleet secret accepted, in bytes.
pub const MIN_SECRET_LEN: usize = 32;
/// The largest sealed value read back; anything longer is ignored.
pub const MAX_SEALED_LEN: usize = 64 * 1024;

const FORMAT: u8 = 1;
const SALT: &[u8] = b"sessl fleet secret v1";

/// Why a fleet secret was refused.
#[derive(Debug, PartialEq, Eq)]
pub struct ShortSecret(pub usize);

impl std::fmt::Display for ShortSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the fleet secret has {} bytes; at least {MIN_SECRET_LEN} are needed",
            self.0
        )
    }
}

/// Keys derived from the fleet secret. The secret itself is not kept.
pub struct Sealer {
    seal: LessSafeKey,
    key_hash: hmac::Key,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer { .. }")
    }
}

impl Sealer {
    /// Derives the keys (HKDF-SHA256) from a secret of at least 32 bytes.
    pub fn new(secret: &[u8]) -> Result<Sealer, ShortSecret> {
        if secret.len() < MIN_SECRET_LEN {
            return Err(ShortSecret(secret.len()));
        }
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, SALT).extract(secret);
        let mut seal_key = Zeroizing::new([0u8; 32]);
        prk.expand(&[b"seal"], &AES_256_GCM)
            .and_then(|okm| okm.fill(&mut seal_key[..]))
            .expect("HKDF of 32 bytes");
        let mut hash_key = Zeroizing::new([0u8; 32]);
        prk.expand(&[b"key hash"], hmac::HMAC_SHA256)
            .and_then(|okm| okm.fill(&mut hash_key[..]))
            .expect("HKDF of 32 bytes");
        let unbound = UnboundKey::new(&AES_256_GCM, &seal_key[..]).expect("AES-256 key");
        Ok(Sealer {
            seal: LessSafeKey::new(unbound),
            key_hash: hmac::Key::new(hmac::HMAC_SHA256, &hash_key[..]),
        })
    }

    /// The store key of a session: `prefix` then the hex of a keyed hash of
    /// its id context and id (lengths included, so no two pairs collide).
    pub fn store_key(&self, prefix: &str, id_context: &[u8], id: &[u8]) -> String {
        let mut ctx = hmac::Context::with_key(&self.key_hash);
        ctx.update(&(id_context.len() as u32).to_be_bytes());
        ctx.update(id_context);
        ctx.update(id);
        let tag = ctx.sign();
        let mut key = String::with_capacity(prefix.len() + 64);
        key.push_str(prefix);
        for b in tag.as_ref() {
            key.push_str(&format!("{b:02x}"));
        }
        key
    }

    /// `plain` sealed and bound to `aad` (the store key and anything else
    /// the value must not be moved away from): format byte, nonce, ciphertext and tag.
    pub fn seal(&self, aad: &[&[u8]], plain: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::fill(&mut nonce).expect("system random");
        let mut out = Vec::with_capacity(1 + NONCE_LEN + plain.len() + 16);
        out.push(FORMAT);
        out.extend_from_slice(&nonce);
        let mut body = plain.to_vec();
        self.seal
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(joined(aad)),
                &mut body,
            )
            .expect("AES-GCM seal");
        out.extend_from_slice(&body);
        out
    }

    /// The plaintext of a value sealed under the same `aad`; `None` for a
    /// value too long, malformed, sealed by another secret or moved.
    pub fn open(&self, aad: &[&[u8]], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        if sealed.len() > MAX_SEALED_LEN || sealed.len() < 1 + NONCE_LEN + 16 {
            return None;
        }
        if sealed[0] != FORMAT {
            return None;
        }
        let nonce = Nonce::try_assume_unique_for_key(&sealed[1..1 + NONCE_LEN]).ok()?;
        let mut body = Zeroizing::new(sealed[1 + NONCE_LEN..].to_vec());
        let len = self
            .seal
            .open_in_place(nonce, Aad::from(joined(aad)), &mut body)
            .ok()?
            .len();
        body.truncate(len);
        Some(body)
    }
}

/// The associated data: each part prefixed by its length.
fn joined(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in parts {
        out.extend_from_slice(&(p.len() as u32).to_be_bytes());
        out.extend_from_slice(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer(byte: u8) -> Sealer {
        Sealer::new(&[byte; 32]).unwrap()
    }

    #[test]
    fn a_short_secret_is_refused() {
        assert_eq!(Sealer::new(&[1; 31]).unwrap_err(), ShortSecret(31));
    }

    #[test]
    fn sealed_values_open_only_under_their_binding_and_secret() {
        let s = sealer(7);
        let sealed = s.seal(&[b"key", b"ctx"], b"master secret");
        assert!(!sealed.windows(13).any(|w| w == b"master secret"));
        assert_eq!(
            &**s.open(&[b"key", b"ctx"], &sealed).unwrap(),
            b"master secret"
        );
        assert!(s.open(&[b"other key", b"ctx"], &sealed).is_none());
        assert!(s.open(&[b"key", b"other ctx"], &sealed).is_none());
        assert!(s.open(&[b"keyc", b"tx"], &sealed).is_none(), "lengths bind");
        assert!(sealer(8).open(&[b"key", b"ctx"], &sealed).is_none());
    }

    #[test]
    fn garbage_and_huge_values_are_refused() {
        let s = sealer(1);
        assert!(s.open(&[b"k"], b"").is_none());
        assert!(s.open(&[b"k"], &[1; 40]).is_none());
        let mut sealed = s.seal(&[b"k"], b"v");
        sealed[0] = 2;
        assert!(s.open(&[b"k"], &sealed).is_none());
        let huge = s.seal(&[b"k"], &vec![0; MAX_SEALED_LEN]);
        assert!(s.open(&[b"k"], &huge).is_none());
    }

    #[test]
    fn store_keys_hide_the_id_and_differ_by_context() {
        let s = sealer(3);
        let a = s.store_key("p:", b"ctx", b"\x01\x02");
        assert!(a.starts_with("p:") && a.len() == 66);
        assert_ne!(a, s.store_key("p:", b"ctx2", b"\x01\x02"));
        assert_ne!(a, s.store_key("p:", b"ct", b"x\x01\x02"));
        assert_ne!(a, sealer(4).store_key("p:", b"ctx", b"\x01\x02"));
        assert_eq!(a, s.store_key("p:", b"ctx", b"\x01\x02"));
    }
}
