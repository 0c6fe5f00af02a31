//! CA name lists: building `STACK_OF(X509_NAME)`s from files and
//! directories (`SSL_add_file_cert_subjects_to_stack(3)`, `SSL_dup_CA_list`),
//! which work on libcrypto objects only; the CA name lists beyond the client
//! CA list (`SSL_CTX_set0_CA_list(3)`) are not in sessl and fail.

use std::ffi::{c_char, c_void};
use std::os::raw::c_int;

use super::boundary::entry;
use super::handles::c_path;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_set0_CA_list(3): `SSL_CTX_add1_to_CA_list`: no CA name list apart from the client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_add1_to_CA_list(_ctx: *mut SSL_CTX, _x: *const X509) -> c_int {
    entry!({ unsupported!("no CA name list apart from the client CA list in sessl") })
}

/// SSL_CTX_set0_CA_list(3): `SSL_CTX_get0_CA_list`: no CA name list apart from the client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_CA_list(_ctx: *const SSL_CTX) -> *const stack_st_X509_NAME {
    entry!({ unsupported!("no CA name list apart from the client CA list in sessl") })
}

/// SSL_CTX_set0_CA_list(3): no CA name list apart from the client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_set0_CA_list(_ctx: *mut SSL_CTX, _name_list: *mut stack_st_X509_NAME) {
    entry!({ unsupported!("no CA name list apart from the client CA list in sessl") })
}

/// SSL_CTX_set0_CA_list(3): `SSL_add1_to_CA_list`: no CA name list apart from the client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_add1_to_CA_list(_ssl: *mut SSL, _x: *const X509) -> c_int {
    entry!({ unsupported!("no CA name list apart from the client CA list in sessl") })
}

/// SSL_CTX_set0_CA_list(3): `SSL_add_client_CA`: no per-connection client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_add_client_CA(_ssl: *mut SSL, _x: *mut X509) -> c_int {
    entry!({ unsupported!("no per-connection client CA list in sessl") })
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
            let name = openssl_sys::X509_NAME_dup(openssl_sys::X509_get_subject_name(x));
            openssl_sys::X509_free(x);
            if name.is_null() {
                continue;
            }
            let present = (0..openssl_sys::OPENSSL_sk_num(stack)).any(|i| {
                let other =
                    openssl_sys::OPENSSL_sk_value(stack, i) as *const openssl_sys::X509_NAME;
                openssl_sys::X509_NAME_cmp(other, name) == 0
            });
            if present || openssl_sys::OPENSSL_sk_push(stack, name as *const c_void) == 0 {
                openssl_sys::X509_NAME_free(name);
            }
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

/// SSL_load_client_CA_file(3): `SSL_add_store_cert_subjects_to_stack`: not in sessl.
#[no_mangle]
pub extern "C" fn SSL_add_store_cert_subjects_to_stack(
    _stackCAs: *mut stack_st_X509_NAME,
    _uri: *const c_char,
) -> c_int {
    entry!({ unsupported!("not in sessl") })
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

/// SSL_CTX_set0_CA_list(3): `SSL_get0_CA_list`: no CA name list apart from the client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_get0_CA_list(_s: *const SSL) -> *const stack_st_X509_NAME {
    entry!({ unsupported!("no CA name list apart from the client CA list in sessl") })
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

/// SSL_CTX_set0_CA_list(3): `SSL_set0_CA_list`: no CA name list apart from the client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_set0_CA_list(_s: *mut SSL, _name_list: *mut stack_st_X509_NAME) {
    entry!({ unsupported!("no CA name list apart from the client CA list in sessl") })
}

/// SSL_CTX_set0_CA_list(3): `SSL_set_client_CA_list`: no per-connection client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_set_client_CA_list(_s: *mut SSL, _name_list: *mut stack_st_X509_NAME) {
    entry!({ unsupported!("no per-connection client CA list in sessl") })
}
