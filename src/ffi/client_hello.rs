//! The server's ClientHello callbacks: SSL_CTX_set_tlsext_servername_callback(3)
//! (through `SSL_CTX_callback_ctrl`, its argument through `SSL_CTX_ctrl`) and
//! SSL_CTX_set_alpn_select_cb(3). Both run once the ClientHello has arrived
//! and before the server answers it, servername first, as in OpenSSL.

use std::ffi::c_void;
use std::os::raw::{c_int, c_uchar, c_uint};
use std::sync::Arc;

use super::boundary::{entry, try_ref};
use super::types::*;
use crate::ssl::{ClientHelloHook, Connection, Context, HelloRefused};

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

/// A context's ClientHello callbacks and their arguments (kept as addresses
/// so the record is `Send`; they are C's to keep alive).
#[derive(Default, Clone, Copy)]
struct HelloCallbacks {
    servername: Option<ServerNameCb>,
    servername_arg: usize,
    alpn: SSL_CTX_alpn_select_cb_func,
    alpn_arg: usize,
}

impl HelloCallbacks {
    /// Runs the servername callback; `false` if it refused the handshake.
    fn server_name(&self, ssl: *mut SSL) -> bool {
        let Some(cb) = self.servername else {
            return true;
        };
        let mut alert = AD_UNRECOGNIZED_NAME;
        // SAFETY: a callback C registered for this signature, given the
        // connection, an alert slot and the argument C set; no sessl lock is held.
        let r = unsafe { cb(ssl, &mut alert, self.servername_arg as *mut c_void) };
        // OpenSSL goes on after OK, NOACK and a warning; anything else is fatal.
        matches!(r, ERR_OK | ERR_ALERT_WARNING | ERR_NOACK)
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
        let mut wire = Vec::new();
        for name in offered {
            wire.push(name.len() as u8);
            wire.extend_from_slice(name);
        }
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
                self.alpn_arg as *mut c_void,
            )
        };
        match r {
            ERR_OK if !out.is_null() && out_len > 0 => {
                // SAFETY: the callback points `out` at `out_len` readable bytes.
                let chosen = unsafe { std::slice::from_raw_parts(out, out_len as usize) };
                Ok(Some(chosen.to_vec()))
            }
            ERR_OK | ERR_NOACK => Ok(None),
            _ => Err(HelloRefused),
        }
    }
}

/// The hook sessl's server calls with each ClientHello.
struct CallbackHook(HelloCallbacks);

impl ClientHelloHook for CallbackHook {
    fn client_hello(
        &self,
        conn: &Connection,
        _server_name: Option<&str>,
        alpn: &[Vec<u8>],
    ) -> Result<Option<Vec<u8>>, HelloRefused> {
        let ssl = conn as *const Connection as *mut SSL;
        if !self.0.server_name(ssl) {
            return Err(HelloRefused);
        }
        self.0.alpn(ssl, alpn)
    }
}

/// Changes the context's callbacks and installs (or removes) its hook.
fn update(ctx: &Context, f: impl FnOnce(&mut HelloCallbacks)) {
    let callbacks = ctx.extras().with(|k: &mut HelloCallbacks| {
        f(k);
        *k
    });
    let any = callbacks.servername.is_some() || callbacks.alpn.is_some();
    ctx.set_client_hello_hook(any.then(|| Arc::new(CallbackHook(callbacks)) as _));
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
    update(ctx, |k| k.servername_arg = arg as usize);
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
            k.alpn_arg = arg as usize;
        });
    })
}
