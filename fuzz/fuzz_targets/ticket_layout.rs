//! Fuzzes OpenSSL's ticket layout under the application's key callback
//! (key name, IV, encrypted session, MAC): any ticket received is refused or
//! opened, with a stand-in cipher whose IV and MAC lengths the first byte picks
//! (0: OpenSSL's usual 16 and 32).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sessl::ssl::ticket_layout::{build_ticket, open_ticket, TicketCipher, TicketKeyId, MAX_IV_LEN};

/// XOR "encryption" and a 32- or 20-byte checksum MAC: enough to reach every branch.
struct Toy {
    iv_len: usize,
    mac_len: usize,
}

impl TicketCipher for Toy {
    fn iv_len(&self) -> usize {
        self.iv_len
    }
    fn crypt(&self, data: &[u8], _encrypt: bool) -> Option<Vec<u8>> {
        Some(data.iter().map(|b| b ^ 0x5a).collect())
    }
    fn mac(&self, data: &[u8]) -> Option<Vec<u8>> {
        let sum = data.iter().fold(0u8, |a, b| a.wrapping_add(*b));
        Some(vec![sum; self.mac_len])
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, ticket)) = data.split_first() else {
        return;
    };
    let toy = Toy {
        iv_len: match usize::from(pick & 0x0f) {
            0 => MAX_IV_LEN,
            n => n,
        },
        mac_len: if pick & 0x10 == 0 { 32 } else { 20 },
    };
    let _ = TicketKeyId::read(ticket);
    let _ = open_ticket(ticket, &toy);
    if let Some(key) = TicketKeyId::read(ticket) {
        let made = build_ticket(&key, &toy, ticket).expect("the toy cipher always works");
        assert_eq!(open_ticket(&made, &toy).as_deref(), Some(ticket));
    }
});
