//! Fuzzes the reading of a server's plaintext handshake messages
//! (`ServerFlight`, behind the getters of what the server chose).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sessl::ssl::ServerFlight;

fuzz_target!(|messages: &[u8]| {
    let flight = ServerFlight::parse(messages);
    let _ = (
        flight.extended_master_secret(),
        flight.ec_point_formats(),
        flight.key_share(),
    );
});
