//! Version-specific methods (`TLSv1_2_method(3)` and friends) and method
//! switching. rustls has no TLS 1.0/1.1, and sessl's methods are only the
//! version-flexible ones: each of these returns NULL or fails, with the error.

use std::os::raw::c_int;

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_set_ssl_version(3): `SSL_CTX_get_ssl_method`: the method is not kept.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_ssl_method(_ctx: *const SSL_CTX) -> *const SSL_METHOD {
    entry!({ unsupported!("the method is not kept") })
}

/// SSL_CTX_set_ssl_version(3): a context's method cannot change.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ssl_version(_ctx: *mut SSL_CTX, _meth: *const SSL_METHOD) -> c_int {
    entry!({ unsupported!("a context's method cannot change") })
}

/// SSL_CTX_set_ssl_version(3): `SSL_get_ssl_method`: the method is not kept.
#[no_mangle]
pub extern "C" fn SSL_get_ssl_method(_s: *const SSL) -> *const SSL_METHOD {
    entry!({ unsupported!("the method is not kept") })
}

/// SSL_CTX_set_ssl_version(3): `SSL_set_ssl_method`: a connection's method cannot change.
#[no_mangle]
pub extern "C" fn SSL_set_ssl_method(_s: *mut SSL, _method: *const SSL_METHOD) -> c_int {
    entry!({ unsupported!("a connection's method cannot change") })
}

/// SSL_CTX_new(3): `TLSv1_1_client_method`: no TLS 1.1 in rustls.
#[no_mangle]
pub extern "C" fn TLSv1_1_client_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no TLS 1.1 in rustls") })
}

/// SSL_CTX_new(3): `TLSv1_1_method`: no TLS 1.1 in rustls.
#[no_mangle]
pub extern "C" fn TLSv1_1_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no TLS 1.1 in rustls") })
}

/// SSL_CTX_new(3): `TLSv1_1_server_method`: no TLS 1.1 in rustls.
#[no_mangle]
pub extern "C" fn TLSv1_1_server_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no TLS 1.1 in rustls") })
}

/// SSL_CTX_new(3): `TLSv1_2_client_method`: no version-specific methods: use TLS_client_method with SSL_CTX_set_max_proto_version.
#[no_mangle]
pub extern "C" fn TLSv1_2_client_method() -> *const SSL_METHOD {
    entry!({
        unsupported!(
            "no version-specific methods: use TLS_client_method with SSL_CTX_set_max_proto_version"
        )
    })
}

/// SSL_CTX_new(3): `TLSv1_2_method`: no version-specific methods: use TLS_method with SSL_CTX_set_max_proto_version.
#[no_mangle]
pub extern "C" fn TLSv1_2_method() -> *const SSL_METHOD {
    entry!({
        unsupported!(
            "no version-specific methods: use TLS_method with SSL_CTX_set_max_proto_version"
        )
    })
}

/// SSL_CTX_new(3): `TLSv1_2_server_method`: no version-specific methods: use TLS_server_method with SSL_CTX_set_max_proto_version.
#[no_mangle]
pub extern "C" fn TLSv1_2_server_method() -> *const SSL_METHOD {
    entry!({
        unsupported!(
            "no version-specific methods: use TLS_server_method with SSL_CTX_set_max_proto_version"
        )
    })
}

/// SSL_CTX_new(3): `TLSv1_client_method`: no TLS 1.0 in rustls.
#[no_mangle]
pub extern "C" fn TLSv1_client_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no TLS 1.0 in rustls") })
}

/// SSL_CTX_new(3): `TLSv1_method`: no TLS 1.0 in rustls.
#[no_mangle]
pub extern "C" fn TLSv1_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no TLS 1.0 in rustls") })
}

/// SSL_CTX_new(3): `TLSv1_server_method`: no TLS 1.0 in rustls.
#[no_mangle]
pub extern "C" fn TLSv1_server_method() -> *const SSL_METHOD {
    entry!({ unsupported!("no TLS 1.0 in rustls") })
}
