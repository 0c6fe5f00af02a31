//! The keys of one direction of a connection's records, derived as TLS
//! derives them from the secrets the key log hands sessl, so the records a
//! connection reads and writes can be opened again for the message callback
//! and the Finished messages (rustls keeps its own keys to itself).

use aws_lc_rs::aead::{
    Aad, Algorithm, LessSafeKey, Nonce, UnboundKey, AES_128_GCM, AES_256_GCM, CHACHA20_POLY1305,
};
use aws_lc_rs::{hkdf, hmac};

/// The AEAD and hash of a cipher suite rustls offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SuiteCrypto {
    aead: &'static Algorithm,
    sha384: bool,
    /// TLS 1.2 AES-GCM: a 4-byte fixed IV and an 8-byte explicit nonce per record.
    explicit_nonce: bool,
}

impl SuiteCrypto {
    /// The suite with TLS number `id`, among those rustls has.
    pub fn of(id: u16) -> Option<Self> {
        let (aead, sha384, explicit_nonce) = match id {
            0x1301 => (&AES_128_GCM, false, false),
            0x1302 => (&AES_256_GCM, true, false),
            0x1303 => (&CHACHA20_POLY1305, false, false),
            0xc02b | 0xc02f => (&AES_128_GCM, false, true),
            0xc02c | 0xc030 => (&AES_256_GCM, true, true),
            0xcca8 | 0xcca9 => (&CHACHA20_POLY1305, false, false),
            _ => return None,
        };
        Some(SuiteCrypto {
            aead,
            sha384,
            explicit_nonce,
        })
    }

    fn key_len(self) -> usize {
        self.aead.key_len()
    }

    /// The TLS 1.2 fixed IV length (the whole nonce for ChaCha20-Poly1305).
    fn tls12_iv_len(self) -> usize {
        if self.explicit_nonce {
            4
        } else {
            12
        }
    }

    fn hmac(self) -> hmac::Algorithm {
        if self.sha384 {
            hmac::HMAC_SHA384
        } else {
            hmac::HMAC_SHA256
        }
    }

    fn hkdf(self) -> hkdf::Algorithm {
        if self.sha384 {
            hkdf::HKDF_SHA384
        } else {
            hkdf::HKDF_SHA256
        }
    }
}

/// An output length for HKDF.
struct Len(usize);

impl hkdf::KeyType for Len {
    fn len(&self) -> usize {
        self.0
    }
}

/// TLS 1.3's HKDF-Expand-Label with an empty context.
fn expand_label(suite: SuiteCrypto, secret: &[u8], label: &[u8], len: usize) -> Option<Vec<u8>> {
    let prk = hkdf::Prk::new_less_safe(suite.hkdf(), secret);
    let out_len = u16::try_from(len).ok()?.to_be_bytes();
    let label_len = [u8::try_from(6 + label.len()).ok()?];
    let info: [&[u8]; 5] = [&out_len, &label_len, b"tls13 ", label, &[0]];
    let okm = prk.expand(&info, Len(len)).ok()?;
    let mut out = vec![0; len];
    okm.fill(&mut out).ok()?;
    Some(out)
}

/// TLS 1.2's PRF (P_hash with the suite's hash) of `secret` over `label` and `seed`.
pub fn tls12_prf(
    suite: SuiteCrypto,
    secret: &[u8],
    label: &[u8],
    seed: &[u8],
    len: usize,
) -> Vec<u8> {
    let key = hmac::Key::new(suite.hmac(), secret);
    let label_seed = [label, seed].concat();
    let mut a = hmac::sign(&key, &label_seed);
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        let mut ctx = hmac::Context::with_key(&key);
        ctx.update(a.as_ref());
        ctx.update(&label_seed);
        out.extend_from_slice(ctx.sign().as_ref());
        a = hmac::sign(&key, a.as_ref());
    }
    out.truncate(len);
    out
}

/// The first record of a TLS_AES_128_GCM_SHA256 direction whose traffic
/// secret is `secret`, carrying `content` of inner type `inner`.
#[cfg(test)]
pub fn seal_first_tls13_record(secret: &[u8], content: &[u8], inner: u8) -> Vec<u8> {
    let suite = SuiteCrypto::of(0x1301).unwrap();
    let key = expand_label(suite, secret, b"key", 16).unwrap();
    let iv = expand_label(suite, secret, b"iv", 12).unwrap();
    let sealer = LessSafeKey::new(UnboundKey::new(&AES_128_GCM, &key).unwrap());
    let mut plain = [content, &[inner]].concat();
    let len = u16::try_from(plain.len() + 16).unwrap().to_be_bytes();
    let header = [0x17, 3, 3, len[0], len[1]];
    let nonce = Nonce::try_assume_unique_for_key(&iv).unwrap();
    sealer
        .seal_in_place_append_tag(nonce, Aad::from(&header), &mut plain)
        .unwrap();
    [&header[..], &plain].concat()
}

/// The keys of one direction and the number of records opened with them.
pub struct RecordKeys {
    key: LessSafeKey,
    iv: [u8; 12],
    iv_len: usize,
    tls13: bool,
    seq: u64,
}

impl RecordKeys {
    /// A TLS 1.3 direction's keys from its traffic secret.
    pub fn tls13(suite: SuiteCrypto, secret: &[u8]) -> Option<Self> {
        let key = zeroize::Zeroizing::new(expand_label(suite, secret, b"key", suite.key_len())?);
        let iv = expand_label(suite, secret, b"iv", 12)?;
        Self::new(suite, &key, &iv, true)
    }

    /// A TLS 1.2 direction's keys from the master secret and the hellos'
    /// randoms (`client` picks the client's write keys).
    pub fn tls12(
        suite: SuiteCrypto,
        master: &[u8],
        client_random: &[u8],
        server_random: &[u8],
        client: bool,
    ) -> Option<Self> {
        let (kl, il) = (suite.key_len(), suite.tls12_iv_len());
        let seed = [server_random, client_random].concat();
        let block = zeroize::Zeroizing::new(tls12_prf(
            suite,
            master,
            b"key expansion",
            &seed,
            2 * (kl + il),
        ));
        let (keys, ivs) = block.split_at(2 * kl);
        let (key, iv) = if client {
            (&keys[..kl], &ivs[..il])
        } else {
            (&keys[kl..], &ivs[il..])
        };
        Self::new(suite, key, iv, false)
    }

    fn new(suite: SuiteCrypto, key: &[u8], iv: &[u8], tls13: bool) -> Option<Self> {
        let key = LessSafeKey::new(UnboundKey::new(suite.aead, key).ok()?);
        let mut fixed = [0u8; 12];
        fixed[..iv.len()].copy_from_slice(iv);
        Some(RecordKeys {
            key,
            iv: fixed,
            iv_len: iv.len(),
            tls13,
            seq: 0,
        })
    }

    /// Passes over `n` records sealed with these keys that were not opened.
    pub fn skip(&mut self, n: u64) {
        self.seq += n;
    }

    /// Opens the next protected record (header included): its content type
    /// (TLS 1.3's inner one) and plaintext, or `None` when it does not open.
    pub fn open(&mut self, record: &[u8]) -> Option<(u8, Vec<u8>)> {
        let (header, body) = (record.get(..5)?, record.get(5..)?);
        let mut nonce = self.iv;
        let (sealed, aad) = if self.iv_len == 4 {
            nonce[4..].copy_from_slice(body.get(..8)?);
            (&body[8..], Vec::new())
        } else {
            for (n, s) in nonce[4..].iter_mut().zip(self.seq.to_be_bytes()) {
                *n ^= s;
            }
            (body, Vec::new())
        };
        let aad = if self.tls13 {
            header.to_vec()
        } else {
            let plain_len = u16::try_from(sealed.len().checked_sub(16)?).ok()?;
            let mut aad = aad;
            aad.extend(self.seq.to_be_bytes());
            aad.extend(&header[..3]);
            aad.extend(plain_len.to_be_bytes());
            aad
        };
        let mut buf = sealed.to_vec();
        let plain_len = self
            .key
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(&aad),
                &mut buf,
            )
            .ok()?
            .len();
        buf.truncate(plain_len);
        self.seq += 1;
        if !self.tls13 {
            return Some((header[0], buf));
        }
        let end = buf.iter().rposition(|&b| b != 0)?;
        let inner = buf[end];
        buf.truncate(end);
        Some((inner, buf))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tls12_prf_gives_the_published_vector() {
        // The widely used TLS 1.2 PRF (SHA-256) test vector.
        let secret = hex("9bbe436ba940f017b17652849a71db35");
        let seed = hex("a0ba9f936cda311827a6f796ffd5198c");
        let out = tls12_prf(
            SuiteCrypto::of(0xc02f).unwrap(),
            &secret,
            b"test label",
            &seed,
            100,
        );
        assert_eq!(&out[..16], &hex("e3f229ba727be17b8d122620557cd453")[..],);
        assert_eq!(out.len(), 100);
    }

    #[test]
    fn a_sealed_tls13_record_opens_with_its_inner_type() {
        let suite = SuiteCrypto::of(0x1301).unwrap();
        let secret = [7u8; 32];
        let record = seal_first_tls13_record(&secret, b"\x14\x00\x00\x01x", 22);
        let mut keys = RecordKeys::tls13(suite, &secret).unwrap();
        assert_eq!(
            keys.open(&record),
            Some((22, b"\x14\x00\x00\x01x".to_vec()))
        );
        assert_eq!(
            keys.open(&record),
            None,
            "the next record has the next nonce"
        );
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }
}
