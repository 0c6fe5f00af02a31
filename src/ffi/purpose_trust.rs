//! SSL_CTX_get0_param(3): `SSL_CTX_set_purpose`, `SSL_set_purpose`,
//! `SSL_CTX_set_trust` and `SSL_set_trust` set the purpose and trust of the
//! `X509_VERIFY_PARAM` sessl verifies peers with (libcrypto's own checks then
//! apply them, and refuse unknown values with libcrypto's error, as OpenSSL).
//! A connection's parameters take the context's at `SSL_new`.

use std::os::raw::c_int;

use super::boundary::entry;
use super::crypto::x509_vfy::X509_VERIFY_PARAM_set_trust;
use super::types::*;
use super::verify::{SSL_CTX_get0_param, SSL_get0_param};

/// Sets the purpose of `param` (NULL: the handle was NULL): 1, or 0 with
/// libcrypto's error for an unknown purpose.
fn set_purpose(param: *mut X509_VERIFY_PARAM, purpose: c_int) -> c_int {
    if param.is_null() {
        return 0;
    }
    // SAFETY: a live parameter object its context or connection owns.
    unsafe { openssl_sys::X509_VERIFY_PARAM_set_purpose(param.cast(), purpose) }
}

/// Sets the trust setting of `param`, as `set_purpose`.
fn set_trust(param: *mut X509_VERIFY_PARAM, trust: c_int) -> c_int {
    if param.is_null() {
        return 0;
    }
    // SAFETY: a live parameter object its context or connection owns.
    unsafe { X509_VERIFY_PARAM_set_trust(param.cast(), trust) }
}

/// SSL_CTX_get0_param(3): `SSL_CTX_set_purpose`: the purpose peers are verified for; 1 or 0.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_purpose(ctx: *mut SSL_CTX, purpose: c_int) -> c_int {
    entry!({ set_purpose(SSL_CTX_get0_param(ctx), purpose) })
}

/// SSL_CTX_get0_param(3): `SSL_set_purpose`: the purpose this connection's peer is verified for; 1 or 0.
#[no_mangle]
pub extern "C" fn SSL_set_purpose(ssl: *mut SSL, purpose: c_int) -> c_int {
    entry!({ set_purpose(SSL_get0_param(ssl), purpose) })
}

/// SSL_CTX_get0_param(3): `SSL_CTX_set_trust`: the trust setting peers are verified with; 1 or 0.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_trust(ctx: *mut SSL_CTX, trust: c_int) -> c_int {
    entry!({ set_trust(SSL_CTX_get0_param(ctx), trust) })
}

/// SSL_CTX_get0_param(3): `SSL_set_trust`: the trust setting this connection's peer is verified with; 1 or 0.
#[no_mangle]
pub extern "C" fn SSL_set_trust(ssl: *mut SSL, trust: c_int) -> c_int {
    entry!({ set_trust(SSL_get0_param(ssl), trust) })
}
