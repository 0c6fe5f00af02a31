//! The server's ClientHello callbacks, each kept on its context and called
//! in OpenSSL's order once the ClientHello has arrived and before the server
//! answers it: SSL_CTX_set_client_hello_cb(3), SSL_CTX_set_tlsext_servername_callback(3)
//! (through `SSL_CTX_callback_ctrl`, its argument through `SSL_CTX_ctrl`),
//! SSL_CTX_set_alpn_select_cb(3) and SSL_CTX_set_cert_cb(3). As in OpenSSL,
//! each is read from the context the connection is in when it is called (the
//! ClientHello callback may move it with `SSL_set_SSL_CTX`); the servername
//! callback falls back to the first context's.

use std::ffi::c_void;
use std::os::raw::{c_int, c_uchar, c_uint};
use std::sync::Arc;

use super::boundary::{entry, try_ref};
use super::handles::lend_ref;
use super::owned::CArg;
use super::types::*;
use crate::ssl::alpn::to_wire;
use crate::ssl::{ClientHelloHook, Connection, Context, HelloRefused, HelloStep};

/// `SSL_TLSEXT_ERR_OK`.
const ERR_OK: c_int = 0;
/// `SSL_TLSEXT_ERR_ALERT_WARNING`.
const ERR_ALERT_WARNING: c_int = 1;
/// `SSL_TLSEXT_ERR_NOACK`.
const ERR_NOACK: c_int = 3;
/// `SSL_AD_UNRECOGNIZED_NAME`, the alert the servername callback starts with.
const AD_UNRECOGNIZED_NAME: c_int = 112;

/// The servername callback: `int (*)(SSL *, int *al, void *arg)`.
type ServerNameCb = unsafe extern "C" fn(*mut SSL, *mut c_int, *mut c_void) -> c_int;

/// `SSL_CLIENT_HELLO_SUCCESS`.
const CLIENT_HELLO_SUCCESS: c_int = 1;
/// `SSL_CLIENT_HELLO_RETRY`.
const CLIENT_HELLO_RETRY: c_int = -1;
/// `SSL_AD_INTERNAL_ERROR`, the alert the ClientHello callback starts with.
const AD_INTERNAL_ERROR: c_int = 80;

/// A context's ClientHello callbacks and their arguments (C's to keep alive).
#[derive(Default, Clone, Copy)]
struct HelloCallbacks {
    client_hello: SSL_client_hello_cb_fn,
    client_hello_arg: CArg,
    servername: Option<ServerNameCb>,
    servername_arg: CArg,
    alpn: SSL_CTX_alpn_select_cb_func,
    alpn_arg: CArg,
    cert: sessl_cert_cb,
    cert_arg: CArg,
}

/// A certificate callback set on one connection (`SSL_set_cert_cb`), for as
/// long as it stays in the context it was in then (`SSL_set_SSL_CTX` takes
/// the new context's, as OpenSSL replaces the connection's certificate settings).
#[derive(Default, Clone, Copy)]
struct OwnCertCallback {
    /// Whether `SSL_set_cert_cb` was called (a NULL callback too: none then).
    set: bool,
    cb: sessl_cert_cb,
    arg: CArg,
    context: CArg,
}

/// The callbacks of `ctx`.
fn callbacks_of(ctx: &Context) -> HelloCallbacks {
    ctx.extras().with(|k: &mut HelloCallbacks| *k)
}

/// The context a connection is in now (`SSL_get_SSL_CTX`).
fn current_context(conn: &Connection) -> Arc<Context> {
    conn.switched_context()
        .unwrap_or_else(|| conn.context().clone())
}

/// What a ClientHello or certificate callback's return value asks for;
/// `alert` is sent when it fails.
fn step(r: c_int, alert: c_int) -> HelloStep {
    match r {
        CLIENT_HELLO_SUCCESS => HelloStep::Continue,
        CLIENT_HELLO_RETRY => HelloStep::Retry,
        _ => HelloStep::Fail(u8::try_from(alert).unwrap_or(AD_INTERNAL_ERROR as u8)),
    }
}

impl HelloCallbacks {
    /// Runs the ClientHello callback.
    fn client_hello(&self, ssl: *mut SSL) -> HelloStep {
        let Some(cb) = self.client_hello else {
            return HelloStep::Continue;
        };
        let mut alert = AD_INTERNAL_ERROR;
        // SAFETY: a callback C registered for this signature, given the
        // connection, an alert slot and the argument C set; no sessl lock is held.
        let r = unsafe { cb(ssl, &mut alert, self.client_hello_arg.get()) };
        step(r, alert)
    }

    /// Runs the servername callback: go on (`true` when it accepted the
    /// name), or refused with the alert the callback chose
    /// (`unrecognized_name` unless it set another).
    fn server_name(&self, ssl: *mut SSL) -> Result<bool, HelloRefused> {
        let Some(cb) = self.servername else {
            return Ok(false);
        };
        let mut alert = AD_UNRECOGNIZED_NAME;
        // SAFETY: a callback C registered for this signature, given the
        // connection, an alert slot and the argument C set; no sessl lock is held.
        let r = unsafe { cb(ssl, &mut alert, self.servername_arg.get()) };
        // OpenSSL goes on after OK, NOACK and a warning; anything else is fatal.
        match r {
            ERR_OK => Ok(true),
            ERR_ALERT_WARNING | ERR_NOACK => Ok(false),
            _ => Err(HelloRefused(
                u8::try_from(alert).unwrap_or(AD_INTERNAL_ERROR as u8),
            )),
        }
    }

    /// Runs the ALPN callback over the client's list: the chosen protocol,
    /// `None` for no ALPN, `Err` to refuse the handshake.
    fn alpn(&self, ssl: *mut SSL, offered: &[Vec<u8>]) -> Result<Option<Vec<u8>>, HelloRefused> {
        let Some(cb) = self.alpn else {
            return Ok(None);
        };
        if offered.is_empty() {
            return Ok(None);
        }
        let wire = to_wire(offered);
        let mut out: *const c_uchar = std::ptr::null();
        let mut out_len: c_uchar = 0;
        // SAFETY: a callback C registered for this signature; `wire` outlives
        // the call and the chosen bytes are copied before anything else runs.
        let r = unsafe {
            cb(
                ssl,
                &mut out,
                &mut out_len,
                wire.as_ptr(),
                wire.len() as c_uint,
                self.alpn_arg.get(),
            )
        };
        match r {
            ERR_OK if !out.is_null() && out_len > 0 => {
                // SAFETY: the callback points `out` at `out_len` readable bytes.
                let chosen = unsafe { std::slice::from_raw_parts(out, out_len as usize) };
                Ok(Some(chosen.to_vec()))
            }
            // OpenSSL copies the selection with OPENSSL_memdup, which gives
            // NULL for an empty one: a fatal internal error.
            ERR_OK => Err(HelloRefused::INTERNAL_ERROR),
            ERR_NOACK => Ok(None),
            _ => Err(HelloRefused::NO_APPLICATION_PROTOCOL),
        }
    }
}

/// The hook sessl's server calls with each ClientHello: it finds the
/// callbacks where OpenSSL does when each is due.
struct CallbackHook;

impl ClientHelloHook for CallbackHook {
    fn early(&self, conn: &Connection) -> HelloStep {
        callbacks_of(&current_context(conn)).client_hello(lend_ref::<SSL>(conn))
    }

    fn client_hello(
        &self,
        conn: &Connection,
        _server_name: Option<&str>,
        _alpn: &[Vec<u8>],
    ) -> Result<Option<Vec<u8>>, HelloRefused> {
        let now = callbacks_of(&current_context(conn));
        let servername = match now.servername {
            Some(_) => now,
            None => callbacks_of(conn.context()),
        };
        if servername.server_name(lend_ref::<SSL>(conn))? {
            conn.accept_server_name();
        }
        Ok(None)
    }

    fn alpn(
        &self,
        conn: &Connection,
        offered: &[Vec<u8>],
    ) -> Result<Option<Vec<u8>>, HelloRefused> {
        callbacks_of(&current_context(conn)).alpn(lend_ref::<SSL>(conn), offered)
    }

    fn certificate(&self, conn: &Connection) -> HelloStep {
        let ctx = current_context(conn);
        let own = conn.extras().with(|k: &mut OwnCertCallback| *k);
        let (cb, arg) = if own.set && own.context == CArg::new(Arc::as_ptr(&ctx).cast_mut()) {
            (own.cb, own.arg)
        } else {
            let k = callbacks_of(&ctx);
            (k.cert, k.cert_arg)
        };
        let Some(cb) = cb else {
            return HelloStep::Continue;
        };
        // SAFETY: a callback C registered for this signature, given the
        // connection and the argument C set; no sessl lock is held.
        let r = unsafe { cb(lend_ref::<SSL>(conn), arg.get()) };
        step(r, AD_INTERNAL_ERROR)
    }
}

/// Changes the context's callbacks and installs (or removes) its hook.
fn update(ctx: &Context, f: impl FnOnce(&mut HelloCallbacks)) {
    let callbacks = ctx.extras().with(|k: &mut HelloCallbacks| {
        f(k);
        *k
    });
    let any = callbacks.client_hello.is_some()
        || callbacks.servername.is_some()
        || callbacks.alpn.is_some()
        || callbacks.cert.is_some();
    ctx.set_client_hello_hook(any.then(|| Arc::new(CallbackHook) as _));
}

/// SSL_CTX_set_client_hello_cb(3).
pub(crate) fn set_client_hello_cb(ctx: &Context, cb: SSL_client_hello_cb_fn, arg: *mut c_void) {
    update(ctx, |k| {
        k.client_hello = cb;
        k.client_hello_arg = CArg::new(arg);
    });
}

/// SSL_set_cert_cb(3): the connection's own certificate callback.
pub(crate) fn set_connection_cert_cb(conn: &Connection, cb: sessl_cert_cb, arg: *mut c_void) {
    let context = CArg::new(Arc::as_ptr(&current_context(conn)).cast_mut());
    conn.extras().with(|k: &mut OwnCertCallback| {
        *k = OwnCertCallback {
            set: true,
            cb,
            arg: CArg::new(arg),
            context,
        }
    });
    conn.set_hello_hook(cb.map(|_| Arc::new(CallbackHook) as _));
}

/// SSL_CTX_set_tlsext_servername_callback(3), through `SSL_CTX_callback_ctrl`.
pub(crate) fn set_servername_callback(ctx: &Context, fp: sessl_generic_cb) -> bool {
    // SAFETY: the command promises a callback of the servername form.
    let cb = fp.map(|f| unsafe { std::mem::transmute::<unsafe extern "C" fn(), ServerNameCb>(f) });
    update(ctx, |k| k.servername = cb);
    true
}

/// SSL_CTX_set_tlsext_servername_arg(3), through `SSL_CTX_ctrl`.
pub(crate) fn set_servername_arg(ctx: &Context, arg: *mut c_void) -> bool {
    update(ctx, |k| k.servername_arg = CArg::new(arg));
    true
}

/// SSL_CTX_set_alpn_select_cb(3): the server's choice among the protocols the
/// client offers (return values as in OpenSSL: OK, NOACK, ALERT_FATAL).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_alpn_select_cb(
    ctx: *mut SSL_CTX,
    cb: SSL_CTX_alpn_select_cb_func,
    arg: *mut c_void,
) {
    entry!({
        let ctx = try_ref!(ctx);
        update(ctx, |k| {
            k.alpn = cb;
            k.alpn_arg = CArg::new(arg);
        });
    })
}

/// SSL_CTX_set_cert_cb(3): called on a server before its certificate is
/// chosen (1 go on, 0 fail with an internal_error alert, -1 call again:
/// `SSL_ERROR_WANT_X509_LOOKUP`), on a client when its server asks for a
/// certificate. Divergences: a server calls it on resumed handshakes too; a
/// client's -1 sends no certificate, its 0 fails without an alert.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cert_cb(ctx: *mut SSL_CTX, cb: sessl_cert_cb, arg: *mut c_void) {
    entry!({
        let ctx = try_ref!(ctx);
        update(ctx, |k| {
            k.cert = cb;
            k.cert_arg = CArg::new(arg);
        });
    })
}
