//! SSL_CTX_load_verify_locations(3)'s other forms: trusted certificates from
//! a file, a hashed directory or an OSSL_STORE URI, and libcrypto's default
//! locations (`X509_get_default_cert_file()` and friends, or the
//! `SSL_CERT_FILE` / `SSL_CERT_DIR` environment variables), all loaded into
//! the context's cert store as OpenSSL loads them; and SSL_CTX_new_ex(3).

use std::ffi::c_char;
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::crypto::{x509_vfy, ERR_pop_to_mark, ERR_set_mark};
use super::ctx::SSL_CTX_new;
use super::lib_context::ex;
use super::store::cert_store;
use super::types::*;
use super::unsupported::unsupported;

/// `X509_L_FILE_LOAD`, `X509_L_ADD_DIR`, `X509_L_ADD_STORE`: the lookup commands.
const FILE_LOAD: c_int = 1;
const ADD_DIR: c_int = 2;
const ADD_STORE: c_int = 3;

/// Adds a lookup of `method` to the context's store, pointed at its default
/// location with `command`; errors it queues are dropped, as OpenSSL drops
/// them (a missing default location is no failure). 0 if no lookup could be added.
fn add_default_lookup(
    ctx: &crate::ssl::Context,
    method: *mut openssl_sys::X509_LOOKUP_METHOD,
    command: c_int,
    arg: i64,
) -> c_int {
    let store = cert_store(ctx);
    if store.is_null() || method.is_null() {
        return 0;
    }
    // SAFETY: the context's live store; the lookup it adds is the store's.
    unsafe {
        let lookup = openssl_sys::X509_STORE_add_lookup(store, method);
        if lookup.is_null() {
            return 0;
        }
        ERR_set_mark();
        openssl_sys::X509_LOOKUP_ctrl(
            lookup,
            command,
            std::ptr::null(),
            arg as _,
            std::ptr::null_mut(),
        );
        ERR_pop_to_mark();
    }
    1
}

/// SSL_CTX_load_verify_locations(3): `SSL_CTX_set_default_verify_file`,
/// libcrypto's default CA file (`SSL_CERT_FILE` if set); 1 even if it is missing.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_verify_file(ctx: *mut SSL_CTX) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        // SAFETY: libcrypto's static method.
        let method = unsafe { openssl_sys::X509_LOOKUP_file() };
        add_default_lookup(
            ctx,
            method as *mut _,
            FILE_LOAD,
            i64::from(openssl_sys::X509_FILETYPE_DEFAULT),
        )
    })
}

/// SSL_CTX_load_verify_locations(3): `SSL_CTX_set_default_verify_dir`,
/// libcrypto's default CA directory (`SSL_CERT_DIR` if set), searched at
/// verification time; 1 even if it is missing.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_verify_dir(ctx: *mut SSL_CTX) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        // SAFETY: libcrypto's static method.
        let method = unsafe { openssl_sys::X509_LOOKUP_hash_dir() };
        add_default_lookup(
            ctx,
            method as *mut _,
            ADD_DIR,
            i64::from(openssl_sys::X509_FILETYPE_DEFAULT),
        )
    })
}

/// SSL_CTX_load_verify_locations(3): `SSL_CTX_set_default_verify_store`,
/// libcrypto's default OSSL_STORE URI (`SSL_CERT_URI` if set); 1 even if it is missing.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_verify_store(ctx: *mut SSL_CTX) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        // SAFETY: libcrypto's static method.
        let method = unsafe { x509_vfy::X509_LOOKUP_store() };
        add_default_lookup(ctx, method, ADD_STORE, 0)
    })
}

/// SSL_CTX_load_verify_locations(3): `SSL_CTX_load_verify_store`, the
/// certificates of an OSSL_STORE URI (a file path is one).
#[no_mangle]
pub extern "C" fn SSL_CTX_load_verify_store(ctx: *mut SSL_CTX, ca_store: *const c_char) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        if ca_store.is_null() {
            return 0;
        }
        let store = cert_store(ctx);
        if store.is_null() {
            return 0;
        }
        let lib = super::lib_context::of(ctx);
        // SAFETY: the context's live store and the caller's C string; the
        // library context is the live context's.
        unsafe { ex::X509_STORE_load_store_ex(store, ca_store, lib.libctx, lib.propq) }
    })
}

/// SSL_CTX_new(3): `SSL_CTX_new_ex`; with a NULL library context and
/// property query, as `SSL_CTX_new`. Others do not select the TLS
/// cryptography (rustls'; logged), but every libcrypto object made for the
/// context (certificates, keys, stores, chain verification, the CT log list)
/// is made in them (`lib_context.rs`).
#[no_mangle]
pub extern "C" fn SSL_CTX_new_ex(
    libctx: *mut OSSL_LIB_CTX,
    propq: *const c_char,
    meth: *const SSL_METHOD,
) -> *mut SSL_CTX {
    entry!({
        if !libctx.is_null() || !propq.is_null() {
            unsupported!(
                accepted,
                "the library context and property query make the context's libcrypto objects; rustls does the TLS cryptography"
            );
        }
        let made = SSL_CTX_new(meth);
        if let Some(ctx) = super::handles::borrow(made) {
            ctx.extras()
                .with(|lib: &mut super::lib_context::LibraryContext| {
                    *lib = super::lib_context::LibraryContext::new(libctx, propq)
                });
        }
        made
    })
}
