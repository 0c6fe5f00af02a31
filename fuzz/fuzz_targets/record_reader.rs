//! Fuzzes the one-record-at-a-time reader and what it watches (the first
//! record, a TLS 1.2 NewSessionTicket, the server's flight): the first byte
//! picks how many of the next bytes are read sizes, the rest is the stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sessl::ssl::fuzzing::record_stream;

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let (sizes, stream) = rest.split_at(usize::from(n % 8).min(rest.len()));
    record_stream(stream, sizes);
});
