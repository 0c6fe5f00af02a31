//! A session as OpenSSL 3.0 prints it: `SSL_SESSION_print`'s report and
//! `SSL_SESSION_print_keylog`'s NSS key log line, byte for byte. Fields sessl
//! does not have (PSK identity and hint, SRP user name, compression) print as
//! OpenSSL prints them absent.

use std::ffi::CStr;
use std::fmt::Write;

use super::session::Session;

/// What the report needs from outside the session: the layers above know
/// the suite's OpenSSL name and libcrypto's text for the verification result.
pub struct PrintNames<'a> {
    /// The cipher suite's OpenSSL name, if it is known.
    pub cipher: Option<&'a str>,
    /// `X509_verify_cert_error_string` of the session's verification result.
    pub verify_result: &'a str,
}

/// OpenSSL's name of a protocol version (`ssl_protocol_to_string`), as the
/// C string `SSL_get_version` gives.
pub fn protocol_name(version: u16) -> &'static CStr {
    match version {
        0x0304 => c"TLSv1.3",
        0x0303 => c"TLSv1.2",
        0x0302 => c"TLSv1.1",
        0x0301 => c"TLSv1",
        0x0300 => c"SSLv3",
        0xfeff => c"DTLSv1",
        0xfefd => c"DTLSv1.2",
        0x0100 => c"DTLSv0.9",
        _ => c"unknown",
    }
}

fn hex_upper(out: &mut String, bytes: &[u8]) {
    for b in bytes {
        let _ = write!(out, "{b:02X}");
    }
}

/// libcrypto's `BIO_dump_indent` of `bytes` with an indent of 4: lines of 16
/// bytes, an offset, the bytes in hex (a `-` after the eighth) and as text.
pub fn dump_indented(out: &mut String, bytes: &[u8]) {
    for (line, chunk) in bytes.chunks(16).enumerate() {
        let _ = write!(out, "    {:04x} - ", line * 16);
        for j in 0..16 {
            match chunk.get(j) {
                Some(b) => {
                    let sep = if j == 7 { '-' } else { ' ' };
                    let _ = write!(out, "{b:02x}{sep}");
                }
                None => out.push_str("   "),
            }
        }
        out.push_str("  ");
        out.extend(chunk.iter().map(|&b| {
            if (b' '..=b'~').contains(&b) {
                char::from(b)
            } else {
                '.'
            }
        }));
        out.push('\n');
    }
}

/// `SSL_SESSION_print`'s text for `s`.
pub fn session_report(s: &Session, names: &PrintNames<'_>) -> String {
    let d = s.details();
    let tls13 = s.protocol_version() == 0x0304;
    let mut out = String::with_capacity(512);
    out.push_str("SSL-Session:\n");
    let _ = writeln!(
        out,
        "    Protocol  : {}",
        protocol_name(s.protocol_version())
            .to_str()
            .expect("the names are ASCII")
    );
    match names.cipher {
        Some(name) => {
            let _ = writeln!(out, "    Cipher    : {name}");
        }
        None => {
            let _ = writeln!(out, "    Cipher    : {:04X}", d.cipher_suite);
        }
    }
    out.push_str("    Session-ID: ");
    hex_upper(&mut out, &s.id());
    out.push_str("\n    Session-ID-ctx: ");
    hex_upper(&mut out, &s.id_context());
    out.push_str(if tls13 {
        "\n    Resumption PSK: "
    } else {
        "\n    Master-Key: "
    });
    hex_upper(&mut out, &d.master_key);
    out.push_str("\n    PSK identity: None\n    PSK identity hint: None\n    SRP username: None");
    let hint = s.ticket_lifetime_hint();
    if hint != 0 {
        let _ = write!(
            out,
            "\n    TLS session ticket lifetime hint: {hint} (seconds)"
        );
    }
    if !d.ticket.is_empty() {
        out.push_str("\n    TLS session ticket:\n");
        dump_indented(&mut out, &d.ticket);
    }
    if s.time() != 0 {
        let _ = write!(out, "\n    Start Time: {}", s.time());
    }
    if s.timeout() != 0 {
        let _ = write!(out, "\n    Timeout   : {} (sec)", s.timeout());
    }
    let _ = writeln!(
        out,
        "\n    Verify return code: {} ({})",
        s.verify_result(),
        names.verify_result
    );
    let ems = if d.extended_master_secret {
        "yes"
    } else {
        "no"
    };
    let _ = writeln!(out, "    Extended master secret: {ems}");
    if tls13 {
        let _ = writeln!(out, "    Max Early Data: {}", d.max_early_data);
    }
    out
}

/// `SSL_SESSION_print_keylog`'s line for `s`; `None` (OpenSSL prints
/// nothing and returns 0) without a session id or a master key.
pub fn keylog_line(s: &Session) -> Option<String> {
    let id = s.id();
    let key = s.master_key();
    if id.is_empty() || key.is_empty() {
        return None;
    }
    let mut out = String::from("RSA Session-ID:");
    hex_upper(&mut out, &id);
    out.push_str(" Master-Key:");
    hex_upper(&mut out, &key);
    out.push('\n');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Resumption, SessionParameters, Side};

    const NAMES: PrintNames<'static> = PrintNames {
        cipher: None,
        verify_result: "ok",
    };

    #[test]
    fn an_empty_session_prints_as_openssl_prints_one() {
        let s = Session::new(
            Side::Server,
            SessionParameters::default(),
            304,
            Resumption::None,
        );
        s.set_time(1796224926);
        s.set_verify_result(1);
        let names = PrintNames {
            verify_result: "unspecified certificate verification error",
            ..NAMES
        };
        let want = "SSL-Session:\n    Protocol  : unknown\n    Cipher    : 0000\n    \
            Session-ID: \n    Session-ID-ctx: \n    Master-Key: \n    PSK identity: None\n    \
            PSK identity hint: None\n    SRP username: None\n    Start Time: 1796224926\n    \
            Timeout   : 304 (sec)\n    Verify return code: 1 (unspecified certificate \
            verification error)\n    Extended master secret: no\n";
        assert_eq!(session_report(&s, &names), want);
        assert_eq!(keylog_line(&s), None);
    }

    #[test]
    fn a_tls13_session_prints_its_psk_ticket_and_early_data() {
        let p = SessionParameters {
            protocol_version: 0x0304,
            cipher_suite: 0x1302,
            id: vec![0xab; 2],
            master_key: vec![0x05, 0xba].into(),
            ticket_lifetime_hint: 7200,
            ..Default::default()
        };
        let s = Session::new(Side::Client, p, 7200, Resumption::None);
        s.set_time(5);
        s.set_ticket(b"0123456789abcdefXY\x01");
        let names = PrintNames {
            cipher: Some("TLS_AES_256_GCM_SHA384"),
            verify_result: "ok",
        };
        let text = session_report(&s, &names);
        let want = "    Cipher    : TLS_AES_256_GCM_SHA384\n    Session-ID: ABAB\n    \
            Session-ID-ctx: \n    Resumption PSK: 05BA\n";
        assert!(text.contains(want), "{text}");
        let dump =
            "    TLS session ticket lifetime hint: 7200 (seconds)\n    TLS session ticket:\n    \
            0000 - 30 31 32 33 34 35 36 37-38 39 61 62 63 64 65 66   0123456789abcdef\n    \
            0010 - 58 59 01                                          XY.\n\n    Start Time: 5\n";
        assert!(text.contains(dump), "{text}");
        assert!(text.ends_with("Extended master secret: no\n    Max Early Data: 0\n"));
        assert_eq!(
            keylog_line(&s).as_deref(),
            Some("RSA Session-ID:ABAB Master-Key:05BA\n")
        );
    }
}
