//! PEM_read_SSL_SESSION(3) / PEM_write_SSL_SESSION(3): the `FILE` forms of
//! the session PEM functions, through a BIO over the `FILE` and the BIO
//! forms (`PEM_read_bio_SSL_SESSION`, `PEM_write_bio_SSL_SESSION`), so both
//! read and write the same text.

use std::ffi::c_void;
use std::os::raw::c_int;

use super::asn1::{PEM_read_bio_SSL_SESSION, PEM_write_bio_SSL_SESSION};
use super::boundary::entry;
use super::session_print::with_file_bio;
use super::types::*;

/// PEM_read_CMS(3): `PEM_read_SSL_SESSION`, the next session PEM block of
/// `out`; a new reference (also stored in `*x` if given), or NULL with an
/// error queued. The text is sessl's encoding, as with the BIO form.
#[no_mangle]
pub extern "C" fn PEM_read_SSL_SESSION(
    out: *mut FILE,
    x: *mut *mut SSL_SESSION,
    cb: sessl_pem_password_cb,
    u: *mut c_void,
) -> *mut SSL_SESSION {
    entry!({
        if out.is_null() {
            return std::ptr::null_mut();
        }
        with_file_bio(out, |bio| PEM_read_bio_SSL_SESSION(bio, x, cb, u))
            .unwrap_or(std::ptr::null_mut())
    })
}

/// PEM_read_CMS(3): `PEM_write_SSL_SESSION`, the session as a PEM block
/// written to `out`; 1, or 0.
#[no_mangle]
pub extern "C" fn PEM_write_SSL_SESSION(out: *mut FILE, x: *const SSL_SESSION) -> c_int {
    entry!({
        if out.is_null() || x.is_null() {
            return 0;
        }
        with_file_bio(out, |bio| PEM_write_bio_SSL_SESSION(bio, x)).unwrap_or(0)
    })
}
