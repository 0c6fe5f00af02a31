//! Certificate Transparency (`SSL_CTX_enable_ct(3)`): rustls does not check
//! SCTs, so enabling CT fails (never a silent no-op) and there are no SCTs.

use std::ffi::{c_char, c_void};
use std::os::raw::c_int;

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_set_ct_validation_callback(3): `SSL_CTX_ct_is_enabled`: no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_ct_is_enabled(_ctx: *const SSL_CTX) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// SSL_CTX_set_ct_validation_callback(3): `SSL_CTX_enable_ct`: no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_enable_ct(_ctx: *mut SSL_CTX, _validation_mode: c_int) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// `SSL_CTX_get0_ctlog_store` (no man page): no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_ctlog_store(_ctx: *const SSL_CTX) -> *const CTLOG_STORE {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// `SSL_CTX_set0_ctlog_store` (no man page): no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set0_ctlog_store(_ctx: *mut SSL_CTX, _logs: *mut CTLOG_STORE) {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// SSL_CTX_set_ct_validation_callback(3): no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ct_validation_callback(
    _ctx: *mut SSL_CTX,
    _callback: ssl_ct_validation_cb,
    _arg: *mut c_void,
) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// SSL_CTX_set_ctlog_list_file(3): no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ctlog_list_file(_ctx: *mut SSL_CTX, _path: *const c_char) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// SSL_CTX_set_ctlog_list_file(3): `SSL_CTX_set_default_ctlog_list_file`: no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_ctlog_list_file(_ctx: *mut SSL_CTX) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// SSL_CTX_set_ct_validation_callback(3): `SSL_ct_is_enabled`: no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_ct_is_enabled(_s: *const SSL) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// SSL_CTX_set_ct_validation_callback(3): `SSL_enable_ct`: no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_enable_ct(_s: *mut SSL, _validation_mode: c_int) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// SSL_get0_peer_scts(3): no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_get0_peer_scts(_s: *mut SSL) -> *const stack_st_SCT {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// SSL_CTX_set_ct_validation_callback(3): `SSL_set_ct_validation_callback`: no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_set_ct_validation_callback(
    _s: *mut SSL,
    _callback: ssl_ct_validation_cb,
    _arg: *mut c_void,
) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}
