//! SSL_get_fd(3): the descriptors a connection reads and writes: those given
//! to `SSL_set_fd` / `SSL_set_rfd` / `SSL_set_wfd`, or those of the socket or
//! fd BIOs given to `SSL_set_bio`; -1 otherwise.

use std::os::raw::{c_int, c_long, c_void};

use super::bio::{SSL_get_rbio, SSL_get_wbio};
use super::boundary::{entry, try_ref};
use super::types::*;
use crate::ssl::Connection;

/// `BIO_C_GET_FD`, the control `BIO_get_fd` sends.
const BIO_C_GET_FD: c_int = 105;

/// Records the descriptors `SSL_set_fd` (both), `SSL_set_rfd` or
/// `SSL_set_wfd` gave the connection (`None`: that direction unchanged).
pub(super) fn record(conn: &Connection, read: Option<c_int>, write: Option<c_int>) {
    conn.record_descriptors(read, write);
}

/// The descriptor of a BIO (through a filter chain, as `BIO_get_fd`
/// reaches it), or -1 for one without (a memory BIO, a custom one).
fn bio_fd(bio: *mut BIO) -> c_int {
    let mut fd: c_int = -1;
    // SAFETY: the connection keeps its BIO alive; BIO_get_fd writes an int
    // through its argument, and BIOs that have no descriptor ignore the call.
    unsafe {
        openssl_sys::BIO_ctrl(
            bio.cast(),
            BIO_C_GET_FD,
            0 as c_long,
            (&mut fd as *mut c_int).cast::<c_void>(),
        );
    }
    fd
}

/// The descriptor of one direction: its BIO's when `SSL_set_bio` gave one
/// (the latest of the two calls wins: `SSL_set_fd` clears the BIOs), else
/// the one recorded.
fn descriptor(s: *const SSL, read: bool) -> c_int {
    let conn = try_ref!(s, -1);
    let bio = if read {
        SSL_get_rbio(s)
    } else {
        SSL_get_wbio(s)
    };
    if !bio.is_null() {
        return bio_fd(bio);
    }
    conn.descriptor(read)
}

/// SSL_get_fd(3): the descriptor read from, or -1.
#[no_mangle]
pub extern "C" fn SSL_get_fd(s: *const SSL) -> c_int {
    entry!(fail = -1, { descriptor(s, true) })
}

/// SSL_get_fd(3): `SSL_get_rfd`, the descriptor read from, or -1.
#[no_mangle]
pub extern "C" fn SSL_get_rfd(s: *const SSL) -> c_int {
    entry!(fail = -1, { descriptor(s, true) })
}

/// SSL_get_fd(3): `SSL_get_wfd`, the descriptor written to, or -1.
#[no_mangle]
pub extern "C" fn SSL_get_wfd(s: *const SSL) -> c_int {
    entry!(fail = -1, { descriptor(s, false) })
}
