//! `SSL_read_ex(3)` and `SSL_write_ex(3)`, and connection calls sessl cannot
//! do (the ClientHello version, the random and Finished values, post-handshake
//! authentication, ...), which fail with the error.

use std::ffi::c_void;
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::handles::{c_bytes, set_out};
use super::ssl::to_ret;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_set_num_tickets(3): `SSL_new_session_ticket`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_new_session_ticket(_s: *mut SSL) -> c_int {
    entry!({ unsupported!("rustls 0.23 sends tickets only as a handshake ends") })
}

/// SSL_read(3): `SSL_read_ex`: `SSL_read` of at most `INT_MAX` bytes; 1 and the
/// count in `*readbytes` when it read some, 0 otherwise (`SSL_get_error` tells why).
#[no_mangle]
pub extern "C" fn SSL_read_ex(
    ssl: *mut SSL,
    buf: *mut c_void,
    num: usize,
    readbytes: *mut usize,
) -> c_int {
    entry!({
        let n = super::ssl::SSL_read(ssl, buf, c_int::try_from(num).unwrap_or(c_int::MAX));
        set_out(readbytes, usize::try_from(n).unwrap_or(0));
        c_int::from(n > 0)
    })
}

/// SSL_CTX_set_verify(3): `SSL_verify_client_post_handshake`: 0, with
/// OpenSSL's reason (wrong version, not a server, still in the handshake, the
/// client offered no post-handshake authentication); where the client did
/// offer it, "should not have been called": rustls has none.
#[no_mangle]
pub extern "C" fn SSL_verify_client_post_handshake(s: *mut SSL) -> c_int {
    entry!({
        match try_ref!(s).verify_client_post_handshake() {
            crate::ssl::CallRefused::Unsupported => {
                unsupported!("no post-handshake authentication in rustls")
            }
            refused => {
                super::keying::refuse("SSL_verify_client_post_handshake", refused);
                0
            }
        }
    })
}

/// SSL_write(3): `SSL_write_ex`: `SSL_write` of at most `INT_MAX` bytes; 1 and the
/// count in `*written` when it wrote (an empty write, once the handshake is
/// done, is 1 with 0 written, as in OpenSSL), 0 otherwise (`SSL_get_error` tells why).
#[no_mangle]
pub extern "C" fn SSL_write_ex(
    s: *mut SSL,
    buf: *const c_void,
    num: usize,
    written: *mut usize,
) -> c_int {
    entry!({
        set_out(written, 0);
        let conn = try_ref!(s);
        let Some(bytes) = c_bytes(buf.cast(), num.min(c_int::MAX as usize)) else {
            return 0;
        };
        to_ret(conn, "SSL_write_ex", conn.write(bytes), |n| {
            set_out(written, n);
            1
        })
        .clamp(0, 1)
    })
}
