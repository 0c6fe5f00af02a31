//! ALPN protocol lists in OpenSSL's wire format (each name preceded by its
//! one-byte length, as in `SSL_CTX_set_alpn_protos`) and the choice
//! `SSL_select_next_proto` makes between two such lists.

use std::ops::Range;

use crate::session::ByteCursor;

/// Splits wire format into names; `None` if malformed (an empty name, or a
/// length running past the end).
pub fn parse_wire(wire: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut cursor = ByteCursor::new(wire);
    let mut out = Vec::new();
    while !cursor.is_empty() {
        let name = cursor.u8_prefixed().filter(|name| !name.is_empty())?;
        out.push(name.to_vec());
    }
    Some(out)
}

/// The names in wire format (each at most 255 bytes long, as TLS allows).
pub fn to_wire(names: &[Vec<u8>]) -> Vec<u8> {
    let mut wire = Vec::new();
    for name in names {
        wire.push(name.len() as u8);
        wire.extend_from_slice(name);
    }
    wire
}

/// What `SSL_select_next_proto` picks, as the bytes of one name in one of
/// the two lists it was given.
#[derive(Debug, PartialEq, Eq)]
pub enum NextProtocol {
    /// The first name of the server's list the client also lists
    /// (`OPENSSL_NPN_NEGOTIATED`): where it lies in the server's list.
    Agreed(Range<usize>),
    /// No name in common (`OPENSSL_NPN_NO_OVERLAP`): the client's first,
    /// where it lies in the client's list.
    ClientFirst(Range<usize>),
}

/// The names of a wire-format list read as `SSL_select_next_proto` reads
/// them: up to the first length running past the end (trailing bytes are
/// ignored), each as where it lies in the list.
fn lenient_names(wire: &[u8]) -> Vec<Range<usize>> {
    let mut names = Vec::new();
    let mut at = 0;
    while let Some(&len) = wire.get(at) {
        let start = at + 1;
        let end = start + usize::from(len);
        if end > wire.len() {
            break;
        }
        names.push(start..end);
        at = end;
    }
    names
}

/// The choice between two wire-format lists, in server order, as OpenSSL
/// 3.0 makes it: empty or malformed server names are skipped, trailing bytes
/// ignored; `None` when the client's list does not start with a name.
pub fn select_next_protocol(server: &[u8], client: &[u8]) -> Option<NextProtocol> {
    let client_names = lenient_names(client);
    let first = client_names.first().filter(|r| !r.is_empty())?.clone();
    for s in lenient_names(server).into_iter().filter(|r| !r.is_empty()) {
        if client_names
            .iter()
            .any(|c| client[c.clone()] == server[s.clone()])
        {
            return Some(NextProtocol::Agreed(s));
        }
    }
    Some(NextProtocol::ClientFirst(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_format() {
        assert_eq!(
            parse_wire(b"\x02h2\x08http/1.1"),
            Some(vec![b"h2".to_vec(), b"http/1.1".to_vec()])
        );
        assert_eq!(parse_wire(b"\x05h2"), None);
        assert_eq!(parse_wire(b"\x00"), None);
        assert_eq!(parse_wire(b""), Some(vec![]));
        assert_eq!(
            to_wire(&[b"h2".to_vec(), b"http/1.1".to_vec()]),
            b"\x02h2\x08http/1.1"
        );
    }

    #[test]
    fn the_server_order_decides() {
        let server = b"\x08http/1.1\x02h2";
        let client = b"\x02h2\x08http/1.1";
        assert_eq!(
            select_next_protocol(server, client),
            Some(NextProtocol::Agreed(1..9))
        );
        assert_eq!(
            select_next_protocol(client, server),
            Some(NextProtocol::Agreed(1..3))
        );
        assert_eq!(
            select_next_protocol(b"\x02h3\x02h2", b"\x02h2"),
            Some(NextProtocol::Agreed(4..6))
        );
    }

    #[test]
    fn without_overlap_the_clients_first() {
        assert_eq!(
            select_next_protocol(b"\x02h3", b"\x06spdy/1\x02h2"),
            Some(NextProtocol::ClientFirst(1..7))
        );
        assert_eq!(select_next_protocol(b"\x02h3", b""), None);
        assert_eq!(
            select_next_protocol(b"\x05h3", b"\x02h2"),
            Some(NextProtocol::ClientFirst(1..3))
        );
        assert_eq!(select_next_protocol(b"\x02h2", b"\x00\x02h2"), None);
        assert_eq!(
            select_next_protocol(b"\x00\x02h2\x09", b"\x02h2\x07"),
            Some(NextProtocol::Agreed(2..4))
        );
        assert_eq!(
            select_next_protocol(b"", b"\x02h2"),
            Some(NextProtocol::ClientFirst(1..3))
        );
    }
}
