//! SSL_set_bio(3): a connection reading and writing through libcrypto BIOs
//! (sockets, memory BIOs, or a caller's own BIO method such as curl's).

use std::io::{self, Read, Write};
use std::os::raw::c_int;

use openssl_sys::BIO_FLAGS_SHOULD_RETRY;

use super::boundary::{entry, try_ref};
use super::crypto::{BIO_free, BIO_test_flags, BIO_up_ref};
use super::owned::CArg;
use super::types::*;
use crate::ssl::Connection;

/// One owned reference to a BIO, used as the connection's reader or writer.
pub(crate) struct BioIo(*mut openssl_sys::BIO);

// SAFETY: a BIO is used by one connection at a time (OpenSSL's own rule for
// an SSL's BIOs); the pointer moves with the connection between threads.
unsafe impl Send for BioIo {}

impl Drop for BioIo {
    fn drop(&mut self) {
        // SAFETY: we own one reference, taken in `SSL_set0_rbio`/`wbio`.
        unsafe { BIO_free(self.0) };
    }
}

impl BioIo {
    /// The error for a BIO call that moved nothing: retry later, or a real failure.
    fn no_progress(&self, n: c_int) -> io::Result<usize> {
        // SAFETY: the BIO is alive while we own our reference.
        let retry = unsafe { BIO_test_flags(self.0, BIO_FLAGS_SHOULD_RETRY) } != 0;
        if retry {
            Err(io::ErrorKind::WouldBlock.into())
        } else if n == 0 {
            Ok(0)
        } else {
            Err(io::Error::other("BIO failed"))
        }
    }
}

impl Read for BioIo {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let len = buf.len().min(c_int::MAX as usize) as c_int;
        // SAFETY: `buf` has `len` writable bytes; the BIO is alive.
        let n = unsafe { openssl_sys::BIO_read(self.0, buf.as_mut_ptr().cast(), len) };
        if n > 0 {
            Ok(n as usize)
        } else {
            self.no_progress(n)
        }
    }
}

impl Write for BioIo {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let len = buf.len().min(c_int::MAX as usize) as c_int;
        // SAFETY: `buf` has `len` readable bytes; the BIO is alive.
        let n = unsafe { openssl_sys::BIO_write(self.0, buf.as_ptr().cast(), len) };
        if n > 0 {
            Ok(n as usize)
        } else {
            match self.no_progress(n)? {
                0 => Err(io::ErrorKind::WriteZero.into()),
                n => Ok(n),
            }
        }
    }

    /// `BIO_flush`: a buffering BIO sends what it holds.
    fn flush(&mut self) -> io::Result<()> {
        // SAFETY: the BIO is alive while we own our reference; FLUSH takes no pointer.
        let r = unsafe {
            openssl_sys::BIO_ctrl(self.0, openssl_sys::BIO_CTRL_FLUSH, 0, std::ptr::null_mut())
        };
        if r > 0 {
            Ok(())
        } else {
            Err(io::Error::other("BIO_flush failed"))
        }
    }
}

/// The BIO pointers a connection was given, for `SSL_get_rbio` / `SSL_get_wbio`.
#[derive(Default)]
struct BioSlots {
    rbio: CArg,
    wbio: CArg,
}

/// Records `bio` in one of the slots (`pick`); NULL in a slot never set
/// keeps nothing (`SSL_set_fd` clears the BIOs of every new connection).
fn record(conn: &Connection, bio: *mut openssl_sys::BIO, pick: fn(&mut BioSlots) -> &mut CArg) {
    let unset = |s: &BioSlots| {
        s.rbio.get::<openssl_sys::BIO>().is_null() && s.wbio.get::<openssl_sys::BIO>().is_null()
    };
    if bio.is_null() && conn.extras().read(unset) {
        return;
    }
    conn.extras()
        .with(|s: &mut BioSlots| *pick(s) = CArg::new(bio));
}

fn set_read(conn: &Connection, bio: *mut openssl_sys::BIO) {
    record(conn, bio, |s| &mut s.rbio);
    if bio.is_null() {
        conn.clear_transport(true, false);
    } else {
        conn.set_transport(Some(Box::new(BioIo(bio))), None);
    }
}

fn set_write(conn: &Connection, bio: *mut openssl_sys::BIO) {
    record(conn, bio, |s| &mut s.wbio);
    if bio.is_null() {
        conn.clear_transport(false, true);
    } else {
        conn.set_transport(None, Some(Box::new(BioIo(bio))));
    }
}

/// SSL_set_bio(3): `SSL_set0_rbio`, reads through `rbio`, taking over one reference.
#[no_mangle]
pub extern "C" fn SSL_set0_rbio(ssl: *mut SSL, rbio: *mut BIO) {
    entry!({ set_read(try_ref!(ssl), rbio.cast()) })
}

/// SSL_set_bio(3): `SSL_set0_wbio`, writes through `wbio`, taking over one reference.
#[no_mangle]
pub extern "C" fn SSL_set0_wbio(ssl: *mut SSL, wbio: *mut BIO) {
    entry!({ set_write(try_ref!(ssl), wbio.cast()) })
}

/// SSL_set_bio(3): both BIOs, with OpenSSL's ownership rules: nothing when
/// neither changes; the same BIO twice takes one reference for two; only the
/// write BIO changed, or only the read BIO while the two were different,
/// adopts that one reference; otherwise one reference for each.
#[no_mangle]
pub extern "C" fn SSL_set_bio(ssl: *mut SSL, rbio: *mut BIO, wbio: *mut BIO) {
    entry!({
        let conn = try_ref!(ssl);
        let (rbio, wbio) = (rbio.cast::<openssl_sys::BIO>(), wbio.cast());
        let (old_r, old_w): (*mut openssl_sys::BIO, _) = conn
            .extras()
            .with(|s: &mut BioSlots| (s.rbio.get(), s.wbio.get()));
        if rbio == old_r && wbio == old_w {
            return;
        }
        if rbio == wbio && !rbio.is_null() {
            // SAFETY: the caller passed a live BIO; the extra reference is
            // owned by the writer half.
            unsafe { BIO_up_ref(rbio.cast()) };
        }
        if rbio == old_r {
            set_write(conn, wbio);
            return;
        }
        if wbio == old_w && old_r != old_w {
            set_read(conn, rbio);
            return;
        }
        set_read(conn, rbio);
        set_write(conn, wbio);
    })
}

/// SSL_get_rbio(3): the read BIO (borrowed), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_rbio(ssl: *const SSL) -> *mut BIO {
    entry!({ try_ref!(ssl).extras().read(|s: &BioSlots| s.rbio).get() })
}

/// SSL_get_rbio(3): `SSL_get_wbio`, the write BIO (borrowed), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_wbio(ssl: *const SSL) -> *mut BIO {
    entry!({ try_ref!(ssl).extras().read(|s: &BioSlots| s.wbio).get() })
}
