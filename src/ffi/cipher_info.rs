//! Cipher suite details and lists sessl does not have (`SSL_CIPHER_get_cipher_nid(3)`,
//! `SSL_get_ciphers(3)`, the connection-level cipher setters, signature
//! algorithms, ...): each fails with the error.

use std::ffi::c_char;
use std::os::raw::{c_int, c_uchar, c_uint};

use super::boundary::entry;
use super::handles::c_str;
use super::types::*;
use super::unsupported::unsupported;
use crate::ssl::cipher;

/// SSL_CIPHER_get_name(3): `OPENSSL_cipher_name`: OpenSSL's name for a
/// standard (RFC) suite name, "(NONE)" for NULL or a suite sessl does not have
/// (OpenSSL also names suites rustls lacks).
#[no_mangle]
pub extern "C" fn OPENSSL_cipher_name(rfc_name: *const c_char) -> *const c_char {
    entry!(fail = c"(NONE)".as_ptr(), {
        c_str(rfc_name)
            .and_then(cipher::by_standard_name)
            .map_or(c"(NONE)".as_ptr(), |c| c.name.as_ptr())
    })
}

/// SSL_CTX_set_cipher_list(3): `OSSL_default_cipher_list`, OpenSSL 3.0's
/// default TLS 1.2 cipher string (a static string).
#[no_mangle]
pub extern "C" fn OSSL_default_cipher_list() -> *const c_char {
    entry!({ cipher::DEFAULT_CIPHER_LIST.as_ptr() })
}

/// SSL_CTX_set_cipher_list(3): `OSSL_default_ciphersuites`, OpenSSL 3.0's
/// default TLS 1.3 suites (a static string).
#[no_mangle]
pub extern "C" fn OSSL_default_ciphersuites() -> *const c_char {
    entry!({ cipher::DEFAULT_CIPHERSUITES.as_ptr() })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_auth_nid`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_auth_nid(_c: *const SSL_CIPHER) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_cipher_nid`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_cipher_nid(_c: *const SSL_CIPHER) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_digest_nid`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_digest_nid(_c: *const SSL_CIPHER) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_handshake_digest`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_handshake_digest(_c: *const SSL_CIPHER) -> *const EVP_MD {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_kx_nid`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_kx_nid(_c: *const SSL_CIPHER) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_protocol_id`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_protocol_id(_c: *const SSL_CIPHER) -> u16 {
    entry!(fail = 0, { unsupported!("not in sessl yet", fail = 0) })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_is_aead`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_is_aead(_c: *const SSL_CIPHER) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_get_ciphers(3): `SSL_CTX_get_ciphers`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_ciphers(_ctx: *const SSL_CTX) -> *mut stack_st_SSL_CIPHER {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_get_ciphers(3): `SSL_get1_supported_ciphers`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get1_supported_ciphers(_s: *mut SSL) -> *mut stack_st_SSL_CIPHER {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_get_ciphers(3): `SSL_get_cipher_list`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get_cipher_list(_s: *const SSL, _n: c_int) -> *const c_char {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_get_ciphers(3): not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get_ciphers(_s: *const SSL) -> *mut stack_st_SSL_CIPHER {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_get_ciphers(3): `SSL_get_client_ciphers`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get_client_ciphers(_s: *const SSL) -> *mut stack_st_SSL_CIPHER {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_get_peer_signature_nid(3): `SSL_get_peer_signature_type_nid`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get_peer_signature_type_nid(_s: *const SSL, _pnid: *mut c_int) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_get_current_cipher(3): `SSL_get_pending_cipher`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get_pending_cipher(_s: *const SSL) -> *const SSL_CIPHER {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_get_ciphers(3): `SSL_get_shared_ciphers`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get_shared_ciphers(
    _s: *const SSL,
    _buf: *mut c_char,
    _size: c_int,
) -> *mut c_char {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_get_shared_sigalgs(3): rustls does not expose the peer's signature algorithms.
#[no_mangle]
pub extern "C" fn SSL_get_shared_sigalgs(
    _s: *mut SSL,
    _idx: c_int,
    _psign: *mut c_int,
    _phash: *mut c_int,
    _psignandhash: *mut c_int,
    _rsig: *mut c_uchar,
    _rhash: *mut c_uchar,
) -> c_int {
    entry!({ unsupported!("rustls does not expose the peer's signature algorithms") })
}

/// SSL_get_shared_sigalgs(3): `SSL_get_sigalgs`: rustls does not expose the peer's signature algorithms.
#[no_mangle]
pub extern "C" fn SSL_get_sigalgs(
    _s: *mut SSL,
    _idx: c_int,
    _psign: *mut c_int,
    _phash: *mut c_int,
    _psignandhash: *mut c_int,
    _rsig: *mut c_uchar,
    _rhash: *mut c_uchar,
) -> c_int {
    entry!({ unsupported!("rustls does not expose the peer's signature algorithms") })
}

/// SSL_get_peer_signature_nid(3): `SSL_get_signature_type_nid`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_get_signature_type_nid(_s: *const SSL, _pnid: *mut c_int) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_group_to_name(3): not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_group_to_name(_s: *mut SSL, _id: c_int) -> *const c_char {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_CTX_set_alpn_select_cb(3): `SSL_set_alpn_protos`: the ALPN list is kept on the context only.
#[no_mangle]
pub extern "C" fn SSL_set_alpn_protos(
    _ssl: *mut SSL,
    _protos: *const c_uchar,
    _protos_len: c_uint,
) -> c_int {
    entry!({ unsupported!("the ALPN list is kept on the context only", fail = 1) })
}

/// SSL_CTX_set_cipher_list(3): `SSL_set_cipher_list`: the cipher list is kept on the context only.
#[no_mangle]
pub extern "C" fn SSL_set_cipher_list(_s: *mut SSL, _str: *const c_char) -> c_int {
    entry!({ unsupported!("the cipher list is kept on the context only") })
}

/// SSL_CTX_set_cipher_list(3): `SSL_set_ciphersuites`: the cipher list is kept on the context only.
#[no_mangle]
pub extern "C" fn SSL_set_ciphersuites(_s: *mut SSL, _str: *const c_char) -> c_int {
    entry!({ unsupported!("the cipher list is kept on the context only") })
}
