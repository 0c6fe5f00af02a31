//! Security levels and callbacks (`SSL_CTX_set_security_level(3)`) of
//! contexts and connections. The level restricts suites, groups and the
//! own and peer certificates (ssl/security_level.rs). The application's
//! callback, kept with its ex_data, is asked about the context's own
//! certificate when it is set, as libssl asks it; every other check follows
//! the level alone (docs/divergences.md).

use std::ffi::c_void;
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::owned::CArg;
use super::types::*;
use super::unsupported::unsupported;
use crate::ssl::security_level::{self, ChainPosition};
use crate::ssl::{Connection, Context};

/// A context's or connection's security callback and its ex_data (`None`:
/// OpenSSL's default callback, which answers by the level).
#[derive(Clone, Copy, Default)]
pub(super) struct SecurityCallback {
    pub(super) cb: sessl_security_cb,
    pub(super) ex: CArg,
}

/// The callback a connection asks (its own, copied from its context at `SSL_new`).
pub(super) fn connection_callback(conn: &Connection) -> SecurityCallback {
    conn.extras().with(|c: &mut SecurityCallback| *c)
}

/// What `SSL_new` copies from the context into the connection, as OpenSSL
/// copies its security settings.
pub(crate) fn inherit(ctx: &Context, conn: &Connection) {
    let copied = ctx.extras().read(|c: &SecurityCallback| *c);
    // A new connection's default is the default callback: nothing to keep.
    if copied.cb.is_some() || !copied.ex.get::<c_void>().is_null() {
        conn.extras().with(|c: &mut SecurityCallback| *c = copied);
    }
}

/// Whether the context may present the certificate `x` (DER `der`): its
/// security callback, or else its level, judges the key and the signature as
/// libssl judges them at `SSL_CTX_use_certificate`.
pub(crate) fn own_certificate_verdict(
    ctx: &Context,
    x: *mut openssl_sys::X509,
    der: &[u8],
) -> Result<(), crate::ssl::Error> {
    let callback = ctx.extras().with(|c: &mut SecurityCallback| *c);
    match callback.cb {
        Some(cb) => ask_about_certificate(cb, callback.ex, ctx, x, der),
        None => security_level::check_certificate(ctx.security_level(), der, ChainPosition::Leaf),
    }
}

/// `SSL_SECOP_EE_KEY` and `SSL_SECOP_CA_MD`.
const SECOP_EE_KEY: c_int = 16 | (6 << 16);
const SECOP_CA_MD: c_int = 18 | (6 << 16);

/// Asks the application's security callback about the context's own
/// certificate as libssl asks it (no connection, the context, the
/// certificate): its key's bits, then, unless it signs itself, its
/// signature's bits and NID.
fn ask_about_certificate(
    cb: unsafe extern "C" fn(
        *const SSL,
        *const SSL_CTX,
        c_int,
        c_int,
        c_int,
        *mut c_void,
        *mut c_void,
    ) -> c_int,
    ex: CArg,
    ctx: &Context,
    x: *mut openssl_sys::X509,
    der: &[u8],
) -> Result<(), crate::ssl::Error> {
    let strength = security_level::CertificateStrength::of(der);
    let key_bits = strength.and_then(|s| s.key_bits).unwrap_or(-1);
    let ctx_ptr = super::handles::lend_ref::<SSL_CTX>(ctx);
    let ask = |op: c_int, bits: c_int, nid: c_int| {
        // SAFETY: the application's callback, called with no sessl lock held
        // and with what libssl passes: no connection, the live context, the
        // caller's certificate and the ex_data it set.
        unsafe { cb(std::ptr::null(), ctx_ptr, op, bits, nid, x.cast(), ex.get()) != 0 }
    };
    if !ask(SECOP_EE_KEY, key_bits, 0) {
        return Err(crate::ssl::Error::EeKeyTooSmall);
    }
    if strength.is_some_and(|s| s.self_signed) {
        return Ok(());
    }
    let signature_bits = strength.and_then(|s| s.signature_bits).unwrap_or(-1);
    // The digest's NID (the key's for a signature without one, Ed25519).
    let (mut digest, mut key) = (0, 0);
    // SAFETY: the caller's live certificate, only read; two out-integers of ours.
    unsafe {
        openssl_sys::OBJ_find_sigid_algs(
            openssl_sys::X509_get_signature_nid(x),
            &mut digest,
            &mut key,
        );
    }
    let nid = if digest == 0 { key } else { digest };
    if !ask(SECOP_CA_MD, signature_bits, nid) {
        return Err(crate::ssl::Error::CaMdTooWeak);
    }
    Ok(())
}

/// OpenSSL's default security callback: whether `bits` of security meet the
/// level of the connection (or, without one, of the context). What
/// `SSL_CTX_get_security_callback` returns until the application sets its own.
unsafe extern "C" fn default_security_callback(
    s: *const SSL,
    ctx: *const SSL_CTX,
    op: c_int,
    bits: c_int,
    nid: c_int,
    _other: *mut c_void,
    _ex: *mut c_void,
) -> c_int {
    entry!({
        let level = match (super::handles::borrow(s), super::handles::borrow(ctx)) {
            (Some(conn), _) => conn.security_level(),
            (None, Some(ctx)) => ctx.security_level(),
            (None, None) => return 0,
        };
        c_int::from(security_level::allows_operation(level, op, bits, nid))
    })
}

/// The callback a getter hands out: the one set, else the default.
fn callback_of(c: SecurityCallback) -> sessl_security_cb {
    c.cb.or(Some(default_security_callback))
}

/// SSL_CTX_set_security_level(3): the context's level (OpenSSL's default
/// here, Debian's build, is 2).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_security_level(ctx: *const SSL_CTX) -> c_int {
    entry!({ try_ref!(ctx).security_level() })
}

/// SSL_CTX_set_security_level(3): sets the context's level; connections
/// made afterwards copy it.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_security_level(ctx: *mut SSL_CTX, level: c_int) {
    entry!({ try_ref!(ctx).set_security_level(level) })
}

/// SSL_CTX_set_security_level(3): `SSL_get_security_level`.
#[no_mangle]
pub extern "C" fn SSL_get_security_level(s: *const SSL) -> c_int {
    entry!({ try_ref!(s).security_level() })
}

/// SSL_CTX_set_security_level(3): `SSL_set_security_level`, the
/// connection's own level (its next handshake uses it).
#[no_mangle]
pub extern "C" fn SSL_set_security_level(s: *mut SSL, level: c_int) {
    entry!({ try_ref!(s).set_security_level(level) })
}

/// SSL_CTX_set_security_level(3): `SSL_CTX_set_security_callback`; asked
/// at `SSL_CTX_use_certificate`, and before each handshake about its
/// versions, tickets, suites and groups (divergence: not about signature
/// algorithms nor the peer's chain, which follow the level).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_security_callback(ctx: *mut SSL_CTX, cb: sessl_security_cb) {
    entry!({
        let ctx = try_ref!(ctx);
        if cb.is_some() {
            super::security_hook::install();
        }
        ctx.extras().with(|c: &mut SecurityCallback| c.cb = cb)
    })
}

/// SSL_CTX_set_security_level(3): `SSL_CTX_get_security_callback`, the
/// callback set, else OpenSSL's default one (answering by the level).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_security_callback(ctx: *const SSL_CTX) -> sessl_security_cb {
    entry!({ callback_of(try_ref!(ctx).extras().with(|c: &mut SecurityCallback| *c)) })
}

/// SSL_CTX_set_security_level(3): `SSL_set_security_callback`, asked
/// before each handshake of the connection as `SSL_CTX_set_security_callback`.
#[no_mangle]
pub extern "C" fn SSL_set_security_callback(s: *mut SSL, cb: sessl_security_cb) {
    entry!({
        let conn = try_ref!(s);
        if cb.is_some() {
            super::security_hook::install();
        }
        conn.extras().with(|c: &mut SecurityCallback| c.cb = cb)
    })
}

/// SSL_CTX_set_security_level(3): `SSL_get_security_callback`.
#[no_mangle]
pub extern "C" fn SSL_get_security_callback(s: *const SSL) -> sessl_security_cb {
    entry!({ callback_of(try_ref!(s).extras().with(|c: &mut SecurityCallback| *c)) })
}

/// SSL_CTX_set_security_level(3): `SSL_CTX_set0_security_ex_data`, the
/// callback's argument (kept, never dereferenced).
#[no_mangle]
pub extern "C" fn SSL_CTX_set0_security_ex_data(ctx: *mut SSL_CTX, ex: *mut c_void) {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|c: &mut SecurityCallback| c.ex = CArg::new(ex))
    })
}

/// SSL_CTX_set_security_level(3): `SSL_CTX_get0_security_ex_data`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_security_ex_data(ctx: *const SSL_CTX) -> *mut c_void {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|c: &mut SecurityCallback| c.ex.get())
    })
}

/// SSL_CTX_set_security_level(3): `SSL_set0_security_ex_data`.
#[no_mangle]
pub extern "C" fn SSL_set0_security_ex_data(s: *mut SSL, ex: *mut c_void) {
    entry!({
        try_ref!(s)
            .extras()
            .with(|c: &mut SecurityCallback| c.ex = CArg::new(ex))
    })
}

/// SSL_CTX_set_security_level(3): `SSL_get0_security_ex_data`.
#[no_mangle]
pub extern "C" fn SSL_get0_security_ex_data(s: *const SSL) -> *mut c_void {
    entry!({
        try_ref!(s)
            .extras()
            .with(|c: &mut SecurityCallback| c.ex.get())
    })
}

/// SSL_CTX_set_tmp_dh_callback(3): no finite-field DH key exchange in rustls: the callback would never be asked.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_tmp_dh_callback(_ctx: *mut SSL_CTX, _dh: sessl_tmp_dh_cb) {
    entry!({
        unsupported!(
            accepted,
            "no finite-field DH key exchange in rustls: the callback would never be asked"
        )
    })
}

/// SSL_CTX_set_tmp_dh_callback(3): `SSL_set_tmp_dh_callback`: no finite-field DH key exchange in rustls: the callback would never be asked.
#[no_mangle]
pub extern "C" fn SSL_set_tmp_dh_callback(_ssl: *mut SSL, _dh: sessl_tmp_dh_cb) {
    entry!({
        unsupported!(
            accepted,
            "no finite-field DH key exchange in rustls: the callback would never be asked"
        )
    })
}
