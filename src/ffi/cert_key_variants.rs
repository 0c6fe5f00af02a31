//! Certificate and key loading variants sessl does not have
//! (`SSL_CTX_use_certificate_ASN1(3)`, RSA keys, per-connection certificates,
//! `SSL_CTX_use_cert_and_key(3)`, ...): each fails with the error.

use std::ffi::c_char;
use std::os::raw::{c_int, c_long, c_uchar};

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// `SSL_CTX_get0_certificate` (no man page): the context keeps its certificate for rustls, not as a libcrypto X509.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_certificate(_ctx: *const SSL_CTX) -> *mut X509 {
    entry!({
        unsupported!("the context keeps its certificate for rustls, not as a libcrypto X509")
    })
}

/// `SSL_CTX_get0_privatekey` (no man page): the context keeps its key for rustls, not as a libcrypto EVP_PKEY.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_privatekey(_ctx: *const SSL_CTX) -> *mut EVP_PKEY {
    entry!({ unsupported!("the context keeps its key for rustls, not as a libcrypto EVP_PKEY") })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_PrivateKey_ASN1`: keys load from EVP_PKEY or files only.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_PrivateKey_ASN1(
    _pk: c_int,
    _ctx: *mut SSL_CTX,
    _d: *const c_uchar,
    _len: c_long,
) -> c_int {
    entry!({ unsupported!("keys load from EVP_PKEY or files only") })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_RSAPrivateKey`: keys load from EVP_PKEY or files only.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_RSAPrivateKey(_ctx: *mut SSL_CTX, _rsa: *mut RSA) -> c_int {
    entry!({ unsupported!("keys load from EVP_PKEY or files only") })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_RSAPrivateKey_ASN1`: keys load from EVP_PKEY or files only.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_RSAPrivateKey_ASN1(
    _ctx: *mut SSL_CTX,
    _d: *const c_uchar,
    _len: c_long,
) -> c_int {
    entry!({ unsupported!("keys load from EVP_PKEY or files only") })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_RSAPrivateKey_file`: keys load from EVP_PKEY or files only.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_RSAPrivateKey_file(
    _ctx: *mut SSL_CTX,
    _file: *const c_char,
    _type_: c_int,
) -> c_int {
    entry!({ unsupported!("keys load from EVP_PKEY or files only") })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_cert_and_key`: not in sessl: use SSL_CTX_use_certificate and SSL_CTX_use_PrivateKey.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_cert_and_key(
    _ctx: *mut SSL_CTX,
    _x509: *mut X509,
    _privatekey: *mut EVP_PKEY,
    _chain: *mut stack_st_X509,
    _override_: c_int,
) -> c_int {
    entry!({ unsupported!("not in sessl: use SSL_CTX_use_certificate and SSL_CTX_use_PrivateKey") })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_certificate_ASN1`: certificates load from X509 or files only.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate_ASN1(
    _ctx: *mut SSL_CTX,
    _len: c_int,
    _d: *const c_uchar,
) -> c_int {
    entry!({ unsupported!("certificates load from X509 or files only") })
}

/// `SSL_certs_clear` (no man page): no per-connection certificates in sessl.
#[no_mangle]
pub extern "C" fn SSL_certs_clear(_s: *mut SSL) {
    entry!({ unsupported!("no per-connection certificates in sessl") })
}

/// SSL_check_chain(3): no per-connection certificates in sessl.
#[no_mangle]
pub extern "C" fn SSL_check_chain(
    _s: *mut SSL,
    _x: *mut X509,
    _pk: *mut EVP_PKEY,
    _chain: *mut stack_st_X509,
) -> c_int {
    entry!({ unsupported!("no per-connection certificates in sessl") })
}

/// SSL_CTX_use_certificate(3): `SSL_check_private_key`: no per-connection certificates in sessl.
#[no_mangle]
pub extern "C" fn SSL_check_private_key(_ctx: *const SSL) -> c_int {
    entry!({ unsupported!("no per-connection certificates in sessl") })
}

/// SSL_CTX_use_certificate(3): `SSL_use_PrivateKey_ASN1`: no per-connection certificates in sessl.
#[no_mangle]
pub extern "C" fn SSL_use_PrivateKey_ASN1(
    _pk: c_int,
    _ssl: *mut SSL,
    _d: *const c_uchar,
    _len: c_long,
) -> c_int {
    entry!({ unsupported!("no per-connection certificates in sessl") })
}

/// SSL_CTX_use_certificate(3): `SSL_use_PrivateKey_file`: no per-connection certificates in sessl.
#[no_mangle]
pub extern "C" fn SSL_use_PrivateKey_file(
    _ssl: *mut SSL,
    _file: *const c_char,
    _type_: c_int,
) -> c_int {
    entry!({ unsupported!("no per-connection certificates in sessl") })
}

/// SSL_CTX_use_certificate(3): `SSL_use_RSAPrivateKey`: no per-connection certificates in sessl.
#[no_mangle]
pub extern "C" fn SSL_use_RSAPrivateKey(_ssl: *mut SSL, _rsa: *mut RSA) -> c_int {
    entry!({ unsupported!("no per-connection certificates in sessl") })
}

/// SSL_CTX_use_certificate(3): `SSL_use_RSAPrivateKey_ASN1`: no per-connection certificates in sessl.
#[no_mangle]
pub extern "C" fn SSL_use_RSAPrivateKey_ASN1(
    _ssl: *mut SSL,
    _d: *const c_uchar,
    _len: c_long,
) -> c_int {
    entry!({ unsupported!("no per-connection certificates in sessl") })
}

/// SSL_CTX_use_certificate(3): `SSL_use_RSAPrivateKey_file`: no per-connection certificates in sessl.
#[no_mangle]
pub extern "C" fn SSL_use_RSAPrivateKey_file(
    _ssl: *mut SSL,
    _file: *const c_char,
    _type_: c_int,
) -> c_int {
    entry!({ unsupported!("no per-connection certificates in sessl") })
}

/// SSL_CTX_use_certificate(3): `SSL_use_cert_and_key`: no per-connection certificates in sessl.
#[no_mangle]
pub extern "C" fn SSL_use_cert_and_key(
    _ssl: *mut SSL,
    _x509: *mut X509,
    _privatekey: *mut EVP_PKEY,
    _chain: *mut stack_st_X509,
    _override_: c_int,
) -> c_int {
    entry!({ unsupported!("no per-connection certificates in sessl") })
}

/// SSL_CTX_use_certificate(3): `SSL_use_certificate_ASN1`: no per-connection certificates in sessl.
#[no_mangle]
pub extern "C" fn SSL_use_certificate_ASN1(
    _ssl: *mut SSL,
    _d: *const c_uchar,
    _len: c_int,
) -> c_int {
    entry!({ unsupported!("no per-connection certificates in sessl") })
}

/// SSL_CTX_use_certificate(3): `SSL_use_certificate_chain_file`: no per-connection certificates in sessl.
#[no_mangle]
pub extern "C" fn SSL_use_certificate_chain_file(_ssl: *mut SSL, _file: *const c_char) -> c_int {
    entry!({ unsupported!("no per-connection certificates in sessl") })
}

/// SSL_CTX_use_certificate(3): `SSL_use_certificate_file`: no per-connection certificates in sessl.
#[no_mangle]
pub extern "C" fn SSL_use_certificate_file(
    _ssl: *mut SSL,
    _file: *const c_char,
    _type_: c_int,
) -> c_int {
    entry!({ unsupported!("no per-connection certificates in sessl") })
}
