//! SSL_CTX_set_default_passwd_cb(3): the callback (and its argument) asked
//! for the password of an encrypted PEM key, on a context and on a
//! connection. A connection uses its own once set, else its context's.

use std::ffi::c_void;

use super::boundary::{entry, try_ref};
use super::owned::CArg;
use super::types::*;
use crate::ssl::{Connection, Context};

/// The password callback and its argument a context keeps.
#[derive(Default, Clone, Copy)]
struct Password {
    cb: sessl_pem_password_cb,
    userdata: CArg,
}

/// What a connection set of its own (`None`: its context's).
#[derive(Default)]
struct ConnectionPassword {
    cb: Option<sessl_pem_password_cb>,
    userdata: Option<CArg>,
}

/// The callback and argument to read a context's key files with.
pub(crate) fn context_password(ctx: &Context) -> (sessl_pem_password_cb, CArg) {
    let p = ctx.extras().with(|p: &mut Password| *p);
    (p.cb, p.userdata)
}

/// The callback and argument to read a connection's key files with.
pub(crate) fn connection_password(conn: &Connection) -> (sessl_pem_password_cb, CArg) {
    let (cb, userdata) = context_password(conn.context());
    conn.extras()
        .with(|p: &mut ConnectionPassword| (p.cb.unwrap_or(cb), p.userdata.unwrap_or(userdata)))
}

/// SSL_CTX_set_default_passwd_cb(3): the callback asked for a key file's password.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_passwd_cb(ctx: *mut SSL_CTX, cb: sessl_pem_password_cb) {
    entry!({ try_ref!(ctx).extras().with(|p: &mut Password| p.cb = cb) })
}

/// SSL_CTX_set_default_passwd_cb(3): `SSL_CTX_set_default_passwd_cb_userdata`.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_passwd_cb_userdata(ctx: *mut SSL_CTX, u: *mut c_void) {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|p: &mut Password| p.userdata = CArg::new(u))
    })
}

/// SSL_CTX_set_default_passwd_cb(3): `SSL_CTX_get_default_passwd_cb`, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_default_passwd_cb(ctx: *mut SSL_CTX) -> sessl_pem_password_cb {
    entry!({ context_password(try_ref!(ctx)).0 })
}

/// SSL_CTX_set_default_passwd_cb(3): `SSL_CTX_get_default_passwd_cb_userdata`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_default_passwd_cb_userdata(ctx: *mut SSL_CTX) -> *mut c_void {
    entry!({ context_password(try_ref!(ctx)).1.get() })
}

/// SSL_CTX_set_default_passwd_cb(3): `SSL_set_default_passwd_cb`, asked when
/// the connection reads a key file (`SSL_use_PrivateKey_file`, ...).
#[no_mangle]
pub extern "C" fn SSL_set_default_passwd_cb(s: *mut SSL, cb: sessl_pem_password_cb) {
    entry!({
        try_ref!(s)
            .extras()
            .with(|p: &mut ConnectionPassword| p.cb = Some(cb))
    })
}

/// SSL_CTX_set_default_passwd_cb(3): `SSL_set_default_passwd_cb_userdata`.
#[no_mangle]
pub extern "C" fn SSL_set_default_passwd_cb_userdata(s: *mut SSL, u: *mut c_void) {
    entry!({
        try_ref!(s)
            .extras()
            .with(|p: &mut ConnectionPassword| p.userdata = Some(CArg::new(u)))
    })
}

/// SSL_CTX_set_default_passwd_cb(3): `SSL_get_default_passwd_cb`: the
/// connection's, else the one its context had.
#[no_mangle]
pub extern "C" fn SSL_get_default_passwd_cb(s: *mut SSL) -> sessl_pem_password_cb {
    entry!({ connection_password(try_ref!(s)).0 })
}

/// SSL_CTX_set_default_passwd_cb(3): `SSL_get_default_passwd_cb_userdata`.
#[no_mangle]
pub extern "C" fn SSL_get_default_passwd_cb_userdata(s: *mut SSL) -> *mut c_void {
    entry!({ connection_password(try_ref!(s)).1.get() })
}
