//! Security levels and callbacks (`SSL_CTX_set_security_level(3)`) of
//! contexts and connections, and the purpose, trust and DH parameter
//! setters sessl cannot honour. The level restricts suites, groups and the
//! own and peer certificates (ssl/security_level.rs); the callback and its
//! ex_data are kept and handed back, but sessl decides with the level
//! alone: the application's callback is never asked (docs/divergences.md).

use std::ffi::c_void;
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::owned::CArg;
use super::types::*;
use super::unsupported::unsupported;
use crate::ssl::security_level;
use crate::ssl::{Connection, Context};

/// A context's or connection's security callback and its ex_data (`None`:
/// OpenSSL's default callback, which answers by the level).
#[derive(Clone, Copy, Default)]
struct SecurityCallback {
    cb: sessl_security_cb,
    ex: CArg,
}

/// What `SSL_new` copies from the context into the connection, as OpenSSL
/// copies its security settings.
pub(crate) fn inherit(ctx: &Context, conn: &Connection) {
    let copied = ctx.extras().with(|c: &mut SecurityCallback| *c);
    conn.extras().with(|c: &mut SecurityCallback| *c = copied);
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

/// SSL_CTX_set_security_level(3): `SSL_CTX_set_security_callback`, kept and
/// handed back; divergence: sessl decides by the level and never calls it.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_security_callback(ctx: *mut SSL_CTX, cb: sessl_security_cb) {
    entry!({
        let ctx = try_ref!(ctx);
        if cb.is_some() {
            unsupported!(
                accepted,
                "sessl decides by the security level; the callback is never called"
            );
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

/// SSL_CTX_set_security_level(3): `SSL_set_security_callback`, kept and
/// handed back; divergence: never called, as for the context.
#[no_mangle]
pub extern "C" fn SSL_set_security_callback(s: *mut SSL, cb: sessl_security_cb) {
    entry!({
        let conn = try_ref!(s);
        if cb.is_some() {
            unsupported!(
                accepted,
                "sessl decides by the security level; the callback is never called"
            );
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
