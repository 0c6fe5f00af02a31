//! DTLS: rustls has no datagram TLS, so every DTLS method is NULL (as in an
//! OpenSSL built without DTLS) and every DTLS and SRTP call fails or is refused.

use std::ffi::c_char;
use std::os::raw::c_int;

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_new(3): `DTLS_client_method`: no DTLS in rustls.
#[no_mangle]
pub extern "C" fn DTLS_client_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no DTLS in rustls") })
}

/// DTLS_get_data_mtu(3): no DTLS in rustls.
#[no_mangle]
pub extern "C" fn DTLS_get_data_mtu(_s: *const SSL) -> usize {
    entry!({ unsupported!("no DTLS in rustls") })
}

/// SSL_CTX_new(3): `DTLS_method`: no DTLS in rustls.
#[no_mangle]
pub extern "C" fn DTLS_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no DTLS in rustls") })
}

/// SSL_CTX_new(3): `DTLS_server_method`: no DTLS in rustls.
#[no_mangle]
pub extern "C" fn DTLS_server_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no DTLS in rustls") })
}

/// DTLS_set_timer_cb(3): no DTLS in rustls: no timer to set.
#[no_mangle]
pub extern "C" fn DTLS_set_timer_cb(_s: *mut SSL, _cb: DTLS_timer_cb) {
    entry!({ unsupported!(accepted, "no DTLS in rustls: no timer to set") })
}

/// SSL_CTX_new(3): `DTLSv1_2_client_method`: no DTLS in rustls.
#[no_mangle]
pub extern "C" fn DTLSv1_2_client_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no DTLS in rustls") })
}

/// SSL_CTX_new(3): `DTLSv1_2_method`: no DTLS in rustls.
#[no_mangle]
pub extern "C" fn DTLSv1_2_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no DTLS in rustls") })
}

/// SSL_CTX_new(3): `DTLSv1_2_server_method`: no DTLS in rustls.
#[no_mangle]
pub extern "C" fn DTLSv1_2_server_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no DTLS in rustls") })
}

/// SSL_CTX_new(3): `DTLSv1_client_method`: no DTLS in rustls.
#[no_mangle]
pub extern "C" fn DTLSv1_client_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no DTLS in rustls") })
}

/// DTLSv1_listen(3): no DTLS in rustls.
#[no_mangle]
pub extern "C" fn DTLSv1_listen(_s: *mut SSL, _client: *mut BIO_ADDR) -> c_int {
    entry!({ unsupported!("no DTLS in rustls", fail = -1) })
}

/// SSL_CTX_new(3): `DTLSv1_method`: no DTLS in rustls.
#[no_mangle]
pub extern "C" fn DTLSv1_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no DTLS in rustls") })
}

/// SSL_CTX_new(3): `DTLSv1_server_method`: no DTLS in rustls.
#[no_mangle]
pub extern "C" fn DTLSv1_server_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no DTLS in rustls") })
}

/// SSL_CTX_set_stateless_cookie_generate_cb(3): `SSL_CTX_set_cookie_generate_cb`: no DTLS in rustls: no cookie exchange.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cookie_generate_cb(
    _ctx: *mut SSL_CTX,
    _app_gen_cookie_cb: sessl_cookie_generate_cb,
) {
    entry!({ unsupported!(accepted, "no DTLS in rustls: no cookie exchange") })
}

/// SSL_CTX_set_stateless_cookie_generate_cb(3): `SSL_CTX_set_cookie_verify_cb`: no DTLS in rustls: no cookie exchange.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cookie_verify_cb(
    _ctx: *mut SSL_CTX,
    _app_verify_cookie_cb: sessl_cookie_verify_cb,
) {
    entry!({ unsupported!(accepted, "no DTLS in rustls: no cookie exchange") })
}

/// SSL_CTX_set_stateless_cookie_generate_cb(3): no stateless HelloRetryRequest cookies in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_stateless_cookie_generate_cb(
    _ctx: *mut SSL_CTX,
    _gen_stateless_cookie_cb: sessl_stateless_cookie_generate_cb,
) {
    entry!({ unsupported!(accepted, "no stateless HelloRetryRequest cookies in rustls") })
}

/// SSL_CTX_set_stateless_cookie_generate_cb(3): `SSL_CTX_set_stateless_cookie_verify_cb`: no stateless HelloRetryRequest cookies in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_stateless_cookie_verify_cb(
    _ctx: *mut SSL_CTX,
    _verify_stateless_cookie_cb: sessl_stateless_cookie_verify_cb,
) {
    entry!({ unsupported!(accepted, "no stateless HelloRetryRequest cookies in rustls") })
}

/// SSL_CTX_set_tlsext_use_srtp(3): no SRTP in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_tlsext_use_srtp(
    _ctx: *mut SSL_CTX,
    _profiles: *const c_char,
) -> c_int {
    entry!({ unsupported!("no SRTP in rustls", fail = 1) })
}

/// SSL_CTX_set_tlsext_use_srtp(3): `SSL_get_selected_srtp_profile`: no SRTP in rustls.
#[no_mangle]
pub extern "C" fn SSL_get_selected_srtp_profile(_s: *mut SSL) -> *mut SRTP_PROTECTION_PROFILE {
    entry!({ unsupported!("no SRTP in rustls") })
}

/// SSL_CTX_set_tlsext_use_srtp(3): `SSL_get_srtp_profiles`: no SRTP in rustls.
#[no_mangle]
pub extern "C" fn SSL_get_srtp_profiles(_ssl: *mut SSL) -> *mut stack_st_SRTP_PROTECTION_PROFILE {
    entry!({ unsupported!("no SRTP in rustls") })
}

/// SSL_CTX_set_tlsext_use_srtp(3): `SSL_set_tlsext_use_srtp`: no SRTP in rustls.
#[no_mangle]
pub extern "C" fn SSL_set_tlsext_use_srtp(_ssl: *mut SSL, _profiles: *const c_char) -> c_int {
    entry!({ unsupported!("no SRTP in rustls", fail = 1) })
}

/// DTLSv1_listen(3): `SSL_stateless`: no stateless HelloRetryRequest in rustls.
#[no_mangle]
pub extern "C" fn SSL_stateless(_s: *mut SSL) -> c_int {
    entry!({ unsupported!("no stateless HelloRetryRequest in rustls", fail = -1) })
}
