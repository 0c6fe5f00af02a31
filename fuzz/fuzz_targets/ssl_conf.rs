//! Fuzzes the SSL_CONF command parsing (`SSL_CONF_cmd`, openssl.cnf's
//! system_default section): prefixes, command lookup, the flag lists
//! (Protocol, Options, VerifyMode), protocol names and numbers. The first
//! byte picks the flags, the rest is split at the first '=' into command
//! and value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sessl::ssl::conf_lists::{apply_change, parse_list, NameList};
use sessl::ssl::conf_table::{atoi, lookup, protocol_version, strip_prefix};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let flags = u32::from(pick);
    let text = String::from_utf8_lossy(rest);
    let (cmd, value) = text.split_once('=').unwrap_or((&text, ""));
    for prefix in [None, Some("SSL_"), Some("-")] {
        if let Some(name) = strip_prefix(cmd, prefix, flags) {
            let _ = lookup(name, flags);
        }
    }
    for list in [NameList::Protocol, NameList::Options, NameList::VerifyMode] {
        let parsed = parse_list(list, value, flags);
        parsed
            .changes
            .iter()
            .fold(0u64, |bits, change| apply_change(bits, change));
    }
    let _ = (protocol_version(value), atoi(value));
});
