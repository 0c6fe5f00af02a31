//! The bytes of a handshake kept for the message tap instead of being taken
//! apart as they pass: with no message or info callback, nothing needs
//! the tap until a program asks for the handshake state, a Finished
//! message or the server's random, and most never do. Each chunk (the
//! bytes one read or one flush gave the tap) waits here, in order, until
//! the tap takes it; the state machine keeps a marker at the chunk's place
//! among its inputs (`handshake_machine::Input::Tapped`).

use smallvec::SmallVec;

/// The most bytes kept before the tap takes them anyway: a longer handshake
/// (a large certificate chain) is taken apart as it goes, as without the log.
pub const LOG_LIMIT: usize = 1 << 14;

/// The most bytes a finished handshake leaves waiting (a TLS 1.2
/// resumption's fit; a full handshake's certificates, and a TLS 1.3
/// resumption's tickets, are taken apart at its end).
const KEPT_PAST_HANDSHAKE: usize = 1024;

/// The room the log first makes for bytes.
const FIRST_CAPACITY: usize = 1024;

/// One chunk: which direction, how long, and whether the handshake was
/// over in that direction once it passed (`MessageTap::settle`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Chunk {
    len: u32,
    write: bool,
    settle: bool,
}

/// The chunks not yet given to the tap.
#[derive(Debug, Default)]
pub struct TapLog {
    bytes: Vec<u8>,
    chunks: SmallVec<[Chunk; 8]>,
    /// The next chunk to give, and where its bytes start.
    next: usize,
    at: usize,
    /// Per direction (read, write), whether a chunk settling it was kept:
    /// the tap wants nothing more of that direction.
    settled: [bool; 2],
}

impl TapLog {
    /// Keeps a chunk; whether anything was kept (nothing is, once the
    /// direction settled, or for an empty chunk that settles nothing).
    #[inline]
    pub fn keep(&mut self, write: bool, bytes: &[u8], settle: bool) -> bool {
        let settled = &mut self.settled[usize::from(write)];
        if *settled || (bytes.is_empty() && !settle) {
            return false;
        }
        *settled = settle;
        if self.bytes.capacity() == 0 {
            // A resumption's handshake fits: one allocation.
            self.bytes.reserve(FIRST_CAPACITY.max(bytes.len()));
        }
        self.bytes.extend_from_slice(bytes);
        self.chunks.push(Chunk {
            // A chunk is what one read (a record) or one flush (a flight) gave.
            len: bytes.len() as u32,
            write,
            settle,
        });
        true
    }

    /// Whether both directions settled: the tap wants no more bytes.
    pub fn settled(&self) -> bool {
        self.settled == [true, true]
    }

    /// Whether chunks wait for the tap.
    pub fn pending(&self) -> bool {
        self.next < self.chunks.len()
    }

    /// Whether so many bytes wait that the tap should take them now.
    pub fn too_long(&self) -> bool {
        self.bytes.len() - self.at > LOG_LIMIT
    }

    /// The next chunk, in the order kept: direction, bytes, and whether it
    /// settles its direction. Once the last is given, the log empties.
    pub fn next_chunk(&mut self) -> Option<(bool, &[u8], bool)> {
        let chunk = *self.chunks.get(self.next)?;
        self.next += 1;
        let from = self.at;
        self.at += chunk.len as usize;
        Some((chunk.write, &self.bytes[from..self.at], chunk.settle))
    }

    /// Whether the handshake is over and what waits is more than a
    /// connection should keep for its life (a full handshake's
    /// certificates): the tap should take it now.
    pub fn kept_past_handshake(&self) -> bool {
        self.settled() && self.bytes.len() - self.at > KEPT_PAST_HANDSHAKE
    }

    /// Forgets the chunks given (keeps what the log learnt of settling);
    /// once the handshake is over, its memory too.
    pub fn compact(&mut self) {
        if self.pending() {
            return;
        }
        if self.settled() {
            self.bytes = Vec::new();
            self.chunks = SmallVec::new();
        } else {
            self.bytes.clear();
            self.chunks.clear();
        }
        self.next = 0;
        self.at = 0;
    }

    /// Forgets everything, for a new handshake.
    pub fn clear(&mut self) {
        *self = TapLog::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_come_back_in_order_with_their_bytes() {
        let mut log = TapLog::default();
        assert!(log.keep(true, b"hello", false));
        assert!(log.keep(false, b"world!", false));
        assert!(!log.keep(true, b"", false), "an empty chunk is not kept");
        assert!(log.keep(true, b"", true), "unless it settles");
        assert!(log.pending());
        assert_eq!(log.next_chunk(), Some((true, &b"hello"[..], false)));
        assert_eq!(log.next_chunk(), Some((false, &b"world!"[..], false)));
        assert_eq!(log.next_chunk(), Some((true, &b""[..], true)));
        assert_eq!(log.next_chunk(), None);
        assert!(!log.pending());
        log.compact();
        assert!(log.bytes.is_empty() && log.chunks.is_empty());
    }

    #[test]
    fn a_settled_direction_takes_no_more() {
        let mut log = TapLog::default();
        assert!(log.keep(false, b"fin", true));
        assert!(!log.keep(false, b"app data", false));
        assert!(!log.settled());
        assert!(log.keep(true, b"fin", true));
        assert!(log.settled());
        log.compact();
        assert!(log.pending(), "compact keeps what waits");
        while log.next_chunk().is_some() {}
        log.compact();
        assert!(log.settled(), "and what it learnt of settling");
        assert_eq!(log.bytes.capacity(), 0, "a settled log frees its memory");
        log.clear();
        assert!(!log.settled());
    }

    #[test]
    fn a_finished_handshake_keeps_little() {
        let mut log = TapLog::default();
        log.keep(true, &[0; 800], true);
        assert!(!log.kept_past_handshake(), "one direction still open");
        log.keep(false, &[0; 300], true);
        assert!(log.kept_past_handshake());
        let mut small = TapLog::default();
        small.keep(true, &[0; 300], true);
        small.keep(false, &[0; 200], true);
        assert!(
            !small.kept_past_handshake(),
            "a resumption's bytes may wait"
        );
    }

    #[test]
    fn too_long_counts_what_waits() {
        let mut log = TapLog::default();
        log.keep(true, &vec![0; LOG_LIMIT], false);
        assert!(!log.too_long());
        log.keep(false, &[0], false);
        assert!(log.too_long());
        while log.next_chunk().is_some() {}
        assert!(!log.too_long());
    }
}
