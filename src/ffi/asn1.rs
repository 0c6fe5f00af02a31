//! d2i_SSL_SESSION(3) and i2d_SSL_SESSION(3), and their PEM forms
//! (`PEM_write_bio_SSL_SESSION`, `PEM_read_bio_SSL_SESSION`): sessions as
//! bytes, for external caches (nginx keeps them in shared memory) and files.
//! The bytes are sessl's own encoding (`src/session/codec.rs`), not OpenSSL's.

use std::ffi::c_void;
use std::os::raw::{c_int, c_long, c_uchar};
use std::sync::Arc;

use super::boundary::{entry, try_ref};
use super::err;
use super::handles::{c_bytes, release, set_out, to_c};
use super::types::*;
use crate::session::Session;
use crate::ssl::Error;

/// OpenSSL's PEM label for a session.
const PEM_LABEL: &str = "SSL SESSION PARAMETERS";
/// The most PEM text read for one session.
const MAX_PEM: usize = 1024 * 1024;

/// i2d_SSL_SESSION(3): the encoding's length; with `pp`, also writes it
/// there (allocating with `OPENSSL_malloc` when `*pp` is NULL) and advances `*pp`.
#[no_mangle]
pub extern "C" fn i2d_SSL_SESSION(session: *const SSL_SESSION, pp: *mut *mut c_uchar) -> c_int {
    entry!({
        let bytes = try_ref!(session).encode();
        let Ok(len) = c_int::try_from(bytes.len()) else {
            return 0;
        };
        if pp.is_null() {
            return len;
        }
        // SAFETY: `pp` is a valid pointer to the caller's buffer pointer; a
        // non-NULL buffer has room for the length the caller asked for first
        // (the i2d convention); a NULL one gets a new OPENSSL_malloc block.
        unsafe {
            let mut out = *pp;
            let allocated = out.is_null();
            if allocated {
                out = openssl_sys::CRYPTO_malloc(bytes.len(), c"sessl".as_ptr(), 0).cast();
                if out.is_null() {
                    return 0;
                }
            }
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), out, bytes.len());
            *pp = if allocated { out } else { out.add(bytes.len()) };
        }
        len
    })
}

/// d2i_SSL_SESSION(3): reads a session from `*pp` (`length` bytes), advancing
/// `*pp`; a new reference, also stored in `*a` (freeing what was there) when
/// `a` is given. NULL, with an error queued, for anything malformed.
#[no_mangle]
pub extern "C" fn d2i_SSL_SESSION(
    a: *mut *mut SSL_SESSION,
    pp: *mut *const c_uchar,
    length: c_long,
) -> *mut SSL_SESSION {
    entry!({
        if pp.is_null() || length < 0 {
            return std::ptr::null_mut();
        }
        // SAFETY: `pp` is a valid pointer to the caller's read position.
        let start = unsafe { *pp };
        let Some(bytes) = c_bytes(start, length as usize) else {
            return std::ptr::null_mut();
        };
        match Session::decode(bytes) {
            Ok((s, used)) => {
                let out = to_c::<SSL_SESSION>(Arc::new(s));
                // SAFETY: `used` bytes of the buffer were read.
                unsafe { *pp = start.add(used) };
                if !a.is_null() {
                    // SAFETY: `a` is a valid pointer; what it held was the caller's reference.
                    unsafe {
                        release(*a);
                        *a = out;
                    }
                }
                out
            }
            Err(e) => {
                err::raise("d2i_SSL_SESSION", &e.into());
                std::ptr::null_mut()
            }
        }
    })
}

/// PEM_read_bio_PrivateKey(3): `PEM_write_bio_SSL_SESSION`, the session as a
/// PEM block ("SSL SESSION PARAMETERS"); 1 on success.
#[no_mangle]
pub extern "C" fn PEM_write_bio_SSL_SESSION(bio: *mut BIO, session: *const SSL_SESSION) -> c_int {
    entry!({
        let s = try_ref!(session);
        if bio.is_null() {
            return 0;
        }
        let text = pem::encode(&pem::Pem::new(PEM_LABEL, s.encode()));
        // SAFETY: `bio` is the caller's live BIO; `text` outlives the call.
        let n = unsafe {
            openssl_sys::BIO_write(bio.cast(), text.as_ptr().cast(), text.len() as c_int)
        };
        c_int::from(n == text.len() as c_int)
    })
}

/// Reads a BIO up to and including the end line of one PEM block.
fn read_pem_block(bio: *mut openssl_sys::BIO) -> Option<String> {
    let end = format!("-----END {PEM_LABEL}-----");
    let mut text = Vec::new();
    let mut byte = 0u8;
    while text.len() < MAX_PEM {
        // SAFETY: one byte into `byte`; the BIO is the caller's live BIO.
        let n = unsafe { openssl_sys::BIO_read(bio, (&mut byte as *mut u8).cast::<c_void>(), 1) };
        if n != 1 {
            break;
        }
        text.push(byte);
        if byte == b'\n' && String::from_utf8_lossy(&text).trim_end().ends_with(&end) {
            break;
        }
    }
    String::from_utf8(text).ok()
}

/// PEM_read_bio_PrivateKey(3): `PEM_read_bio_SSL_SESSION`, the next session
/// PEM block of `bio`; a new reference (also stored in `*x` if given), or
/// NULL with an error queued.
#[no_mangle]
pub extern "C" fn PEM_read_bio_SSL_SESSION(
    bio: *mut BIO,
    x: *mut *mut SSL_SESSION,
    _cb: sessl_pem_password_cb,
    _u: *mut c_void,
) -> *mut SSL_SESSION {
    entry!({
        if bio.is_null() {
            return std::ptr::null_mut();
        }
        let parsed = read_pem_block(bio.cast())
            .and_then(|t| pem::parse(t).ok())
            .filter(|p| p.tag() == PEM_LABEL);
        let Some(block) = parsed else {
            err::raise(
                "PEM_read_bio_SSL_SESSION",
                &Error::NotASession("no session PEM block".into()),
            );
            return std::ptr::null_mut();
        };
        match Session::decode(block.contents()) {
            Ok((s, _)) => {
                let out = to_c::<SSL_SESSION>(Arc::new(s));
                if !x.is_null() {
                    // SAFETY: `x` is a valid pointer; what it held was the caller's reference.
                    unsafe { release(*x) };
                }
                set_out(x, out);
                out
            }
            Err(e) => {
                err::raise("PEM_read_bio_SSL_SESSION", &e.into());
                std::ptr::null_mut()
            }
        }
    })
}
