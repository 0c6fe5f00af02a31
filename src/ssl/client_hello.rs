//! A look at the client's first record before rustls answers it: whether the
//! client offers TLS 1.2 session tickets. OpenSSL gives a client that does not
//! a session id instead; rustls decides that before telling the server store
//! anything about the client, so the connection looks first.

/// Whether the ClientHello in `record` (one TLS record) carries the
/// `session_ticket` extension; `None` when the record is not a whole ClientHello.
pub fn offers_session_ticket(record: &[u8]) -> Option<bool> {
    let mut c = Cursor(record.get(5..)?);
    if record[0] != 22 {
        return None;
    }
    if c.u8()? != 1 {
        return None;
    }
    c.take(3)?; // handshake length
    c.take(2 + 32)?; // version, random
    let sid = c.u8()? as usize;
    c.take(sid)?;
    let suites = c.u16()? as usize;
    c.take(suites)?;
    let compression = c.u8()? as usize;
    c.take(compression)?;
    if c.0.is_empty() {
        return Some(false);
    }
    let ext_len = c.u16()? as usize;
    let mut exts = Cursor(c.take(ext_len)?);
    while !exts.0.is_empty() {
        let kind = exts.u16()?;
        let len = exts.u16()? as usize;
        exts.take(len)?;
        if kind == 0x0023 {
            return Some(true);
        }
    }
    Some(false)
}

struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    }
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
}
