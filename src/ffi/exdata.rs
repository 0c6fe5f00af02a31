//! SSL_set_ex_data(3) and SSL_CTX_set_ex_data(3): application pointers kept
//! by index (indexes come from libcrypto's `CRYPTO_get_ex_new_index`, which
//! `SSL_get_ex_new_index` expands to).

use std::collections::HashMap;
use std::ffi::c_void;
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::owned::CArg;
use super::types::*;

/// Pointers by index.
#[derive(Default)]
struct ExData(HashMap<c_int, CArg>);

/// SSL_get_ex_data(3): `SSL_set_ex_data`; 1 on success.
#[no_mangle]
pub extern "C" fn SSL_set_ex_data(ssl: *mut SSL, idx: c_int, data: *mut c_void) -> c_int {
    entry!({
        let conn = try_ref!(ssl);
        conn.extras()
            .with(|e: &mut ExData| e.0.insert(idx, CArg::new(data)));
        1
    })
}

/// SSL_get_ex_data(3): the pointer stored at `idx`, or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_ex_data(ssl: *const SSL, idx: c_int) -> *mut c_void {
    entry!({
        let conn = try_ref!(ssl);
        conn.extras()
            .with(|e: &mut ExData| e.0.get(&idx).copied().unwrap_or_default())
            .get()
    })
}

/// SSL_get_ex_data(3): `SSL_CTX_set_ex_data`; 1 on success.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ex_data(ctx: *mut SSL_CTX, idx: c_int, data: *mut c_void) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        ctx.extras()
            .with(|e: &mut ExData| e.0.insert(idx, CArg::new(data)));
        1
    })
}

/// SSL_get_ex_data(3): `SSL_CTX_get_ex_data`, the pointer at `idx`, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_ex_data(ctx: *const SSL_CTX, idx: c_int) -> *mut c_void {
    entry!({
        let ctx = try_ref!(ctx);
        ctx.extras()
            .with(|e: &mut ExData| e.0.get(&idx).copied().unwrap_or_default())
            .get()
    })
}
