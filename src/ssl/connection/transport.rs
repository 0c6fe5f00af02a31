//! What a connection reads from and writes to: a descriptor, read and
//! written by the embedding layer's system calls with no allocation (every
//! `SSL_set_fd`), or any reader and writer, boxed.

use std::io::{self, IoSlice, Read, Write};

/// The system calls on a descriptor (the C layer's, which alone may make
/// them): one static value serves every connection.
pub trait FdCalls: Sync {
    /// Reads into `buf` from `fd`.
    fn read(&self, fd: i32, buf: &mut [u8]) -> io::Result<usize>;
    /// Writes `buf` to `fd`.
    fn write(&self, fd: i32, buf: &[u8]) -> io::Result<usize>;
    /// Writes `bufs` to `fd` in one call.
    fn write_vectored(&self, fd: i32, bufs: &[IoSlice<'_>]) -> io::Result<usize>;
}

/// A descriptor and the calls that read and write it.
#[derive(Clone, Copy)]
pub struct Fd {
    fd: i32,
    calls: &'static dyn FdCalls,
}

impl Fd {
    /// Descriptor `fd`, read and written with `calls`.
    pub fn new(fd: i32, calls: &'static dyn FdCalls) -> Self {
        Fd { fd, calls }
    }
}

impl Read for Fd {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.calls.read(self.fd, buf)
    }
}

impl Write for Fd {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.calls.write(self.fd, buf)
    }

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        self.calls.write_vectored(self.fd, bufs)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A byte source for the connection (a socket, a pipe, a BIO, ...).
pub enum Reader {
    /// A descriptor.
    Fd(Fd),
    /// Anything else.
    Boxed(Box<dyn Read + Send>),
}

/// A byte sink for the connection.
pub enum Writer {
    /// A descriptor.
    Fd(Fd),
    /// Anything else.
    Boxed(Box<dyn Write + Send>),
}

impl AsMut<dyn Read + Send> for Reader {
    fn as_mut(&mut self) -> &mut (dyn Read + Send + 'static) {
        match self {
            Reader::Fd(fd) => fd,
            Reader::Boxed(r) => r.as_mut(),
        }
    }
}

impl AsMut<dyn Write + Send> for Writer {
    fn as_mut(&mut self) -> &mut (dyn Write + Send + 'static) {
        match self {
            Writer::Fd(fd) => fd,
            Writer::Boxed(w) => w.as_mut(),
        }
    }
}

impl Read for Reader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.as_mut().read(buf)
    }
}

impl Write for Writer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.as_mut().write(buf)
    }

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        self.as_mut().write_vectored(bufs)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.as_mut().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parking_lot::Mutex;

    /// Calls that note what they were asked and answer from the descriptor.
    struct Noting(Mutex<Vec<(i32, usize)>>);

    impl FdCalls for Noting {
        fn read(&self, fd: i32, buf: &mut [u8]) -> io::Result<usize> {
            self.0.lock().push((fd, buf.len()));
            buf[0] = fd as u8;
            Ok(1)
        }
        fn write(&self, fd: i32, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().push((fd, buf.len()));
            Ok(buf.len())
        }
        fn write_vectored(&self, fd: i32, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
            let n = bufs.iter().map(|b| b.len()).sum();
            self.0.lock().push((fd, n));
            Ok(n)
        }
    }

    #[test]
    fn a_descriptor_goes_to_its_calls_and_a_box_to_itself() {
        static CALLS: Noting = Noting(Mutex::new(Vec::new()));
        let mut r = Reader::Fd(Fd::new(7, &CALLS));
        let mut w = Writer::Fd(Fd::new(8, &CALLS));
        let mut one = [0u8; 4];
        assert_eq!(r.read(&mut one).unwrap(), 1);
        assert_eq!(one[0], 7);
        w.write_all(b"abc").unwrap();
        let bufs = [IoSlice::new(b"de"), IoSlice::new(b"f")];
        assert_eq!(w.write_vectored(&bufs).unwrap(), 3);
        assert_eq!(*CALLS.0.lock(), vec![(7, 4), (8, 3), (8, 3)]);
        let mut sink = Writer::Boxed(Box::new(Vec::new()));
        sink.write_all(b"xyz").unwrap();
        let mut source = Reader::Boxed(Box::new(&b"hello"[..]));
        assert_eq!(source.read(&mut one).unwrap(), 4);
        assert_eq!(&one, b"hell");
    }
}
