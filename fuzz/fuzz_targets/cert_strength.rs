//! Fuzzes the DER walk that reads a certificate's key and signature
//! strength (the security level checks).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|der: &[u8]| sessl::ssl::fuzzing::certificate_strength(der));
