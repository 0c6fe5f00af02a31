//! The application's security callback asked before a handshake, as libssl
//! asks it while building its hello: `SSL_SECOP_VERSION` per version,
//! `SSL_SECOP_TICKET`,
//! `SSL_SECOP_CIPHER_SUPPORTED` per suite (a server:
//! `SSL_SECOP_CIPHER_SHARED`, as it chooses), `SSL_SECOP_CURVE_SUPPORTED` per
//! group, with libssl's arguments (the connection, its context, the bits of
//! security, the NID, and the `SSL_CIPHER` or the group's two bytes).

use std::ffi::c_void;
use std::os::raw::c_int;
use std::sync::Arc;

use super::conn_facts::group_nid;
use super::handles::{lend_ref, to_static};
use super::types::*;
use crate::ssl::security_level::group_bits;
use crate::ssl::{Connection, Role, SecurityHook, SecurityQuestion};

/// `SSL_SECOP_OTHER_CIPHER`, `SSL_SECOP_OTHER_CURVE` (the `other` argument's kind).
const OTHER_CIPHER: c_int = 1 << 16;
const OTHER_CURVE: c_int = 2 << 16;
/// `SSL_SECOP_CIPHER_SUPPORTED`, `SSL_SECOP_CURVE_SUPPORTED`, `SSL_SECOP_VERSION`.
const CIPHER_SUPPORTED: c_int = 1 | OTHER_CIPHER;
/// `SSL_SECOP_CIPHER_SHARED`: what a server asks as it chooses.
const CIPHER_SHARED: c_int = 2 | OTHER_CIPHER;
const CURVE_SUPPORTED: c_int = 4 | OTHER_CURVE;
const VERSION: c_int = 9;
/// `SSL_SECOP_TICKET`.
const TICKET: c_int = 10;

/// Asks a connection's C callback.
struct CallbackHook;

impl SecurityHook for CallbackHook {
    fn has_callback(&self, conn: &Connection) -> bool {
        super::security::connection_callback(conn).cb.is_some()
    }

    fn allows(&self, conn: &Connection, question: SecurityQuestion) -> bool {
        let callback = super::security::connection_callback(conn);
        let Some(cb) = callback.cb else {
            return true;
        };
        let mut group_bytes = match question {
            SecurityQuestion::Group(g) => g.to_be_bytes(),
            _ => [0u8; 2],
        };
        let (op, bits, nid, other): (c_int, c_int, c_int, *mut c_void) = match question {
            SecurityQuestion::Version(v) => (VERSION, 0, c_int::from(v), std::ptr::null_mut()),
            SecurityQuestion::Ticket => (TICKET, 0, 0, std::ptr::null_mut()),
            SecurityQuestion::Cipher(c) => (
                if conn.role() == Some(Role::Server) {
                    CIPHER_SHARED
                } else {
                    CIPHER_SUPPORTED
                },
                c.bits,
                0,
                to_static::<SSL_CIPHER>(c).cast_mut().cast(),
            ),
            SecurityQuestion::Group(g) => (
                CURVE_SUPPORTED,
                group_bits(rustls::NamedGroup::from(g)),
                group_nid(g),
                group_bytes.as_mut_ptr().cast(),
            ),
        };
        let ssl = lend_ref::<SSL>(conn);
        let ctx = lend_ref::<SSL_CTX>(conn.context());
        // SAFETY: the application's callback, called with no sessl lock held
        // and with what libssl passes: the connection, its context, the
        // question's bits, NID and object (alive for the call), its ex_data.
        unsafe { cb(ssl, ctx, op, bits, nid, other, callback.ex.get()) != 0 }
    }
}

/// Installs the hook (once, when a program first sets a callback).
pub(super) fn install() {
    crate::ssl::install_security_hook(Arc::new(CallbackHook));
}
