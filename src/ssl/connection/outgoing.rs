//! The records rustls has produced and the transport has not yet taken:
//! gathered so that a flight (or everything one call queued) goes out in
//! one write, as OpenSSL writes a flight from its buffer, and kept across
//! a write that would block so the next call sends the rest first.

use std::io::{self, Write};

use crate::ssl::error::{ErrorKind, Failure, IoResult};

/// A buffer larger than this is given back once it has gone out, so an
/// idle connection keeps no handshake flight's memory (a small record's
/// worth is kept for application data).
const KEEP_CAPACITY: usize = 1024;

/// A change_cipher_spec record as TLS 1.2 and 1.3 send it.
const CHANGE_CIPHER_SPEC: [u8; 6] = [0x14, 0x03, 0x03, 0x00, 0x01, 0x01];

/// Bytes waiting for the transport: `bytes[sent..]`.
#[derive(Default)]
pub(super) struct Outgoing {
    bytes: Vec<u8>,
    sent: usize,
    /// `bytes[..tapped]` were given to the message tap.
    tapped: usize,
}

impl Outgoing {
    /// Takes everything rustls has queued (several records, often several
    /// messages) into the buffer, behind what is still waiting.
    pub(super) fn gather(&mut self, tls: &mut rustls::Connection) {
        while tls.wants_write() {
            // Writing into a Vec neither fails nor blocks.
            if tls.write_tls(&mut self.bytes).is_err() {
                break;
            }
        }
    }

    /// The bytes gathered since the last call, for the message tap: called
    /// as they are about to be written, so what waits (a lone
    /// change_cipher_spec) is reported when it goes out.
    pub(super) fn untapped(&mut self) -> &[u8] {
        let from = self.tapped.min(self.bytes.len());
        self.tapped = self.bytes.len();
        &self.bytes[from..]
    }

    /// Whether all that waits is one change_cipher_spec record: a TLS 1.3
    /// client's middlebox-compatibility one, which rustls queues on reading
    /// the ServerHello, ahead of the Finished it sends once the server's
    /// flight (already on its way) is read. OpenSSL sends the two together.
    pub(super) fn is_lone_change_cipher_spec(&self) -> bool {
        self.bytes[self.sent.min(self.bytes.len())..] == CHANGE_CIPHER_SPEC
    }

    /// How many bytes wait for the transport.
    #[cfg(test)]
    pub(super) fn len_waiting(&self) -> usize {
        self.bytes.len().saturating_sub(self.sent)
    }

    /// Whether nothing waits.
    pub(super) fn is_empty(&self) -> bool {
        self.sent >= self.bytes.len()
    }

    /// Forgets what waits (`SSL_clear`: a new handshake on the transport).
    pub(super) fn clear(&mut self) {
        self.bytes = Vec::new();
        self.sent = 0;
        self.tapped = 0;
    }

    /// Writes what waits to `w`, one write call while the transport takes
    /// it all; whether anything went out. A write that would block leaves
    /// the rest here (`WantWrite`); a transport taking nothing or failing
    /// is a system call failure.
    pub(super) fn write_to(&mut self, w: &mut dyn Write) -> IoResult<bool> {
        let mut wrote = false;
        while !self.is_empty() {
            match w.write(&self.bytes[self.sent..]) {
                Ok(0) => return Err(Failure::new(ErrorKind::Syscall)),
                Ok(n) => {
                    self.sent += n;
                    wrote = true;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    return Err(Failure::new(ErrorKind::WantWrite))
                }
                Err(_) => return Err(Failure::new(ErrorKind::Syscall)),
            }
        }
        self.bytes.clear();
        self.sent = 0;
        self.tapped = 0;
        if self.bytes.capacity() > KEEP_CAPACITY {
            self.bytes = Vec::new();
        }
        Ok(wrote)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A transport that records each write and takes at most `limit` bytes
    /// per call, then blocks once `budget` bytes have been taken.
    struct Recorder {
        writes: Vec<Vec<u8>>,
        limit: usize,
        budget: usize,
    }

    impl Write for Recorder {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.budget == 0 {
                return Err(io::ErrorKind::WouldBlock.into());
            }
            let n = buf.len().min(self.limit).min(self.budget);
            self.budget -= n;
            self.writes.push(buf[..n].to_vec());
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn waiting(bytes: &[u8]) -> Outgoing {
        Outgoing {
            bytes: bytes.to_vec(),
            sent: 0,
            tapped: 0,
        }
    }

    #[test]
    fn everything_waiting_goes_out_in_one_write() {
        let mut out = waiting(b"record one|record two|record three");
        let mut w = Recorder {
            writes: Vec::new(),
            limit: usize::MAX,
            budget: usize::MAX,
        };
        assert_eq!(out.write_to(&mut w), Ok(true));
        assert_eq!(
            w.writes,
            vec![b"record one|record two|record three".to_vec()]
        );
        assert!(out.is_empty());
        assert_eq!(out.write_to(&mut w), Ok(false));
        assert_eq!(w.writes.len(), 1);
    }

    #[test]
    fn a_blocked_write_keeps_the_rest_for_the_next_call() {
        let mut out = waiting(b"0123456789");
        let mut w = Recorder {
            writes: Vec::new(),
            limit: 4,
            budget: 6,
        };
        let blocked = out.write_to(&mut w).unwrap_err();
        assert_eq!(blocked.kind, ErrorKind::WantWrite);
        assert!(!out.is_empty());
        w.budget = usize::MAX;
        assert_eq!(out.write_to(&mut w), Ok(true));
        assert_eq!(w.writes.concat(), b"0123456789".to_vec());
        assert!(out.is_empty());
    }

    #[test]
    fn a_lone_change_cipher_spec_is_recognised() {
        assert!(waiting(&CHANGE_CIPHER_SPEC).is_lone_change_cipher_spec());
        let mut with_finished = CHANGE_CIPHER_SPEC.to_vec();
        with_finished.extend([0x17, 0x03, 0x03, 0x00, 0x01, 0x00]);
        assert!(!waiting(&with_finished).is_lone_change_cipher_spec());
        assert!(!waiting(b"").is_lone_change_cipher_spec());
    }

    #[test]
    fn a_transport_taking_nothing_is_a_syscall_failure() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Ok(0)
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut out = waiting(b"x");
        let f = out.write_to(&mut Closed).unwrap_err();
        assert_eq!(f.kind, ErrorKind::Syscall);
    }
}
