//! `ByteCursor`: the one bounds-checked reader every parser in sessl uses
//! (the session codec, rustls' server value, the ClientHello peek, the
//! handshake messages of a record). Big-endian integers and length-prefixed
//! slices, each read returning `None` instead of passing the end: no input
//! makes it panic. A read that fails consumes nothing.

/// A position in a byte slice, moving forward one read at a time.
#[derive(Clone, Copy, Debug)]
pub struct ByteCursor<'a> {
    bytes: &'a [u8],
    /// How many bytes have been read; never more than `bytes.len()`.
    at: usize,
}

impl<'a> ByteCursor<'a> {
    /// A cursor at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        ByteCursor { bytes, at: 0 }
    }

    /// The bytes not read yet.
    fn unread(&self) -> &'a [u8] {
        self.bytes.get(self.at..).unwrap_or_default()
    }

    /// How many bytes have been read so far.
    pub fn position(&self) -> usize {
        self.at
    }

    /// How many bytes are left.
    pub fn remaining(&self) -> usize {
        self.unread().len()
    }

    /// Whether every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// The next `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let out = self.unread().get(..n)?;
        self.at += n;
        Some(out)
    }

    /// The next `N` bytes as an array.
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let mut out = [0; N];
        out.copy_from_slice(self.bytes(N)?);
        Some(out)
    }

    /// One byte.
    pub fn u8(&mut self) -> Option<u8> {
        let [b] = self.array()?;
        Some(b)
    }

    /// A big-endian 16-bit integer.
    pub fn u16(&mut self) -> Option<u16> {
        Some(u16::from_be_bytes(self.array()?))
    }

    /// A big-endian 24-bit integer (TLS handshake and certificate lengths).
    pub fn u24(&mut self) -> Option<u32> {
        let [a, b, c] = self.array()?;
        Some(u32::from_be_bytes([0, a, b, c]))
    }

    /// A big-endian 32-bit integer.
    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_be_bytes(self.array()?))
    }

    /// A big-endian 64-bit integer.
    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_be_bytes(self.array()?))
    }

    /// A big-endian 64-bit two's-complement integer.
    pub fn i64(&mut self) -> Option<i64> {
        self.u64().map(u64::cast_signed)
    }

    /// Reads a length with `length`, then that many bytes; on failure
    /// neither is consumed.
    fn prefixed(&mut self, length: fn(&mut Self) -> Option<usize>) -> Option<&'a [u8]> {
        let mut ahead = *self;
        let n = length(&mut ahead)?;
        let out = ahead.bytes(n)?;
        *self = ahead;
        Some(out)
    }

    /// A slice preceded by its length in one byte.
    pub fn u8_prefixed(&mut self) -> Option<&'a [u8]> {
        self.prefixed(|c| c.u8().map(usize::from))
    }

    /// A slice preceded by its length in two bytes.
    pub fn u16_prefixed(&mut self) -> Option<&'a [u8]> {
        self.prefixed(|c| c.u16().map(usize::from))
    }

    /// A slice preceded by its length in three bytes.
    #[allow(
        dead_code,
        reason = "the cursor's full set of TLS reads; no parser has a 24-bit vector yet"
    )]
    pub fn u24_prefixed(&mut self) -> Option<&'a [u8]> {
        self.prefixed(|c| usize::try_from(c.u24()?).ok())
    }

    /// Everything not read yet (possibly nothing).
    #[allow(
        dead_code,
        reason = "for the ticket header codec in ssl/adapters.rs, switched after the merge"
    )]
    pub fn rest(&mut self) -> &'a [u8] {
        let out = self.unread();
        self.at = self.bytes.len();
        out
    }

    /// `Some(())` when every byte has been read: for formats that must end
    /// where their last field does.
    #[allow(
        dead_code,
        reason = "the cursor's full set of reads; no parser requires an exact end yet"
    )]
    pub fn expect_end(&self) -> Option<()> {
        self.is_empty().then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BYTES: [u8; 9] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    #[test]
    fn integers_are_big_endian() {
        let mut c = ByteCursor::new(&BYTES);
        assert_eq!(c.u8(), Some(1));
        assert_eq!(c.u16(), Some(0x0203));
        assert_eq!(c.u24(), Some(0x04_0506));
        assert_eq!(c.position(), 6);
        let mut c = ByteCursor::new(&BYTES);
        assert_eq!(c.u32(), Some(0x0102_0304));
        let mut c = ByteCursor::new(&BYTES);
        assert_eq!(c.u64(), Some(0x0102_0304_0506_0708));
        assert_eq!(c.remaining(), 1);
        let mut c = ByteCursor::new(&[0xff; 8]);
        assert_eq!(c.i64(), Some(-1));
        let mut c = ByteCursor::new(&[0x80, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(c.i64(), Some(i64::MIN));
    }

    /// Each read: exactly at the end of its input it succeeds and leaves the
    /// cursor empty; one byte short it fails and leaves the cursor alone.
    #[test]
    fn every_read_at_and_past_the_end() {
        type Read = fn(&mut ByteCursor<'_>) -> bool;
        let reads: [(usize, Read); 6] = [
            (1, |c| c.u8().is_some()),
            (2, |c| c.u16().is_some()),
            (3, |c| c.u24().is_some()),
            (4, |c| c.u32().is_some()),
            (8, |c| c.u64().is_some()),
            (8, |c| c.i64().is_some()),
        ];
        for (width, read) in reads {
            let exact = &BYTES[..width];
            let mut c = ByteCursor::new(exact);
            assert!(read(&mut c), "{width} bytes from {width}");
            assert!(c.is_empty());
            assert_eq!(c.expect_end(), Some(()));
            assert!(!read(&mut c), "{width} bytes from none");
            for short in 0..width {
                let mut c = ByteCursor::new(&BYTES[..short]);
                assert!(!read(&mut c), "{width} bytes from {short}");
                assert_eq!(c.position(), 0);
                assert_eq!(c.remaining(), short);
            }
        }
    }

    #[test]
    fn bytes_at_and_past_the_end() {
        let mut c = ByteCursor::new(&BYTES);
        assert_eq!(c.bytes(0), Some(&[][..]));
        assert_eq!(c.bytes(4), Some(&BYTES[..4]));
        assert_eq!(c.bytes(6), None);
        assert_eq!(c.bytes(usize::MAX), None);
        assert_eq!(c.position(), 4);
        assert_eq!(c.bytes(5), Some(&BYTES[4..]));
        assert_eq!(c.bytes(0), Some(&[][..]));
        assert_eq!(c.bytes(1), None);
        assert_eq!(c.expect_end(), Some(()));
    }

    #[test]
    fn prefixed_slices() {
        let mut c = ByteCursor::new(&[2, 7, 8, 0, 3, 1, 2, 3, 0, 0, 1, 9, 0]);
        assert_eq!(c.u8_prefixed(), Some(&[7, 8][..]));
        assert_eq!(c.u16_prefixed(), Some(&[1, 2, 3][..]));
        assert_eq!(c.u24_prefixed(), Some(&[9][..]));
        assert_eq!(c.u8_prefixed(), Some(&[][..]), "a zero length");
        assert!(c.is_empty());
        assert_eq!(c.u8_prefixed(), None);
        assert_eq!(c.u16_prefixed(), None);
        assert_eq!(c.u24_prefixed(), None);
    }

    #[test]
    fn zero_lengths_need_only_the_prefix() {
        assert_eq!(ByteCursor::new(&[0]).u8_prefixed(), Some(&[][..]));
        assert_eq!(ByteCursor::new(&[0, 0]).u16_prefixed(), Some(&[][..]));
        assert_eq!(ByteCursor::new(&[0, 0, 0]).u24_prefixed(), Some(&[][..]));
    }

    /// A prefix longer than what follows, or itself cut short, fails and
    /// consumes nothing, not even the length.
    #[test]
    fn prefixes_longer_than_the_input() {
        type Read = fn(&mut ByteCursor<'_>) -> bool;
        let cases: [(&[u8], Read); 6] = [
            (&[3, 1, 2], |c| c.u8_prefixed().is_some()),
            (&[0xff], |c| c.u8_prefixed().is_some()),
            (&[0, 2, 1], |c| c.u16_prefixed().is_some()),
            (&[0], |c| c.u16_prefixed().is_some()),
            (&[0xff, 0xff, 0xff, 1], |c| c.u24_prefixed().is_some()),
            (&[0, 0], |c| c.u24_prefixed().is_some()),
        ];
        for (input, read) in cases {
            let mut c = ByteCursor::new(input);
            assert!(!read(&mut c), "{input:?}");
            assert_eq!(c.position(), 0, "{input:?}");
        }
    }

    #[test]
    fn rest_takes_what_is_left() {
        let mut c = ByteCursor::new(&BYTES);
        c.bytes(7);
        assert_eq!(c.expect_end(), None);
        assert_eq!(c.rest(), &BYTES[7..]);
        assert_eq!(c.rest(), &[] as &[u8]);
        assert!(c.is_empty());
        assert_eq!(c.position(), BYTES.len());
        assert_eq!(ByteCursor::new(&[]).rest(), &[] as &[u8]);
    }

    #[test]
    fn an_empty_input_refuses_every_read() {
        let mut c = ByteCursor::new(&[]);
        assert!(c.is_empty());
        assert_eq!(c.expect_end(), Some(()));
        assert_eq!(c.u8(), None);
        assert_eq!(c.u16(), None);
        assert_eq!(c.u24(), None);
        assert_eq!(c.u32(), None);
        assert_eq!(c.u64(), None);
        assert_eq!(c.i64(), None);
        assert_eq!(c.bytes(1), None);
        assert_eq!(c.bytes(0), Some(&[][..]));
        assert_eq!(c.u8_prefixed(), None);
    }

    /// Every read on every prefix of a mixed input: no panic, and the
    /// position never passes the end.
    #[test]
    fn no_input_makes_it_panic() {
        let input: Vec<u8> = (0..=255u8).chain([0xff; 8]).collect();
        for len in 0..input.len() {
            for start in 0..4 {
                let mut c = ByteCursor::new(&input[..len]);
                c.bytes(start);
                let _ = (c.u8_prefixed(), c.u16_prefixed(), c.u24_prefixed());
                let _ = (c.u8(), c.u16(), c.u24(), c.u32(), c.u64(), c.i64());
                let _ = c.bytes(len);
                assert!(c.position() <= len);
                assert_eq!(c.position() + c.remaining(), len);
            }
        }
    }
}
