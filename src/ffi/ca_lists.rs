//! CA name lists: building `STACK_OF(X509_NAME)`s from files, directories
//! and OSSL_STORE URIs (`SSL_add_file_cert_subjects_to_stack(3)`,
//! `SSL_dup_CA_list`), and the CA list of a context or connection
//! (`SSL_CTX_set0_CA_list(3)`): a server sends it when asking for a client
//! certificate if its client CA list is unset or empty; a TLS 1.3 client
//! sends it in its ClientHello's certificate_authorities extension.

use std::ffi::{c_char, c_void, CStr};
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::client_ca::{publish, publish_connection, CaList};
use super::crypto::store;
use super::handles::{c_path, c_str};
use super::types::*;

/// Adds a copy of `name` to `stack` unless an equal name is there already.
///
/// # Safety
/// `stack` is a live `STACK_OF(X509_NAME)` and `name` a live name.
unsafe fn add_name(stack: *mut stack_st_X509_NAME, name: *const openssl_sys::X509_NAME) {
    let stack: *mut openssl_sys::OPENSSL_STACK = stack.cast();
    // SAFETY: per the contract; the copy is pushed (the stack owns it) or freed.
    unsafe {
        let present = (0..openssl_sys::OPENSSL_sk_num(stack)).any(|i| {
            let other = openssl_sys::OPENSSL_sk_value(stack, i) as *const openssl_sys::X509_NAME;
            openssl_sys::X509_NAME_cmp(other, name) == 0
        });
        if present {
            return;
        }
        let copy = openssl_sys::X509_NAME_dup(name);
        if !copy.is_null() && openssl_sys::OPENSSL_sk_push(stack, copy as *const c_void) == 0 {
            openssl_sys::X509_NAME_free(copy);
        }
    }
}

/// Adds the subject of each PEM certificate in `pem` to `stack` unless an
/// equal name is there already (OpenSSL's rule for these lists).
pub(super) fn add_subjects(stack: *mut stack_st_X509_NAME, pem: &[u8]) {
    let stack: *mut openssl_sys::OPENSSL_STACK = stack.cast();
    // SAFETY: `stack` is the caller's live STACK_OF(X509_NAME); a memory BIO
    // reads `pem` (alive for the block); each certificate read is freed after
    // its subject is copied, and a copy is either pushed (the stack owns it)
    // or freed.
    unsafe {
        let Ok(len) = c_int::try_from(pem.len()) else {
            return;
        };
        let bio = openssl_sys::BIO_new_mem_buf(pem.as_ptr().cast(), len);
        if bio.is_null() {
            return;
        }
        loop {
            let x = openssl_sys::PEM_read_bio_X509(
                bio,
                std::ptr::null_mut(),
                None,
                std::ptr::null_mut(),
            );
            if x.is_null() {
                break;
            }
            add_name(stack.cast(), openssl_sys::X509_get_subject_name(x));
            openssl_sys::X509_free(x);
        }
        // The PEM reader's "no start line" at the end is not an error here.
        openssl_sys::ERR_clear_error();
        openssl_sys::BIO_free_all(bio);
    }
}

/// SSL_load_client_CA_file(3): `SSL_add_dir_cert_subjects_to_stack`: the
/// subjects of the certificates of every file in `dir`, added as by
/// `SSL_add_file_cert_subjects_to_stack`; 1, or 0 if the directory cannot be read.
#[no_mangle]
pub extern "C" fn SSL_add_dir_cert_subjects_to_stack(
    stackCAs: *mut stack_st_X509_NAME,
    dir: *const c_char,
) -> c_int {
    entry!({
        if stackCAs.is_null() {
            return 0;
        }
        let Some(entries) = c_path(dir).and_then(|d| std::fs::read_dir(d).ok()) else {
            return 0;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files.iter().filter(|f| f.is_file()) {
            let Ok(pem) = std::fs::read(file) else {
                return 0;
            };
            add_subjects(stackCAs, &pem);
        }
        1
    })
}

/// SSL_load_client_CA_file(3): `SSL_add_file_cert_subjects_to_stack`: the
/// subject of each certificate in a PEM file added to the stack unless already
/// there; 1, or 0 if the file cannot be read.
#[no_mangle]
pub extern "C" fn SSL_add_file_cert_subjects_to_stack(
    stackCAs: *mut stack_st_X509_NAME,
    file: *const c_char,
) -> c_int {
    entry!({
        if stackCAs.is_null() {
            return 0;
        }
        let Some(pem) = c_path(file).and_then(|p| std::fs::read(p).ok()) else {
            return 0;
        };
        add_subjects(stackCAs, &pem);
        1
    })
}

/// `SSL_dup_CA_list` (no man page): a new stack holding a copy of each name
/// (the caller's, freed with `sk_X509_NAME_pop_free`), or NULL.
#[no_mangle]
pub extern "C" fn SSL_dup_CA_list(sk: *const stack_st_X509_NAME) -> *mut stack_st_X509_NAME {
    entry!({
        if sk.is_null() {
            return std::ptr::null_mut();
        }
        let sk: *const openssl_sys::OPENSSL_STACK = sk.cast();
        // SAFETY: `sk` is the caller's live STACK_OF(X509_NAME); each name is
        // copied onto the new stack, which owns the copies.
        unsafe {
            let copy = openssl_sys::OPENSSL_sk_new_null();
            if copy.is_null() {
                return std::ptr::null_mut();
            }
            for i in 0..openssl_sys::OPENSSL_sk_num(sk) {
                let name = openssl_sys::OPENSSL_sk_value(sk, i) as *mut openssl_sys::X509_NAME;
                let dup = openssl_sys::X509_NAME_dup(name);
                if dup.is_null() || openssl_sys::OPENSSL_sk_push(copy, dup as *const c_void) == 0 {
                    openssl_sys::X509_NAME_free(dup);
                }
            }
            copy.cast()
        }
    })
}

/// SSL_load_client_CA_file(3): `SSL_load_client_CA_file_ex`: as
/// `SSL_load_client_CA_file` (the library context and properties are not used).
#[no_mangle]
pub extern "C" fn SSL_load_client_CA_file_ex(
    file: *const c_char,
    _libctx: *mut OSSL_LIB_CTX,
    _propq: *const c_char,
) -> *mut stack_st_X509_NAME {
    entry!({ super::client_ca::SSL_load_client_CA_file(file) })
}

/// SSL_CTX_set0_CA_list(3): takes over `name_list` as the context's CA list.
#[no_mangle]
pub extern "C" fn SSL_CTX_set0_CA_list(ctx: *mut SSL_CTX, name_list: *mut stack_st_X509_NAME) {
    entry!({
        let ctx = try_ref!(ctx);
        ctx.extras().with(|l: &mut CaList| l.0.set(name_list));
        publish(ctx);
    })
}

/// SSL_CTX_set0_CA_list(3): `SSL_CTX_get0_CA_list`, the context's CA list (borrowed) or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_CA_list(ctx: *const SSL_CTX) -> *const stack_st_X509_NAME {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|l: &mut CaList| l.0.ptr_or_empty())
    })
}

/// SSL_CTX_set0_CA_list(3): `SSL_CTX_add1_to_CA_list`, adds the subject of `x`; 1 on success.
#[no_mangle]
pub extern "C" fn SSL_CTX_add1_to_CA_list(ctx: *mut SSL_CTX, x: *const X509) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        let added = ctx.extras().with(|l: &mut CaList| l.0.add_subject(x));
        publish(ctx);
        c_int::from(added)
    })
}

/// SSL_CTX_set0_CA_list(3): `SSL_set0_CA_list`, the connection's own CA list (taken over).
#[no_mangle]
pub extern "C" fn SSL_set0_CA_list(s: *mut SSL, name_list: *mut stack_st_X509_NAME) {
    entry!({
        let conn = try_ref!(s);
        conn.extras().with(|l: &mut CaList| l.0.set(name_list));
        publish_connection(conn);
    })
}

/// SSL_CTX_set0_CA_list(3): `SSL_get0_CA_list`, the connection's CA list,
/// else its context's (borrowed), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get0_CA_list(s: *const SSL) -> *const stack_st_X509_NAME {
    entry!({
        let conn = try_ref!(s);
        let own = conn.extras().with(|l: &mut CaList| l.0.ptr());
        if !own.is_null() {
            return own;
        }
        conn.context()
            .extras()
            .with(|l: &mut CaList| l.0.ptr_or_empty())
    })
}

/// SSL_CTX_set0_CA_list(3): `SSL_add1_to_CA_list`, adds the subject of `x`
/// to the connection's own CA list (made empty first if it has none).
#[no_mangle]
pub extern "C" fn SSL_add1_to_CA_list(ssl: *mut SSL, x: *const X509) -> c_int {
    entry!({
        let conn = try_ref!(ssl);
        let added = conn.extras().with(|l: &mut CaList| l.0.add_subject(x));
        publish_connection(conn);
        c_int::from(added)
    })
}

/// Adds the subjects of the certificates at `uri` to `stack` (entries that
/// name further locations, such as a directory's files, are opened in turn,
/// `depth` levels down); false if `uri` cannot be opened.
fn add_store_subjects(stack: *mut stack_st_X509_NAME, uri: &CStr, depth: u32) -> bool {
    // SAFETY: an OSSL_STORE context of ours over the caller's URI, closed
    // here; each info it loads is ours and freed after its name is copied.
    unsafe {
        let ctx = store::OSSL_STORE_open(
            uri.as_ptr(),
            std::ptr::null(),
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null_mut(),
        );
        if ctx.is_null() {
            return false;
        }
        while store::OSSL_STORE_eof(ctx) == 0 {
            let info = store::OSSL_STORE_load(ctx);
            if info.is_null() {
                break;
            }
            match store::OSSL_STORE_INFO_get_type(info) {
                store::INFO_CERT => {
                    let x = store::OSSL_STORE_INFO_get0_CERT(info);
                    add_name(stack, openssl_sys::X509_get_subject_name(x));
                }
                store::INFO_NAME if depth > 0 => {
                    let name = store::OSSL_STORE_INFO_get0_NAME(info);
                    if !name.is_null() {
                        add_store_subjects(stack, CStr::from_ptr(name), depth - 1);
                    }
                }
                _ => {}
            }
            store::OSSL_STORE_INFO_free(info);
        }
        store::OSSL_STORE_close(ctx);
    }
    true
}

/// SSL_load_client_CA_file(3): `SSL_add_store_cert_subjects_to_stack`: the
/// subjects of the certificates an OSSL_STORE URI holds, added to the stack
/// unless already there; 1, or 0 if it cannot be opened.
#[no_mangle]
pub extern "C" fn SSL_add_store_cert_subjects_to_stack(
    stack_cas: *mut stack_st_X509_NAME,
    uri: *const c_char,
) -> c_int {
    entry!({
        let Some(uri) = c_str(uri).filter(|_| !stack_cas.is_null()) else {
            return 0;
        };
        c_int::from(add_store_subjects(stack_cas, uri, 8))
    })
}
