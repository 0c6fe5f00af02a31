//! Ticket keys from the fleet's store: every server encrypts with the
//! current key and decrypts with the current or the previous one, so a
//! ticket issued by one server resumes at every other. Used when a context's
//! cache has a store that shares ticket keys; an application's ticket key
//! callback still wins (the ticketer asks it first).

use std::sync::Arc;

use rustls::server::ProducesTickets;

use super::context::Context;
use super::ticket_keys::TicketKeySet;
use crate::session::TicketKeyPair;

/// The fleet's current and previous ticket keys, in OpenSSL's ticket layout.
#[derive(Debug)]
pub struct FleetTicketKeys {
    current: TicketKeySet,
    previous: Option<TicketKeySet>,
}

impl FleetTicketKeys {
    /// The keys of `pair`.
    pub fn new(pair: &TicketKeyPair) -> Self {
        FleetTicketKeys {
            current: TicketKeySet::from_bytes(pair.current),
            previous: pair.previous.map(TicketKeySet::from_bytes),
        }
    }
}

impl ProducesTickets for FleetTicketKeys {
    fn enabled(&self) -> bool {
        true
    }

    fn lifetime(&self) -> u32 {
        self.current.lifetime()
    }

    fn encrypt(&self, plain: &[u8]) -> Option<Vec<u8>> {
        self.current.encrypt(plain)
    }

    fn decrypt(&self, ticket: &[u8]) -> Option<Vec<u8>> {
        self.current
            .decrypt(ticket)
            .or_else(|| self.previous.as_ref()?.decrypt(ticket))
    }
}

impl Context {
    /// The keys a handshake's tickets use: the fleet's when the cache's
    /// store shares them (and answers), else the context's own.
    pub fn handshake_ticket_keys(&self) -> Arc<dyn ProducesTickets> {
        let pair = self.cache().store().and_then(|s| s.ticket_keys());
        match pair {
            Some(pair) => Arc::new(FleetTicketKeys::new(&pair)),
            None => self.ticket_keys(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickets_of_the_previous_key_still_open_after_a_rotation() {
        let first = TicketKeyPair::fresh(0).unwrap();
        let before = FleetTicketKeys::new(&first);
        let ticket = before.encrypt(b"session").unwrap();
        let second = first.rotated(10).unwrap();
        let after = FleetTicketKeys::new(&second);
        assert_eq!(after.decrypt(&ticket).as_deref(), Some(&b"session"[..]));
        let newer = after.encrypt(b"later").unwrap();
        assert_eq!(
            before.decrypt(&newer),
            None,
            "a new key is not known before"
        );
        let third = FleetTicketKeys::new(&second.rotated(20).unwrap());
        assert_eq!(third.decrypt(&ticket), None, "two rotations: gone");
        assert_eq!(third.decrypt(&newer).as_deref(), Some(&b"later"[..]));
    }
}
