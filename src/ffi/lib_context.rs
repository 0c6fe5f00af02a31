//! The library context and property query `SSL_CTX_new_ex` was given. sessl's
//! own cryptography is rustls', but every libcrypto object it makes for the
//! context (certificates decoded from the peer or from files, keys read from
//! PEM or DER, the stores its CA files are loaded into, chain verification,
//! the CT log list) is made in them, as OpenSSL makes them: a program that
//! loads its providers into its own library context only (as OpenSSL's
//! ssl_test does) gets the same answers.

use std::ffi::{c_char, c_void, CStr, CString};

use crate::ssl::{Connection, Context};

use super::types::OSSL_LIB_CTX;

/// libcrypto's `_ex` constructors and loaders (OpenSSL 3.0) that take a
/// library context and property query; `openssl-sys` does not declare them.
pub(crate) mod ex {
    use std::ffi::{c_char, c_int, c_long, c_uchar, c_void};

    use openssl_sys::{pem_password_cb, BIO, EVP_PKEY, X509, X509_STORE, X509_STORE_CTX};

    extern "C" {
        pub(crate) fn X509_STORE_CTX_new_ex(
            libctx: *mut c_void,
            propq: *const c_char,
        ) -> *mut X509_STORE_CTX;
        pub(crate) fn X509_new_ex(libctx: *mut c_void, propq: *const c_char) -> *mut X509;
        pub(crate) fn d2i_AutoPrivateKey_ex(
            a: *mut *mut EVP_PKEY,
            pp: *mut *const c_uchar,
            length: c_long,
            libctx: *mut c_void,
            propq: *const c_char,
        ) -> *mut EVP_PKEY;
        pub(crate) fn d2i_PUBKEY_ex(
            a: *mut *mut EVP_PKEY,
            pp: *mut *const c_uchar,
            length: c_long,
            libctx: *mut c_void,
            propq: *const c_char,
        ) -> *mut EVP_PKEY;
        pub(crate) fn PEM_read_bio_PrivateKey_ex(
            bp: *mut BIO,
            x: *mut *mut EVP_PKEY,
            cb: pem_password_cb,
            u: *mut c_void,
            libctx: *mut c_void,
            propq: *const c_char,
        ) -> *mut EVP_PKEY;
        pub(crate) fn X509_STORE_load_file_ex(
            store: *mut X509_STORE,
            file: *const c_char,
            libctx: *mut c_void,
            propq: *const c_char,
        ) -> c_int;
        pub(crate) fn X509_STORE_load_store_ex(
            store: *mut X509_STORE,
            uri: *const c_char,
            libctx: *mut c_void,
            propq: *const c_char,
        ) -> c_int;
    }
}

/// Where libcrypto objects are made: a library context and property query
/// (both NULL: the default context, no query), borrowed from the SSL_CTX
/// that holds them, so used while that context lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Lib {
    pub(crate) libctx: *mut c_void,
    pub(crate) propq: *const c_char,
}

impl Lib {
    /// libcrypto's default context, as `SSL_CTX_new` uses it.
    pub(crate) const DEFAULT: Lib = Lib {
        libctx: std::ptr::null_mut(),
        propq: std::ptr::null(),
    };
}

/// The library context and property query `ctx` was made with.
pub(crate) fn of(ctx: &Context) -> Lib {
    let (libctx, propq) = ctx.extras().with(|lib: &mut LibraryContext| lib.pointers());
    Lib { libctx, propq }
}

/// The library context of the SSL_CTX a connection now belongs to
/// (`SSL_set_SSL_CTX` moves it, as OpenSSL's `s->ctx`).
pub(crate) fn of_connection(conn: &Connection) -> Lib {
    match conn.switched_context() {
        Some(ctx) => of(&ctx),
        None => of(conn.context()),
    }
}

/// Kept in the context's extras (default: libcrypto's default context).
#[derive(Default)]
pub(crate) struct LibraryContext {
    libctx: usize,
    propq: Option<CString>,
}

impl LibraryContext {
    /// Keeps `libctx` (the application's, which outlives the SSL_CTX) and a copy of `propq`.
    pub(crate) fn new(libctx: *mut OSSL_LIB_CTX, propq: *const c_char) -> Self {
        let propq = (!propq.is_null()).then(|| {
            // SAFETY: the caller's non-NULL C string.
            unsafe { CStr::from_ptr(propq) }.to_owned()
        });
        LibraryContext {
            libctx: libctx as usize,
            propq,
        }
    }

    /// The library context (NULL: the default) and property query (NULL: none).
    pub(crate) fn pointers(&self) -> (*mut c_void, *const c_char) {
        let propq = self.propq.as_ref().map_or(std::ptr::null(), |p| p.as_ptr());
        (self.libctx as *mut c_void, propq)
    }
}

/// libcrypto's HMAC fetched in `lib`, as OpenSSL fetches it for the ticket
/// key callback's MAC context (NULL when libcrypto fails).
pub(crate) fn fetch_hmac(lib: Lib) -> *mut openssl_sys::EVP_MAC {
    // SAFETY: the library context outlives the SSL_CTX; the property query
    // is owned by the context, which the caller holds.
    unsafe { openssl_sys::EVP_MAC_fetch(lib.libctx.cast(), c"HMAC".as_ptr(), lib.propq) }
}

/// A new `X509_STORE_CTX` in `lib` (NULL when libcrypto fails).
pub(crate) fn new_store_ctx(lib: Lib) -> *mut openssl_sys::X509_STORE_CTX {
    // SAFETY: the library context outlives the SSL_CTX (the application's
    // contract with SSL_CTX_new_ex); the property query is owned by the
    // context, which the caller holds.
    unsafe { ex::X509_STORE_CTX_new_ex(lib.libctx, lib.propq) }
}
