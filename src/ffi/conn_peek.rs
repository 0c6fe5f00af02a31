//! SSL_read(3)'s peek forms: `SSL_peek` and `SSL_peek_ex` read decrypted
//! data without consuming it, with `SSL_read`'s results and `SSL_get_error` codes.

use std::ffi::c_void;
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::handles::{c_bytes_mut, set_out};
use super::ssl::to_ret;
use super::types::*;

/// SSL_read(3): `SSL_peek`: up to `num` bytes that the next `SSL_read` returns
/// again; > 0 peeked, else 0/-1 (see `SSL_get_error`).
#[no_mangle]
pub extern "C" fn SSL_peek(ssl: *mut SSL, buf: *mut c_void, num: c_int) -> c_int {
    entry!(fail = -1, {
        let conn = try_ref!(ssl, -1);
        let Some(buf) = c_bytes_mut(buf.cast(), num.max(0) as usize) else {
            return -1;
        };
        to_ret(conn, "SSL_peek", conn.peek(buf), |n| n as c_int)
    })
}

/// SSL_read(3): `SSL_peek_ex`: `SSL_peek` of at most `INT_MAX` bytes; 1 and the
/// count in `*readbytes` when it peeked some, else 0 with `*readbytes` left
/// as it was, as OpenSSL does (`SSL_get_error` tells why).
#[no_mangle]
pub extern "C" fn SSL_peek_ex(
    ssl: *mut SSL,
    buf: *mut c_void,
    num: usize,
    readbytes: *mut usize,
) -> c_int {
    entry!({
        let n = SSL_peek(ssl, buf, c_int::try_from(num).unwrap_or(c_int::MAX));
        if n <= 0 {
            return 0;
        }
        set_out(readbytes, n as usize);
        1
    })
}
