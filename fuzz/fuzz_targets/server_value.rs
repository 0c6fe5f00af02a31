//! Fuzzes the reading of rustls' encoded server session value (behind
//! ticket and cache lookups) and the replacement of its application data.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sessl::session::{with_application_data, ServerValueFields};

fuzz_target!(|bytes: &[u8]| {
    let parsed = ServerValueFields::parse(bytes);
    let data = b"app data";
    if let (Some(fields), Some(out)) = (parsed, with_application_data(bytes, data)) {
        let again = ServerValueFields::parse(&out).expect("a value with new data still parses");
        assert_eq!(again.application_data, data);
        assert_eq!(again.master_secret, fields.master_secret);
        assert_eq!(again.cipher_suite, fields.cipher_suite);
    }
});
