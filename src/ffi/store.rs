//! SSL_CTX_set_cert_store(3), SSL_CTX_set1_verify_cert_store(3) and
//! SSL_CTX_load_verify_locations(3): the libcrypto `X509_STORE`s that
//! verification runs on, as OpenSSL keeps them: every context has a cert
//! store (made on first use), a context or connection may have a separate
//! verify store.

use std::ffi::c_char;
use std::os::raw::c_int;
use std::sync::Arc;

use rustls_pki_types::CertificateDer;

use super::boundary::{entry, try_ref};
use super::crypto::x509_vfy;
use super::owned::OwnedStore;
use super::types::*;
use super::x509::x509_der;
use crate::ssl::{Context, TrustSource};

/// A context's cert store as its trust source (read by the webpki path
/// only; with the C ABI, libcrypto verifies on the store itself).
struct CertStore(OwnedStore);

impl TrustSource for CertStore {
    fn certificates(&self) -> Vec<CertificateDer<'static>> {
        let mut out = Vec::new();
        // SAFETY: the store is alive; its object stack and objects are
        // borrowed only for the loop.
        unsafe {
            let objs = openssl_sys::X509_STORE_get0_objects(self.0.ptr())
                as *const openssl_sys::OPENSSL_STACK;
            for i in 0..openssl_sys::OPENSSL_sk_num(objs) {
                let obj = openssl_sys::OPENSSL_sk_value(objs, i) as *const openssl_sys::X509_OBJECT;
                let x = openssl_sys::X509_OBJECT_get0_X509(obj);
                if let Some(der) = (!x.is_null()).then(|| x509_der(x)).flatten() {
                    out.push(CertificateDer::from(der));
                }
            }
        }
        out
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The context's cert store (borrowed), made on first use as OpenSSL makes
/// it with the context.
pub(crate) fn cert_store(ctx: &Context) -> *mut openssl_sys::X509_STORE {
    if let Some(store) = current_cert_store(ctx) {
        return store.ptr();
    }
    // SAFETY: a new store; the context takes its one reference.
    let Some(store) = OwnedStore::take(unsafe { openssl_sys::X509_STORE_new() }) else {
        return std::ptr::null_mut();
    };
    let ptr = store.ptr();
    ctx.set_trust_source(Some(Arc::new(CertStore(store))));
    ptr
}

/// A reference to the context's cert store, if it has one.
pub(crate) fn current_cert_store(ctx: &Context) -> Option<OwnedStore> {
    ctx.trust_source()
        .and_then(|s| s.as_any().downcast_ref::<CertStore>().map(|s| s.0.clone()))
}

/// SSL_CTX_set_cert_store(3): `SSL_CTX_get_cert_store`, the context's store (borrowed).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_cert_store(ctx: *const SSL_CTX) -> *mut X509_STORE {
    entry!({ cert_store(try_ref!(ctx)).cast() })
}

/// SSL_CTX_set_cert_store(3): replaces the store, taking over the caller's
/// reference; what the old store trusted is trusted no more.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cert_store(ctx: *mut SSL_CTX, store: *mut X509_STORE) {
    entry!({
        let ctx = try_ref!(ctx);
        let new =
            OwnedStore::take(store.cast()).map(|s| Arc::new(CertStore(s)) as Arc<dyn TrustSource>);
        ctx.set_trust_source(new);
    })
}

/// SSL_CTX_set_cert_store(3): `SSL_CTX_set1_cert_store`, as `SSL_CTX_set_cert_store`
/// with a reference of the context's own.
#[no_mangle]
pub extern "C" fn SSL_CTX_set1_cert_store(ctx: *mut SSL_CTX, store: *mut X509_STORE) {
    entry!({
        let ctx = try_ref!(ctx);
        let new =
            OwnedStore::share(store.cast()).map(|s| Arc::new(CertStore(s)) as Arc<dyn TrustSource>);
        ctx.set_trust_source(new);
    })
}

/// SSL_CTX_load_verify_locations(3): loads the certificates (and CRLs) of a
/// PEM file and/or a hashed directory into the context's cert store.
#[no_mangle]
pub extern "C" fn SSL_CTX_load_verify_locations(
    ctx: *mut SSL_CTX,
    ca_file: *const c_char,
    ca_path: *const c_char,
) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        if ca_file.is_null() && ca_path.is_null() {
            return 0;
        }
        let store = cert_store(ctx);
        let lib = super::lib_context::of(ctx);
        // SAFETY: the store is the context's; the paths are the caller's C
        // strings; the library context is the live context's.
        unsafe {
            if !ca_file.is_null()
                && super::lib_context::ex::X509_STORE_load_file_ex(
                    store, ca_file, lib.libctx, lib.propq,
                ) != 1
            {
                return 0;
            }
            if !ca_path.is_null() && x509_vfy::X509_STORE_load_path(store, ca_path) != 1 {
                return 0;
            }
        }
        1
    })
}

/// SSL_CTX_load_verify_locations(3): `SSL_CTX_set_default_verify_paths`,
/// libcrypto's default file and directory.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_verify_paths(ctx: *mut SSL_CTX) -> c_int {
    entry!({
        let store = cert_store(try_ref!(ctx));
        // SAFETY: `cert_store` returns the context's store (made if missing), which
        // the context keeps a reference to while `ctx` is borrowed for the call.
        unsafe { openssl_sys::X509_STORE_set_default_paths(store) }
    })
}

/// SSL_CTX_load_verify_locations(3): `SSL_CTX_load_verify_file`.
#[no_mangle]
pub extern "C" fn SSL_CTX_load_verify_file(ctx: *mut SSL_CTX, ca_file: *const c_char) -> c_int {
    entry!({
        if ca_file.is_null() {
            return 0;
        }
        SSL_CTX_load_verify_locations(ctx, ca_file, std::ptr::null())
    })
}

/// SSL_CTX_load_verify_locations(3): `SSL_CTX_load_verify_dir`.
#[no_mangle]
pub extern "C" fn SSL_CTX_load_verify_dir(ctx: *mut SSL_CTX, ca_path: *const c_char) -> c_int {
    entry!({
        if ca_path.is_null() {
            return 0;
        }
        SSL_CTX_load_verify_locations(ctx, std::ptr::null(), ca_path)
    })
}
