//! A connection's transport (`SSL_set_fd`, `SSL_set_bio`), application data
//! and shutdown: `SSL_read`, `SSL_write`, `SSL_shutdown`, each running the
//! handshake first when it is not done.

use std::io::{self, Read, Write};
use std::sync::atomic::Ordering;

use super::{Connection, StateGuard};
use crate::ssl::error::{Error, ErrorKind, Failure, IoResult};
use crate::ssl::options::MODE_AUTO_RETRY;

pub use super::transport::{Fd, Reader, Writer};

impl Connection {
    /// Sets the byte source and sink (`SSL_set_bio`; `None`: that direction
    /// unchanged).
    pub fn set_transport(
        &self,
        reader: Option<Box<dyn Read + Send>>,
        writer: Option<Box<dyn Write + Send>>,
    ) {
        self.set_reader_writer(reader.map(Reader::Boxed), writer.map(Writer::Boxed));
    }

    /// Reads and writes descriptors (`SSL_set_fd`, `SSL_set_rfd`,
    /// `SSL_set_wfd`; `None`: that direction unchanged), with no allocation.
    pub fn set_fd_transport(&self, read: Option<Fd>, write: Option<Fd>) {
        self.set_reader_writer(read.map(Reader::Fd), write.map(Writer::Fd));
    }

    fn set_reader_writer(&self, reader: Option<Reader>, writer: Option<Writer>) {
        let mut st = self.state.lock();
        if reader.is_some() {
            st.reader = reader;
        }
        if writer.is_some() {
            st.writer = writer;
        }
    }

    /// Records the descriptors the transport was given (`None`: that
    /// direction unchanged), which `descriptor` reports.
    pub fn record_descriptors(&self, read: Option<i32>, write: Option<i32>) {
        for (slot, fd) in self.descriptors.iter().zip([read, write]) {
            if let Some(fd) = fd {
                slot.store(fd, Ordering::Relaxed);
            }
        }
    }

    /// The descriptor recorded for reading (`read`) or for writing, or -1.
    pub fn descriptor(&self, read: bool) -> i32 {
        self.descriptors[usize::from(!read)].load(Ordering::Relaxed)
    }

    /// Drops the reader and/or the writer (`SSL_set0_rbio(s, NULL)`).
    pub fn clear_transport(&self, reader: bool, writer: bool) {
        let mut st = self.state.lock();
        if reader {
            st.reader = None;
        }
        if writer {
            st.writer = None;
        }
    }

    /// Reads decrypted data (`SSL_read`); `Ok(n)` with n > 0.
    pub fn read(&self, buf: &mut [u8]) -> IoResult<usize> {
        self.read_or_peek(buf, false)
    }

    /// Reads decrypted data without consuming it (`SSL_peek`): the next
    /// read or peek returns the same bytes first.
    pub fn peek(&self, buf: &mut [u8]) -> IoResult<usize> {
        self.read_or_peek(buf, true)
    }

    /// `SSL_read` (`peek` false) or `SSL_peek`; `Ok(n)` with n > 0.
    fn read_or_peek(&self, buf: &mut [u8], peek: bool) -> IoResult<usize> {
        let mut records_read = false;
        loop {
            let step = self.with_state(|st| {
                let r = self.read_step(st, buf, peek, records_read).map_err(|f| {
                    // OpenSSL's SSL_read returns 0 for a fatal alert received.
                    let alert = matches!(st.error, Some(Error::AlertReceived(_)));
                    if f.kind == ErrorKind::Ssl && alert {
                        Failure { ret: 0, ..f }
                    } else {
                        f
                    }
                });
                st.remember_error_kind(r)
            });
            match step {
                Ok(Some(n)) => return Ok(n),
                Ok(None) => records_read = true,
                Err(f) => return Err(f),
            }
        }
    }

    /// One attempt at `SSL_read`: `Ok(None)` when records were read but no
    /// application data came out of them yet. With `SSL_MODE_AUTO_RETRY`
    /// cleared, a call that read such records (a TLS 1.3 ticket, a key
    /// update) stops there with `WantRead`, even on a blocking transport, as
    /// OpenSSL (openssl s_client and s_server clear it and rely on that).
    fn read_step(
        &self,
        st: &mut StateGuard<'_>,
        buf: &mut [u8],
        peek: bool,
        records_read: bool,
    ) -> IoResult<Option<usize>> {
        if !st.finished {
            self.run_handshake(st)?;
        }
        if st.fatal {
            return Err(Failure::new(ErrorKind::Ssl));
        }
        if !st.peeked.is_empty() && !buf.is_empty() {
            return Ok(Some(take_peeked(st, buf, peek)));
        }
        match st.tls()?.reader().read(buf) {
            Ok(0) if !buf.is_empty() => {
                st.note_peer_closed();
                Err(Failure::new(ErrorKind::ZeroReturn))
            }
            Ok(n) => {
                st.plaintext_pending = st.plaintext_pending.saturating_sub(n);
                if peek {
                    st.peeked.extend_from_slice(&buf[..n]);
                }
                Ok(Some(n))
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                if records_read && st.finished && st.settings.mode & MODE_AUTO_RETRY == 0 {
                    return Err(Failure::new(ErrorKind::WantRead));
                }
                st.flush()?;
                self.read_records(st)?;
                Ok(None)
            }
            Err(_) => Err(self.fail_fatally(st, Error::UnexpectedEof)),
        }
    }

    /// Writes data (`SSL_write`); returns the whole length once all is sent.
    pub fn write(&self, buf: &[u8]) -> IoResult<usize> {
        self.with_state(|st| {
            let r = self.write_step(st, buf);
            st.remember_error_kind(r)
        })
    }

    /// `SSL_write` under the lock; a retry after `WantWrite` continues where
    /// the last attempt stopped.
    fn write_step(&self, st: &mut StateGuard<'_>, buf: &[u8]) -> IoResult<usize> {
        if !st.finished {
            self.run_handshake(st)?;
        }
        if st.fatal || st.sent_shutdown {
            return Err(Failure::new(ErrorKind::Ssl));
        }
        // Records still waiting for the transport go out before more of
        // `buf` is taken: a peer that never reads leaves one batch (at most
        // rustls' 64 KiB buffer) waiting, however often the call is retried.
        if !st.outgoing.is_empty() {
            st.write_records()?;
        }
        loop {
            if st.write_progress < buf.len() {
                let from = st.write_progress;
                let n = st
                    .tls()?
                    .writer()
                    .write(&buf[from..])
                    .map_err(|_| Failure::new(ErrorKind::Ssl))?;
                st.write_progress += n;
            }
            // Application data: written out, the transport not flushed (as OpenSSL).
            st.write_records()?;
            if st.write_progress >= buf.len() {
                st.write_progress = 0;
                return Ok(buf.len());
            }
        }
    }

    /// Sends close_notify, then waits for the peer's (`SSL_shutdown`):
    /// `Ok(false)` sent only, `Ok(true)` both done.
    pub fn shutdown(&self) -> IoResult<bool> {
        self.with_state(|st| {
            let r = self.shutdown_step(st);
            st.remember_error_kind(r)
        })
    }

    /// `SSL_set_quiet_shutdown`: `SSL_shutdown` then only records both
    /// directions as closed, sending nothing.
    pub fn set_quiet_shutdown(&self, quiet: bool) {
        self.state.lock().quiet_shutdown = quiet;
    }

    /// `SSL_shutdown` under the lock.
    fn shutdown_step(&self, st: &mut StateGuard<'_>) -> IoResult<bool> {
        if st.quiet_shutdown {
            st.sent_shutdown = true;
            st.received_shutdown = true;
            return Ok(true);
        }
        if st.tls.is_none() || !st.finished {
            return Err(Failure::new(ErrorKind::Ssl));
        }
        if st.fatal {
            return Err(Failure::new(ErrorKind::Ssl));
        }
        if !st.sent_shutdown {
            st.sent_shutdown = true;
            st.tls()?.send_close_notify();
            st.note_alert(true, false, 0);
            st.flush()?;
            return Ok(st.received_shutdown);
        }
        st.flush()?;
        while !st.received_shutdown {
            self.read_records(st)?;
            let mut first = [0u8; 1];
            match st.tls()?.reader().read(&mut first) {
                Ok(0) => st.note_peer_closed(),
                // Application data before the peer's close_notify: OpenSSL's
                // SSL_shutdown fails fatally (SSL_read would have read it); the
                // session stays resumable, as in OpenSSL.
                Ok(_) => {
                    st.fatal = true;
                    st.error = Some(Error::ApplicationDataAfterCloseNotify);
                    return Err(Failure::new(ErrorKind::Ssl));
                }
                Err(_) => {}
            }
        }
        Ok(true)
    }
}

/// Copies the bytes an earlier peek kept, topped up with what rustls has
/// already decrypted, into `buf`; a read consumes them.
fn take_peeked(st: &mut StateGuard<'_>, buf: &mut [u8], peek: bool) -> usize {
    if st.peeked.len() < buf.len() {
        let mut more = vec![0; buf.len() - st.peeked.len()];
        if let Some(Ok(n)) = st.tls.as_mut().map(|t| t.reader().read(&mut more)) {
            st.plaintext_pending = st.plaintext_pending.saturating_sub(n);
            st.peeked.extend_from_slice(&more[..n]);
        }
    }
    let n = buf.len().min(st.peeked.len());
    buf[..n].copy_from_slice(&st.peeked[..n]);
    if !peek {
        st.peeked.drain(..n);
    }
    n
}
