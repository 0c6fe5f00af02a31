//! Early data limits (`SSL_CTX_set_max_early_data(3)` and the rest):
//! sessl accepts no early data, so none of these can take effect.

use std::ffi::c_void;
use std::os::raw::c_int;

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_read_early_data(3): `SSL_CTX_get_recv_max_early_data`: sessl accepts no early data.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_recv_max_early_data(_ctx: *const SSL_CTX) -> u32 {
    entry!({ unsupported!("sessl accepts no early data") })
}

/// SSL_read_early_data(3): `SSL_CTX_set_allow_early_data_cb`: sessl accepts no early data: the callback would never be asked.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_allow_early_data_cb(
    _ctx: *mut SSL_CTX,
    _cb: SSL_allow_early_data_cb_fn,
    _arg: *mut c_void,
) {
    entry!({
        unsupported!(
            accepted,
            "sessl accepts no early data: the callback would never be asked"
        )
    })
}

/// SSL_read_early_data(3): `SSL_CTX_set_recv_max_early_data`: sessl accepts no early data.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_recv_max_early_data(
    _ctx: *mut SSL_CTX,
    _recv_max_early_data: u32,
) -> c_int {
    entry!({ unsupported!("sessl accepts no early data") })
}

/// SSL_read_early_data(3): `SSL_get_early_data_status`: sessl accepts no early data.
#[no_mangle]
pub extern "C" fn SSL_get_early_data_status(_s: *const SSL) -> c_int {
    entry!({ unsupported!("sessl accepts no early data") })
}

/// SSL_read_early_data(3): `SSL_get_max_early_data`: sessl accepts no early data.
#[no_mangle]
pub extern "C" fn SSL_get_max_early_data(_s: *const SSL) -> u32 {
    entry!({ unsupported!("sessl accepts no early data") })
}

/// SSL_read_early_data(3): `SSL_get_recv_max_early_data`: sessl accepts no early data.
#[no_mangle]
pub extern "C" fn SSL_get_recv_max_early_data(_s: *const SSL) -> u32 {
    entry!({ unsupported!("sessl accepts no early data") })
}

/// SSL_read_early_data(3): `SSL_set_allow_early_data_cb`: sessl accepts no early data: the callback would never be asked.
#[no_mangle]
pub extern "C" fn SSL_set_allow_early_data_cb(
    _s: *mut SSL,
    _cb: SSL_allow_early_data_cb_fn,
    _arg: *mut c_void,
) {
    entry!({
        unsupported!(
            accepted,
            "sessl accepts no early data: the callback would never be asked"
        )
    })
}

/// SSL_read_early_data(3): `SSL_set_max_early_data`: sessl accepts no early data.
#[no_mangle]
pub extern "C" fn SSL_set_max_early_data(_s: *mut SSL, _max_early_data: u32) -> c_int {
    entry!({ unsupported!("sessl accepts no early data") })
}

/// SSL_read_early_data(3): `SSL_set_recv_max_early_data`: sessl accepts no early data.
#[no_mangle]
pub extern "C" fn SSL_set_recv_max_early_data(_s: *mut SSL, _recv_max_early_data: u32) -> c_int {
    entry!({ unsupported!("sessl accepts no early data") })
}
