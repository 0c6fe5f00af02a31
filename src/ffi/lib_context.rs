//! The library context and property query `SSL_CTX_new_ex` was given. sessl's
//! own cryptography is rustls', but what it asks of libcrypto (verifying a
//! peer's chain, loading a CT log list) runs in them, as OpenSSL runs it: a
//! program that loads its providers into its own library context only (as
//! OpenSSL's tests do) gets the same answers.

use std::ffi::{c_char, c_void, CStr, CString};

use crate::ssl::Context;

use super::types::OSSL_LIB_CTX;

extern "C" {
    fn X509_STORE_CTX_new_ex(
        libctx: *mut c_void,
        propq: *const c_char,
    ) -> *mut openssl_sys::X509_STORE_CTX;
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

/// libcrypto's HMAC fetched in `ctx`'s library context, as OpenSSL fetches
/// it for the ticket key callback's MAC context (NULL when libcrypto fails).
pub(crate) fn fetch_hmac(ctx: &Context) -> *mut openssl_sys::EVP_MAC {
    ctx.extras().with(|lib: &mut LibraryContext| {
        let (libctx, propq) = lib.pointers();
        // SAFETY: the library context outlives the SSL_CTX; the property
        // query lives in the extras, borrowed for this call.
        unsafe { openssl_sys::EVP_MAC_fetch(libctx.cast(), c"HMAC".as_ptr(), propq) }
    })
}

/// A new `X509_STORE_CTX` in `ctx`'s library context (NULL when libcrypto fails).
pub(crate) fn new_store_ctx(ctx: &Context) -> *mut openssl_sys::X509_STORE_CTX {
    let (libctx, propq) = ctx.extras().with(|lib: &mut LibraryContext| lib.pointers());
    // SAFETY: the library context outlives the SSL_CTX (the application's
    // contract with SSL_CTX_new_ex); the property query is owned by the
    // context, which the caller holds.
    unsafe { X509_STORE_CTX_new_ex(libctx, propq) }
}
