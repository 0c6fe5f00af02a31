//! SSL_read_early_data(3): TLS 1.3 early data, read and written as OpenSSL
//! does (`ssl::Connection::read_early_data` / `write_early_data` over rustls),
//! and SSL_sendfile(3), which needs kernel TLS that sessl does not have.

use std::ffi::c_void;
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::handles::{c_bytes, c_bytes_mut, set_out};
use super::ssl::to_ret;
use super::types::*;
use super::unsupported::unsupported;
use crate::ssl::EarlyRead;

/// `SSL_READ_EARLY_DATA_ERROR`.
const READ_EARLY_DATA_ERROR: c_int = 0;
/// `SSL_READ_EARLY_DATA_SUCCESS`.
const READ_EARLY_DATA_SUCCESS: c_int = 1;
/// `SSL_READ_EARLY_DATA_FINISH`.
const READ_EARLY_DATA_FINISH: c_int = 2;

#[derive(Default)]
pub(super) struct MaxEarlyData(pub(super) u32);

/// SSL_CTX_set_max_early_data(3): what the context's servers accept and
/// announce in their tickets (they then issue stateful tickets: rustls
/// accepts early data only with those); 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_max_early_data(ctx: *mut SSL_CTX, max_early_data: u32) -> c_int {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|m: &mut MaxEarlyData| m.0 = max_early_data);
        1
    })
}

/// SSL_CTX_set_max_early_data(3): `SSL_CTX_get_max_early_data`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_max_early_data(ctx: *const SSL_CTX) -> u32 {
    entry!({ try_ref!(ctx).extras().with(|m: &mut MaxEarlyData| m.0) })
}

/// SSL_read_early_data(3): a server's early data: `SSL_READ_EARLY_DATA_SUCCESS`
/// with bytes, `_FINISH` when there is no more (or none was accepted), `_ERROR`
/// (`SSL_get_error` tells why; a client, or a call after `_FINISH`, is
/// "should not have been called").
#[no_mangle]
pub extern "C" fn SSL_read_early_data(
    ssl: *mut SSL,
    buf: *mut c_void,
    num: usize,
    readbytes: *mut usize,
) -> c_int {
    entry!({
        let conn = try_ref!(ssl);
        let Some(buf) = c_bytes_mut(buf.cast(), num) else {
            return READ_EARLY_DATA_ERROR;
        };
        let read = conn.read_early_data(buf);
        to_ret(conn, "SSL_read_early_data", read, |r| match r {
            EarlyRead::Data(n) => {
                set_out(readbytes, n);
                READ_EARLY_DATA_SUCCESS
            }
            EarlyRead::Finished => {
                set_out(readbytes, 0);
                READ_EARLY_DATA_FINISH
            }
        })
        .max(READ_EARLY_DATA_ERROR)
    })
}

/// SSL_read_early_data(3): `SSL_write_early_data`: a client's early data
/// (before its handshake, with a session allowing it) or a server's data
/// before the client's Finished; 1 and `*written`, else 0.
#[no_mangle]
pub extern "C" fn SSL_write_early_data(
    ssl: *mut SSL,
    buf: *const c_void,
    num: usize,
    written: *mut usize,
) -> c_int {
    entry!({
        let conn = try_ref!(ssl);
        let Some(buf) = c_bytes(buf.cast(), num) else {
            return 0;
        };
        let r = conn.write_early_data(buf);
        to_ret(conn, "SSL_write_early_data", r, |n| {
            set_out(written, n);
            1
        })
        .max(0)
    })
}

/// SSL_write(3): `SSL_sendfile`, kernel TLS only: not available, -1.
#[no_mangle]
pub extern "C" fn SSL_sendfile(
    ssl: *mut SSL,
    _fd: c_int,
    _offset: libc::off_t,
    _size: usize,
    _flags: c_int,
) -> isize {
    entry!(fail = -1, {
        try_ref!(ssl, -1);
        unsupported!("no kernel TLS", fail = -1)
    })
}
