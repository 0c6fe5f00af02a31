//! A look at the client's first record before rustls answers it: whether the
//! client offers TLS 1.2 session tickets. OpenSSL gives a client that does not
//! a session id instead; rustls decides that before telling the server store
//! anything about the client, so the connection looks first.

use crate::session::ByteCursor;

/// The record content type of handshake messages.
const HANDSHAKE: u8 = 22;
/// The handshake message type of a ClientHello.
const CLIENT_HELLO: u8 = 1;
/// The extension type of `session_ticket` (RFC 5077).
const SESSION_TICKET: u16 = 0x0023;

/// Whether the ClientHello in `record` (one TLS record) carries the
/// `session_ticket` extension; `None` when the record is not a whole ClientHello.
pub fn offers_session_ticket(record: &[u8]) -> Option<bool> {
    let mut c = ByteCursor::new(record);
    if c.u8()? != HANDSHAKE {
        return None;
    }
    c.bytes(4)?; // record version, record length
    if c.u8()? != CLIENT_HELLO {
        return None;
    }
    c.u24()?; // handshake length
    c.bytes(2 + 32)?; // version, random
    c.u8_prefixed()?; // session id
    c.u16_prefixed()?; // cipher suites
    c.u8_prefixed()?; // compression methods
    if c.is_empty() {
        return Some(false);
    }
    let mut exts = ByteCursor::new(c.u16_prefixed()?);
    while !exts.is_empty() {
        let kind = exts.u16()?;
        exts.u16_prefixed()?; // extension data
        if kind == SESSION_TICKET {
            return Some(true);
        }
    }
    Some(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hello(exts: &[u8]) -> Vec<u8> {
        let mut body = vec![3, 3];
        body.extend([0u8; 32]);
        body.extend([0, 0, 2, 0x13, 0x01, 1, 0]);
        body.extend((exts.len() as u16).to_be_bytes());
        body.extend(exts);
        let mut hs = vec![1, 0, 0, body.len() as u8];
        hs.extend(body);
        let mut rec = vec![22, 3, 1, 0, hs.len() as u8];
        rec.extend(hs);
        rec
    }

    #[test]
    fn finds_the_ticket_extension() {
        assert_eq!(offers_session_ticket(&hello(&[0, 0x23, 0, 0])), Some(true));
        assert_eq!(
            offers_session_ticket(&hello(&[0, 0x0a, 0, 2, 0, 0x1d])),
            Some(false)
        );
        let h = hello(&[0, 0x23, 0, 0]);
        assert_eq!(offers_session_ticket(&h[..h.len() - 3]), None);
        assert_eq!(offers_session_ticket(&[23, 3, 3, 0, 1, 0]), None);
    }

    #[test]
    fn truncations_are_refused_and_no_mutation_panics() {
        let exts = [0, 0x0a, 0, 2, 0, 0x1d, 0, 0x23, 0, 1, 7];
        let h = hello(&exts);
        assert_eq!(offers_session_ticket(&h), Some(true));
        // Cut where the extensions begin, the hello is one without extensions.
        let no_extensions = h.len() - exts.len() - 2;
        for cut in 0..h.len() {
            let expected = (cut == no_extensions).then_some(false);
            assert_eq!(offers_session_ticket(&h[..cut]), expected, "cut at {cut}");
        }
        let mut mutated = h.clone();
        for at in 0..h.len() {
            for value in 0..=u8::MAX {
                mutated[at] = value;
                let _ = offers_session_ticket(&mutated);
            }
            mutated[at] = h[at];
        }
    }
}
