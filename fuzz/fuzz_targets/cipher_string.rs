//! Fuzzes the OpenSSL cipher-string parser (`SSL_CTX_set_cipher_list`,
//! `SSL_CTX_set_ciphersuites`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sessl::ssl::cipher_string;

fuzz_target!(|list: &[u8]| {
    let list = String::from_utf8_lossy(list);
    let _ = cipher_string::parse(&list);
    let _ = cipher_string::parse_rules(&list);
});
