//! SSL_CTX_set_client_CA_list(3) and SSL_load_client_CA_file(3): the CA names
//! a server sends when asking for a client certificate, as libcrypto objects,
//! on a context and per connection. A server sends its client CA list, or
//! its CA list (`SSL_CTX_set0_CA_list`, `ca_lists.rs`) when that is unset or
//! empty, as OpenSSL does.

use crate::ssl::ca_hints::ClientHelloCaNames;
use std::ffi::{c_char, c_void};
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::handles::c_path;
use super::owned::OwnedNameStack;
use super::types::*;
use crate::ssl::{Connection, Context, Extras};

/// A `STACK_OF(X509_NAME)` a context or connection keeps (NULL until set),
/// freed with its owner.
#[derive(Default)]
pub(super) struct NameList(Option<OwnedNameStack>);

impl NameList {
    /// The list (borrowed), or NULL.
    pub(super) fn ptr(&self) -> *mut stack_st_X509_NAME {
        self.0
            .as_ref()
            .map_or(std::ptr::null_mut(), |l| l.ptr().cast())
    }

    /// The list (borrowed), made empty first if there is none, as OpenSSL
    /// makes a context's lists with it.
    pub(super) fn ptr_or_empty(&mut self) -> *mut stack_st_X509_NAME {
        if self.0.is_none() {
            self.0 = OwnedNameStack::new();
        }
        self.ptr()
    }

    /// Takes over `list` (NULL clears).
    pub(super) fn set(&mut self, list: *mut stack_st_X509_NAME) {
        self.0 = OwnedNameStack::take(list.cast());
    }

    /// Adds a copy of the subject of `x`, making the list if there is none.
    pub(super) fn add_subject(&mut self, x: *const X509) -> bool {
        if x.is_null() {
            return false;
        }
        if self.0.is_none() {
            self.0 = OwnedNameStack::new();
        }
        let Some(list) = &self.0 else { return false };
        // SAFETY: the caller's live certificate; the copy of its name goes
        // onto our stack, which then owns it, or is freed.
        unsafe {
            let name = openssl_sys::X509_NAME_dup(openssl_sys::X509_get_subject_name(x.cast()));
            if name.is_null() {
                return false;
            }
            if openssl_sys::OPENSSL_sk_push(list.ptr(), name as *const c_void) == 0 {
                openssl_sys::X509_NAME_free(name);
                return false;
            }
        }
        true
    }

    /// The DER encoding of each name, or `None` when no list was set.
    fn ders(&self) -> Names {
        let sk = self.0.as_ref()?.ptr();
        // SAFETY: our live stack of X509_NAME; each is encoded into a buffer
        // of the size the first call reports.
        let ders = unsafe {
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
        };
        Some(ders)
    }
}

/// The client CA list (`SSL_CTX_set_client_CA_list`), on a context or a connection.
#[derive(Default)]
pub(super) struct ClientCaList(pub(super) NameList);

/// The CA list (`SSL_CTX_set0_CA_list`), on a context or a connection.
#[derive(Default)]
pub(super) struct CaList(pub(super) NameList);

/// The DER names of a list, `None` if it is unset.
type Names = Option<Vec<Vec<u8>>>;

/// The names of an owner's client CA list and CA list.
fn lists(extras: &Extras) -> (Names, Names) {
    (
        extras.with(|l: &mut ClientCaList| l.0.ders()),
        extras.with(|l: &mut CaList| l.0.ders()),
    )
}

/// The names a server sends, as OpenSSL chooses them: the client CA list
/// unless it is unset or empty, else the CA list.
fn sent_names(client: Names, ca: Names) -> Vec<Vec<u8>> {
    client.filter(|l| !l.is_empty()).or(ca).unwrap_or_default()
}

/// Sends the names of the context's lists in its certificate requests.
pub(super) fn publish(ctx: &Context) {
    let (client, ca) = lists(ctx.extras());
    // A client sends its CA list alone (OpenSSL's get_ca_names).
    ctx.extras()
        .with(|n: &mut ClientHelloCaNames| n.0 = ca.clone());
    let names = sent_names(client, ca);
    ctx.update(|s| s.client_ca_names = names);
}

/// Sends the connection's own lists (each falling back to its context's)
/// in its certificate requests, once it has one.
pub(super) fn publish_connection(conn: &Connection) {
    let (own_client, own_ca) = lists(conn.extras());
    conn.extras()
        .with(|n: &mut ClientHelloCaNames| n.0 = own_ca.clone());
    if own_client.is_none() && own_ca.is_none() {
        conn.set_own_ca_names(None);
        return;
    }
    let (client, ca) = lists(conn.context().extras());
    conn.set_own_ca_names(Some(sent_names(own_client.or(client), own_ca.or(ca))));
}

/// SSL_CTX_set_client_CA_list(3): takes over `list` (a `STACK_OF(X509_NAME)`);
/// a server asking for a client certificate names these CAs.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_client_CA_list(ctx: *mut SSL_CTX, list: *mut stack_st_X509_NAME) {
    entry!({
        let ctx = try_ref!(ctx);
        ctx.extras().with(|l: &mut ClientCaList| l.0.set(list));
        publish(ctx);
    })
}

/// SSL_CTX_set_client_CA_list(3): `SSL_CTX_add_client_CA`, adds the subject of `x`.
#[no_mangle]
pub extern "C" fn SSL_CTX_add_client_CA(ctx: *mut SSL_CTX, x: *mut X509) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        let added = ctx.extras().with(|l: &mut ClientCaList| l.0.add_subject(x));
        publish(ctx);
        c_int::from(added)
    })
}

/// SSL_CTX_set_client_CA_list(3): `SSL_CTX_get_client_CA_list`, the list (borrowed) or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_client_CA_list(ctx: *const SSL_CTX) -> *mut stack_st_X509_NAME {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|l: &mut ClientCaList| l.0.ptr_or_empty())
    })
}

/// SSL_CTX_set_client_CA_list(3): `SSL_set_client_CA_list`, the connection's
/// own list (taken over), sent instead of its context's.
#[no_mangle]
pub extern "C" fn SSL_set_client_CA_list(s: *mut SSL, list: *mut stack_st_X509_NAME) {
    entry!({
        let conn = try_ref!(s);
        conn.extras().with(|l: &mut ClientCaList| l.0.set(list));
        publish_connection(conn);
    })
}

/// SSL_CTX_set_client_CA_list(3): `SSL_add_client_CA`, adds the subject of
/// `x` to the connection's own list (made empty first if it has none).
#[no_mangle]
pub extern "C" fn SSL_add_client_CA(ssl: *mut SSL, x: *mut X509) -> c_int {
    entry!({
        let conn = try_ref!(ssl);
        let added = conn
            .extras()
            .with(|l: &mut ClientCaList| l.0.add_subject(x));
        publish_connection(conn);
        c_int::from(added)
    })
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
    list: NameList,
}

/// The CA names a server asked for, as a `STACK_OF(X509_NAME)` owned by the
/// connection, or NULL when it sent no certificate request.
fn peer_ca_list(conn: &crate::ssl::Connection) -> *mut stack_st_X509_NAME {
    let ders = conn.peer_ca_names();
    // No request, or no names in a TLS 1.3 request (no certificate_authorities
    // extension): OpenSSL reports no list (TLS 1.2's request always has one).
    // A server has a list when the client's hello carried names.
    const TLS1_3_VERSION: u16 = 0x0304;
    let server = conn.role() == Some(crate::ssl::Role::Server);
    if (server && ders.is_empty())
        || (!server && !conn.was_asked_for_certificate())
        || (ders.is_empty() && conn.protocol_version() == Some(TLS1_3_VERSION))
    {
        return std::ptr::null_mut();
    }
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
                list: NameList(OwnedNameStack::take(sk)),
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
/// names the server sent; on a server its own list, else its context's.
#[no_mangle]
pub extern "C" fn SSL_get_client_CA_list(ssl: *const SSL) -> *mut stack_st_X509_NAME {
    entry!({
        let conn = try_ref!(ssl);
        if conn.role() != Some(crate::ssl::Role::Server) {
            return peer_ca_list(conn);
        }
        let own = conn.extras().with(|l: &mut ClientCaList| l.0.ptr());
        if !own.is_null() {
            return own;
        }
        let ctx = conn
            .switched_context()
            .unwrap_or_else(|| conn.context().clone());
        ctx.extras().with(|l: &mut ClientCaList| l.0.ptr_or_empty())
    })
}
