//! SSL_CTX_ctrl(3): the certificate commands behind `SSL_CTX_get0_chain_certs`,
//! `SSL_CTX_get_extra_chain_certs`, `SSL_CTX_set_current_cert`,
//! `SSL_CTX_select_current_cert` and `SSL_CTX_build_cert_chain`, and the
//! peer's signature (`SSL_get_peer_signature_nid`). A context holds one
//! certificate (with its chain), so "the current one" is that one.

use std::ffi::c_void;
use std::os::raw::c_long;

use super::types::stack_st_X509;
use super::x509::{cert_der, CertStack};
use rustls_pki_types::CertificateDer;

use crate::ssl::{Connection, Context, Refusal};

/// `SSL_CERT_SET_FIRST`.
const CERT_SET_FIRST: c_long = 1;

/// The context's chain handed out by `SSL_CTX_get0_chain_certs`.
#[derive(Default)]
struct LentChain(CertStack);

/// Whether the context has a certificate and its key, as OpenSSL's
/// certificate slots count one.
fn has_certificate(ctx: &Context) -> bool {
    ctx.with_settings(|s| !s.chain.is_empty() && s.key.is_some())
}

/// `SSL_CTX_get0_chain_certs`: the certificates after the leaf (borrowed,
/// valid until the chain changes), NULL when there are none; 1.
pub(super) fn get_chain_certs(ctx: &Context, out: *mut *mut stack_st_X509) -> c_long {
    if out.is_null() {
        return 0;
    }
    let tail: Vec<Vec<u8>> =
        ctx.with_settings(|s| s.chain.iter().skip(1).map(|c| c.to_vec()).collect());
    let stack = if tail.is_empty() {
        std::ptr::null_mut()
    } else {
        let lib = super::lib_context::of(ctx);
        ctx.extras()
            .with(|lent: &mut LentChain| lent.0.get(tail, lib))
    };
    // SAFETY: `out` is the caller's non-NULL pointer to a stack pointer.
    unsafe { *out = stack };
    1
}

/// `SSL_CTX_set_current_cert`: the first certificate is the context's one;
/// there is no next.
pub(super) fn set_current_cert(ctx: &Context, which: c_long) -> c_long {
    c_long::from(which == CERT_SET_FIRST && has_certificate(ctx))
}

/// `SSL_CTX_select_current_cert`: 1 when `cert` is the context's certificate.
pub(super) fn select_current_cert(ctx: &Context, cert: *mut c_void) -> c_long {
    let Some(der) = cert_der(cert, false) else {
        return 0;
    };
    c_long::from(has_certificate(ctx) && ctx.with_settings(|s| s.chain[0] == der))
}

/// `SSL_BUILD_CHAIN_FLAG_NO_ROOT`.
const BUILD_NO_ROOT: c_long = 0x2;
/// `SSL_BUILD_CHAIN_FLAG_CHECK`.
const BUILD_CHECK: c_long = 0x4;

/// `SSL_CTX_build_cert_chain` / `SSL_build_cert_chain` (the connection's own
/// certificate when it has one): refused without a certificate, as OpenSSL
/// refuses it. With `SSL_BUILD_CHAIN_FLAG_CHECK` the chain is rebuilt and
/// checked from the certificates already in it, as OpenSSL does; otherwise
/// sessl completes a chain from the stores at handshake time instead.
pub(super) fn build_cert_chain(
    func: &str,
    ctx: &Context,
    conn: Option<&Connection>,
    flags: c_long,
) -> c_long {
    let chain = match conn {
        Some(c) => c.credentials().chain,
        None => ctx.with_settings(|s| s.chain.clone()),
    };
    if chain.is_empty() {
        return c_long::from(super::err::refuse(func, Refusal::NoCertificateSet));
    }
    if flags & BUILD_CHECK == 0 {
        super::unsupported::report(
            func,
            "a chain is completed from the trust store at handshake time (SSL_MODE_NO_AUTO_CHAIN off)",
        );
        return 0;
    }
    let Some(tail) = super::chain_build::checked_tail(ctx, &chain, flags & BUILD_NO_ROOT != 0)
    else {
        super::err::raise(func, &crate::ssl::Error::CertificateVerifyFailed);
        return 0;
    };
    let tail = tail.into_iter().map(CertificateDer::from).collect();
    match conn {
        Some(c) => c.set_own_chain_tail(tail),
        None => ctx.set_chain_tail(tail),
    }
    1
}
