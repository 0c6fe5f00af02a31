//! SSL_CTX_set_client_CA_list(3) and SSL_load_client_CA_file(3): the CA names
//! a server sends when asking for a client certificate, as libcrypto objects.

use std::ffi::{c_char, c_void};
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::handles::c_path;
use super::owned::OwnedNameStack;
use super::types::*;

/// The list a context was given; freed with the context.
#[derive(Default)]
struct ClientCaList(Option<OwnedNameStack>);

impl ClientCaList {
    /// The list (borrowed), or NULL.
    fn ptr(&self) -> *mut stack_st_X509_NAME {
        self.0
            .as_ref()
            .map_or(std::ptr::null_mut(), |l| l.ptr().cast())
    }
}

/// The DER encoding of each name on a `STACK_OF(X509_NAME)`.
fn name_ders(list: &ClientCaList) -> Vec<Vec<u8>> {
    let Some(sk) = &list.0 else {
        return Vec::new();
    };
    let sk = sk.ptr();
    // SAFETY: the context's live stack of X509_NAME; each is encoded into a
    // buffer of the size the first call reports.
    unsafe {
        (0..openssl_sys::OPENSSL_sk_num(sk))
            .filter_map(|i| {
                let name = openssl_sys::OPENSSL_sk_value(sk, i) as *mut openssl_sys::X509_NAME;
                let len = openssl_sys::i2d_X509_NAME(name, std::ptr::null_mut());
                if len <= 0 {
                    return None;
                }
                let mut der = vec![0u8; len as usize];
                let mut p = der.as_mut_ptr();
                openssl_sys::i2d_X509_NAME(name, &mut p);
                Some(der)
            })
            .collect()
    }
}

/// Sends the names of the context's list in its certificate requests.
fn publish(ctx: &crate::ssl::Context) {
    let names = ctx.extras().with(|l: &mut ClientCaList| name_ders(l));
    ctx.update(|s| s.client_ca_names = names);
}

/// SSL_CTX_set_client_CA_list(3): takes over `list` (a `STACK_OF(X509_NAME)`);
/// a server asking for a client certificate names these CAs.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_client_CA_list(ctx: *mut SSL_CTX, list: *mut stack_st_X509_NAME) {
    entry!({
        let ctx = try_ref!(ctx);
        let list = OwnedNameStack::take(list.cast());
        ctx.extras()
            .with(|l: &mut ClientCaList| *l = ClientCaList(list));
        publish(ctx);
    })
}

/// SSL_CTX_set_client_CA_list(3): `SSL_CTX_add_client_CA`, adds the subject of `x`.
#[no_mangle]
pub extern "C" fn SSL_CTX_add_client_CA(ctx: *mut SSL_CTX, x: *mut X509) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        if x.is_null() {
            return 0;
        }
        // SAFETY: the caller's live certificate; the copy of its name goes
        // onto the context's stack, made here if there is none.
        let added = ctx.extras().with(|l: &mut ClientCaList| unsafe {
            if l.0.is_none() {
                l.0 = OwnedNameStack::new();
            }
            let name = openssl_sys::X509_NAME_dup(openssl_sys::X509_get_subject_name(x.cast()));
            let Some(list) = l.0.as_ref().filter(|_| !name.is_null()) else {
                return false;
            };
            openssl_sys::OPENSSL_sk_push(list.ptr(), name as *const c_void) > 0
        });
        publish(ctx);
        c_int::from(added)
    })
}

/// SSL_CTX_set_client_CA_list(3): `SSL_CTX_get_client_CA_list`, the list (borrowed) or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_client_CA_list(ctx: *const SSL_CTX) -> *mut stack_st_X509_NAME {
    entry!({ try_ref!(ctx).extras().with(|l: &mut ClientCaList| l.ptr()) })
}

/// SSL_load_client_CA_file(3): the subject names of the certificates in a PEM
/// file, each once, as a new `STACK_OF(X509_NAME)` (the caller's), or NULL.
#[no_mangle]
pub extern "C" fn SSL_load_client_CA_file(file: *const c_char) -> *mut stack_st_X509_NAME {
    entry!({
        let Some(pem) = c_path(file).and_then(|p| std::fs::read(p).ok()) else {
            return std::ptr::null_mut();
        };
        // SAFETY: a new stack, filled by `add_subjects`, freed if it stays empty.
        unsafe {
            let names = openssl_sys::OPENSSL_sk_new_null();
            if names.is_null() {
                return std::ptr::null_mut();
            }
            super::ca_lists::add_subjects(names.cast(), &pem);
            if openssl_sys::OPENSSL_sk_num(names) == 0 {
                openssl_sys::OPENSSL_sk_free(names);
                return std::ptr::null_mut();
            }
            names.cast()
        }
    })
}

/// The server's CA names as handed out to a client, owned by the connection.
#[derive(Default)]
struct PeerCaList {
    ders: Vec<Vec<u8>>,
    list: ClientCaList,
}

/// The CA names a server asked for, as a `STACK_OF(X509_NAME)` owned by the
/// connection, or NULL when it sent no certificate request.
fn peer_ca_list(conn: &crate::ssl::Connection) -> *mut stack_st_X509_NAME {
    let ders = conn.peer_ca_names();
    conn.extras().with(|p: &mut PeerCaList| {
        if p.list.0.is_none() || p.ders != ders {
            // SAFETY: a new stack owning the names decoded onto it.
            let sk = unsafe {
                let sk = openssl_sys::OPENSSL_sk_new_null();
                for der in &ders {
                    let mut q = der.as_ptr();
                    let name = openssl_sys::d2i_X509_NAME(
                        std::ptr::null_mut(),
                        &mut q,
                        der.len() as std::os::raw::c_long,
                    );
                    if !name.is_null() {
                        openssl_sys::OPENSSL_sk_push(sk, name as *const c_void);
                    }
                }
                sk
            };
            *p = PeerCaList {
                ders,
                list: ClientCaList(OwnedNameStack::take(sk)),
            };
        }
        p.list.ptr()
    })
}

/// SSL_get0_peer_CA_list(3): the CA names the peer sent (borrowed).
#[no_mangle]
pub extern "C" fn SSL_get0_peer_CA_list(ssl: *const SSL) -> *const stack_st_X509_NAME {
    entry!({ peer_ca_list(try_ref!(ssl)) })
}

/// SSL_CTX_set_client_CA_list(3): `SSL_get_client_CA_list`: on a client the
/// names the server sent; on a server those its context sends.
#[no_mangle]
pub extern "C" fn SSL_get_client_CA_list(ssl: *const SSL) -> *mut stack_st_X509_NAME {
    entry!({
        let conn = try_ref!(ssl);
        if conn.role() != Some(crate::ssl::Role::Server) {
            return peer_ca_list(conn);
        }
        let ctx = conn
            .switched_context()
            .unwrap_or_else(|| conn.context().clone());
        ctx.extras().with(|l: &mut ClientCaList| l.ptr())
    })
}
