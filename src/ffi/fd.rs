//! A file descriptor as the connection's transport (`SSL_set_fd`).

use std::io;
use std::os::raw::c_int;

use crate::ssl::{Fd, FdCalls};

/// The system calls on a descriptor the caller owns (never closed here).
struct SystemCalls;

/// Descriptor `fd` as a connection's transport (no allocation).
pub(crate) fn fd(fd: c_int) -> Fd {
    Fd::new(fd, &SystemCalls)
}

impl FdCalls for SystemCalls {
    fn read(&self, fd: c_int, buf: &mut [u8]) -> io::Result<usize> {
        // SAFETY: `buf` is valid for `buf.len()` writable bytes; the descriptor
        // is only a number to the kernel (a closed one fails with EBADF).
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(n as usize)
    }

    fn write(&self, fd: c_int, buf: &[u8]) -> io::Result<usize> {
        // SAFETY: `buf` is valid for `buf.len()` readable bytes; MSG_NOSIGNAL
        // turns a closed peer into EPIPE rather than SIGPIPE.
        let n = unsafe { libc::send(fd, buf.as_ptr().cast(), buf.len(), libc::MSG_NOSIGNAL) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let e = io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::ENOTSOCK) {
            return Err(e);
        }
        // SAFETY: as above, for a descriptor that is not a socket (a pipe, a file).
        let n = unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) };
        if n < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(n as usize)
    }

    /// A flight of records (rustls queues a handshake flight as several)
    /// goes out in one system call, as one segment, so a peer that refuses
    /// the first record cannot close the connection under the rest.
    fn write_vectored(&self, fd: c_int, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        let count = bufs.len().min(MAX_IOVECS);
        // SAFETY: an all-zero msghdr is valid (no name, no control data).
        let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
        // `IoSlice` is ABI-compatible with `iovec` on Unix; the kernel only
        // reads the `count` slices, which live for the call.
        msg.msg_iov = bufs.as_ptr().cast_mut().cast();
        msg.msg_iovlen = count as _;
        // SAFETY: `msg` points at `count` valid iovecs; MSG_NOSIGNAL as in `write`.
        let n = unsafe { libc::sendmsg(fd, &msg, libc::MSG_NOSIGNAL) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let e = io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::ENOTSOCK) {
            return Err(e);
        }
        // SAFETY: as above, for a descriptor that is not a socket.
        let n = unsafe { libc::writev(fd, bufs.as_ptr().cast(), count as c_int) };
        if n < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(n as usize)
    }
}

/// The most slices one vectored write passes (rustls passes at most 64).
const MAX_IOVECS: usize = 64;
