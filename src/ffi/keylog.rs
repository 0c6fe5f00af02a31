//! SSL_CTX_set_keylog_callback(3): every secret a connection derives, as a
//! line of the NSS key log format.

use std::ffi::CString;
use std::fmt::Write;

use super::boundary::{entry, try_ref};
use super::types::*;
use crate::ssl::{Connection, KeyLogHook};

/// A C key-log callback.
struct CKeyLog(unsafe extern "C" fn(*const SSL, *const std::ffi::c_char));

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

impl KeyLogHook for CKeyLog {
    fn log(&self, conn: &Connection, label: &str, client_random: &[u8], secret: &[u8]) {
        let line = format!("{label} {} {}", hex(client_random), hex(secret));
        let Ok(line) = CString::new(line) else { return };
        let ssl = conn as *const Connection as *const SSL;
        // SAFETY: the callback was registered by C for this signature; `ssl`
        // is the live connection and `line` outlives the call. No lock is held.
        unsafe { (self.0)(ssl, line.as_ptr()) }
    }
}

/// SSL_CTX_set_keylog_callback(3): sets (or clears, with NULL) the callback.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_keylog_callback(ctx: *mut SSL_CTX, cb: SSL_CTX_keylog_cb_func) {
    entry!({
        let ctx = try_ref!(ctx);
        ctx.set_key_log_hook(cb.map(|cb| std::sync::Arc::new(CKeyLog(cb)) as _));
        ctx.extras().with(|kept: &mut KeptKeyLog| kept.0 = cb);
    })
}

/// The callback as given, for the getter.
#[derive(Default)]
struct KeptKeyLog(SSL_CTX_keylog_cb_func);

/// SSL_CTX_set_keylog_callback(3): `SSL_CTX_get_keylog_callback`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_keylog_callback(ctx: *const SSL_CTX) -> SSL_CTX_keylog_cb_func {
    entry!({ try_ref!(ctx).extras().with(|kept: &mut KeptKeyLog| kept.0) })
}
