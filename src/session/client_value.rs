//! Fields of a rustls client session value that rustls keeps crate-private
//! (ticket, lifetime, TLS 1.2 session id), read from its `Debug` output, which
//! prints them as `name: value`. The output is read as it is written, piece
//! by piece (a field's name, `": "`, its value, `", "`), and the formatting
//! stops where the server's certificate chain would begin, so nothing is
//! gathered into a string and searched. Checked against real handshakes in
//! the tests.

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

/// The field whose value is being written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Ticket,
    LifetimeSecs,
    SessionId,
    ExtendedMs,
}

impl Field {
    fn named(name: &str) -> Option<Field> {
        match name {
            "ticket" => Some(Field::Ticket),
            "lifetime_secs" => Some(Field::LifetimeSecs),
            "session_id" => Some(Field::SessionId),
            "extended_ms" => Some(Field::ExtendedMs),
            _ => None,
        }
    }
}

/// Reads the fields from `Debug` output as it is written, until a field
/// named `stop` begins; then it fails the formatting (the server's
/// certificate chain, printed in hex, is long and not needed).
struct FieldReader {
    fields: ClientValueFields,
    /// A field name just written: its value follows the `": "`.
    named: Option<Field>,
    /// The field whose value is being written.
    current: Option<Field>,
    /// The high half of a hex byte whose low half has not come yet.
    high_nibble: Option<u8>,
    stop: &'static str,
}

impl FieldReader {
    fn new(stop: &'static str) -> Self {
        FieldReader {
            fields: ClientValueFields::default(),
            named: None,
            current: None,
            high_nibble: None,
            stop,
        }
    }

    fn hex_digits(&mut self, s: &str, field: Field) {
        let into = if field == Field::Ticket {
            &mut self.fields.ticket
        } else {
            &mut self.fields.session_id
        };
        if into.capacity() == 0 {
            into.reserve(256);
        }
        for c in s.bytes() {
            let v = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                _ => continue,
            };
            match self.high_nibble.take() {
                None => self.high_nibble = Some(v),
                Some(h) => into.push(h << 4 | v),
            }
        }
    }

    fn value(&mut self, field: Field, s: &str) {
        match field {
            Field::Ticket | Field::SessionId => self.hex_digits(s, field),
            Field::LifetimeSecs => {
                for d in s.bytes().filter(u8::is_ascii_digit) {
                    let l = &mut self.fields.lifetime_secs;
                    *l = l.saturating_mul(10).saturating_add(u64::from(d - b'0'));
                }
            }
            Field::ExtendedMs => self.fields.extended_ms |= s == "true",
        }
    }
}

impl std::fmt::Write for FieldReader {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let first = s.as_bytes().first().copied().unwrap_or(b' ');
        if let Some(field) = self.current {
            // A value's digits, hex or decimal, or `true`/`false`: the most
            // frequent pieces (a ticket's every byte), so handled first.
            if first.is_ascii_alphanumeric() {
                self.value(field, s);
                return Ok(());
            }
        }
        if s == ": " {
            self.current = self.named.take();
            self.high_nibble = None;
            return Ok(());
        }
        if s == self.stop {
            return Err(std::fmt::Error);
        }
        // A field or struct name, or ", " before the next field, " { " or
        // " }" around a struct: no value goes on.
        self.current = None;
        self.named = Field::named(s);
        Ok(())
    }
}

impl ClientValueFields {
    /// Reads the fields from the start of a value's `Debug` output.
    pub fn of(value: &dyn std::fmt::Debug) -> Self {
        let mut reader = FieldReader::new("server_cert_chain");
        // Stopping early is the point: the error is expected.
        let _ = std::fmt::write(&mut reader, format_args!("{value:?}"));
        reader.fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Hex(Vec<u8>);
    impl std::fmt::Debug for Hex {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
        }
    }

    /// Laid out as rustls' `ClientSessionCommon`.
    #[derive(Debug)]
    #[allow(dead_code)]
    struct Common {
        ticket: std::sync::Arc<Hex>,
        epoch: u64,
        lifetime_secs: u32,
        server_cert_chain: Vec<u8>,
    }

    /// Laid out as rustls' `Tls12ClientSessionValue`.
    #[derive(Debug)]
    #[allow(dead_code)]
    struct Tls12 {
        suite: &'static str,
        session_id: Hex,
        extended_ms: bool,
        common: Common,
    }

    fn common(ticket: Vec<u8>, lifetime_secs: u32) -> Common {
        Common {
            ticket: std::sync::Arc::new(Hex(ticket)),
            epoch: 1_700_000_000,
            lifetime_secs,
            server_cert_chain: vec![0; 4],
        }
    }

    #[test]
    fn reads_a_ticket_and_its_lifetime() {
        // Bytes below 0x10 are written as a padding '0' and one digit.
        let f = ClientValueFields::of(&common(vec![1, 0x2f, 0, 0xff], 7200));
        assert_eq!(f.ticket, vec![1, 0x2f, 0, 0xff]);
        assert_eq!(f.lifetime_secs, 7200);
        assert!(f.session_id.is_empty());
        assert!(!f.extended_ms);
        let f = ClientValueFields::of(&common(Vec::new(), 0));
        assert!(f.ticket.is_empty());
        assert_eq!(f.lifetime_secs, 0);
    }

    #[test]
    fn reads_a_tls12_value() {
        let v = Tls12 {
            suite: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            session_id: Hex(vec![10, 11]),
            extended_ms: true,
            common: common(vec![0xab; 3], 300),
        };
        let f = ClientValueFields::of(&v);
        assert_eq!(f.session_id, vec![10, 11]);
        assert!(f.extended_ms);
        assert_eq!(f.ticket, vec![0xab; 3]);
        assert_eq!(f.lifetime_secs, 300);
        let v = Tls12 {
            extended_ms: false,
            ..v
        };
        assert!(!ClientValueFields::of(&v).extended_ms);
    }

    /// A `Debug` that panics when the certificate chain is formatted.
    struct Forbidden;
    impl std::fmt::Debug for Forbidden {
        fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            panic!("the certificate chain was formatted");
        }
    }

    #[test]
    fn stops_before_the_certificate_chain() {
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Common {
            ticket: Hex,
            lifetime_secs: u32,
            server_cert_chain: Forbidden,
        }
        let f = ClientValueFields::of(&Common {
            ticket: Hex(vec![1, 2]),
            lifetime_secs: 60,
            server_cert_chain: Forbidden,
        });
        assert_eq!(f.ticket, vec![1, 2]);
        assert_eq!(f.lifetime_secs, 60);
    }
}
