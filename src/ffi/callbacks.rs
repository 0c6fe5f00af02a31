//! A callback sessl accepts but does not call: SSL_CTX_set_cert_cb(3), not
//! kept (OpenSSL has no getter for it; the context's certificate is used). A
//! non-NULL one is logged; a program relying on it being called will not
//! see it.

use std::ffi::c_void;

use super::boundary::{entry, try_ref};
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_set_cert_cb(3): accepted, neither kept nor called (the context's
/// certificate is used).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cert_cb(ctx: *mut SSL_CTX, _cb: sessl_cert_cb, _arg: *mut c_void) {
    entry!({
        try_ref!(ctx);
        if _cb.is_some() {
            unsupported!(accepted, "never called (the context's certificate is used)");
        }
    })
}
