//! Callbacks sessl accepts but does not call: SSL_CTX_set_info_callback(3),
//! kept so that its getter answers. A non-NULL one is logged; a program
//! relying on one being called will not see it. (SSL_CTX_set_cert_cb(3) is
//! called: it is in client_hello.rs with the server's other ClientHello callbacks.)

use super::boundary::{entry, try_ref};
use super::types::*;
use super::unsupported::unsupported;

/// The info callback a context was given, kept only for its getter.
#[derive(Default)]
struct InfoCallback(sessl_info_cb);

/// SSL_CTX_set_info_callback(3): kept, not called.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_info_callback(ctx: *mut SSL_CTX, cb: sessl_info_cb) {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|kept: &mut InfoCallback| kept.0 = cb);
        if cb.is_some() {
            unsupported!(accepted, "kept for the getter, never called");
        }
    })
}

/// SSL_CTX_set_info_callback(3): `SSL_CTX_get_info_callback`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_info_callback(ctx: *mut SSL_CTX) -> sessl_info_cb {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|kept: &mut InfoCallback| kept.0)
    })
}
