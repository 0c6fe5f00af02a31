//! Fuzzes the session decoder behind `d2i_SSL_SESSION` / `PEM_read_bio_SSL_SESSION`:
//! any input is either refused or decodes to a session whose encoding
//! decodes back to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sessl::Session;

fuzz_target!(|data: &[u8]| {
    if let Ok((session, used)) = Session::decode(data) {
        assert!(used <= data.len());
        let again = session.encode();
        let (back, used_again) = Session::decode(&again).expect("a session's own encoding decodes");
        assert_eq!(used_again, again.len());
        assert_eq!(back.encode(), again);
    }
});
