//! The header the ticketer puts before rustls' value inside each ticket:
//! the session id context, time, timeout and peer verification result that
//! OpenSSL keeps in a ticket's session and rustls' value lacks.

/// What a ticket holds besides rustls' value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TicketHeader<'a> {
    pub id_context: &'a [u8],
    pub time: i64,
    pub timeout: i64,
    /// The peer verification result, restored on resumption.
    pub verify_result: i64,
}

pub fn seal_header(h: &TicketHeader<'_>, plain: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(25 + h.id_context.len() + plain.len());
    out.push(h.id_context.len() as u8);
    out.extend_from_slice(h.id_context);
    out.extend_from_slice(&h.time.to_be_bytes());
    out.extend_from_slice(&h.timeout.to_be_bytes());
    out.extend_from_slice(&h.verify_result.to_be_bytes());
    out.extend_from_slice(plain);
    out
}

/// Splits a sealed ticket into its header and rustls' value.
pub fn open_header(sealed: &[u8]) -> Option<(TicketHeader<'_>, &[u8])> {
    let (&n, rest) = sealed.split_first()?;
    let n = n as usize;
    if rest.len() < n + 24 {
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
    Some((header, &rest[24..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_round_trip_and_truncation() {
        let header = TicketHeader {
            id_context: b"ctx",
            time: 5,
            timeout: 7,
            verify_result: 20,
        };
        let sealed = seal_header(&header, b"value");
        assert_eq!(open_header(&sealed), Some((header, &b"value"[..])));
        assert_eq!(open_header(&sealed[..10]), None);
        assert_eq!(open_header(&[]), None);
    }
}
