//! The header the ticketer puts before rustls' value inside each ticket:
//! the session id context, time, timeout and peer verification result that
//! OpenSSL keeps in a ticket's session and rustls' value lacks.

/// Length of the header's fixed part: time, timeout, verify result.
const FIXED_LEN: usize = 24;

/// What a ticket holds besides rustls' value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TicketHeader<'a> {
    /// The session id context (OpenSSL's are at most 32 bytes).
    pub id_context: &'a [u8],
    /// When the session was made, in seconds since the epoch.
    pub time: i64,
    /// The session's timeout in seconds.
    pub timeout: i64,
    /// The peer verification result, restored on resumption.
    pub verify_result: i64,
}

impl<'a> TicketHeader<'a> {
    /// The header followed by `value`: what the ticket keys encrypt.
    pub fn prepend_to(&self, value: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 + self.id_context.len() + FIXED_LEN + value.len());
        out.push(self.id_context.len() as u8);
        out.extend_from_slice(self.id_context);
        out.extend_from_slice(&self.time.to_be_bytes());
        out.extend_from_slice(&self.timeout.to_be_bytes());
        out.extend_from_slice(&self.verify_result.to_be_bytes());
        out.extend_from_slice(value);
        out
    }

    /// Splits a decrypted ticket into its header and rustls' value; `None`
    /// when it is too short to hold a header.
    pub fn split_off(plaintext: &'a [u8]) -> Option<(Self, &'a [u8])> {
        let (&n, rest) = plaintext.split_first()?;
        let n = n as usize;
        if rest.len() < n + FIXED_LEN {
            return None;
        }
        let (id_context, rest) = rest.split_at(n);
        let field = |i: usize| {
            rest[i * 8..i * 8 + 8]
                .try_into()
                .ok()
                .map(i64::from_be_bytes)
        };
        let header = TicketHeader {
            id_context,
            time: field(0)?,
            timeout: field(1)?,
            verify_result: field(2)?,
        };
        Some((header, &rest[FIXED_LEN..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: TicketHeader<'static> = TicketHeader {
        id_context: b"ctx",
        time: 5,
        timeout: 7,
        verify_result: 20,
    };

    #[test]
    fn header_round_trip_and_truncation() {
        let plaintext = HEADER.prepend_to(b"value");
        assert_eq!(
            TicketHeader::split_off(&plaintext),
            Some((HEADER, &b"value"[..]))
        );
        assert_eq!(TicketHeader::split_off(&plaintext[..10]), None);
        assert_eq!(TicketHeader::split_off(&[]), None);
    }

    #[test]
    fn an_empty_value_and_an_empty_id_context_round_trip() {
        let header = TicketHeader {
            id_context: b"",
            ..HEADER
        };
        let plaintext = header.prepend_to(b"");
        assert_eq!(plaintext.len(), 1 + FIXED_LEN);
        assert_eq!(
            TicketHeader::split_off(&plaintext),
            Some((header, &b""[..]))
        );
        assert_eq!(TicketHeader::split_off(&plaintext[..FIXED_LEN]), None);
    }

    #[test]
    fn an_id_context_longer_than_the_ticket_is_refused() {
        let mut plaintext = HEADER.prepend_to(b"value");
        plaintext[0] = 200;
        assert_eq!(TicketHeader::split_off(&plaintext), None);
    }

    #[test]
    fn negative_fields_survive() {
        let header = TicketHeader {
            time: -1,
            timeout: i64::MIN,
            verify_result: -20,
            ..HEADER
        };
        let plaintext = header.prepend_to(b"v");
        assert_eq!(
            TicketHeader::split_off(&plaintext),
            Some((header, &b"v"[..]))
        );
    }
}
