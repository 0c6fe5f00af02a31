//! Reading a server's first answer to a replayed ClientHello: did its
//! ServerHello accept the offered PSK (a TLS 1.3 ticket)?

/// What the server answered.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    /// A ServerHello with a `pre_shared_key` extension: the ticket was accepted.
    PskAccepted,
    /// A ServerHello without one: a full handshake.
    PskRefused,
    /// A HelloRetryRequest (no verdict on the ticket yet).
    HelloRetry,
    /// An alert record.
    Alert,
    /// Not enough bytes yet.
    Incomplete,
    /// Something that is not a ServerHello.
    Malformed,
}

const PRE_SHARED_KEY: u16 = 41;
/// The random of a HelloRetryRequest (RFC 8446, 4.1.3).
const HRR_RANDOM: [u8; 8] = [0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11];

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<usize> {
        self.take(1).map(|b| b[0] as usize)
    }
    fn u16(&mut self) -> Option<usize> {
        self.take(2).map(|b| (b[0] as usize) << 8 | b[1] as usize)
    }
    fn u24(&mut self) -> Option<usize> {
        self.take(3)
            .map(|b| (b[0] as usize) << 16 | (b[1] as usize) << 8 | b[2] as usize)
    }
}

/// Reads the start of what a server sent after a ClientHello. The
/// ServerHello is taken from the first handshake record (servers send it
/// whole in one record).
pub fn read_answer(bytes: &[u8]) -> Answer {
    let mut rec = Reader(bytes);
    let (Some(kind), Some(_version), Some(len)) = (rec.u8(), rec.u16(), rec.u16()) else {
        return Answer::Incomplete;
    };
    let Some(body) = rec.take(len) else {
        return Answer::Incomplete;
    };
    match kind {
        21 => return Answer::Alert,
        22 => {}
        _ => return Answer::Malformed,
    }
    server_hello(body).unwrap_or(Answer::Malformed)
}

fn server_hello(body: &[u8]) -> Option<Answer> {
    let mut msg = Reader(body);
    if msg.u8()? != 2 {
        return Some(Answer::Malformed);
    }
    let len = msg.u24()?;
    let mut hello = Reader(msg.take(len)?);
    hello.u16()?; // legacy_version
    let random = hello.take(32)?;
    if random[..8] == HRR_RANDOM {
        return Some(Answer::HelloRetry);
    }
    let sid_len = hello.u8()?;
    hello.take(sid_len)?;
    hello.u16()?; // cipher suite
    hello.u8()?; // compression
    let ext_len = hello.u16()?;
    let mut exts = Reader(hello.take(ext_len)?);
    while !exts.0.is_empty() {
        let ty = exts.u16()? as u16;
        let n = exts.u16()?;
        exts.take(n)?;
        if ty == PRE_SHARED_KEY {
            return Some(Answer::PskAccepted);
        }
    }
    Some(Answer::PskRefused)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ServerHello record with the given random start and extensions.
    fn record(random_start: [u8; 8], exts: &[(u16, &[u8])]) -> Vec<u8> {
        let mut e = Vec::new();
        for (ty, data) in exts {
            e.extend(ty.to_be_bytes());
            e.extend((data.len() as u16).to_be_bytes());
            e.extend(*data);
        }
        let mut h = vec![3, 3];
        h.extend(random_start);
        h.extend([0u8; 24]);
        h.push(32);
        h.extend([7u8; 32]);
        h.extend([0x13, 0x01, 0]);
        h.extend((e.len() as u16).to_be_bytes());
        h.extend(e);
        let mut m = vec![2, 0, (h.len() >> 8) as u8, h.len() as u8];
        m.extend(h);
        let mut r = vec![22, 3, 3];
        r.extend((m.len() as u16).to_be_bytes());
        r.extend(m);
        r
    }

    #[test]
    fn psk_extension_means_accepted() {
        let r = record([1; 8], &[(43, &[3, 4]), (41, &[0, 0]), (51, &[0; 36])]);
        assert_eq!(read_answer(&r), Answer::PskAccepted);
        let r = record([1; 8], &[(43, &[3, 4]), (51, &[0; 36])]);
        assert_eq!(read_answer(&r), Answer::PskRefused);
    }

    #[test]
    fn partial_records_wait_and_others_are_named() {
        let r = record([1; 8], &[(41, &[0, 0])]);
        assert_eq!(read_answer(&r[..3]), Answer::Incomplete);
        assert_eq!(read_answer(&r[..r.len() - 1]), Answer::Incomplete);
        assert_eq!(read_answer(&record(HRR_RANDOM, &[])), Answer::HelloRetry);
        assert_eq!(read_answer(&[21, 3, 3, 0, 2, 2, 40]), Answer::Alert);
        assert_eq!(read_answer(&[23, 3, 3, 0, 1, 0]), Answer::Malformed);
        // A handshake record that is not a ServerHello, and a truncated one.
        assert_eq!(
            read_answer(&[22, 3, 3, 0, 4, 11, 0, 0, 0]),
            Answer::Malformed
        );
        assert_eq!(
            read_answer(&[22, 3, 3, 0, 4, 2, 0, 0, 9]),
            Answer::Malformed
        );
    }
}
