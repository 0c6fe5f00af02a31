//! `BIO_f_ssl(3)`: the SSL filter BIO is not in sessl; there is no such BIO
//! method, so no SSL BIO can be made.

use std::os::raw::c_int;

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// BIO_f_ssl(3): no SSL filter BIO in sessl.
#[no_mangle]
pub extern "C" fn BIO_f_ssl() -> *const BIO_METHOD {
    entry!({ unsupported!("no SSL filter BIO in sessl") })
}

/// BIO_f_ssl(3): `BIO_new_buffer_ssl_connect`: no SSL filter BIO in sessl.
#[no_mangle]
pub extern "C" fn BIO_new_buffer_ssl_connect(_ctx: *mut SSL_CTX) -> *mut BIO {
    entry!({ unsupported!("no SSL filter BIO in sessl") })
}

/// BIO_f_ssl(3): `BIO_new_ssl`: no SSL filter BIO in sessl.
#[no_mangle]
pub extern "C" fn BIO_new_ssl(_ctx: *mut SSL_CTX, _client: c_int) -> *mut BIO {
    entry!({ unsupported!("no SSL filter BIO in sessl") })
}

/// BIO_f_ssl(3): `BIO_new_ssl_connect`: no SSL filter BIO in sessl.
#[no_mangle]
pub extern "C" fn BIO_new_ssl_connect(_ctx: *mut SSL_CTX) -> *mut BIO {
    entry!({ unsupported!("no SSL filter BIO in sessl") })
}

/// BIO_f_ssl(3): `BIO_ssl_copy_session_id`: no SSL filter BIO in sessl.
#[no_mangle]
pub extern "C" fn BIO_ssl_copy_session_id(_to: *mut BIO, _from: *mut BIO) -> c_int {
    entry!({ unsupported!("no SSL filter BIO in sessl") })
}

/// BIO_f_ssl(3): `BIO_ssl_shutdown`: no SSL filter BIO in sessl.
#[no_mangle]
pub extern "C" fn BIO_ssl_shutdown(_ssl_bio: *mut BIO) {
    entry!({ unsupported!("no SSL filter BIO in sessl") })
}
