//! Pre-shared keys (`SSL_CTX_set_psk_client_callback(3)`,
//! `SSL_CTX_use_psk_identity_hint(3)`, the TLS 1.3 PSK session callbacks): not
//! in sessl; every setter refuses with the error, never silently.

use std::ffi::c_char;
use std::os::raw::c_int;

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_set_psk_client_callback(3): no external PSKs in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_psk_client_callback(_ctx: *mut SSL_CTX, _cb: SSL_psk_client_cb_func) {
    entry!({ unsupported!("no external PSKs in sessl") })
}

/// SSL_CTX_use_psk_identity_hint(3): `SSL_CTX_set_psk_find_session_callback`: no external PSKs in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_psk_find_session_callback(
    _ctx: *mut SSL_CTX,
    _cb: SSL_psk_find_session_cb_func,
) {
    entry!({ unsupported!("no external PSKs in sessl") })
}

/// SSL_CTX_use_psk_identity_hint(3): `SSL_CTX_set_psk_server_callback`: no external PSKs in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_psk_server_callback(_ctx: *mut SSL_CTX, _cb: SSL_psk_server_cb_func) {
    entry!({ unsupported!("no external PSKs in sessl") })
}

/// SSL_CTX_set_psk_client_callback(3): `SSL_CTX_set_psk_use_session_callback`: no external PSKs in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_psk_use_session_callback(
    _ctx: *mut SSL_CTX,
    _cb: SSL_psk_use_session_cb_func,
) {
    entry!({ unsupported!("no external PSKs in sessl") })
}

/// SSL_CTX_use_psk_identity_hint(3): no external PSKs in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_psk_identity_hint(
    _ctx: *mut SSL_CTX,
    _identity_hint: *const c_char,
) -> c_int {
    entry!({ unsupported!("no external PSKs in sessl") })
}

/// SSL_get_psk_identity(3): no external PSKs in sessl.
#[no_mangle]
pub extern "C" fn SSL_get_psk_identity(_s: *const SSL) -> *const c_char {
    entry!({ unsupported!("no external PSKs in sessl") })
}

/// SSL_get_psk_identity(3): `SSL_get_psk_identity_hint`: no external PSKs in sessl.
#[no_mangle]
pub extern "C" fn SSL_get_psk_identity_hint(_s: *const SSL) -> *const c_char {
    entry!({ unsupported!("no external PSKs in sessl") })
}

/// SSL_CTX_set_psk_client_callback(3): `SSL_set_psk_client_callback`: no external PSKs in sessl.
#[no_mangle]
pub extern "C" fn SSL_set_psk_client_callback(_ssl: *mut SSL, _cb: SSL_psk_client_cb_func) {
    entry!({ unsupported!("no external PSKs in sessl") })
}

/// SSL_CTX_use_psk_identity_hint(3): `SSL_set_psk_find_session_callback`: no external PSKs in sessl.
#[no_mangle]
pub extern "C" fn SSL_set_psk_find_session_callback(
    _s: *mut SSL,
    _cb: SSL_psk_find_session_cb_func,
) {
    entry!({ unsupported!("no external PSKs in sessl") })
}

/// SSL_CTX_use_psk_identity_hint(3): `SSL_set_psk_server_callback`: no external PSKs in sessl.
#[no_mangle]
pub extern "C" fn SSL_set_psk_server_callback(_ssl: *mut SSL, _cb: SSL_psk_server_cb_func) {
    entry!({ unsupported!("no external PSKs in sessl") })
}

/// SSL_CTX_set_psk_client_callback(3): `SSL_set_psk_use_session_callback`: no external PSKs in sessl.
#[no_mangle]
pub extern "C" fn SSL_set_psk_use_session_callback(_s: *mut SSL, _cb: SSL_psk_use_session_cb_func) {
    entry!({ unsupported!("no external PSKs in sessl") })
}

/// SSL_CTX_use_psk_identity_hint(3): `SSL_use_psk_identity_hint`: no external PSKs in sessl.
#[no_mangle]
pub extern "C" fn SSL_use_psk_identity_hint(_s: *mut SSL, _identity_hint: *const c_char) -> c_int {
    entry!({ unsupported!("no external PSKs in sessl") })
}
