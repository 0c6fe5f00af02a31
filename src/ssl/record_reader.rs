//! Reading the transport one TLS record at a time, as OpenSSL does without
//! read-ahead: bytes of later records stay in the socket, so a caller that
//! polls the socket before calling `SSL_read` again (curl, nginx) still sees
//! them as readable.

use std::io::{self, Read};

/// Where the reader is within the current record.
#[derive(Debug, Default)]
pub struct RecordCursor {
    header: [u8; 5],
    header_len: usize,
    body_left: usize,
    /// When set, the bytes of the first record are kept here.
    first_record: Option<Vec<u8>>,
    records_done: usize,
}

impl RecordCursor {
    /// Bytes that may be read without passing the end of the current header or body.
    fn limit(&self) -> usize {
        if self.header_len < 5 {
            5 - self.header_len
        } else {
            self.body_left
        }
    }

    /// Keeps the bytes of the first record for `first_record`.
    pub fn keep_first_record(&mut self) {
        self.first_record = Some(Vec::new());
    }

    /// The first record, once it has been read whole.
    pub fn first_record(&self) -> Option<&[u8]> {
        self.first_record
            .as_deref()
            .filter(|_| self.records_done > 0)
    }

    fn advance(&mut self, bytes: &[u8]) {
        if self.records_done == 0 {
            if let Some(kept) = self.first_record.as_mut() {
                kept.extend_from_slice(bytes);
            }
        }
        if self.header_len < 5 {
            self.header[self.header_len..self.header_len + bytes.len()].copy_from_slice(bytes);
            self.header_len += bytes.len();
            if self.header_len == 5 {
                self.body_left = usize::from(u16::from_be_bytes([self.header[3], self.header[4]]));
            }
        } else {
            self.body_left -= bytes.len();
        }
        if self.header_len == 5 && self.body_left == 0 {
            self.header_len = 0;
            self.records_done += 1;
        }
    }
}

/// A reader that stops at the end of each record header and body.
pub struct RecordReader<'a> {
    /// The transport.
    pub inner: &'a mut (dyn Read + Send),
    /// The position in the record stream.
    pub cursor: &'a mut RecordCursor,
}

impl Read for RecordReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(self.cursor.limit());
        let got = self.inner.read(&mut buf[..n])?;
        self.cursor.advance(&buf[..got]);
        Ok(got)
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
        assert_eq!(sizes, vec![5, 3, 5, 2]);
    }
}
