//! SSL_SESSION_print(3): a session as OpenSSL's text report or NSS key log
//! line, written to a BIO or a C `FILE`. The text is made by
//! `session::session_report` / `keylog_line`; here it is only written.

use std::ffi::CStr;
use std::os::raw::{c_int, c_long};

use super::boundary::{entry, try_ref};
use super::types::*;
use crate::session::{keylog_line, session_report, PrintNames, Session};
use crate::ssl::cipher;

/// `BIO_NOCLOSE`: the BIO leaves the `FILE` open.
const BIO_NOCLOSE: c_int = 0;

/// Writes all of `text` to `bio`; false if the BIO took less.
pub(crate) fn write_all(bio: *mut BIO, text: &str) -> bool {
    let Ok(len) = c_int::try_from(text.len()) else {
        return false;
    };
    if len == 0 {
        return true;
    }
    // SAFETY: `bio` is the caller's live BIO; `text` outlives the call.
    let n = unsafe { openssl_sys::BIO_write(bio.cast(), text.as_ptr().cast(), len) };
    n == len
}

/// Runs `f` on a BIO over the caller's `FILE` (left open); `None` when
/// libcrypto cannot make one.
pub(crate) fn with_file_bio<R>(fp: *mut FILE, f: impl FnOnce(*mut BIO) -> R) -> Option<R> {
    // SAFETY: `fp` is the caller's open `FILE`; the BIO does not close it.
    let bio = unsafe { openssl_sys::BIO_new_fp(fp.cast(), BIO_NOCLOSE) };
    if bio.is_null() {
        return None;
    }
    let r = f(bio.cast());
    // SAFETY: the BIO made above, freed once (the `FILE` stays open).
    unsafe { openssl_sys::BIO_free_all(bio) };
    Some(r)
}

fn report(s: &Session) -> String {
    // SAFETY: libcrypto returns a static string for any code.
    let verify = unsafe {
        let p = openssl_sys::X509_verify_cert_error_string(s.verify_result() as c_long);
        if p.is_null() {
            String::new()
        } else {
            CStr::from_ptr(p).to_string_lossy().into_owned()
        }
    };
    let name = cipher::by_iana(s.cipher_suite()).map(|c| c.name.to_string_lossy());
    let names = PrintNames {
        cipher: name.as_deref(),
        verify_result: &verify,
    };
    session_report(s, &names)
}

/// SSL_SESSION_print(3): OpenSSL's text report of the session; 1, or 0.
#[no_mangle]
pub extern "C" fn SSL_SESSION_print(fp: *mut BIO, ses: *const SSL_SESSION) -> c_int {
    entry!({
        let s = try_ref!(ses);
        if fp.is_null() {
            return 0;
        }
        c_int::from(write_all(fp, &report(s)))
    })
}

/// SSL_SESSION_print(3): `SSL_SESSION_print_fp`, the report to a `FILE`; 1, or 0.
#[no_mangle]
pub extern "C" fn SSL_SESSION_print_fp(fp: *mut FILE, ses: *const SSL_SESSION) -> c_int {
    entry!({
        let s = try_ref!(ses);
        if fp.is_null() {
            return 0;
        }
        let text = report(s);
        with_file_bio(fp, |bio| c_int::from(write_all(bio, &text))).unwrap_or(0)
    })
}

/// SSL_SESSION_print(3): `SSL_SESSION_print_keylog`, the NSS key log line
/// (`RSA Session-ID:... Master-Key:...`); 1, or 0 without a session id or
/// master key (a TLS 1.3 client session has no key in sessl: see divergences).
#[no_mangle]
pub extern "C" fn SSL_SESSION_print_keylog(bp: *mut BIO, x: *const SSL_SESSION) -> c_int {
    entry!({
        let s = try_ref!(x);
        match keylog_line(s) {
            Some(line) if !bp.is_null() => c_int::from(write_all(bp, &line)),
            _ => 0,
        }
    })
}
