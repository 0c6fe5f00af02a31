//! Callbacks sessl accepts and keeps but does not call, because rustls
//! exposes no point to call them at: SSL_CTX_set_info_callback(3)
//! and SSL_CTX_set_cert_cb(3). Each is kept so its getter answers; a program
//! relying on one being called will not see it.

use std::ffi::c_void;

use super::boundary::{entry, try_ref};
use super::types::*;
use super::unsupported::unsupported;

#[derive(Default)]
struct Kept {
    info: sessl_info_cb,
}

/// SSL_CTX_set_info_callback(3): kept, not called.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_info_callback(ctx: *mut SSL_CTX, cb: sessl_info_cb) {
    entry!({
        try_ref!(ctx).extras().with(|k: &mut Kept| k.info = cb);
        if cb.is_some() {
            unsupported!(accepted, "kept for the getter, never called");
        }
    })
}

/// SSL_CTX_set_info_callback(3): `SSL_CTX_get_info_callback`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_info_callback(ctx: *mut SSL_CTX) -> sessl_info_cb {
    entry!({ try_ref!(ctx).extras().with(|k: &mut Kept| k.info) })
}

/// SSL_CTX_set_cert_cb(3): kept, not called (the context's certificate is used).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cert_cb(ctx: *mut SSL_CTX, _cb: sessl_cert_cb, _arg: *mut c_void) {
    entry!({
        try_ref!(ctx);
        if _cb.is_some() {
            unsupported!(accepted, "never called (the context's certificate is used)");
        }
    })
}
