//! Version-specific methods (`TLSv1_2_method(3)` and friends) and method
//! switching (`SSL_CTX_set_ssl_version(3)`). A context or connection of a
//! version-specific method handshakes with that version only and ignores the
//! protocol bounds, as OpenSSL's does; rustls has no TLS 1.0 or 1.1, so the
//! handshakes of those methods fail with "no protocols available".

use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::handles::to_static;
use super::method::flexible_method;
use super::types::*;
use crate::ssl::options::{TLS1_2_VERSION, TLS1_3_VERSION};
use crate::ssl::{Method, ProtocolMethod};

/// `TLS1_VERSION`.
const TLS1_VERSION: u16 = 0x0301;
/// `TLS1_1_VERSION`.
const TLS1_1_VERSION: u16 = 0x0302;

/// Every version-specific method, one handle each (TLS 1.3's have no
/// exported name: a version-flexible connection reports them after a TLS
/// 1.3 handshake, as OpenSSL's does).
static PINNED: [ProtocolMethod; 12] = {
    use ProtocolMethod as P;
    [
        P::pinned(Method::Any, TLS1_VERSION),
        P::pinned(Method::Client, TLS1_VERSION),
        P::pinned(Method::Server, TLS1_VERSION),
        P::pinned(Method::Any, TLS1_1_VERSION),
        P::pinned(Method::Client, TLS1_1_VERSION),
        P::pinned(Method::Server, TLS1_1_VERSION),
        P::pinned(Method::Any, TLS1_2_VERSION),
        P::pinned(Method::Client, TLS1_2_VERSION),
        P::pinned(Method::Server, TLS1_2_VERSION),
        P::pinned(Method::Any, TLS1_3_VERSION),
        P::pinned(Method::Client, TLS1_3_VERSION),
        P::pinned(Method::Server, TLS1_3_VERSION),
    ]
};

/// The one handle of a method: the same pointer `TLS_method()`,
/// `TLSv1_2_method()`, ... return.
pub(super) fn method_handle(method: ProtocolMethod) -> *const SSL_METHOD {
    let found = PINNED.iter().find(|m| **m == method);
    to_static(found.unwrap_or_else(|| flexible_method(method.side)))
}

/// The handle of a version-specific method; TLS 1.0 and 1.1 log that no
/// handshake of theirs can succeed.
fn pinned(side: Method, version: u16) -> *const SSL_METHOD {
    method_handle(ProtocolMethod::pinned(side, version))
}

/// SSL_CTX_set_ssl_version(3): `SSL_CTX_get_ssl_method`: the context's method.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_ssl_method(ctx: *const SSL_CTX) -> *const SSL_METHOD {
    entry!({ method_handle(try_ref!(ctx).protocol_method()) })
}

/// SSL_CTX_set_ssl_version(3): the context's method for connections made
/// afterwards; the cipher lists go back to their defaults, as in OpenSSL; 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ssl_version(ctx: *mut SSL_CTX, meth: *const SSL_METHOD) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        ctx.set_protocol_method(*try_ref!(meth));
        1
    })
}

/// SSL_CTX_set_ssl_version(3): `SSL_get_ssl_method`: the connection's
/// method; after a handshake of a version-flexible one, the agreed
/// version's own method for the connection's role, as OpenSSL reports it.
#[no_mangle]
pub extern "C" fn SSL_get_ssl_method(s: *const SSL) -> *const SSL_METHOD {
    entry!({ method_handle(try_ref!(s).protocol_method()) })
}

/// SSL_CTX_set_ssl_version(3): `SSL_set_ssl_method`: the method reported and
/// the sides the connection may play; as in OpenSSL, its role and the
/// versions it offers stay those it was made with, and `SSL_clear` goes back
/// to the context's method; 1.
#[no_mangle]
pub extern "C" fn SSL_set_ssl_method(s: *mut SSL, method: *const SSL_METHOD) -> c_int {
    entry!({
        let conn = try_ref!(s);
        conn.set_protocol_method(*try_ref!(method));
        1
    })
}

/// SSL_CTX_new(3): `TLSv1_1_client_method`: rustls has no TLS 1.1, so its handshakes fail ("no protocols available").
#[no_mangle]
pub extern "C" fn TLSv1_1_client_method() -> *const SSL_METHOD {
    entry!({ legacy("TLSv1_1_client_method", Method::Client, TLS1_1_VERSION) })
}

/// SSL_CTX_new(3): `TLSv1_1_method`: rustls has no TLS 1.1, so its handshakes fail ("no protocols available").
#[no_mangle]
pub extern "C" fn TLSv1_1_method() -> *const SSL_METHOD {
    entry!({ legacy("TLSv1_1_method", Method::Any, TLS1_1_VERSION) })
}

/// SSL_CTX_new(3): `TLSv1_1_server_method`: rustls has no TLS 1.1, so its handshakes fail ("no protocols available").
#[no_mangle]
pub extern "C" fn TLSv1_1_server_method() -> *const SSL_METHOD {
    entry!({ legacy("TLSv1_1_server_method", Method::Server, TLS1_1_VERSION) })
}

/// SSL_CTX_new(3): `TLSv1_2_client_method`: TLS 1.2 only, whatever the bounds.
#[no_mangle]
pub extern "C" fn TLSv1_2_client_method() -> *const SSL_METHOD {
    entry!({ pinned(Method::Client, TLS1_2_VERSION) })
}

/// SSL_CTX_new(3): `TLSv1_2_method`: TLS 1.2 only, whatever the bounds.
#[no_mangle]
pub extern "C" fn TLSv1_2_method() -> *const SSL_METHOD {
    entry!({ pinned(Method::Any, TLS1_2_VERSION) })
}

/// SSL_CTX_new(3): `TLSv1_2_server_method`: TLS 1.2 only, whatever the bounds.
#[no_mangle]
pub extern "C" fn TLSv1_2_server_method() -> *const SSL_METHOD {
    entry!({ pinned(Method::Server, TLS1_2_VERSION) })
}

/// SSL_CTX_new(3): `TLSv1_client_method`: rustls has no TLS 1.0, so its handshakes fail ("no protocols available").
#[no_mangle]
pub extern "C" fn TLSv1_client_method() -> *const SSL_METHOD {
    entry!({ legacy("TLSv1_client_method", Method::Client, TLS1_VERSION) })
}

/// SSL_CTX_new(3): `TLSv1_method`: rustls has no TLS 1.0, so its handshakes fail ("no protocols available").
#[no_mangle]
pub extern "C" fn TLSv1_method() -> *const SSL_METHOD {
    entry!({ legacy("TLSv1_method", Method::Any, TLS1_VERSION) })
}

/// SSL_CTX_new(3): `TLSv1_server_method`: rustls has no TLS 1.0, so its handshakes fail ("no protocols available").
#[no_mangle]
pub extern "C" fn TLSv1_server_method() -> *const SSL_METHOD {
    entry!({ legacy("TLSv1_server_method", Method::Server, TLS1_VERSION) })
}

/// A TLS 1.0 or 1.1 method: its handle, with a warning that its contexts
/// never handshake (OpenSSL 3.0's do not either at its default security level).
fn legacy(func: &str, side: Method, version: u16) -> *const SSL_METHOD {
    let why = "rustls has no TLS 1.0 or 1.1: handshakes of this method fail";
    super::unsupported::accepted(func, why);
    pinned(side, version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::handles::borrow;

    #[test]
    fn each_method_has_one_handle() {
        assert_eq!(TLSv1_2_method(), TLSv1_2_method());
        assert_ne!(TLSv1_2_method(), super::super::method::TLS_method());
        assert_ne!(TLSv1_2_client_method(), TLSv1_2_server_method());
        let m = *borrow(TLSv1_1_server_method()).unwrap();
        assert_eq!(m, ProtocolMethod::pinned(Method::Server, TLS1_1_VERSION));
        assert_eq!(method_handle(m), TLSv1_1_server_method());
        let any = ProtocolMethod::flexible(Method::Any);
        assert_eq!(method_handle(any), super::super::method::TLS_method());
    }
}
