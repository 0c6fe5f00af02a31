//! OpenSSL's cipher-string language: for each string of a corpus (defaults
//! and recommendations of real programs, and the operators' corner cases),
//! sessl's `parse_cipher_list` gives exactly the TLS 1.2 suites, in the same
//! order, that `openssl ciphers -v` lists, once the TLS 1.3 lines and the
//! suites sessl does not have are dropped; a string OpenSSL refuses, or one
//! that keeps none of sessl's suites, is an error in sessl.

use std::process::Command;

use sessl::ssl::cipher::{parse_cipher_list, CIPHERS};
use sessl::ssl::cipher_string::parse;
use sessl::ssl::suite_choice::{SuiteChoice, SuiteList};

const CORPUS: &[&str] = &[
    // Python 3.11's default (`ssl.SSLContext()`).
    "@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM",
    // curl sets none: OpenSSL's default.
    "DEFAULT",
    // nginx's default `ssl_ciphers`.
    "HIGH:!aNULL:!MD5",
    // Apache httpd's default `SSLCipherSuite`.
    "HIGH:MEDIUM:!MD5:!RC4:!3DES",
    // HAProxy-style defaults.
    "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL:!MD5",
    "ECDH+AESGCM:DH+AESGCM:ECDH+AES256:DH+AES256:ECDH+AES128:DH+AES:ECDH+3DES:DH+3DES:RSA+AESGCM:RSA+AES:RSA+3DES:!aNULL:!MD5:!DSS",
    "EECDH+ECDSA+AESGCM:EECDH+aRSA+AESGCM:EECDH+ECDSA+SHA384:EECDH+ECDSA+SHA256:EECDH+aRSA+SHA384:EECDH+aRSA+SHA256:EECDH:EDH+aRSA:!aNULL:!eNULL:!LOW:!3DES:!MD5:!EXP:!PSK:!SRP:!DSS:!RC4",
    // Mozilla intermediate (v5.7).
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305",
    // Mozilla old (v5).
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA256:DHE-RSA-AES256-SHA256:AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA:DES-CBC3-SHA",
    // Mozilla's older "intermediate" (v4), with its ! list.
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:!DSS",
    // A long real-world list mixing names and keywords.
    "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:kEDH+AESGCM:AES128-SHA:AES:CAMELLIA:DES-CBC3-SHA:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!aECDH",
    // Keywords and operators.
    "ALL",
    "HIGH",
    "FIPS",
    "TLSv1.2",
    "ALL:@STRENGTH",
    "AES:CHACHA20",
    "CHACHA20:AES",
    "CHACHA20:AES128:AES256:@STRENGTH",
    "ECDHE+AESGCM",
    "ECDHE+CHACHA20:ECDHE+AESGCM",
    "aRSA",
    "aRSA:aECDSA",
    "aECDSA:+AES256",
    "AES128:-AESGCM:AESGCM",
    "ALL:-ECDSA:-CHACHA20:ALL",
    "ALL:-ECDSA:ECDSA",
    "ALL:!ECDSA:ECDSA",
    "!ECDSA:ALL",
    "-ECDSA:ALL",
    "ALL:!ECDSA",
    "ALL:+AES+ECDSA",
    "DEFAULT:!aNULL:@STRENGTH",
    "DEFAULT:+ECDSA",
    "DEFAULT!AES",
    "ECDSA:DEFAULT",
    "FIPS+AES128:CHACHA20",
    "AES256+AESGCM",
    "ECDHE-RSA-AES128-GCM-SHA256+aRSA",
    "SUITEB128",
    "SUITEB128ONLY",
    "SUITEB192:AES128",
    "@SECLEVEL=0:ALL:@SECLEVEL=5",
    "ALL;!ECDSA,CHACHA20 AES",
    "ALL:AES128@STRENGTH",
    "ALL:@SECLEVEL=3+AES$",
    "ALL:NOPE$:RC4+",
    "NOPE:AES",
    // Refused by OpenSSL, or keeping none of sessl's suites (kRSA, RSA,
    // SHA256 and DHE+AES select only suites sessl does not have).
    "kRSA",
    "RSA",
    "SHA256",
    "DHE+AES",
    "MEDIUM",
    "HIGH+FIPS",
    "ALL:!ALL",
    "+AES",
    "@STRENGTH",
    "",
    ":DEFAULT",
    "ALL:$",
    "ALL:AES+",
    "ALL:!",
    "ALL:-!AES",
    "ALL:DHE$",
    "ALL\tAES",
    "@SECLEVEL=6:ALL",
    "@FOO:ALL",
    "TLS_AES_128_GCM_SHA256",
];

/// The IANA numbers of sessl's TLS 1.2 suites that `openssl ciphers -v list`
/// lists, in its order, or `None` when OpenSSL refuses the string.
fn openssl_selection(list: &str) -> Option<Vec<u16>> {
    openssl_ciphers(&["-v"], list)
}

/// The same for `openssl ciphers -s`: only the suites the security level
/// (set by the string's `@SECLEVEL`) lets a TLS 1.2 connection use.
fn openssl_supported(list: &str) -> Option<Vec<u16>> {
    openssl_ciphers(&["-s", "-tls1_2", "-v"], list)
}

fn openssl_ciphers(flags: &[&str], list: &str) -> Option<Vec<u16>> {
    let out = Command::new("openssl")
        .arg("ciphers")
        .args(flags)
        .args(["--", list])
        .output()
        .expect("the openssl command runs");
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).expect("openssl prints text");
    let selected = text
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let name = fields.next()?;
            (fields.next()? == "TLSv1.2").then_some(name)
        })
        .filter_map(|name| {
            CIPHERS
                .iter()
                .find(|c| c.name.to_bytes() == name.as_bytes())
                .map(|c| c.iana)
        })
        .collect();
    Some(selected)
}

#[test]
fn corpus_has_thirty_strings_or_more() {
    assert!(CORPUS.len() >= 30);
}

#[test]
fn sessl_selects_what_openssl_selects() {
    let mut differences = Vec::new();
    for list in CORPUS {
        let expected = openssl_selection(list).filter(|suites| !suites.is_empty());
        let got = parse_cipher_list(list).ok();
        if got != expected {
            differences.push(format!("{list:?}: openssl {expected:x?}, sessl {got:x?}"));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn nothing_selected_is_an_error_on_both_sides() {
    // OpenSSL refuses a string that selects nothing at all...
    for list in ["ALL:!ALL", "MEDIUM", "HIGH+FIPS"] {
        assert_eq!(openssl_selection(list), None, "{list}");
        assert!(parse_cipher_list(list).is_err(), "{list}");
    }
    // ... and sessl one that selects only suites it does not have (OpenSSL
    // lists the plain-RSA suites for kRSA).
    assert_eq!(openssl_selection("kRSA"), Some(vec![]));
    assert!(parse_cipher_list("kRSA").is_err());
}

/// `@SECLEVEL=n` sets the level, and the level keeps of the selection what
/// OpenSSL's `ciphers -s` keeps (level 4 and 5: no 128-bit suite).
#[test]
fn security_levels_keep_what_openssl_supports() {
    let mut differences = Vec::new();
    for level in 0..=5u8 {
        for base in [
            "ALL",
            "ECDHE+AESGCM:ECDHE+CHACHA20",
            "HIGH:!aNULL:@STRENGTH",
        ] {
            let list = format!("@SECLEVEL={level}:{base}");
            let parsed = parse(&list).expect("a selection");
            assert_eq!(parsed.security_level, Some(level), "{list}");
            let choice = SuiteChoice {
                tls12: Some(SuiteList::new(&parsed.suites)),
                tls13: Some(SuiteList::new(&[])),
                security_level: i32::from(level),
                groups: None,
            };
            let got: Vec<u16> = choice
                .enabled(&[&rustls::version::TLS12])
                .iter()
                .map(|c| c.iana)
                .collect();
            let expected = openssl_supported(&list).unwrap_or_default();
            if got != expected {
                differences.push(format!("{list:?}: openssl {expected:x?}, sessl {got:x?}"));
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    // The last @SECLEVEL counts; a bad one refuses the string, as in OpenSSL.
    assert_eq!(
        parse("@SECLEVEL=1:ALL:@SECLEVEL=3").unwrap().security_level,
        Some(3)
    );
    assert_eq!(openssl_selection("@SECLEVEL=9:ALL"), None);
    assert!(parse("@SECLEVEL=9:ALL").is_err());
}

/// Strings made of keywords, operators and separators, from a fixed seed:
/// sessl and OpenSSL agree on each.
#[test]
fn generated_strings_agree() {
    const PIECES: &[&str] = &[
        "ALL",
        "HIGH",
        "FIPS",
        "AES",
        "AES128",
        "AES256",
        "AESGCM",
        "CHACHA20",
        "aRSA",
        "aECDSA",
        "ECDSA",
        "ECDHE",
        "kECDHE",
        "ECDH",
        "EECDH",
        "TLSv1.2",
        "DHE",
        "kRSA",
        "RSA",
        "SHA1",
        "eNULL",
        "aNULL",
        "NOPE",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-CHACHA20-POLY1305",
        "AES128-SHA",
        "@STRENGTH",
        "@SECLEVEL=2",
    ];
    const OPERATORS: &[&str] = &["", "", "", "!", "-", "+"];
    const SEPARATORS: &[&str] = &[":", ":", ",", " ", ";", "+"];
    let mut seed: u64 = 0x5e55_1c1f;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let mut differences = Vec::new();
    for _ in 0..300 {
        let mut list = String::new();
        if next(5) == 0 {
            list.push_str("DEFAULT:");
        }
        for i in 0..1 + next(6) {
            let separator = if i > 0 {
                SEPARATORS[next(SEPARATORS.len())]
            } else {
                ""
            };
            list.push_str(separator);
            // `A+!B` is refused by OpenSSL when A is one of its suite names
            // and skipped by sessl, which knows only its own (see cipher_string.rs).
            if separator != "+" {
                list.push_str(OPERATORS[next(OPERATORS.len())]);
            }
            list.push_str(PIECES[next(PIECES.len())]);
        }
        let expected = openssl_selection(&list).filter(|suites| !suites.is_empty());
        let got = parse_cipher_list(&list).ok();
        if got != expected {
            differences.push(format!("{list:?}: openssl {expected:x?}, sessl {got:x?}"));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
