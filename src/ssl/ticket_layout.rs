//! OpenSSL's layout of a session ticket whose keys the application chooses
//! (`SSL_CTX_set_tlsext_ticket_key_evp_cb`): the key name (16 bytes), the IV,
//! the encrypted session, and a MAC over all of that. The cipher and MAC are
//! the ones the application's callback set up for the ticket; this module
//! places, finds and checks the parts around them.

use aws_lc_rs::constant_time::verify_slices_are_equal;

/// Length of the key name a ticket starts with.
pub const KEY_NAME_LEN: usize = 16;
/// Room for the IV (`EVP_MAX_IV_LENGTH`): a cipher uses as much as it needs.
pub const MAX_IV_LEN: usize = 16;
/// The MAC length tried first when opening a ticket (HMAC-SHA256's).
const USUAL_MAC_LEN: usize = 32;
/// The shortest ticket looked at: a key name, a full IV and one cipher block.
const MIN_TICKET_LEN: usize = KEY_NAME_LEN + MAX_IV_LEN + 16;

/// The cipher and MAC the application's key callback set up for one ticket.
pub trait TicketCipher {
    /// The cipher's IV length, at most [`MAX_IV_LEN`].
    fn iv_len(&self) -> usize;
    /// `data` encrypted (`encrypt`) or decrypted with the cipher.
    fn crypt(&self, data: &[u8], encrypt: bool) -> Option<Vec<u8>>;
    /// The MAC of `data`.
    fn mac(&self, data: &[u8]) -> Option<Vec<u8>>;
}

/// What the key callback is given to choose a ticket's key: the key name
/// and the IV. On a new ticket the callback fills both in; on a ticket
/// received they are read from its start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TicketKeyId {
    /// The name of the key that made the ticket.
    pub name: [u8; KEY_NAME_LEN],
    /// The IV, of which the cipher uses its own length.
    pub iv: [u8; MAX_IV_LEN],
}

impl TicketKeyId {
    /// The key name and IV `ticket` starts with; `None` for a ticket too
    /// short to be one (its callback is then not asked).
    pub fn read(ticket: &[u8]) -> Option<Self> {
        if ticket.len() < MIN_TICKET_LEN {
            return None;
        }
        let mut id = TicketKeyId::default();
        id.name.copy_from_slice(&ticket[..KEY_NAME_LEN]);
        id.iv
            .copy_from_slice(&ticket[KEY_NAME_LEN..KEY_NAME_LEN + MAX_IV_LEN]);
        Some(id)
    }
}

/// A new ticket: `key`'s name, the cipher's IV, `plain` encrypted, and the
/// MAC of all of that.
pub fn build_ticket(
    key: &TicketKeyId,
    cipher: &impl TicketCipher,
    plain: &[u8],
) -> Option<Vec<u8>> {
    let mut ticket = key.name.to_vec();
    ticket.extend_from_slice(key.iv.get(..cipher.iv_len())?);
    ticket.extend(cipher.crypt(plain, true)?);
    let mac = cipher.mac(&ticket)?;
    ticket.extend(mac);
    Some(ticket)
}

/// What `ticket` holds, when its MAC is the cipher's MAC of the rest.
pub fn open_ticket(ticket: &[u8], cipher: &impl TicketCipher) -> Option<Vec<u8>> {
    let body = mac_checked_body(ticket, cipher)?;
    let start = KEY_NAME_LEN + cipher.iv_len();
    cipher.crypt(body.get(start..)?, false)
}

/// The part of `ticket` its MAC covers, when the MAC matches. The MAC's
/// length is known only once one is made: the usual length is tried first,
/// then the length the cipher's MAC turned out to have.
fn mac_checked_body<'t>(ticket: &'t [u8], cipher: &impl TicketCipher) -> Option<&'t [u8]> {
    let mut mac_len = USUAL_MAC_LEN.min(ticket.len());
    let mut mac = cipher.mac(&ticket[..ticket.len() - mac_len])?;
    if mac.len() != mac_len {
        mac_len = mac.len();
        mac = cipher.mac(&ticket[..ticket.len().checked_sub(mac_len)?])?;
    }
    let (body, received) = ticket.split_at(ticket.len() - mac_len);
    constant_time_eq(&mac, received).then_some(body)
}

/// Whether `a` and `b` are equal, in time independent of their contents.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    verify_slices_are_equal(a, b).is_ok()
}

#[cfg(test)]
mod tests {
    use aws_lc_rs::hmac;

    use super::*;

    /// A cipher as an application's callback might set up: a byte XORed in
    /// (enough to see encryption happen) and a real HMAC.
    struct TestCipher {
        xor: u8,
        mac_key: hmac::Key,
        iv_len: usize,
    }

    impl TestCipher {
        fn new(mac: hmac::Algorithm, mac_key: &[u8], iv_len: usize) -> Self {
            TestCipher {
                xor: 0x5a,
                mac_key: hmac::Key::new(mac, mac_key),
                iv_len,
            }
        }
    }

    impl TicketCipher for TestCipher {
        fn iv_len(&self) -> usize {
            self.iv_len
        }

        fn crypt(&self, data: &[u8], _encrypt: bool) -> Option<Vec<u8>> {
            Some(data.iter().map(|b| b ^ self.xor).collect())
        }

        fn mac(&self, data: &[u8]) -> Option<Vec<u8>> {
            Some(hmac::sign(&self.mac_key, data).as_ref().to_vec())
        }
    }

    const KEY: TicketKeyId = TicketKeyId {
        name: [7; KEY_NAME_LEN],
        iv: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
    };
    const PLAIN: &[u8] = b"the session the server sealed in this ticket";

    fn sha256(key: &[u8]) -> TestCipher {
        TestCipher::new(hmac::HMAC_SHA256, key, MAX_IV_LEN)
    }

    #[test]
    fn a_ticket_is_name_iv_encrypted_session_and_mac() {
        let cipher = sha256(b"mac key");
        let ticket = build_ticket(&KEY, &cipher, PLAIN).unwrap();
        assert_eq!(ticket.len(), KEY_NAME_LEN + MAX_IV_LEN + PLAIN.len() + 32);
        assert_eq!(ticket[..KEY_NAME_LEN], KEY.name);
        assert_eq!(ticket[KEY_NAME_LEN..KEY_NAME_LEN + MAX_IV_LEN], KEY.iv);
        let encrypted = &ticket[KEY_NAME_LEN + MAX_IV_LEN..ticket.len() - 32];
        assert_eq!(encrypted, &cipher.crypt(PLAIN, true).unwrap()[..]);
        let (covered, mac) = ticket.split_at(ticket.len() - 32);
        assert_eq!(mac, &cipher.mac(covered).unwrap()[..]);
        assert_eq!(TicketKeyId::read(&ticket), Some(KEY));
        assert_eq!(open_ticket(&ticket, &cipher).as_deref(), Some(PLAIN));
    }

    #[test]
    fn a_short_iv_takes_only_its_length() {
        let cipher = TestCipher::new(hmac::HMAC_SHA256, b"mac key", 12);
        let ticket = build_ticket(&KEY, &cipher, PLAIN).unwrap();
        assert_eq!(ticket.len(), KEY_NAME_LEN + 12 + PLAIN.len() + 32);
        assert_eq!(ticket[KEY_NAME_LEN..KEY_NAME_LEN + 12], KEY.iv[..12]);
        assert_eq!(open_ticket(&ticket, &cipher).as_deref(), Some(PLAIN));
        // An IV longer than the room for it is refused, not a panic.
        let too_long = TestCipher::new(hmac::HMAC_SHA256, b"mac key", MAX_IV_LEN + 1);
        assert_eq!(build_ticket(&KEY, &too_long, PLAIN), None);
    }

    #[test]
    fn mac_lengths_other_than_the_usual_one_are_probed() {
        for mac in [
            hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
            hmac::HMAC_SHA384,
            hmac::HMAC_SHA512,
        ] {
            let cipher = TestCipher::new(mac, b"mac key", MAX_IV_LEN);
            let ticket = build_ticket(&KEY, &cipher, PLAIN).unwrap();
            assert_eq!(
                open_ticket(&ticket, &cipher).as_deref(),
                Some(PLAIN),
                "{mac:?}"
            );
        }
    }

    #[test]
    fn a_tampered_ticket_is_refused() {
        let cipher = sha256(b"mac key");
        let ticket = build_ticket(&KEY, &cipher, PLAIN).unwrap();
        for i in 0..ticket.len() {
            let mut tampered = ticket.clone();
            tampered[i] ^= 1;
            assert_eq!(open_ticket(&tampered, &cipher), None, "byte {i}");
        }
    }

    #[test]
    fn a_truncated_ticket_is_refused() {
        let cipher = sha256(b"mac key");
        let ticket = build_ticket(&KEY, &cipher, PLAIN).unwrap();
        for len in 0..ticket.len() {
            assert_eq!(open_ticket(&ticket[..len], &cipher), None, "length {len}");
        }
        assert_eq!(TicketKeyId::read(&ticket[..MIN_TICKET_LEN - 1]), None);
        assert!(TicketKeyId::read(&ticket[..MIN_TICKET_LEN]).is_some());
    }

    #[test]
    fn a_ticket_under_another_mac_key_is_refused() {
        let ticket = build_ticket(&KEY, &sha256(b"mac key"), PLAIN).unwrap();
        assert_eq!(open_ticket(&ticket, &sha256(b"other key")), None);
    }

    #[test]
    fn equality_needs_the_same_length_and_bytes() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"mac", b"mac"));
        assert!(!constant_time_eq(b"mac", b"mad"));
        assert!(!constant_time_eq(b"mac", b"mac "));
    }
}
