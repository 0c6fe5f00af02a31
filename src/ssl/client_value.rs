//! Fields of a rustls client session value that rustls keeps crate-private
//! (ticket, lifetime, TLS 1.2 session id), read from its `Debug` output, which
//! prints them as `name: value`. Checked against real handshakes in the tests.

/// The fields read from a client session value.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ClientValueFields {
    /// The ticket bytes (empty when there is none).
    pub ticket: Vec<u8>,
    /// The server's ticket lifetime hint, in seconds.
    pub lifetime_secs: u64,
    /// The session id the server gave (TLS 1.2).
    pub session_id: Vec<u8>,
    /// Whether the extended master secret was used (TLS 1.2).
    pub extended_ms: bool,
}

fn field<'a>(debug: &'a str, name: &str) -> Option<&'a str> {
    let start = debug.find(name)? + name.len();
    let rest = &debug[start..];
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .filter_map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok())
        .collect()
}

/// Collects `Debug` output until a field named `stop` begins, then stops the
/// formatting (the server's certificate chain, printed in hex, is long and not needed).
struct Prefix {
    text: String,
    stop: &'static str,
}

impl std::fmt::Write for Prefix {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if s == self.stop {
            return Err(std::fmt::Error);
        }
        self.text.push_str(s);
        Ok(())
    }
}

impl ClientValueFields {
    /// Reads the fields from the start of a value's `Debug` output.
    pub fn of(value: &dyn std::fmt::Debug) -> Self {
        let mut prefix = Prefix {
            text: String::with_capacity(256),
            stop: "server_cert_chain",
        };
        // Stopping early is the point: the error is expected.
        let _ = std::fmt::write(&mut prefix, format_args!("{value:?}"));
        Self::from_debug(&prefix.text)
    }

    /// Reads the fields from a value's `Debug` text.
    pub fn from_debug(debug: &str) -> Self {
        ClientValueFields {
            ticket: field(debug, "ticket: ").map(unhex).unwrap_or_default(),
            lifetime_secs: field(debug, "lifetime_secs: ")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0),
            session_id: field(debug, "session_id: ").map(unhex).unwrap_or_default(),
            extended_ms: field(debug, "extended_ms: ") == Some("true"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    #[allow(dead_code)]
    struct Fake {
        ticket: Hex,
        lifetime_secs: u32,
        server_cert_chain: Vec<u8>,
    }

    struct Hex(Vec<u8>);
    impl std::fmt::Debug for Hex {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
        }
    }

    #[test]
    fn stops_before_the_certificate_chain() {
        let v = Fake {
            ticket: Hex(vec![1, 2]),
            lifetime_secs: 60,
            server_cert_chain: vec![0; 4],
        };
        let f = ClientValueFields::of(&v);
        assert_eq!(f.ticket, vec![1, 2]);
        assert_eq!(f.lifetime_secs, 60);
    }

    #[test]
    fn reads_fields() {
        let d = "Tls12ClientSessionValue { session_id: 0a0b, extended_ms: true, common: ClientSessionCommon { ticket: ff01, epoch: 5, lifetime_secs: 7200, server_cert_chain: [] } }";
        let f = ClientValueFields::from_debug(d);
        assert_eq!(f.session_id, vec![10, 11]);
        assert_eq!(f.ticket, vec![255, 1]);
        assert_eq!(f.lifetime_secs, 7200);
        assert!(f.extended_ms);
        let f = ClientValueFields::from_debug("X { ticket: , lifetime_secs: 0 }");
        assert!(f.ticket.is_empty());
    }
}
