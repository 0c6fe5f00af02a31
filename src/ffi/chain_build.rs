//! SSL_CTX_build_cert_chain(3) with `SSL_BUILD_CHAIN_FLAG_CHECK`: the chain
//! rebuilt by libcrypto's verifier from the certificates already in it (all
//! trusted for this, the leaf too), in the context's library context, as
//! OpenSSL builds it.

use std::ffi::c_void;

use rustls_pki_types::CertificateDer;

use super::lib_context::{new_store_ctx, Lib};
use super::x509::{x509_der, x509_from_der};
use crate::ssl::Context;

/// `EXFLAG_SS`: the certificate is self-signed.
const EXFLAG_SS: u32 = 0x2000;

extern "C" {
    fn X509_get_extension_flags(x: *mut openssl_sys::X509) -> u32;
    fn X509_STORE_CTX_get1_chain(
        ctx: *mut openssl_sys::X509_STORE_CTX,
    ) -> *mut openssl_sys::OPENSSL_STACK;
}

/// The certificates after the leaf of the chain built from `chain` (leaf
/// first), without a self-signed last one when `no_root`; `None` when the
/// chain does not verify.
pub(super) fn checked_tail(
    ctx: &Context,
    chain: &[CertificateDer<'static>],
    no_root: bool,
) -> Option<Vec<Vec<u8>>> {
    let lib: Lib = super::lib_context::of(ctx);
    let leaf = x509_from_der(chain.first()?, lib);
    if leaf.is_null() {
        return None;
    }
    // SAFETY: every pointer below is made here and freed here: the store
    // holds its own references to the certificates added, the built chain is
    // a new stack of new references (freed with its certificates), and the
    // store context is freed before the store.
    unsafe {
        let store = openssl_sys::X509_STORE_new();
        let xs = new_store_ctx(lib);
        let mut built = None;
        if !store.is_null() && !xs.is_null() {
            let mut ok = true;
            for der in chain.iter().skip(1) {
                let x = x509_from_der(der, lib);
                ok &= !x.is_null() && openssl_sys::X509_STORE_add_cert(store, x) == 1;
                if !x.is_null() {
                    openssl_sys::X509_free(x);
                }
            }
            ok &= openssl_sys::X509_STORE_add_cert(store, leaf) == 1;
            if ok
                && openssl_sys::X509_STORE_CTX_init(xs, store, leaf, std::ptr::null_mut()) == 1
                && openssl_sys::X509_verify_cert(xs) == 1
            {
                let sk = X509_STORE_CTX_get1_chain(xs);
                if !sk.is_null() {
                    built = Some(tail_of(sk, no_root));
                    openssl_sys::OPENSSL_sk_pop_free(sk, Some(free_x509));
                }
            }
        }
        if !xs.is_null() {
            openssl_sys::X509_STORE_CTX_free(xs);
        }
        if !store.is_null() {
            openssl_sys::X509_STORE_free(store);
        }
        openssl_sys::X509_free(leaf);
        built
    }
}

/// The DER of the certificates of `sk` after the first, without a
/// self-signed last one when `no_root`.
///
/// # Safety
/// `sk` is a live stack of X509.
unsafe fn tail_of(sk: *mut openssl_sys::OPENSSL_STACK, no_root: bool) -> Vec<Vec<u8>> {
    // SAFETY: per the contract; the certificates stay owned by the stack.
    unsafe {
        let n = openssl_sys::OPENSSL_sk_num(sk);
        let mut certs: Vec<*mut openssl_sys::X509> = (1..n)
            .map(|i| openssl_sys::OPENSSL_sk_value(sk, i) as *mut openssl_sys::X509)
            .collect();
        if no_root
            && certs
                .last()
                .is_some_and(|&x| X509_get_extension_flags(x) & EXFLAG_SS != 0)
        {
            certs.pop();
        }
        certs.into_iter().filter_map(x509_der).collect()
    }
}

unsafe extern "C" fn free_x509(x: *mut c_void) {
    // SAFETY: each element of a chain stack is an X509 reference it owns.
    unsafe { openssl_sys::X509_free(x.cast()) }
}
