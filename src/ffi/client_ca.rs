//! SSL_CTX_set_client_CA_list(3) and SSL_load_client_CA_file(3): the CA names
//! a server sends when asking for a client certificate, as libcrypto objects.

use std::ffi::{c_char, c_void};
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::handles::c_path;
use super::types::*;

unsafe extern "C" fn free_name(p: *mut c_void) {
    // SAFETY: called by OPENSSL_sk_pop_free on each X509_NAME the stack owns.
    unsafe { openssl_sys::X509_NAME_free(p.cast()) }
}

/// The list a context was given; freed with the context.
#[derive(Default)]
struct ClientCaList(usize);

impl Drop for ClientCaList {
    fn drop(&mut self) {
        if self.0 != 0 {
            // SAFETY: the stack and its names were handed to us by the caller.
            unsafe { openssl_sys::OPENSSL_sk_pop_free(self.0 as *mut _, Some(free_name)) }
        }
    }
}

/// SSL_CTX_set_client_CA_list(3): takes over `list` (a `STACK_OF(X509_NAME)`).
/// rustls names the acceptable CAs from the trust store; the list is kept for the getter.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_client_CA_list(ctx: *mut SSL_CTX, list: *mut stack_st_X509_NAME) {
    entry!({
        let ctx = try_ref!(ctx);
        ctx.extras()
            .with(|l: &mut ClientCaList| *l = ClientCaList(list as usize));
    })
}

/// SSL_CTX_set_client_CA_list(3): `SSL_CTX_get_client_CA_list`, the list (borrowed) or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_client_CA_list(ctx: *const SSL_CTX) -> *mut stack_st_X509_NAME {
    entry!({ try_ref!(ctx).extras().with(|l: &mut ClientCaList| l.0) as *mut stack_st_X509_NAME })
}

/// SSL_load_client_CA_file(3): the subject names of the certificates in a PEM
/// file, as a new `STACK_OF(X509_NAME)` (the caller's), or NULL.
#[no_mangle]
pub extern "C" fn SSL_load_client_CA_file(file: *const c_char) -> *mut stack_st_X509_NAME {
    entry!({
        let Some(pem) = c_path(file).and_then(|p| std::fs::read(p).ok()) else {
            return std::ptr::null_mut();
        };
        // SAFETY: a memory BIO over `pem` (alive for the block); each
        // certificate read is freed after its name is copied onto the stack.
        unsafe {
            let bio = openssl_sys::BIO_new_mem_buf(pem.as_ptr().cast(), pem.len() as c_int);
            let names = openssl_sys::OPENSSL_sk_new_null();
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
                if !name.is_null() {
                    openssl_sys::OPENSSL_sk_push(names, name as *const c_void);
                }
            }
            openssl_sys::ERR_clear_error();
            openssl_sys::BIO_free_all(bio);
            if openssl_sys::OPENSSL_sk_num(names) == 0 {
                openssl_sys::OPENSSL_sk_free(names);
                return std::ptr::null_mut();
            }
            names.cast()
        }
    })
}
