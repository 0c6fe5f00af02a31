//! Fuzzes the ALPN wire lists (`SSL_CTX_set_alpn_protos`, the ALPN select
//! callback's lists, `SSL_select_next_proto`): a list parses back to the
//! same wire bytes; selection between the halves of the input never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sessl::ssl::alpn::{parse_wire, select_next_protocol, to_wire};

fuzz_target!(|data: &[u8]| {
    if let Some(names) = parse_wire(data) {
        assert_eq!(to_wire(&names), data);
    }
    let (server, client) = data.split_at(data.len() / 2);
    let _ = select_next_protocol(server, client);
});
