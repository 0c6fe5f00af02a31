//! Entry points for the fuzz targets (`fuzz/fuzz_targets`) into the parsers
//! that are private to this crate: each runs one parser over arbitrary bytes
//! and checks what the parser promises, panicking when it does not. Not part
//! of the API.

use std::io::Read;

use super::cert_strength::CertificateStrength;
use super::record_reader::{RecordCursor, RecordReader};
use super::ticket_header::TicketHeader;

/// Reads `stream` through the record reader with buffers whose sizes come in
/// turn from `read_sizes` (0 stands for 1; none: one byte at a time), with
/// everything the reader can keep turned on. Checks that no read crosses the end
/// of a record, that every byte is read, that the first record
/// kept is the stream's first record (or its first message made whole) and
/// that what is kept stays bounded.
pub fn record_stream(stream: &[u8], read_sizes: &[u8]) {
    let mut cursor = RecordCursor::default();
    cursor.keep_first_record();
    cursor.watch_for_new_ticket();
    cursor.keep_flight();
    let boundaries = record_boundaries(stream);
    let mut src = stream;
    let mut at = 0usize;
    let mut buf = [0u8; 300];
    for turn in 0.. {
        let size = read_sizes
            .get(turn % read_sizes.len().max(1))
            .map_or(1, |&s| usize::from(s).max(1));
        let got = RecordReader {
            inner: &mut src,
            cursor: &mut cursor,
        }
        .read(&mut buf[..size])
        .expect("a slice never fails");
        if got == 0 {
            break;
        }
        // A header and its body may come in one read; the next record never.
        let next = boundaries
            .iter()
            .skip(1)
            .step_by(2)
            .find(|&&b| b > at)
            .copied();
        assert!(
            next.is_none_or(|b| at + got <= b),
            "a read of {got} at {at} crosses the boundary at {next:?}"
        );
        assert_eq!(&buf[..got], &stream[at..at + got]);
        at += got;
    }
    assert_eq!(at, stream.len(), "every byte is read");
    if let Some(first) = cursor.first_record() {
        // The first record, or its first handshake message gathered from
        // the next handshake records under its own header.
        assert!(first.len() <= 5 + usize::from(u16::MAX));
        assert_eq!(first[..3], stream[..3]);
        if Some(&first.len()) == boundaries.get(1) || first[0] != 22 {
            assert_eq!(Some(&first.len()), boundaries.get(1));
            assert_eq!(first, &stream[..first.len()]);
        }
    }
    assert!(cursor.flight().is_some_and(|f| f.len() <= 1 << 16));
    let _ = cursor.new_ticket_seen();
}

/// Where each record header and body of `stream` ends.
fn record_boundaries(stream: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while at < stream.len() {
        let header_end = at + 5;
        out.push(header_end);
        let Some(len) = stream.get(at + 3..header_end) else {
            break;
        };
        at = header_end + usize::from(u16::from_be_bytes([len[0], len[1]]));
        out.push(at);
    }
    out
}

/// Splits a decrypted ticket into its header and rustls' value; when it
/// splits, the header put back before the value gives the same bytes.
pub fn ticket_header(plaintext: &[u8]) {
    if let Some((header, value)) = TicketHeader::split_off(plaintext) {
        assert_eq!(header.prepend_to(value), plaintext);
    }
}

/// Reads the key and signature strength of a DER certificate (the ASN.1
/// walk behind the security level checks).
pub fn certificate_strength(der: &[u8]) {
    if let Some(strength) = CertificateStrength::of(der) {
        let _ = format!("{strength:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_of_two_records_read_in_odd_sizes_passes() {
        let stream = [&[22u8, 3, 3, 0, 3][..], b"abc", &[23, 3, 3, 0, 2], b"xy"].concat();
        record_stream(&stream, &[2, 7, 1]);
        record_stream(&stream, &[]);
        record_stream(&stream[..7], &[255]);
    }

    #[test]
    fn a_ticket_header_round_trips() {
        let header = TicketHeader {
            id_context: b"ctx",
            time: 1,
            timeout: 2,
            verify_result: 0,
        };
        ticket_header(&header.prepend_to(b"value"));
        ticket_header(b"\x05ab");
    }
}
