//! A context's own ticket keys as OpenSSL 3.0 keeps them
//! (`SSL_CTX_set_tlsext_ticket_keys`, ssl/s3_lib.c): 80 bytes, the key name
//! (16), the HMAC-SHA256 key (32) and the AES-256 key (32), random when the
//! context is made and replaced only by the application. Tickets take
//! OpenSSL's layout (name, IV, AES-256-CBC of the session, HMAC-SHA256), so
//! contexts given the same keys open each other's tickets. The keys are
//! zeroed when the set is dropped.

use aws_lc_rs::cipher::{
    DecryptionContext, EncryptionContext, PaddedBlockDecryptingKey, PaddedBlockEncryptingKey,
    UnboundCipherKey, AES_256,
};
use aws_lc_rs::hmac;
use rustls::server::ProducesTickets;
use zeroize::Zeroize;

use super::ticket_layout::{build_ticket, open_ticket, TicketCipher, TicketKeyId, KEY_NAME_LEN};

/// Length of the keys as the application sets and reads them.
pub const TICKET_KEYS_LEN: usize = 80;
const HMAC_KEY_LEN: usize = 32;
/// The lifetime rustls reads; sessl's ticketer gives the session timeout instead.
const NOMINAL_LIFETIME: u32 = 7200;

/// Ticket keys in OpenSSL's layout.
pub struct TicketKeySet {
    bytes: [u8; TICKET_KEYS_LEN],
}

impl Drop for TicketKeySet {
    /// The keys are wiped from memory with the set.
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

impl std::fmt::Debug for TicketKeySet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TicketKeySet").finish_non_exhaustive()
    }
}

impl TicketKeySet {
    /// The keys the application gave.
    pub fn from_bytes(bytes: [u8; TICKET_KEYS_LEN]) -> Self {
        TicketKeySet { bytes }
    }

    /// Fresh random keys, or `None` when the random source fails.
    pub fn random() -> Option<Self> {
        let mut bytes = [0u8; TICKET_KEYS_LEN];
        aws_lc_rs::rand::fill(&mut bytes).ok()?;
        Some(Self::from_bytes(bytes))
    }

    /// The 80 bytes, as `SSL_CTX_get_tlsext_ticket_keys` gives them.
    pub fn bytes(&self) -> [u8; TICKET_KEYS_LEN] {
        self.bytes
    }

    fn name(&self) -> &[u8] {
        &self.bytes[..KEY_NAME_LEN]
    }

    fn cipher(&self, iv: [u8; 16]) -> KeyedCipher<'_> {
        KeyedCipher {
            hmac_key: &self.bytes[KEY_NAME_LEN..KEY_NAME_LEN + HMAC_KEY_LEN],
            aes_key: &self.bytes[KEY_NAME_LEN + HMAC_KEY_LEN..],
            iv,
        }
    }
}

impl ProducesTickets for TicketKeySet {
    fn enabled(&self) -> bool {
        true
    }

    fn lifetime(&self) -> u32 {
        NOMINAL_LIFETIME
    }

    fn encrypt(&self, plain: &[u8]) -> Option<Vec<u8>> {
        let mut key = TicketKeyId::default();
        key.name.copy_from_slice(self.name());
        aws_lc_rs::rand::fill(&mut key.iv).ok()?;
        build_ticket(&key, &self.cipher(key.iv), plain)
    }

    fn decrypt(&self, ticket: &[u8]) -> Option<Vec<u8>> {
        let key = TicketKeyId::read(ticket)?;
        if key.name[..] != *self.name() {
            return None;
        }
        open_ticket(ticket, &self.cipher(key.iv))
    }
}

/// AES-256-CBC and HMAC-SHA256 under one IV.
struct KeyedCipher<'k> {
    hmac_key: &'k [u8],
    aes_key: &'k [u8],
    iv: [u8; 16],
}

impl TicketCipher for KeyedCipher<'_> {
    fn iv_len(&self) -> usize {
        self.iv.len()
    }

    fn crypt(&self, data: &[u8], encrypt: bool) -> Option<Vec<u8>> {
        let key = UnboundCipherKey::new(&AES_256, self.aes_key).ok()?;
        let mut out = data.to_vec();
        if encrypt {
            let key = PaddedBlockEncryptingKey::cbc_pkcs7(key).ok()?;
            key.less_safe_encrypt(&mut out, EncryptionContext::Iv128(self.iv.into()))
                .ok()?;
            Some(out)
        } else {
            let key = PaddedBlockDecryptingKey::cbc_pkcs7(key).ok()?;
            let plain = key
                .decrypt(&mut out, DecryptionContext::Iv128(self.iv.into()))
                .ok()?;
            Some(plain.to_vec())
        }
    }

    fn mac(&self, data: &[u8]) -> Option<Vec<u8>> {
        let key = hmac::Key::new(hmac::HMAC_SHA256, self.hmac_key);
        Some(hmac::sign(&key, data).as_ref().to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: &[u8] = b"a session sealed under the application's keys";

    fn keys(fill: u8) -> TicketKeySet {
        TicketKeySet::from_bytes([fill; TICKET_KEYS_LEN])
    }

    #[test]
    fn a_ticket_has_openssls_layout() {
        let k = keys(3);
        let ticket = k.encrypt(PLAIN).unwrap();
        assert_eq!(&ticket[..KEY_NAME_LEN], &[3; KEY_NAME_LEN]);
        // name, IV, the session padded to AES blocks, HMAC-SHA256
        let padded = (PLAIN.len() / 16 + 1) * 16;
        assert_eq!(ticket.len(), KEY_NAME_LEN + 16 + padded + 32);
        assert_eq!(k.decrypt(&ticket).as_deref(), Some(PLAIN));
    }

    #[test]
    fn the_same_keys_open_each_others_tickets() {
        let ticket = keys(9).encrypt(PLAIN).unwrap();
        assert_eq!(keys(9).decrypt(&ticket).as_deref(), Some(PLAIN));
        assert_eq!(keys(8).decrypt(&ticket), None);
    }

    #[test]
    fn another_key_under_the_same_name_is_refused() {
        let mut other = [9u8; TICKET_KEYS_LEN];
        other[TICKET_KEYS_LEN - 1] = 0;
        let ticket = keys(9).encrypt(PLAIN).unwrap();
        assert_eq!(TicketKeySet::from_bytes(other).decrypt(&ticket), None);
    }

    #[test]
    fn random_keys_differ_and_read_back() {
        let (a, b) = (
            TicketKeySet::random().unwrap(),
            TicketKeySet::random().unwrap(),
        );
        assert_ne!(a.bytes(), b.bytes());
        let again = TicketKeySet::from_bytes(a.bytes());
        let ticket = a.encrypt(PLAIN).unwrap();
        assert_eq!(again.decrypt(&ticket).as_deref(), Some(PLAIN));
    }
}
