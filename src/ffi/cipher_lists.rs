//! The cipher lists of contexts and connections (`SSL_get_ciphers(3)`,
//! `SSL_set_cipher_list(3)`): the stacks OpenSSL's getters hand out, the
//! per-connection setters, the client's suites a server saw and the
//! wire-form decoder. Every `SSL_CIPHER` is a static of sessl's table; the
//! stacks hold borrowed pointers to them.

use std::ffi::{c_char, c_void};
use std::os::raw::c_int;
use std::ptr::NonNull;

use super::boundary::{entry, try_ref};
use super::err;
use super::handles::{c_bytes, c_str, set_out, to_static};
use super::types::*;
use crate::ssl::client_ciphers;
use crate::ssl::{Cipher, Connection, Context};

/// A `STACK_OF(SSL_CIPHER)` of sessl's static suites (freeing it frees
/// only the stack).
struct CipherStack(NonNull<openssl_sys::OPENSSL_STACK>);

// SAFETY: the stack is made once and only read afterwards, by the C caller
// it is lent to, as OpenSSL's own; its elements are statics.
unsafe impl Send for CipherStack {}

impl CipherStack {
    /// A new stack of `suites`, or `None` when libcrypto cannot make one.
    fn new(suites: &[&'static Cipher]) -> Option<Self> {
        // SAFETY: a new stack, ours until dropped; each element pushed is a
        // static suite that outlives it.
        unsafe {
            let sk = NonNull::new(openssl_sys::OPENSSL_sk_new_null())?;
            let stack = CipherStack(sk);
            for c in suites {
                let p = to_static::<SSL_CIPHER>(c) as *const c_void;
                if openssl_sys::OPENSSL_sk_push(sk.as_ptr(), p) <= 0 {
                    return None;
                }
            }
            Some(stack)
        }
    }

    /// Hands the stack to C, which frees it with `sk_SSL_CIPHER_free`.
    fn into_c(self) -> *mut stack_st_SSL_CIPHER {
        let p = self.0.as_ptr().cast();
        std::mem::forget(self);
        p
    }
}

impl Drop for CipherStack {
    fn drop(&mut self) {
        // SAFETY: the stack is ours; its elements are statics, not freed.
        unsafe { openssl_sys::OPENSSL_sk_free(self.0.as_ptr()) }
    }
}

/// The stack a context or connection lends out, kept until its list changes
/// (so a pointer a caller holds stays good while the list is the same).
#[derive(Default)]
struct LentCiphers {
    suites: Vec<u16>,
    stack: Option<CipherStack>,
}

impl LentCiphers {
    /// The stack of `suites`, made anew only when they changed.
    fn lend(&mut self, suites: Vec<&'static Cipher>) -> *mut stack_st_SSL_CIPHER {
        let ids: Vec<u16> = suites.iter().map(|c| c.iana).collect();
        if self.stack.is_none() || self.suites != ids {
            self.stack = CipherStack::new(&suites);
            self.suites = ids;
        }
        self.stack
            .as_ref()
            .map_or(std::ptr::null_mut(), |s| s.0.as_ptr().cast())
    }
}

/// The context's stack (borrowed).
fn context_stack(ctx: &Context) -> *mut stack_st_SSL_CIPHER {
    let suites = ctx.ciphers();
    ctx.extras().with(|l: &mut LentCiphers| l.lend(suites))
}

/// SSL_get_ciphers(3): `SSL_CTX_get_ciphers`, the context's suites, TLS 1.3
/// first (borrowed: the context owns the stack).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_ciphers(ctx: *const SSL_CTX) -> *mut stack_st_SSL_CIPHER {
    entry!({ context_stack(try_ref!(ctx)) })
}

/// SSL_get_ciphers(3): the connection's suites (borrowed): its context's
/// stack until it sets a list of its own.
#[no_mangle]
pub extern "C" fn SSL_get_ciphers(s: *const SSL) -> *mut stack_st_SSL_CIPHER {
    entry!({
        let conn = try_ref!(s);
        let own = conn.suite_choice();
        if own.tls12.is_none() && own.tls13.is_none() {
            return context_stack(conn.context());
        }
        let suites = conn.ciphers();
        conn.extras().with(|l: &mut LentCiphers| l.lend(suites))
    })
}

/// SSL_get_ciphers(3): `SSL_get1_supported_ciphers`, the suites the
/// connection's versions and security level let it use, in a new stack the
/// caller frees with `sk_SSL_CIPHER_free`; NULL when there are none.
#[no_mangle]
pub extern "C" fn SSL_get1_supported_ciphers(s: *mut SSL) -> *mut stack_st_SSL_CIPHER {
    entry!({
        let suites = try_ref!(s).supported_ciphers();
        if suites.is_empty() {
            return std::ptr::null_mut();
        }
        CipherStack::new(&suites).map_or(std::ptr::null_mut(), CipherStack::into_c)
    })
}

/// SSL_get_ciphers(3): `SSL_get_cipher_list`, the name of the `n`th suite
/// of `SSL_get_ciphers` (static), or NULL past the end.
#[no_mangle]
pub extern "C" fn SSL_get_cipher_list(s: *const SSL, n: c_int) -> *const c_char {
    entry!({
        let suites = try_ref!(s).ciphers();
        usize::try_from(n)
            .ok()
            .and_then(|n| suites.get(n))
            .map_or(std::ptr::null(), |c| c.name.as_ptr())
    })
}

/// SSL_get_ciphers(3): `SSL_get_client_ciphers`, on a server the client's
/// suites that sessl knows, in its order (borrowed; NULL on a client or
/// before the ClientHello). Divergence: OpenSSL also lists suites sessl lacks.
#[no_mangle]
pub extern "C" fn SSL_get_client_ciphers(s: *const SSL) -> *mut stack_st_SSL_CIPHER {
    entry!({
        let conn = try_ref!(s);
        let Some(suites) = conn.client_ciphers() else {
            return std::ptr::null_mut();
        };
        conn.extras()
            .with(|l: &mut LentClientCiphers| l.0.lend(suites))
    })
}

/// The stack of the client's suites a server connection lends out.
#[derive(Default)]
struct LentClientCiphers(LentCiphers);

/// SSL_get_ciphers(3): `SSL_get_shared_ciphers`, on a server the names of
/// the client's suites the connection also has, `:`-joined into `buf`
/// (`size` bytes), cut after the last name that fits; `buf`, or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_shared_ciphers(
    s: *const SSL,
    buf: *mut c_char,
    size: c_int,
) -> *mut c_char {
    entry!({
        let conn = try_ref!(s);
        let size = usize::try_from(size).unwrap_or(0);
        let names = conn.shared_cipher_names().unwrap_or_default();
        let Some(text) = client_ciphers::shared_ciphers_text(&names, size) else {
            return std::ptr::null_mut();
        };
        let Some(out) = super::handles::c_bytes_mut(buf.cast(), size) else {
            return std::ptr::null_mut();
        };
        out[..text.len()].copy_from_slice(text.as_bytes());
        out[text.len()] = 0;
        buf
    })
}

/// SSL_get_ciphers(3): `SSL_bytes_to_cipher_list`, the suites sessl knows
/// of a wire-form list, in new stacks the caller frees: `sk` gets them,
/// `scsvs` the signalling values (none: sessl's table has no SCSV, a
/// divergence); 1, or 0 with OpenSSL's error for an empty or cut list.
#[no_mangle]
pub extern "C" fn SSL_bytes_to_cipher_list(
    s: *mut SSL,
    bytes: *const u8,
    len: usize,
    isv2format: c_int,
    sk: *mut *mut stack_st_SSL_CIPHER,
    scsvs: *mut *mut stack_st_SSL_CIPHER,
) -> c_int {
    entry!({
        try_ref!(s);
        let Some(bytes) = c_bytes(bytes, len) else {
            return 0;
        };
        let suites = match client_ciphers::suites_from_bytes(bytes, isv2format != 0) {
            Ok(suites) => suites,
            Err(e) => {
                err::raise("SSL_bytes_to_cipher_list", &e);
                return 0;
            }
        };
        let (Some(found), Some(signals)) = (CipherStack::new(&suites), CipherStack::new(&[]))
        else {
            return 0;
        };
        if !sk.is_null() {
            set_out(sk, found.into_c());
        }
        if !scsvs.is_null() {
            set_out(scsvs, signals.into_c());
        }
        1
    })
}

/// Applies a cipher list to a connection; 0 (with the error queued) when refused.
fn connection_list(
    conn: &Connection,
    list: *const c_char,
    func: &str,
    set: fn(&Connection, &str) -> Result<(), crate::ssl::Error>,
) -> c_int {
    let Some(list) = c_str(list) else { return 0 };
    err::int_result(func, set(conn, &list.to_string_lossy()))
}

/// SSL_CTX_set_cipher_list(3): `SSL_set_cipher_list`, the connection's own
/// TLS 1.2 suites (an `@SECLEVEL=n` sets its level); 0 if none is selected.
#[no_mangle]
pub extern "C" fn SSL_set_cipher_list(s: *mut SSL, str: *const c_char) -> c_int {
    entry!({
        connection_list(
            try_ref!(s),
            str,
            "SSL_set_cipher_list",
            Connection::set_cipher_list,
        )
    })
}

/// SSL_CTX_set_cipher_list(3): `SSL_set_ciphersuites`, the connection's own
/// TLS 1.3 suites; 0 if a name is unknown.
#[no_mangle]
pub extern "C" fn SSL_set_ciphersuites(s: *mut SSL, str: *const c_char) -> c_int {
    entry!({
        connection_list(
            try_ref!(s),
            str,
            "SSL_set_ciphersuites",
            Connection::set_ciphersuites,
        )
    })
}
