//! End to end: a server `Connection` fed arbitrary bytes as its client's,
//! through an in-memory transport: no panic, no hang (libFuzzer's
//! -timeout), bounded memory (-rss_limit_mb) and bounded output.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common/peer.rs"]
mod peer;

fuzz_target!(|data: &[u8]| peer::run(true, data));
