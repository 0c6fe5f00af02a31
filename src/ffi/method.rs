//! `TLS_method(3)` and friends, and library initialisation.

use std::sync::Once;

use super::boundary::entry;
use super::handles::to_static;
use super::types::*;
use crate::ssl::{Method, ProtocolMethod};

static ANY: ProtocolMethod = ProtocolMethod::flexible(Method::Any);
static CLIENT: ProtocolMethod = ProtocolMethod::flexible(Method::Client);
static SERVER: ProtocolMethod = ProtocolMethod::flexible(Method::Server);

/// The version-flexible method handle for `side`.
pub(super) fn flexible_method(side: Method) -> &'static ProtocolMethod {
    match side {
        Method::Any => &ANY,
        Method::Client => &CLIENT,
        Method::Server => &SERVER,
    }
}

/// TLS_method(3): a method for either side.
#[no_mangle]
pub extern "C" fn TLS_method() -> *const SSL_METHOD {
    entry!({ to_static(&ANY) })
}

/// TLS_method(3): `TLS_client_method`.
#[no_mangle]
pub extern "C" fn TLS_client_method() -> *const SSL_METHOD {
    entry!({ to_static(&CLIENT) })
}

/// TLS_method(3): `TLS_server_method`.
#[no_mangle]
pub extern "C" fn TLS_server_method() -> *const SSL_METHOD {
    entry!({ to_static(&SERVER) })
}

static LOGGER: Once = Once::new();

/// Installs the logger once, when `SESSL_LOG` is set (e.g. `SESSL_LOG=debug`).
pub(crate) fn init_logging() {
    LOGGER.call_once(|| {
        if std::env::var_os("SESSL_LOG").is_some() {
            let _ = env_logger::Builder::from_env("SESSL_LOG").try_init();
        }
    });
}

/// OPENSSL_init_ssl(3): logging, libssl's reason strings, and libcrypto's
/// initialisation with the configuration loaded (unless
/// `OPENSSL_INIT_NO_LOAD_CONFIG`), as OpenSSL's; 1, or 0 if libcrypto fails.
#[no_mangle]
pub extern "C" fn OPENSSL_init_ssl(
    opts: u64,
    settings: *const OPENSSL_INIT_SETTINGS,
) -> std::os::raw::c_int {
    entry!({
        init_logging();
        super::err::load_reason_strings();
        std::os::raw::c_int::from(super::ssl_config::load_config(opts, settings))
    })
}
