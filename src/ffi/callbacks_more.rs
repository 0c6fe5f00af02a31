//! Callbacks sessl does not call (NPN, record padding, session id generation,
//! session secrets, ...) and the connection-level versions of callbacks sessl
//! keeps only on the context.

use std::ffi::c_void;
use std::os::raw::{c_int, c_long, c_uchar, c_uint};

use super::boundary::{entry, try_ref};
use super::handles::set_out;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_set_record_padding_callback(3): `SSL_CTX_get_record_padding_callback_arg`: no record padding control in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_record_padding_callback_arg(_ctx: *const SSL_CTX) -> *mut c_void {
    entry!({ unsupported!("no record padding control in rustls") })
}

/// `SSL_CTX_set_client_cert_engine` (no man page): no engines in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_client_cert_engine(_ctx: *mut SSL_CTX, _e: *mut ENGINE) -> c_int {
    entry!({ unsupported!("no engines in sessl") })
}

/// SSL_CTX_set_generate_session_id(3): rustls makes its own session ids.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_generate_session_id(
    _ctx: *mut SSL_CTX,
    _cb: GEN_SESSION_CB,
) -> c_int {
    entry!({ unsupported!("rustls makes its own session ids") })
}

/// SSL_CTX_set_alpn_select_cb(3): `SSL_CTX_set_next_proto_select_cb`: no NPN in rustls: ALPN is negotiated instead.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_next_proto_select_cb(
    _s: *mut SSL_CTX,
    _cb: SSL_CTX_npn_select_cb_func,
    _arg: *mut c_void,
) {
    entry!({ unsupported!(accepted, "no NPN in rustls: ALPN is negotiated instead") })
}

/// SSL_CTX_set_alpn_select_cb(3): `SSL_CTX_set_next_protos_advertised_cb`: no NPN in rustls: ALPN is negotiated instead.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_next_protos_advertised_cb(
    _s: *mut SSL_CTX,
    _cb: SSL_CTX_npn_advertised_cb_func,
    _arg: *mut c_void,
) {
    entry!({ unsupported!(accepted, "no NPN in rustls: ALPN is negotiated instead") })
}

/// SSL_CTX_set_record_padding_callback(3): no record padding control in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_record_padding_callback(
    _ctx: *mut SSL_CTX,
    _cb: sessl_record_padding_cb,
) {
    entry!({ unsupported!("no record padding control in rustls") })
}

/// SSL_CTX_set_record_padding_callback(3): `SSL_CTX_set_record_padding_callback_arg`: no record padding control in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_record_padding_callback_arg(_ctx: *mut SSL_CTX, _arg: *mut c_void) {
    entry!({ unsupported!("no record padding control in rustls") })
}

/// SSL_CTX_ctrl(3): `SSL_callback_ctrl`: no connection-level callback commands in sessl.
#[no_mangle]
pub extern "C" fn SSL_callback_ctrl(
    _arg0: *mut SSL,
    _arg1: c_int,
    _cb: sessl_generic_cb,
) -> c_long {
    entry!({ unsupported!("no connection-level callback commands in sessl") })
}

/// SSL_CTX_set_alpn_select_cb(3): `SSL_get0_next_proto_negotiated`: none (NULL, 0):
/// rustls has no NPN.
#[no_mangle]
pub extern "C" fn SSL_get0_next_proto_negotiated(
    _s: *const SSL,
    data: *mut *const c_uchar,
    len: *mut c_uint,
) {
    entry!({
        set_out(data, std::ptr::null());
        set_out(len, 0);
    })
}

/// SSL_CTX_set_record_padding_callback(3): `SSL_get_record_padding_callback_arg`: no record padding control in rustls.
#[no_mangle]
pub extern "C" fn SSL_get_record_padding_callback_arg(_ssl: *const SSL) -> *mut c_void {
    entry!({ unsupported!("no record padding control in rustls") })
}

/// SSL_CTX_set_cert_cb(3): `SSL_set_cert_cb`: the connection's own certificate
/// callback, until `SSL_set_SSL_CTX` moves it (as SSL_CTX_set_cert_cb otherwise).
#[no_mangle]
pub extern "C" fn SSL_set_cert_cb(s: *mut SSL, cb: sessl_cert_cb, arg: *mut c_void) {
    entry!({ super::client_hello::set_connection_cert_cb(try_ref!(s), cb, arg) })
}

/// SSL_CTX_set_generate_session_id(3): `SSL_set_generate_session_id`: rustls makes its own session ids.
#[no_mangle]
pub extern "C" fn SSL_set_generate_session_id(_s: *mut SSL, _cb: GEN_SESSION_CB) -> c_int {
    entry!({ unsupported!("rustls makes its own session ids") })
}

/// SSL_CTX_set_verify(3): `SSL_set_post_handshake_auth`: rustls clients never offer post-handshake authentication.
#[no_mangle]
pub extern "C" fn SSL_set_post_handshake_auth(_s: *mut SSL, _val: c_int) {
    entry!({
        unsupported!(
            accepted,
            "rustls clients never offer post-handshake authentication"
        )
    })
}

/// SSL_CTX_set_record_padding_callback(3): `SSL_set_record_padding_callback`: no record padding control in rustls.
#[no_mangle]
pub extern "C" fn SSL_set_record_padding_callback(
    _ssl: *mut SSL,
    _cb: sessl_record_padding_cb,
) -> c_int {
    entry!({ unsupported!("no record padding control in rustls") })
}

/// SSL_CTX_set_record_padding_callback(3): `SSL_set_record_padding_callback_arg`: no record padding control in rustls.
#[no_mangle]
pub extern "C" fn SSL_set_record_padding_callback_arg(_ssl: *mut SSL, _arg: *mut c_void) {
    entry!({ unsupported!("no record padding control in rustls") })
}

/// `SSL_set_session_secret_cb` (no man page): no session secret callback in rustls.
#[no_mangle]
pub extern "C" fn SSL_set_session_secret_cb(
    _s: *mut SSL,
    _session_secret_cb: tls_session_secret_cb_fn,
    _arg: *mut c_void,
) -> c_int {
    entry!({ unsupported!("no session secret callback in rustls") })
}
