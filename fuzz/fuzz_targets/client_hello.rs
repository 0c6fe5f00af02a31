//! Fuzzes the ClientHello peek (`ClientHello::parse` and its facts, the
//! cipher-suite peek): any first record is refused or read without
//! panicking, and the facts agree with each other.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sessl::ssl::client_ciphers::{offered_suites, suites_from_bytes};
use sessl::ssl::ClientHello;

fuzz_target!(|record: &[u8]| {
    let parsed = ClientHello::parse(record);
    if let Some(hello) = &parsed {
        assert_eq!(hello.random().len(), 32);
        let _ = (
            hello.legacy_version(),
            hello.session_id(),
            hello.compression_methods(),
        );
        for kind in hello.extensions_present() {
            assert!(hello.extension(kind).is_some());
        }
        let _ = (hello.offers_version(0x0304), hello.offers_session_ticket());
        let _ = (
            hello.groups(),
            hello.signature_schemes(),
            hello.ec_point_formats(),
        );
        let _ = hello.offers_extended_master_secret();
        for group in hello.groups() {
            let _ = hello.key_share(group);
        }
        let _ = suites_from_bytes(hello.ciphers(), false);
    }
    let _ = offered_suites(record);
    let _ = suites_from_bytes(record, true);
});
