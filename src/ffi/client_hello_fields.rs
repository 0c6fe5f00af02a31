//! SSL_CTX_set_client_hello_cb(3) and the ClientHello's fields the callback
//! reads (`SSL_client_hello_get0_*`): each answers while the server's
//! ClientHello callbacks run, and 0 (or NULL) elsewhere, as OpenSSL's do.
//! Pointers handed out stay valid until the callback returns.

use std::ffi::c_void;
use std::os::raw::{c_int, c_uchar, c_uint};
use std::sync::Arc;

use super::boundary::{entry, try_ref, try_some};
use super::handles::{borrow, set_out};
use super::types::*;
use crate::ssl::ClientHello;

/// SSL_CTX_set_client_hello_cb(3): called on a server once the ClientHello
/// is read, before anything is decided from it; returns SUCCESS (1), ERROR
/// (0: the handshake fails with the alert `*al`) or RETRY (-1: the handshake
/// call returns with `SSL_ERROR_WANT_CLIENT_HELLO_CB` and the next calls it again).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_client_hello_cb(
    c: *mut SSL_CTX,
    cb: SSL_client_hello_cb_fn,
    arg: *mut c_void,
) {
    entry!({ super::client_hello::set_client_hello_cb(try_ref!(c), cb, arg) })
}

/// The ClientHello the connection's callbacks may read now.
fn hello(s: *mut SSL) -> Option<Arc<ClientHello>> {
    borrow(s)?.client_hello()
}

/// Points `out` at `field` (kept by the connection) and returns its length.
fn lend_field(out: *mut *const c_uchar, field: &[u8]) -> usize {
    set_out(out, field.as_ptr());
    field.len()
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get0_ciphers`: the
/// suites as sent, two bytes each (borrowed).
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_ciphers(s: *mut SSL, out: *mut *const c_uchar) -> usize {
    entry!({ lend_field(out, try_some!(hello(s)).ciphers()) })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get0_compression_methods` (borrowed).
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_compression_methods(
    s: *mut SSL,
    out: *mut *const c_uchar,
) -> usize {
    entry!({ lend_field(out, try_some!(hello(s)).compression_methods()) })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get0_ext`: 1 and the
/// extension's data (borrowed) if the client sent an extension of that type
/// that OpenSSL 3.0 knows, else 0.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_ext(
    s: *mut SSL,
    type_: c_uint,
    out: *mut *const c_uchar,
    outlen: *mut usize,
) -> c_int {
    entry!({
        let hello = try_some!(hello(s));
        let kind = try_some!(u16::try_from(type_).ok());
        let data = try_some!(hello.extension(kind));
        set_out(outlen, lend_field(out, data));
        1
    })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get0_legacy_version`.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_legacy_version(s: *mut SSL) -> c_uint {
    entry!({ c_uint::from(try_some!(hello(s)).legacy_version()) })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get0_random`: 32 bytes (borrowed).
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_random(s: *mut SSL, out: *mut *const c_uchar) -> usize {
    entry!({ lend_field(out, try_some!(hello(s)).random()) })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get0_session_id` (borrowed).
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_session_id(s: *mut SSL, out: *mut *const c_uchar) -> usize {
    entry!({ lend_field(out, try_some!(hello(s)).session_id()) })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_get1_extensions_present`:
/// the types of the extensions OpenSSL 3.0 knows, in the client's order, in
/// an array the caller frees with `OPENSSL_free` (NULL when there are none).
#[no_mangle]
pub extern "C" fn SSL_client_hello_get1_extensions_present(
    s: *mut SSL,
    out: *mut *mut c_int,
    outlen: *mut usize,
) -> c_int {
    entry!({
        let hello = try_some!(hello(s));
        if out.is_null() || outlen.is_null() {
            return 0;
        }
        let present = hello.extensions_present();
        let array = if present.is_empty() {
            std::ptr::null_mut()
        } else {
            let size = present.len() * std::mem::size_of::<c_int>();
            // SAFETY: libcrypto's allocator, so that the caller's OPENSSL_free releases it.
            let p =
                unsafe { openssl_sys::CRYPTO_malloc(size, c"sessl".as_ptr(), 0) }.cast::<c_int>();
            if p.is_null() {
                return 0;
            }
            for (i, kind) in present.iter().enumerate() {
                // SAFETY: `p` holds `present.len()` ints, and `i` is below that.
                unsafe { p.add(i).write(c_int::from(*kind)) }
            }
            p
        };
        set_out(out, array);
        set_out(outlen, present.len());
        1
    })
}

/// SSL_CTX_set_client_hello_cb(3): `SSL_client_hello_isv2`: 0, rustls reads
/// no SSLv2-format ClientHello (and 0 outside the callback, as OpenSSL).
#[no_mangle]
pub extern "C" fn SSL_client_hello_isv2(s: *mut SSL) -> c_int {
    entry!({
        try_ref!(s);
        0
    })
}
