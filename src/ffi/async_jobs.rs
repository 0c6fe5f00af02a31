//! Asynchronous jobs (`SSL_get_all_async_fds(3)`, `SSL_set_async_callback(3)`):
//! sessl never runs an async engine, so no connection ever waits for one.

use std::ffi::c_void;
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::handles::set_out;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_set_async_callback(3): `SSL_CTX_set_async_callback`: sessl never waits for an async job.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_async_callback(
    ctx: *mut SSL_CTX,
    _callback: SSL_async_callback_fn,
) -> c_int {
    entry!({
        unsupported!(accepted, "sessl never waits for an async job");
        c_int::from(!ctx.is_null())
    })
}

/// SSL_set_async_callback(3): `SSL_CTX_set_async_callback_arg`: sessl never waits for an async job.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_async_callback_arg(ctx: *mut SSL_CTX, _arg: *mut c_void) -> c_int {
    entry!({
        unsupported!(accepted, "sessl never waits for an async job");
        c_int::from(!ctx.is_null())
    })
}

/// SSL_get_all_async_fds(3): no fds (`*numfds` = 0); 1.
#[no_mangle]
pub extern "C" fn SSL_get_all_async_fds(
    s: *mut SSL,
    _fds: *mut c_int,
    numfds: *mut usize,
) -> c_int {
    entry!({
        try_ref!(s);
        set_out(numfds, 0);
        1
    })
}

/// SSL_set_async_callback(3): `SSL_get_async_status`: sessl never waits for an async job.
#[no_mangle]
pub extern "C" fn SSL_get_async_status(_s: *mut SSL, _status: *mut c_int) -> c_int {
    entry!({ unsupported!("sessl never waits for an async job") })
}

/// SSL_get_all_async_fds(3): `SSL_get_changed_async_fds`: none added or removed; 1.
#[no_mangle]
pub extern "C" fn SSL_get_changed_async_fds(
    s: *mut SSL,
    _addfd: *mut c_int,
    numaddfds: *mut usize,
    _delfd: *mut c_int,
    numdelfds: *mut usize,
) -> c_int {
    entry!({
        try_ref!(s);
        set_out(numaddfds, 0);
        set_out(numdelfds, 0);
        1
    })
}

/// SSL_set_async_callback(3): sessl never waits for an async job.
#[no_mangle]
pub extern "C" fn SSL_set_async_callback(s: *mut SSL, _callback: SSL_async_callback_fn) -> c_int {
    entry!({
        unsupported!(accepted, "sessl never waits for an async job");
        c_int::from(!s.is_null())
    })
}

/// SSL_set_async_callback(3): `SSL_set_async_callback_arg`: sessl never waits for an async job.
#[no_mangle]
pub extern "C" fn SSL_set_async_callback_arg(s: *mut SSL, _arg: *mut c_void) -> c_int {
    entry!({
        unsupported!(accepted, "sessl never waits for an async job");
        c_int::from(!s.is_null())
    })
}

/// SSL_get_all_async_fds(3): `SSL_waiting_for_async`: 0, no connection waits for a job.
#[no_mangle]
pub extern "C" fn SSL_waiting_for_async(s: *mut SSL) -> c_int {
    entry!({
        try_ref!(s);
        0
    })
}
