//! SSL_CTX_set_verify(3), SSL_CTX_get0_param(3), SSL_set1_host(3),
//! SSL_get_verify_result(3) and SSL_CTX_set_cert_verify_callback(3): the
//! verify mode, callback, depth and `X509_VERIFY_PARAM` of contexts and
//! connections. `SSL_new` copies the context's into the connection, as
//! OpenSSL does; `chain_check` runs libcrypto's verification on them.

use std::ffi::{c_char, c_void};
use std::os::raw::{c_int, c_long, c_uint};

use super::boundary::{entry, try_ref};
use super::crypto::x509_vfy;
use super::owned::{CArg, OwnedStore, OwnedVerifyParam};
use super::types::*;
use super::x509_cache::connection_x509;
use crate::ssl::{Connection, Context};

/// The stores of a context or connection besides the cert store: one to
/// verify peers with, one to build its own chain from.
#[derive(Clone, Default)]
pub(crate) struct Stores {
    pub(crate) verify: Option<OwnedStore>,
    pub(crate) chain: Option<OwnedStore>,
}

/// A context's verification objects.
#[derive(Default)]
pub(crate) struct ContextVerify {
    pub(crate) callback: SSL_verify_cb,
    pub(crate) param: OwnedVerifyParam,
    pub(crate) stores: Stores,
    pub(crate) app_verify: sessl_cert_verify_cb,
    pub(crate) app_verify_arg: CArg,
    /// Whether `param` was ever handed out or changed (else it is a fresh
    /// set, which a connection's own fresh set already equals).
    pub(crate) param_touched: bool,
}

/// A connection's verification objects.
#[derive(Default)]
pub(crate) struct ConnectionVerify {
    pub(crate) callback: SSL_verify_cb,
    pub(crate) param: OwnedVerifyParam,
    pub(crate) stores: Stores,
}

/// `SSL_new`: the connection takes the context's callback, a copy of its
/// parameters and its stores (OpenSSL copies them, so later changes to the
/// context do not reach the connection). A context with none of them and
/// parameters never handed out or changed gives nothing to copy: the
/// connection's own, a fresh set, are made on first use.
pub(crate) fn inherit(ctx: &Context, conn: &Connection) {
    let (callback, stores, ctx_param) = ctx.extras().with(|v: &mut ContextVerify| {
        let param = v.param_touched.then(|| v.param.ptr());
        (v.callback, v.stores.clone(), param)
    });
    if callback.is_none() && stores.is_empty() && ctx_param.is_none() {
        return;
    }
    conn.extras().with(|v: &mut ConnectionVerify| {
        v.callback = callback;
        v.stores = stores;
        if let Some(ctx_param) = ctx_param {
            // SAFETY: the connection's parameters are its own; the context's are
            // freed only when the context drops, and `ctx` is borrowed for the call.
            unsafe {
                x509_vfy::X509_VERIFY_PARAM_inherit(v.param.ptr(), ctx_param);
            }
        }
    });
}

/// `SSL_set_SSL_CTX`: the connection now verifies with the stores of `ctx`
/// (OpenSSL replaces the connection's certificate settings, stores included).
pub(crate) fn switch_stores(ctx: &Context, conn: &Connection) {
    let stores = ctx.extras().with(|v: &mut ContextVerify| v.stores.clone());
    conn.extras()
        .with(|v: &mut ConnectionVerify| v.stores = stores);
}

/// The context's parameters, for a caller that may change them or hand
/// them out (so `SSL_new` copies them from then on).
fn ctx_param(ctx: &Context) -> *mut openssl_sys::X509_VERIFY_PARAM {
    ctx.extras().with(|v: &mut ContextVerify| {
        v.param_touched = true;
        v.param.ptr()
    })
}

fn conn_param(conn: &Connection) -> *mut openssl_sys::X509_VERIFY_PARAM {
    conn.extras().with(|v: &mut ConnectionVerify| v.param.ptr())
}

/// SSL_CTX_set_verify(3): the mode and callback connections made afterwards start with.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_verify(ctx: *mut SSL_CTX, mode: c_int, callback: SSL_verify_cb) {
    entry!({
        let ctx = try_ref!(ctx);
        ctx.extras()
            .with(|v: &mut ContextVerify| v.callback = callback);
        ctx.update(|s| s.verify_mode = mode);
    })
}

/// SSL_CTX_get_verify_mode(3): the context's mode.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_verify_mode(ctx: *const SSL_CTX) -> c_int {
    entry!({ try_ref!(ctx).with_settings(|s| s.verify_mode) })
}

/// SSL_CTX_get_verify_mode(3): `SSL_CTX_get_verify_callback`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_verify_callback(ctx: *const SSL_CTX) -> SSL_verify_cb {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|v: &mut ContextVerify| v.callback)
    })
}

/// SSL_CTX_set_verify(3): `SSL_CTX_set_verify_depth`, the depth of the context's parameters.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_verify_depth(ctx: *mut SSL_CTX, depth: c_int) {
    entry!({
        let param = ctx_param(try_ref!(ctx));
        // SAFETY: `param` is owned by the context's `ContextVerify`, freed only
        // when the context drops; `ctx` is borrowed for the whole call.
        unsafe { openssl_sys::X509_VERIFY_PARAM_set_depth(param, depth) }
    })
}

/// SSL_CTX_get_verify_mode(3): `SSL_CTX_get_verify_depth` (-1: no limit set).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_verify_depth(ctx: *const SSL_CTX) -> c_int {
    entry!({
        let param = ctx_param(try_ref!(ctx));
        // SAFETY: `param` is owned by the context's `ContextVerify`, freed only
        // when the context drops; `ctx` is borrowed for the whole call.
        unsafe { x509_vfy::X509_VERIFY_PARAM_get_depth(param) }
    })
}

/// SSL_CTX_set_verify(3): `SSL_set_verify`, this connection's mode, and its
/// callback unless `callback` is NULL (as OpenSSL).
#[no_mangle]
pub extern "C" fn SSL_set_verify(ssl: *mut SSL, mode: c_int, callback: SSL_verify_cb) {
    entry!({
        let conn = try_ref!(ssl);
        conn.set_verify_mode(mode);
        if callback.is_some() {
            conn.extras()
                .with(|v: &mut ConnectionVerify| v.callback = callback);
        }
    })
}

/// SSL_CTX_set_verify(3): `SSL_set_verify_depth`.
#[no_mangle]
pub extern "C" fn SSL_set_verify_depth(ssl: *mut SSL, depth: c_int) {
    entry!({
        let param = conn_param(try_ref!(ssl));
        // SAFETY: `param` is owned by the connection's `ConnectionVerify`, freed
        // only when the connection drops; `ssl` is borrowed for the whole call.
        unsafe { openssl_sys::X509_VERIFY_PARAM_set_depth(param, depth) }
    })
}

/// SSL_CTX_get_verify_mode(3): `SSL_get_verify_mode`.
#[no_mangle]
pub extern "C" fn SSL_get_verify_mode(ssl: *const SSL) -> c_int {
    entry!({ try_ref!(ssl).verify_mode() })
}

/// SSL_CTX_get_verify_mode(3): `SSL_get_verify_depth`.
#[no_mangle]
pub extern "C" fn SSL_get_verify_depth(ssl: *const SSL) -> c_int {
    entry!({
        let param = conn_param(try_ref!(ssl));
        // SAFETY: `param` is owned by the connection's `ConnectionVerify`, freed
        // only when the connection drops; `ssl` is borrowed for the whole call.
        unsafe { x509_vfy::X509_VERIFY_PARAM_get_depth(param) }
    })
}

/// SSL_CTX_get_verify_mode(3): `SSL_get_verify_callback`.
#[no_mangle]
pub extern "C" fn SSL_get_verify_callback(ssl: *const SSL) -> SSL_verify_cb {
    entry!({
        try_ref!(ssl)
            .extras()
            .with(|v: &mut ConnectionVerify| v.callback)
    })
}

/// SSL_get_verify_result(3): `X509_V_OK` or the `X509_V_ERR_*` code of the
/// peer's chain (restored from the session on a resumption).
#[no_mangle]
pub extern "C" fn SSL_get_verify_result(ssl: *const SSL) -> c_long {
    entry!({ try_ref!(ssl).verify_result() as c_long })
}

/// SSL_set_verify_result(3): overrides the result.
#[no_mangle]
pub extern "C" fn SSL_set_verify_result(ssl: *mut SSL, result: c_long) {
    entry!({ try_ref!(ssl).set_verify_result(i64::from(result)) })
}

/// SSL_CTX_get0_param(3): the context's parameters (borrowed), copied into each new connection.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_param(ctx: *mut SSL_CTX) -> *mut X509_VERIFY_PARAM {
    entry!({ ctx_param(try_ref!(ctx)).cast() })
}

/// SSL_CTX_get0_param(3): `SSL_get0_param`, the connection's parameters (borrowed).
#[no_mangle]
pub extern "C" fn SSL_get0_param(ssl: *mut SSL) -> *mut X509_VERIFY_PARAM {
    entry!({ conn_param(try_ref!(ssl)).cast() })
}

/// SSL_CTX_get0_param(3): `SSL_CTX_set1_param`, copies `vpm` into the context's parameters.
#[no_mangle]
pub extern "C" fn SSL_CTX_set1_param(ctx: *mut SSL_CTX, vpm: *mut X509_VERIFY_PARAM) -> c_int {
    entry!({
        let param = ctx_param(try_ref!(ctx));
        if vpm.is_null() {
            return 0;
        }
        // SAFETY: `param` is the handle's own (freed only with it, and the handle
        // is borrowed for the call); `vpm` is non-NULL and, by the function's
        // contract, the caller's live X509_VERIFY_PARAM, only read from.
        unsafe { x509_vfy::X509_VERIFY_PARAM_set1(param, vpm.cast()) }
    })
}

/// SSL_CTX_get0_param(3): `SSL_set1_param`, copies `vpm` into the connection's parameters.
#[no_mangle]
pub extern "C" fn SSL_set1_param(ssl: *mut SSL, vpm: *mut X509_VERIFY_PARAM) -> c_int {
    entry!({
        let param = conn_param(try_ref!(ssl));
        if vpm.is_null() {
            return 0;
        }
        // SAFETY: `param` is the handle's own (freed only with it, and the handle
        // is borrowed for the call); `vpm` is non-NULL and, by the function's
        // contract, the caller's live X509_VERIFY_PARAM, only read from.
        unsafe { x509_vfy::X509_VERIFY_PARAM_set1(param, vpm.cast()) }
    })
}

/// Whether `name` is an IP address, as libcrypto reads one.
fn is_ip_address(name: *const c_char) -> bool {
    let probe = OwnedVerifyParam::default();
    // SAFETY: `probe` is a parameter set of ours, alive to the end of the
    // function; `name` is non-NULL (checked by the caller) and NUL-terminated.
    unsafe { x509_vfy::X509_VERIFY_PARAM_set1_ip_asc(probe.ptr(), name) == 1 }
}

/// SSL_set1_host(3): the peer must be `hostname` (or that IP address); NULL clears.
#[no_mangle]
pub extern "C" fn SSL_set1_host(ssl: *mut SSL, hostname: *const c_char) -> c_int {
    entry!({
        let param = conn_param(try_ref!(ssl));
        // SAFETY: `param` is the connection's own, alive while `ssl` is borrowed;
        // `hostname` is NULL (checked before set1_ip_asc; set1_host clears the
        // names on NULL) or the caller's NUL-terminated string.
        unsafe {
            if !hostname.is_null() && x509_vfy::X509_VERIFY_PARAM_set1_ip_asc(param, hostname) == 1
            {
                return 1;
            }
            openssl_sys::X509_VERIFY_PARAM_set1_host(param, hostname, 0)
        }
    })
}

/// SSL_set1_host(3): `SSL_add1_host`, one more acceptable name (one IP address at most).
#[no_mangle]
pub extern "C" fn SSL_add1_host(ssl: *mut SSL, hostname: *const c_char) -> c_int {
    entry!({
        let param = conn_param(try_ref!(ssl));
        if !hostname.is_null() && is_ip_address(hostname) {
            // SAFETY: `param` is the connection's own, alive while `ssl` is
            // borrowed; `hostname` is a non-NULL C string; get1_ip_asc returns a
            // copy that is ours to free, freed once with CRYPTO_free.
            unsafe {
                let old = x509_vfy::X509_VERIFY_PARAM_get1_ip_asc(param);
                if !old.is_null() {
                    openssl_sys::CRYPTO_free(old.cast(), c"sessl".as_ptr(), 0);
                    // There can be only one IP address.
                    return 0;
                }
                return x509_vfy::X509_VERIFY_PARAM_set1_ip_asc(param, hostname);
            }
        }
        // SAFETY: as above; add1_host ignores a NULL or empty `hostname`.
        unsafe { x509_vfy::X509_VERIFY_PARAM_add1_host(param, hostname, 0) }
    })
}

/// SSL_set1_host(3): `SSL_set_hostflags` (`X509_CHECK_FLAG_*`).
#[no_mangle]
pub extern "C" fn SSL_set_hostflags(ssl: *mut SSL, flags: c_uint) {
    entry!({
        let param = conn_param(try_ref!(ssl));
        // SAFETY: `param` is owned by the connection's `ConnectionVerify`, freed
        // only when the connection drops; `ssl` is borrowed for the whole call.
        unsafe { openssl_sys::X509_VERIFY_PARAM_set_hostflags(param, flags) }
    })
}

/// SSL_set1_host(3): `SSL_get0_peername`, the name that matched (borrowed), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get0_peername(ssl: *mut SSL) -> *const c_char {
    entry!({
        let param = conn_param(try_ref!(ssl));
        // SAFETY: `param` is owned by the connection's `ConnectionVerify`, freed
        // only when the connection drops; `ssl` is borrowed for the whole call.
        unsafe { x509_vfy::X509_VERIFY_PARAM_get0_peername(param) }
    })
}

/// SSL_CTX_set_cert_verify_callback(3): `cb` replaces `X509_verify_cert`
/// for the context's connections.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cert_verify_callback(
    ctx: *mut SSL_CTX,
    cb: sessl_cert_verify_cb,
    arg: *mut c_void,
) {
    entry!({
        try_ref!(ctx).extras().with(|v: &mut ContextVerify| {
            v.app_verify = cb;
            v.app_verify_arg = CArg::new(arg);
        })
    })
}

/// The verified chain handed out by `SSL_get0_verified_chain`.
#[derive(Default)]
struct VerifiedChain(super::x509::CertStack);

/// SSL_get0_peer_certificate(3): `SSL_get0_verified_chain`, the chain the
/// verification of the peer built (borrowed), or NULL when none ran.
#[no_mangle]
pub extern "C" fn SSL_get0_verified_chain(ssl: *const SSL) -> *mut stack_st_X509 {
    entry!({
        let conn = try_ref!(ssl);
        let ders: Vec<Vec<u8>> = conn.verified_chain().iter().map(|c| c.to_vec()).collect();
        if ders.is_empty() {
            return std::ptr::null_mut();
        }
        if let Some(kept) = conn
            .extras()
            .with(|v: &mut VerifiedChain| v.0.current(&ders))
        {
            return kept;
        }
        // The peer's certificates are the connection's own objects, as in OpenSSL.
        let x509s: Vec<_> = ders
            .iter()
            .filter_map(|d| connection_x509(conn, d))
            .collect();
        conn.extras()
            .with(|v: &mut VerifiedChain| v.0.get_or_make(ders, |_| super::x509::stack_of(x509s)))
    })
}

/// Which store of a context or connection a command is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StoreKind {
    /// The store peers are verified with (`SSL_CTX_set1_verify_cert_store`).
    Verify,
    /// The store the own chain is built from (`SSL_CTX_set1_chain_cert_store`).
    Chain,
}

/// A store command of `SSL_CTX_ctrl` / `SSL_ctrl`, decoded.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum StoreCommand {
    /// Replaces a store: with `share` (`set1`) sessl adds a reference of its
    /// own, else (`set0`) it takes over the caller's; NULL removes it.
    Set {
        kind: StoreKind,
        store: *mut openssl_sys::X509_STORE,
        share: bool,
    },
    /// Writes a store (borrowed), or NULL, to `out` (`get0`).
    Get {
        kind: StoreKind,
        out: *mut *mut openssl_sys::X509_STORE,
    },
}

/// Writes a store (borrowed) where a get command asked for it.
fn put_store(out: *mut *mut openssl_sys::X509_STORE, store: &Option<OwnedStore>) -> c_long {
    if out.is_null() {
        return 0;
    }
    let ptr = store.as_ref().map_or(std::ptr::null_mut(), OwnedStore::ptr);
    // SAFETY: the caller passed an `X509_STORE **` to fill.
    unsafe { *out = ptr };
    1
}

impl Stores {
    /// Whether neither store is set.
    fn is_empty(&self) -> bool {
        self.verify.is_none() && self.chain.is_none()
    }

    fn slot(&mut self, kind: StoreKind) -> &mut Option<OwnedStore> {
        match kind {
            StoreKind::Verify => &mut self.verify,
            StoreKind::Chain => &mut self.chain,
        }
    }

    /// Runs one store command; the result of the ctrl call.
    fn apply(&mut self, command: StoreCommand) -> c_long {
        match command {
            StoreCommand::Set { kind, store, share } => {
                *self.slot(kind) = if share {
                    OwnedStore::share(store)
                } else {
                    OwnedStore::take(store)
                };
                1
            }
            StoreCommand::Get { kind, out } => put_store(out, self.slot(kind)),
        }
    }
}

/// SSL_CTX_set1_verify_cert_store(3) and the chain store, through `SSL_CTX_ctrl`.
pub(crate) fn context_store_ctrl(ctx: &Context, command: StoreCommand) -> c_long {
    ctx.extras()
        .with(|v: &mut ContextVerify| v.stores.apply(command))
}

/// SSL_set1_verify_cert_store(3) and the chain store, through `SSL_ctrl`.
pub(crate) fn connection_store_ctrl(conn: &Connection, command: StoreCommand) -> c_long {
    conn.extras()
        .with(|v: &mut ConnectionVerify| v.stores.apply(command))
}
