//! Fuzzes the header sessl puts before rustls' value in a ticket: a
//! decrypted ticket is refused or split so that it joins back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|plaintext: &[u8]| sessl::ssl::fuzzing::ticket_header(plaintext));
