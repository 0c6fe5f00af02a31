//! Reading the transport one TLS record at a time, as OpenSSL does without
//! read-ahead: bytes of later records stay in the socket, so a caller that
//! polls the socket before calling `SSL_read` again (curl, nginx) still sees
//! them as readable.

use std::io::{self, Read};

use crate::session::ByteCursor;

/// Where the reader is within the current record.
#[derive(Debug, Default)]
pub struct RecordCursor {
    header: [u8; 5],
    header_len: u8,
    /// At most a record's 2^16 - 1 bytes.
    body_left: u16,
    /// When set, the bytes of the first record are kept here (with the
    /// bodies of the handshake records that complete its first message).
    first_record: Option<Vec<u8>>,
    /// The first record kept is whole (see `first_record`).
    first_record_done: bool,
    records_done: usize,
    /// When set, plaintext handshake records are watched for a TLS 1.2
    /// NewSessionTicket (the bytes of the current one are gathered here).
    watch: Option<Vec<u8>>,
    /// The lifetime hint of the last NewSessionTicket with a ticket read.
    new_ticket_hint: Option<u32>,
    /// When set, the plaintext handshake bytes read before ChangeCipherSpec
    /// (a server's hello messages, for what OpenSSL's getters give of them).
    flight: Option<Vec<u8>>,
    /// Every byte read since `take_read`, while `collect` is set (for the message tap).
    read: Vec<u8>,
    collect: bool,
    /// A transport failure met after part of a record was read, for the next read.
    deferred_error: Option<io::Error>,
}

/// The most of a server's plaintext flight kept (its certificates included).
const FLIGHT_LIMIT: usize = 1 << 16;

impl RecordCursor {
    /// Bytes that may be read without passing the end of the current header or body.
    fn limit(&self) -> usize {
        if self.header_len < 5 {
            usize::from(5 - self.header_len)
        } else {
            usize::from(self.body_left)
        }
    }

    /// Keeps (or stops keeping) the bytes read for `take_read`.
    pub fn set_collect(&mut self, collect: bool) {
        self.collect = collect;
        if !collect {
            self.read = Vec::new();
        }
    }

    /// The bytes read since the last call, in order.
    pub fn take_read(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.read)
    }

    /// Hands back the buffer `take_read` gave, emptied, so that the next
    /// bytes read are kept in it rather than in a new one.
    pub fn give_back_read(&mut self, mut used: Vec<u8>) {
        if self.collect && self.read.is_empty() {
            used.clear();
            self.read = used;
        }
    }

    /// Keeps the bytes of the first record for `first_record`.
    pub fn keep_first_record(&mut self) {
        self.first_record = Some(Vec::new());
    }

    /// Watches the plaintext handshake records (until ChangeCipherSpec) for a
    /// NewSessionTicket carrying a ticket.
    pub fn watch_for_new_ticket(&mut self) {
        self.watch = Some(Vec::new());
        self.new_ticket_hint = None;
    }

    /// Keeps the plaintext handshake bytes read until ChangeCipherSpec.
    pub fn keep_flight(&mut self) {
        self.flight = Some(Vec::new());
    }

    /// The plaintext handshake bytes kept (`keep_flight`).
    pub fn flight(&self) -> Option<&[u8]> {
        self.flight.as_deref()
    }

    /// The bytes the cursor keeps of what the peer sent (the first record,
    /// a record being watched, the flight): each is bounded.
    #[cfg(test)]
    pub fn held_bytes(&self) -> usize {
        [&self.first_record, &self.watch, &self.flight]
            .iter()
            .map(|kept| kept.as_ref().map_or(0, Vec::len))
            .sum()
    }

    /// Whether a NewSessionTicket with a non-empty ticket was read.
    pub fn new_ticket_seen(&self) -> bool {
        self.new_ticket_hint.is_some()
    }

    /// The lifetime hint of the TLS 1.2 NewSessionTicket read (rustls' client
    /// caps what it keeps at a week; OpenSSL keeps the server's value).
    pub fn new_ticket_hint(&self) -> Option<u32> {
        self.new_ticket_hint
    }

    /// The first record, once it has been read whole. When it is a
    /// handshake record whose first message (a ClientHello) continues in the
    /// next handshake records, it is given as one record holding the whole
    /// message, as OpenSSL reassembles a fragmented ClientHello before its
    /// callbacks see it.
    pub fn first_record(&self) -> Option<&[u8]> {
        self.first_record
            .as_deref()
            .filter(|_| self.first_record_done)
    }

    /// Keeps `bytes` of the first record, or of a later handshake record's
    /// body while the first record's message is not whole.
    fn keep_first(&mut self, bytes: &[u8]) {
        if self.first_record_done {
            return;
        }
        let Some(kept) = self.first_record.as_mut() else {
            return;
        };
        if self.records_done == 0 {
            kept.extend_from_slice(bytes);
        } else if self.header_len == 5 && self.header[0] == HANDSHAKE {
            let room = (5 + usize::from(u16::MAX)).saturating_sub(kept.len());
            if bytes.len() > room {
                self.first_record_done = true;
                return;
            }
            kept.extend_from_slice(bytes);
            let body_len = (kept.len() - 5) as u16;
            kept[3..5].copy_from_slice(&body_len.to_be_bytes());
        } else if self.header_len == 5 {
            // Another kind of record came first: the message stays cut.
            self.first_record_done = true;
        }
    }

    /// At the end of a record: whether the first record kept is whole.
    fn first_record_whole(&self) -> bool {
        let Some(kept) = self.first_record.as_deref() else {
            return true;
        };
        match kept.get(5..9) {
            Some(&[_, a, b, c]) if kept[0] == HANDSHAKE => {
                let len = u32::from_be_bytes([0, a, b, c]) as usize;
                kept.len() - 9 >= len
            }
            _ => kept.first() != Some(&HANDSHAKE),
        }
    }

    /// Takes in bytes read: part of a header, or of a body (never both, see
    /// `limit`). A header's bytes are kept once it is whole, with room made
    /// for its body, so each record is kept in one allocation.
    fn advance(&mut self, bytes: &[u8]) {
        let header_done_before = self.header_len == 5;
        if header_done_before {
            if self.collect {
                self.read.extend_from_slice(bytes);
            }
            self.keep_first(bytes);
        }
        if self.header_len < 5 {
            // `limit` kept the read within the header.
            let at = usize::from(self.header_len);
            self.header[at..at + bytes.len()].copy_from_slice(bytes);
            self.header_len += bytes.len() as u8;
            if self.header_len == 5 {
                self.body_left = u16::from_be_bytes([self.header[3], self.header[4]]);
                let header = self.header;
                if self.collect {
                    self.read.reserve(5 + usize::from(self.body_left));
                    self.read.extend_from_slice(&header);
                }
                if self.records_done == 0 {
                    if let Some(kept) = self.first_record.as_mut() {
                        kept.reserve(5 + usize::from(self.body_left));
                    }
                    self.keep_first(&header);
                }
                let after_retry = || {
                    self.flight
                        .as_deref()
                        .is_some_and(crate::ssl::ServerFlight::ends_in_hello_retry)
                };
                if self.header[0] == CHANGE_CIPHER_SPEC && !after_retry() {
                    // Past this point handshake records are encrypted (TLS 1.2;
                    // a TLS 1.3 server's after a HelloRetryRequest still sends
                    // its ServerHello in plaintext, and encrypts as
                    // application data).
                    self.watch = None;
                }
            }
        } else {
            // `limit` kept the read within the body.
            self.body_left -= u16::try_from(bytes.len()).expect("within the body");
            if self.header[0] == HANDSHAKE && self.watch.is_some() {
                if let Some(record) = self.watch.as_mut() {
                    record.extend_from_slice(bytes);
                }
                if let Some(flight) = self.flight.as_mut() {
                    let room = FLIGHT_LIMIT.saturating_sub(flight.len());
                    flight.extend_from_slice(&bytes[..bytes.len().min(room)]);
                }
            }
        }
        if !header_done_before && self.header_len == 5 && self.records_done > 0 {
            // A later record's header: only its kind matters to the first record.
            self.keep_first(&[]);
        }
        if self.header_len == 5 && self.body_left == 0 {
            self.header_len = 0;
            self.records_done += 1;
            self.first_record_done |= self.first_record_whole();
            if let Some(record) = self.watch.as_mut() {
                if let Some(hint) = new_ticket_hint(record) {
                    self.new_ticket_hint = Some(hint);
                }
                record.clear();
            }
        }
    }
}

const CHANGE_CIPHER_SPEC: u8 = 20;
const HANDSHAKE: u8 = 22;
const NEW_SESSION_TICKET: u8 = 4;

/// The lifetime hint of a NewSessionTicket among the handshake messages of
/// one record whose ticket is not empty (an empty one means "keep the one
/// you have").
fn new_ticket_hint(messages: &[u8]) -> Option<u32> {
    let mut c = ByteCursor::new(messages);
    while c.remaining() >= 4 {
        let (kind, len) = (c.u8()?, c.u24()?);
        if kind == NEW_SESSION_TICKET {
            if let Some((hint, n)) = hint_and_ticket_len(c) {
                if n > 0 {
                    return Some(hint);
                }
            }
        }
        c.bytes(usize::try_from(len).ok()?)?;
    }
    None
}

/// The lifetime hint and ticket length of the NewSessionTicket body at
/// `body`; read even when the message continues in a later record.
fn hint_and_ticket_len(mut body: ByteCursor<'_>) -> Option<(u32, u16)> {
    Some((body.u32()?, body.u16()?))
}

/// A reader that stops at the end of each record header and body.
pub struct RecordReader<'a> {
    /// The transport.
    pub inner: &'a mut (dyn Read + Send),
    /// The position in the record stream.
    pub cursor: &'a mut RecordCursor,
}

impl Read for RecordReader<'_> {
    /// Reads up to the end of the current header or body; a header read
    /// whole is followed, in the same call, by a read of its body (the same
    /// two transport reads as OpenSSL's, but rustls gets the record in one
    /// piece, so its buffer does not grow and shrink once per record). A
    /// failure of that second read is given by the next call.
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(e) = self.cursor.deferred_error.take() {
            return Err(e);
        }
        let mut filled = 0;
        loop {
            let n = (buf.len() - filled).min(self.cursor.limit());
            if n == 0 {
                return Ok(filled);
            }
            let got = match self.inner.read(&mut buf[filled..filled + n]) {
                Ok(got) => got,
                Err(e) if filled == 0 => return Err(e),
                Err(e) => {
                    if e.kind() != io::ErrorKind::WouldBlock {
                        self.cursor.deferred_error = Some(e);
                    }
                    return Ok(filled);
                }
            };
            self.cursor.advance(&buf[filled..filled + got]);
            filled += got;
            // Only a whole header goes on to its body.
            if got < n || self.cursor.header_len != 5 || self.cursor.body_left == 0 {
                return Ok(filled);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_record_boundaries() {
        let stream: Vec<u8> = [&[23u8, 3, 3, 0, 3][..], b"abc", &[21, 3, 3, 0, 2], b"xy"].concat();
        let mut src = &stream[..];
        let mut cursor = RecordCursor::default();
        let mut sizes = Vec::new();
        loop {
            let mut buf = [0u8; 64];
            let n = RecordReader {
                inner: &mut src,
                cursor: &mut cursor,
            }
            .read(&mut buf)
            .unwrap();
            if n == 0 {
                break;
            }
            sizes.push(n);
        }
        assert_eq!(sizes, vec![8, 7], "a header and its body in one call");
    }

    /// A transport that gives `data`, then fails with `error` once.
    struct ThenFail<'a> {
        data: &'a [u8],
        error: Option<io::ErrorKind>,
    }

    impl Read for ThenFail<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.data.is_empty() {
                return match self.error.take() {
                    Some(kind) => Err(kind.into()),
                    None => Ok(0),
                };
            }
            self.data.read(buf)
        }
    }

    #[test]
    fn a_failure_after_a_header_comes_with_the_next_read() {
        for (kind, then) in [
            (
                io::ErrorKind::ConnectionReset,
                Some(io::ErrorKind::ConnectionReset),
            ),
            // Nothing more to read yet: the next call asks the transport again.
            (io::ErrorKind::WouldBlock, None),
        ] {
            let mut inner = ThenFail {
                data: &[23, 3, 3, 0, 3],
                error: Some(kind),
            };
            let mut cursor = RecordCursor::default();
            let mut buf = [0u8; 64];
            let mut reader = RecordReader {
                inner: &mut inner,
                cursor: &mut cursor,
            };
            assert_eq!(reader.read(&mut buf).unwrap(), 5, "the header read");
            let next = reader.read(&mut buf);
            assert_eq!(next.as_ref().err().map(io::Error::kind), then, "{kind:?}");
            if then.is_none() {
                assert_eq!(next.unwrap(), 0, "the transport's end");
            }
        }
    }

    fn read_all(stream: &[u8], cursor: &mut RecordCursor) {
        let mut src = stream;
        let mut buf = [0u8; 64];
        while (RecordReader {
            inner: &mut src,
            cursor: &mut *cursor,
        })
        .read(&mut buf)
        .unwrap()
            > 0
        {}
    }

    #[test]
    fn sees_a_new_ticket_before_change_cipher_spec() {
        let nst = |ticket: &[u8]| {
            let mut body = vec![0, 0, 0, 60];
            body.extend((ticket.len() as u16).to_be_bytes());
            body.extend(ticket);
            let mut msg = vec![4, 0, 0, body.len() as u8];
            msg.extend(body);
            let mut rec = vec![22, 3, 3, 0, msg.len() as u8];
            rec.extend(msg);
            rec
        };
        let ccs = [20u8, 3, 3, 0, 1, 1];
        let mut c = RecordCursor::default();
        c.watch_for_new_ticket();
        read_all(&[nst(b"abc"), ccs.to_vec()].concat(), &mut c);
        assert!(c.new_ticket_seen());
        assert_eq!(c.new_ticket_hint(), Some(60), "the server's hint, as sent");
        let mut c = RecordCursor::default();
        c.watch_for_new_ticket();
        read_all(&[nst(b""), ccs.to_vec(), nst(b"after")].concat(), &mut c);
        assert!(
            !c.new_ticket_seen(),
            "an empty ticket, and nothing after the CCS, counts"
        );
    }

    #[test]
    fn a_first_message_split_over_records_is_kept_whole() {
        let message = [&[1u8, 0, 0, 6][..], b"hello!"].concat();
        let mut stream = Vec::new();
        for part in [&message[..3], &message[3..4], &[], &message[4..]] {
            stream.extend([22, 3, 1, 0, part.len() as u8]);
            stream.extend(part);
        }
        stream.extend([23, 3, 3, 0, 1, 9]);
        let mut c = RecordCursor::default();
        c.keep_first_record();
        read_all(&stream, &mut c);
        let whole = [&[22u8, 3, 1, 0, 10][..], &message].concat();
        assert_eq!(c.first_record(), Some(&whole[..]));

        let mut c = RecordCursor::default();
        c.keep_first_record();
        read_all(&stream[..5 + 3], &mut c);
        assert_eq!(c.first_record(), None, "not whole yet");
        let cut = [&stream[..8], &[23, 3, 3, 0, 1, 9][..]].concat();
        let mut c = RecordCursor::default();
        c.keep_first_record();
        read_all(&cut, &mut c);
        assert_eq!(
            c.first_record(),
            Some(&stream[..8]),
            "another kind of record ends it, cut"
        );
    }
}
