//! SSL_new(3), the transport, the handshake and I/O of a connection.

use std::ffi::{c_char, c_void};
use std::os::raw::{c_int, c_uchar, c_uint};

use super::boundary::{entry, function_name, try_ref, try_some};
use super::err;
use super::fd::fd as fd_transport;
use super::handles::{c_bytes, c_bytes_mut, clone_arc, lend, release, to_c, to_static, up_ref};
use super::types::*;
use crate::session::{id_context, MAX_ID_CONTEXT_LEN};
use crate::ssl::{Connection, ErrorKind, Failure, Refusal, Role};

/// SSL_new(3): a connection of `ctx`, or NULL.
#[no_mangle]
pub extern "C" fn SSL_new(ctx: *mut SSL_CTX) -> *mut SSL {
    entry!({
        let ctx = try_some!(clone_arc(ctx));
        let conn = Connection::new(ctx.clone());
        conn.adopt_method(ctx.protocol_method());
        super::quiet_shutdown::inherit(&ctx, &conn);
        super::early_data_limits::inherit(&ctx, &conn);
        super::verify::inherit(&ctx, &conn);
        super::security::inherit(&ctx, &conn);
        super::msg_callback::inherit(&ctx, &conn);
        to_c(conn)
    })
}

/// SSL_free(3): drops one reference; the last one discards a session that
/// was not shut down cleanly.
#[no_mangle]
pub extern "C" fn SSL_free(ssl: *mut SSL) {
    entry!({ release(ssl) })
}

/// SSL_new(3): `SSL_up_ref` adds one reference; 1 on success.
#[no_mangle]
pub extern "C" fn SSL_up_ref(ssl: *mut SSL) -> c_int {
    entry!({ c_int::from(up_ref(ssl)) })
}

/// SSL_get_SSL_CTX(3): the context (borrowed): the one `SSL_set_SSL_CTX`
/// moved the connection to, else the one it was made from.
#[no_mangle]
pub extern "C" fn SSL_get_SSL_CTX(ssl: *const SSL) -> *mut SSL_CTX {
    entry!({
        let conn = try_ref!(ssl);
        match conn.switched_context() {
            // The connection keeps its own reference, so the pointer stays valid.
            Some(other) => lend(&other),
            None => lend(conn.context()),
        }
    })
}

/// SSL_set_fd(3): reads and writes `fd` (in place of any BIO); 1 on success.
#[no_mangle]
pub extern "C" fn SSL_set_fd(ssl: *mut SSL, fd: c_int) -> c_int {
    entry!({
        let conn = try_ref!(ssl);
        super::bio::SSL_set0_rbio(ssl, std::ptr::null_mut());
        super::bio::SSL_set0_wbio(ssl, std::ptr::null_mut());
        conn.set_fd_transport(Some(fd_transport(fd)), Some(fd_transport(fd)));
        super::descriptors::record(conn, Some(fd), Some(fd));
        1
    })
}

/// SSL_set_fd(3): `SSL_set_rfd`, the descriptor to read from.
#[no_mangle]
pub extern "C" fn SSL_set_rfd(ssl: *mut SSL, fd: c_int) -> c_int {
    entry!({
        let conn = try_ref!(ssl);
        super::bio::SSL_set0_rbio(ssl, std::ptr::null_mut());
        conn.set_fd_transport(Some(fd_transport(fd)), None);
        super::descriptors::record(conn, Some(fd), None);
        1
    })
}

/// SSL_set_fd(3): `SSL_set_wfd`, the descriptor to write to.
#[no_mangle]
pub extern "C" fn SSL_set_wfd(ssl: *mut SSL, fd: c_int) -> c_int {
    entry!({
        let conn = try_ref!(ssl);
        super::bio::SSL_set0_wbio(ssl, std::ptr::null_mut());
        conn.set_fd_transport(None, Some(fd_transport(fd)));
        super::descriptors::record(conn, None, Some(fd));
        1
    })
}

/// SSL_set_connect_state(3): the connection will be a client.
#[no_mangle]
pub extern "C" fn SSL_set_connect_state(ssl: *mut SSL) {
    entry!({ try_ref!(ssl).set_connect_state() })
}

/// SSL_set_connect_state(3): `SSL_set_accept_state`, the connection will be a server.
#[no_mangle]
pub extern "C" fn SSL_set_accept_state(ssl: *mut SSL) {
    entry!({ try_ref!(ssl).set_accept_state() })
}

/// SSL_set_connect_state(3): `SSL_is_server`.
#[no_mangle]
pub extern "C" fn SSL_is_server(ssl: *const SSL) -> c_int {
    entry!({ c_int::from(try_ref!(ssl).role() == Some(Role::Server)) })
}

/// The C result of an I/O call; a failure also goes onto libcrypto's error queue.
pub(crate) fn to_ret<T>(
    conn: &Connection,
    func: &str,
    r: Result<T, Failure>,
    ok: impl FnOnce(T) -> c_int,
) -> c_int {
    match r {
        Ok(v) => ok(v),
        Err(f) => {
            if let Some(detail) = conn.take_error() {
                err::raise(func, &detail);
            }
            f.ret
        }
    }
}

/// A handshake the connection's method has no function for: 0, with
/// OpenSSL's "called a function you should not call".
fn method_cannot(func: &str, why: &str) -> c_int {
    err::raise(func, &crate::ssl::Error::Unsupported(why.to_string()));
    0
}

/// SSL_connect(3): 1 when the client handshake is done, else 0/-1 (see `SSL_get_error`).
#[no_mangle]
pub extern "C" fn SSL_connect(ssl: *mut SSL) -> c_int {
    entry!(fail = -1, {
        let conn = try_ref!(ssl, -1);
        if !conn.method_plays(Role::Client) {
            return method_cannot("SSL_connect", "a server method cannot connect");
        }
        to_ret(conn, "SSL_connect", conn.connect(), |_| 1)
    })
}

/// SSL_accept(3): 1 when the server handshake is done, else 0/-1.
#[no_mangle]
pub extern "C" fn SSL_accept(ssl: *mut SSL) -> c_int {
    entry!(fail = -1, {
        let conn = try_ref!(ssl, -1);
        if !conn.method_plays(Role::Server) {
            return method_cannot("SSL_accept", "a client method cannot accept");
        }
        to_ret(conn, "SSL_accept", conn.accept(), |_| 1)
    })
}

/// SSL_do_handshake(3): runs the handshake in the role already set.
#[no_mangle]
pub extern "C" fn SSL_do_handshake(ssl: *mut SSL) -> c_int {
    entry!(fail = -1, {
        let conn = try_ref!(ssl, -1);
        if conn.role().is_some_and(|role| !conn.method_plays(role)) {
            return method_cannot("SSL_do_handshake", "the method cannot play this role");
        }
        to_ret(conn, "SSL_do_handshake", conn.do_handshake(), |_| 1)
    })
}

/// SSL_read(3): up to `num` bytes; > 0 read, else 0/-1 (see `SSL_get_error`).
#[no_mangle]
pub extern "C" fn SSL_read(ssl: *mut SSL, buf: *mut c_void, num: c_int) -> c_int {
    entry!(fail = -1, {
        let conn = try_ref!(ssl, -1);
        let Some(buf) = c_bytes_mut(buf.cast(), num.max(0) as usize) else {
            return -1;
        };
        to_ret(conn, "SSL_read", conn.read(buf), |n| n as c_int)
    })
}

/// SSL_write(3): writes all `num` bytes; returns `num`, else 0/-1.
#[no_mangle]
pub extern "C" fn SSL_write(ssl: *mut SSL, buf: *const c_void, num: c_int) -> c_int {
    entry!(fail = -1, {
        let conn = try_ref!(ssl, -1);
        let Some(buf) = c_bytes(buf.cast(), num.max(0) as usize) else {
            return -1;
        };
        to_ret(conn, "SSL_write", conn.write(buf), |n| n as c_int)
    })
}

/// SSL_pending(3): decrypted bytes ready for `SSL_read`.
#[no_mangle]
pub extern "C" fn SSL_pending(ssl: *const SSL) -> c_int {
    entry!({ try_ref!(ssl).pending() as c_int })
}

/// SSL_pending(3): `SSL_has_pending`.
#[no_mangle]
pub extern "C" fn SSL_has_pending(ssl: *const SSL) -> c_int {
    entry!({ c_int::from(try_ref!(ssl).pending() > 0) })
}

/// Whether an error is queued on this thread.
fn error_queued() -> bool {
    // SAFETY: reads libcrypto's thread-local error queue; no arguments.
    unsafe { openssl_sys::ERR_peek_last_error() != 0 }
}

/// SSL_get_error(3): the `SSL_ERROR_*` code for the last call's result `ret`.
#[no_mangle]
pub extern "C" fn SSL_get_error(ssl: *const SSL, ret: c_int) -> c_int {
    entry!(fail = 1, {
        match try_ref!(ssl, 1).error_kind(ret) {
            // As OpenSSL: a failure with an error queued is SSL_ERROR_SSL.
            ErrorKind::None if ret <= 0 && error_queued() => 1,
            // As OpenSSL: a result of 0 or less with nothing else to say is
            // SSL_ERROR_SYSCALL (an `SSL_write` of 0 bytes returns 0 and is
            // that; openssl s_client relies on it).
            ErrorKind::None if ret <= 0 => 5,
            ErrorKind::None => 0,
            ErrorKind::Ssl => 1,
            ErrorKind::WantRead => 2,
            ErrorKind::WantWrite => 3,
            ErrorKind::Syscall => 5,
            ErrorKind::ZeroReturn => 6,
            ErrorKind::WantX509Lookup => 4,
            ErrorKind::WantClientHelloCb => 11,
        }
    })
}

/// SSL_shutdown(3): 0 after sending close_notify, 1 once the peer's arrived, -1 on error.
#[no_mangle]
pub extern "C" fn SSL_shutdown(ssl: *mut SSL) -> c_int {
    entry!(fail = -1, {
        let conn = try_ref!(ssl, -1);
        to_ret(conn, "SSL_shutdown", conn.shutdown(), c_int::from)
    })
}

/// SSL_set_shutdown(3): `SSL_get_shutdown`, `SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN` bits.
#[no_mangle]
pub extern "C" fn SSL_get_shutdown(ssl: *const SSL) -> c_int {
    entry!({ try_ref!(ssl).shutdown_state() })
}

/// SSL_set_shutdown(3): sets the bits without sending anything.
#[no_mangle]
pub extern "C" fn SSL_set_shutdown(ssl: *mut SSL, mode: c_int) {
    entry!({ try_ref!(ssl).set_shutdown_state(mode) })
}

/// SSL_clear(3): ready for a new handshake, keeping a good session; 1.
#[no_mangle]
pub extern "C" fn SSL_clear(ssl: *mut SSL) -> c_int {
    entry!({
        let conn = try_ref!(ssl);
        conn.clear();
        conn.reset_protocol_method();
        1
    })
}

/// SSL_get_version(3): the name of `SSL_version`'s version ("TLSv1.3",
/// "TLSv1.2", ...; a version-flexible method's is "TLSv1.3" before a
/// handshake agrees on one, as in OpenSSL).
#[no_mangle]
pub extern "C" fn SSL_get_version(ssl: *const SSL) -> *const c_char {
    entry!({ crate::session::protocol_name(try_ref!(ssl).reported_version()).as_ptr() })
}

/// SSL_get_version(3): `SSL_version`, the protocol number (`TLS1_3_VERSION`,
/// ...): the one agreed, else the method's (`TLS1_3_VERSION` for a
/// version-flexible method), as in OpenSSL.
#[no_mangle]
pub extern "C" fn SSL_version(ssl: *const SSL) -> c_int {
    entry!({ c_int::from(try_ref!(ssl).reported_version()) })
}

/// SSL_get_current_cipher(3): the negotiated suite (static), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_current_cipher(ssl: *const SSL) -> *const SSL_CIPHER {
    entry!({
        match try_ref!(ssl).cipher() {
            Some(c) => to_static(c),
            None => std::ptr::null(),
        }
    })
}

/// SSL_in_init(3): `SSL_is_init_finished`, 1 once the handshake is complete.
#[no_mangle]
pub extern "C" fn SSL_is_init_finished(ssl: *const SSL) -> c_int {
    entry!({ c_int::from(try_ref!(ssl).is_init_finished()) })
}

/// SSL_in_init(3): 1 while the handshake is not complete.
#[no_mangle]
pub extern "C" fn SSL_in_init(ssl: *const SSL) -> c_int {
    entry!({ c_int::from(!try_ref!(ssl).is_init_finished()) })
}

/// SSL_CTX_set_options(3): `SSL_set_options`; returns the new options.
#[no_mangle]
pub extern "C" fn SSL_set_options(ssl: *mut SSL, op: u64) -> u64 {
    entry!({ try_ref!(ssl).set_options(op) })
}

/// SSL_CTX_set_options(3): `SSL_clear_options`; returns the new options.
#[no_mangle]
pub extern "C" fn SSL_clear_options(ssl: *mut SSL, op: u64) -> u64 {
    entry!({ try_ref!(ssl).clear_options(op) })
}

/// SSL_CTX_set_options(3): `SSL_get_options`.
#[no_mangle]
pub extern "C" fn SSL_get_options(ssl: *const SSL) -> u64 {
    entry!({ try_ref!(ssl).options() })
}

/// SSL_CTX_set_session_id_context(3): `SSL_set_session_id_context`.
#[no_mangle]
pub extern "C" fn SSL_set_session_id_context(
    ssl: *mut SSL,
    sid_ctx: *const c_uchar,
    sid_ctx_len: c_uint,
) -> c_int {
    entry!({
        let conn = try_ref!(ssl);
        if sid_ctx_len as usize > MAX_ID_CONTEXT_LEN {
            return err::refuse(function_name!(), Refusal::IdContextTooLong);
        }
        let Some(id_context) = c_bytes(sid_ctx, sid_ctx_len as usize).and_then(id_context) else {
            return 0;
        };
        c_int::from(conn.set_id_context(&id_context))
    })
}

/// SSL_CTX_set_quiet_shutdown(3): `SSL_set_quiet_shutdown`; when on,
/// `SSL_shutdown` sends nothing and reports both directions closed.
#[no_mangle]
pub extern "C" fn SSL_set_quiet_shutdown(ssl: *mut SSL, mode: c_int) {
    entry!({ try_ref!(ssl).set_quiet_shutdown(mode != 0) })
}

/// SSL_get_SSL_CTX(3): `SSL_set_SSL_CTX`: a server connection takes the
/// certificate, the trust stores, the client CA names and the cert-verify
/// callback of `ctx` (typically from a servername callback); its other
/// settings and its sessions stay with the context it was made from, as in
/// OpenSSL. Returns the connection's context now, or NULL for a client or a
/// server that has answered (another context is then not supported).
#[no_mangle]
pub extern "C" fn SSL_set_SSL_CTX(ssl: *mut SSL, ctx: *mut SSL_CTX) -> *mut SSL_CTX {
    entry!({
        let conn = try_ref!(ssl);
        match conn.switch_context(clone_arc(ctx)) {
            Some((now, moved)) => {
                if moved {
                    super::verify::switch_stores(&now, conn);
                }
                lend(&now)
            }
            None => {
                log::warn!(
                    "SSL_set_SSL_CTX: only a server that has not answered the ClientHello can move"
                );
                std::ptr::null_mut()
            }
        }
    })
}

/// The server name handed out by `SSL_get_servername`, kept with the connection.
#[derive(Default)]
struct LentServerName(Option<std::ffi::CString>);

/// SSL_CTX_set_tlsext_servername_callback(3): `SSL_get_servername`: the name
/// the client sent (server) or will send (client), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_servername(ssl: *const SSL, kind: c_int) -> *const c_char {
    entry!({
        let conn = try_ref!(ssl);
        if kind != 0 {
            return std::ptr::null();
        }
        let name = conn.hostname().and_then(|n| std::ffi::CString::new(n).ok());
        conn.extras().with(|k: &mut LentServerName| {
            if k.0 != name {
                k.0 = name;
            }
            k.0.as_ref().map_or(std::ptr::null(), |n| n.as_ptr())
        })
    })
}
