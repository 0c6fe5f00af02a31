//! The fleet's ticket keys as a store keeps them: the current key (which
//! encrypts) and the previous one (which still decrypts), each 80 bytes in
//! OpenSSL's layout (name, HMAC key, AES key), and when the current one was made.

use super::seal::Sealer;

/// Length of one ticket key in OpenSSL's layout.
pub const TICKET_KEY_LEN: usize = 80;
const ENCODED_LEN: usize = 8 + 1 + 2 * TICKET_KEY_LEN;
/// What the pair's seal is bound to.
const AAD: &[u8] = b"sessl fleet ticket keys";

/// The current and previous ticket keys.
#[derive(Clone, PartialEq, Eq)]
pub struct TicketKeyPair {
    /// When `current` was made (seconds since the epoch).
    pub created: i64,
    /// Encrypts new tickets; decrypts too.
    pub current: [u8; TICKET_KEY_LEN],
    /// The key before the last rotation: decrypts only.
    pub previous: Option<[u8; TICKET_KEY_LEN]>,
}

impl std::fmt::Debug for TicketKeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TicketKeyPair")
            .field("created", &self.created)
            .finish_non_exhaustive()
    }
}

fn random_key() -> Option<[u8; TICKET_KEY_LEN]> {
    let mut k = [0u8; TICKET_KEY_LEN];
    aws_lc_rs::rand::fill(&mut k).ok()?;
    Some(k)
}

impl TicketKeyPair {
    /// A first pair made at `now`: a random current key, no previous one.
    pub fn fresh(now: i64) -> Option<Self> {
        Some(TicketKeyPair {
            created: now,
            current: random_key()?,
            previous: None,
        })
    }

    /// Whether the current key is older than `period` seconds at `now`.
    pub fn due(&self, now: i64, period: i64) -> bool {
        now.saturating_sub(self.created) >= period
    }

    /// The keys of this pair still good at `now` with rotations every
    /// `period` seconds: the previous key decrypts for one period after the
    /// rotation that retired it, the current one for two after it was made;
    /// `None` once the current key is that old (a held copy the store could
    /// not refresh).
    pub fn usable_at(&self, now: i64, period: i64) -> Option<Self> {
        let age = now.saturating_sub(self.created);
        if age >= period.saturating_mul(2) {
            return None;
        }
        let mut pair = self.clone();
        if age >= period {
            pair.previous = None;
        }
        Some(pair)
    }

    /// The next pair: a new current key, this one's current as previous.
    pub fn rotated(&self, now: i64) -> Option<Self> {
        Some(TicketKeyPair {
            created: now,
            current: random_key()?,
            previous: Some(self.current),
        })
    }

    /// The pair sealed under the fleet secret.
    pub fn seal(&self, sealer: &Sealer) -> Vec<u8> {
        let mut plain = zeroize::Zeroizing::new(Vec::with_capacity(ENCODED_LEN));
        plain.extend_from_slice(&self.created.to_be_bytes());
        plain.push(self.previous.is_some() as u8);
        plain.extend_from_slice(&self.current);
        plain.extend_from_slice(&self.previous.unwrap_or([0; TICKET_KEY_LEN]));
        sealer.seal(&[AAD], &plain)
    }

    /// A pair sealed by `seal` under the same secret.
    pub fn open(sealer: &Sealer, sealed: &[u8]) -> Option<Self> {
        let plain = sealer.open(&[AAD], sealed)?;
        if plain.len() != ENCODED_LEN || plain[8] > 1 {
            return None;
        }
        let key = |at: usize| -> [u8; TICKET_KEY_LEN] {
            plain[at..at + TICKET_KEY_LEN].try_into().unwrap()
        };
        Some(TicketKeyPair {
            created: i64::from_be_bytes(plain[..8].try_into().unwrap()),
            current: key(9),
            previous: (plain[8] == 1).then(|| key(9 + TICKET_KEY_LEN)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_rotates_and_reads_back_sealed() {
        let sealer = Sealer::new(&[4; 32]).unwrap();
        let first = TicketKeyPair::fresh(100).unwrap();
        assert!(!first.due(150, 60) && first.due(160, 60));
        let next = first.rotated(160).unwrap();
        assert_eq!(next.previous, Some(first.current));
        assert_ne!(next.current, first.current);
        for pair in [first, next] {
            let sealed = pair.seal(&sealer);
            assert!(!sealed.windows(16).any(|w| w == &pair.current[..16]));
            assert_eq!(TicketKeyPair::open(&sealer, &sealed), Some(pair.clone()));
            let other = Sealer::new(&[5; 32]).unwrap();
            assert_eq!(TicketKeyPair::open(&other, &sealed), None);
        }
        assert_eq!(
            TicketKeyPair::open(&sealer, &sealer.seal(&[AAD], b"short")),
            None
        );
    }

    #[test]
    fn a_held_pair_loses_its_keys_as_they_age() {
        let pair = TicketKeyPair::fresh(0).unwrap().rotated(100).unwrap();
        let young = pair.usable_at(159, 60).unwrap();
        assert_eq!(young, pair);
        let due = pair.usable_at(160, 60).unwrap();
        assert_eq!((due.current, due.previous), (pair.current, None));
        assert_eq!(
            pair.usable_at(219, 60).map(|p| p.current),
            Some(pair.current)
        );
        assert_eq!(pair.usable_at(220, 60), None);
    }
}
