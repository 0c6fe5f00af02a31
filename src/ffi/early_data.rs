//! SSL_read_early_data(3) and friends, and SSL_sendfile(3). sessl accepts no
//! early data and has no kernel TLS: the calls answer as OpenSSL does when
//! there is none.

use std::ffi::c_void;
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::handles::set_out;
use super::types::*;
use super::unsupported::unsupported;

/// `SSL_READ_EARLY_DATA_FINISH`.
const READ_EARLY_DATA_FINISH: c_int = 2;

#[derive(Default)]
struct MaxEarlyData(u32);

/// SSL_CTX_set_max_early_data(3): kept for the getter; no early data is accepted.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_max_early_data(ctx: *mut SSL_CTX, max_early_data: u32) -> c_int {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|m: &mut MaxEarlyData| m.0 = max_early_data);
        if max_early_data != 0 {
            unsupported!(accepted, "kept for the getter; no early data is accepted");
        }
        1
    })
}

/// SSL_CTX_set_max_early_data(3): `SSL_CTX_get_max_early_data`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_max_early_data(ctx: *const SSL_CTX) -> u32 {
    entry!({ try_ref!(ctx).extras().with(|m: &mut MaxEarlyData| m.0) })
}

/// SSL_read_early_data(3): there is no early data: `SSL_READ_EARLY_DATA_FINISH`, 0 bytes.
#[no_mangle]
pub extern "C" fn SSL_read_early_data(
    ssl: *mut SSL,
    _buf: *mut c_void,
    _num: usize,
    readbytes: *mut usize,
) -> c_int {
    entry!({
        try_ref!(ssl);
        set_out(readbytes, 0);
        unsupported!(accepted, "no early data is accepted");
        READ_EARLY_DATA_FINISH
    })
}

/// SSL_read_early_data(3): `SSL_write_early_data`: not supported, 0.
#[no_mangle]
pub extern "C" fn SSL_write_early_data(
    ssl: *mut SSL,
    _buf: *const c_void,
    _num: usize,
    written: *mut usize,
) -> c_int {
    entry!({
        try_ref!(ssl);
        set_out(written, 0);
        unsupported!("rustls sends no early data")
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
