//! SSL_CTX_set_tlsext_status_cb(3): OCSP stapling through the ctrl commands.
//! A client that set `SSL_set_tlsext_status_type(ssl, TLSEXT_STATUSTYPE_ocsp)`
//! gets what its server stapled from `SSL_get_tlsext_status_ocsp_resp`, and its
//! context's status callback judges it during the handshake; a server's status
//! callback is asked for a response (`SSL_set_tlsext_status_ocsp_resp`) before
//! it sends its certificate. The rules live in `crate::ssl::ocsp`.

use std::ffi::c_void;
use std::os::raw::{c_int, c_long};
use std::sync::Arc;

use super::ctrl_common::{status_type, Target};
use super::handles::lend_ref;
use super::owned::CArg;
use super::types::*;
use crate::ssl::ocsp::{install_status_hook, ClientVerdict, ServerAnswer, Stapled, StatusHook};
use crate::ssl::{Connection, Context};

/// `TLSEXT_STATUSTYPE_ocsp`.
const STATUSTYPE_OCSP: c_long = 1;
/// `SSL_TLSEXT_ERR_OK`, `SSL_TLSEXT_ERR_ALERT_FATAL`.
const ERR_OK: c_int = 0;
const ERR_ALERT_FATAL: c_int = 2;

/// The status callback's C type.
type StatusCb = unsafe extern "C" fn(*mut SSL, *mut c_void) -> c_int;

/// A context's status callback and its argument.
#[derive(Default)]
struct StatusCallback {
    cb: Option<StatusCb>,
    arg: Option<CArg>,
}

/// The context's callback and argument, copied out.
fn callback(ctx: &Context) -> (Option<StatusCb>, *mut c_void) {
    ctx.extras()
        .with(|s: &mut StatusCallback| (s.cb, s.arg.map_or(std::ptr::null_mut(), |a| a.get())))
}

/// Calls `conn`'s context's status callback, if there is one.
fn call(conn: &Connection) -> Option<c_int> {
    let (cb, arg) = callback(conn.context());
    let cb = cb?;
    // SAFETY: the callback was registered by C for this signature; `ssl` is
    // the live connection's handle. No sessl lock is held (rustls calls the
    // verifier and the certificate resolver with the connection unlocked).
    Some(unsafe { cb(lend_ref::<SSL>(conn), arg) })
}

/// The application's side of stapling.
struct CStatusHook;

impl StatusHook for CStatusHook {
    fn client_check(&self, conn: &Connection) -> ClientVerdict {
        if status_type(Target::Connection(conn)) != STATUSTYPE_OCSP {
            return ClientVerdict::Accept;
        }
        match call(conn) {
            None => ClientVerdict::Accept,
            Some(r) if r > 0 => ClientVerdict::Accept,
            Some(0) => ClientVerdict::Refuse,
            Some(_) => ClientVerdict::Error,
        }
    }

    fn server_response(&self, conn: &Connection) -> ServerAnswer {
        conn.extras().with(|s: &mut Stapled| s.response = None);
        match call(conn) {
            Some(ERR_OK) => conn
                .extras()
                .with(|s: &mut Stapled| s.response.clone())
                .map_or(ServerAnswer::Nothing, ServerAnswer::Staple),
            Some(ERR_ALERT_FATAL) => ServerAnswer::Fatal,
            _ => ServerAnswer::Nothing,
        }
    }
}

/// Installs the hook the first time an application asks for stapling.
fn install() {
    install_status_hook(Arc::new(CStatusHook));
}

/// `SSL_CTX_set_tlsext_status_cb` (through `SSL_CTX_callback_ctrl`); 1.
pub(super) fn set_callback(ctx: &Context, fp: sessl_generic_cb) -> c_long {
    install();
    // SAFETY: the command promises a callback of the status form.
    let cb = fp.map(|f| unsafe { std::mem::transmute::<unsafe extern "C" fn(), StatusCb>(f) });
    ctx.extras().with(|s: &mut StatusCallback| s.cb = cb);
    1
}

/// `SSL_CTX_set_tlsext_status_arg`; 1.
pub(super) fn set_argument(ctx: &Context, arg: *mut c_void) -> c_long {
    ctx.extras()
        .with(|s: &mut StatusCallback| s.arg = Some(CArg::new(arg)));
    1
}

/// `SSL_CTX_get_tlsext_status_cb`: the callback into `*out`; 1.
pub(super) fn get_callback(ctx: &Context, out: *mut c_void) -> c_long {
    if out.is_null() {
        return 0;
    }
    let (cb, _) = callback(ctx);
    // SAFETY: `out` is the caller's non-NULL pointer to a callback pointer.
    unsafe { *out.cast::<Option<StatusCb>>() = cb };
    1
}

/// `SSL_CTX_get_tlsext_status_arg`: the argument into `*out`; 1.
pub(super) fn get_argument(ctx: &Context, out: *mut c_void) -> c_long {
    if out.is_null() {
        return 0;
    }
    let (_, arg) = callback(ctx);
    // SAFETY: `out` is the caller's non-NULL pointer to a `void *`.
    unsafe { *out.cast::<*mut c_void>() = arg };
    1
}

/// `SSL_CTX_set_tlsext_status_type` / `SSL_set_tlsext_status_type` come
/// through `ctrl_common`; asking for OCSP installs the hook.
pub(super) fn status_type_set(t: c_long) {
    if t == STATUSTYPE_OCSP {
        install();
    }
}

/// `SSL_get_tlsext_status_ocsp_resp`: the response into `*out` (borrowed,
/// valid until the connection's next handshake or response), its length;
/// -1 and NULL without one, or on a client that did not ask for OCSP.
pub(super) fn get_response(conn: &Connection, out: *mut *const u8) -> c_long {
    if out.is_null() {
        return 0;
    }
    let asked = conn.role() != Some(crate::ssl::Role::Client)
        || status_type(Target::Connection(conn)) == STATUSTYPE_OCSP;
    let (ptr, len) = conn.extras().with(|s: &mut Stapled| match &s.response {
        Some(r) if asked && !r.is_empty() => (r.as_ptr(), r.len() as c_long),
        _ => (std::ptr::null(), -1),
    });
    // SAFETY: `out` is the caller's non-NULL pointer to a byte pointer.
    unsafe { *out = ptr };
    len
}

/// `SSL_set_tlsext_status_ocsp_resp`: the response (handed over, freed here
/// once copied) is what the server staples; 1.
pub(super) fn set_response(conn: &Connection, resp: *mut c_void, len: c_long) -> c_long {
    let response = usize::try_from(len)
        .ok()
        .and_then(|n| super::handles::c_bytes(resp.cast(), n))
        .map(<[u8]>::to_vec);
    if !resp.is_null() {
        // SAFETY: OpenSSL's contract hands the OPENSSL_malloc'd response over.
        unsafe { openssl_sys::CRYPTO_free(resp, c"ocsp".as_ptr(), 0) };
    }
    conn.extras()
        .with(|s: &mut Stapled| s.response = response.filter(|r| !r.is_empty()));
    1
}
