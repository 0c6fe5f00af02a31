//! SSL_CTX_use_certificate(3) on a connection (`SSL_use_certificate`, ...)
//! and SSL_get_certificate(3): a connection presents its context's
//! certificate and key until given its own, as OpenSSL's copy made at
//! `SSL_new` behaves (a server serves them, a client sends them when asked).

use std::ffi::c_char;
use std::os::raw::{c_int, c_long, c_uchar};

use super::boundary::{entry, function_name, try_ref};
use super::cert_key_variants::{
    use_cert_and_key, use_cert_der, use_key_der, use_key_file, use_pkey, use_rsa, use_x509,
};
use super::credential_objects::{lent_cert, lent_key};
use super::err;
use super::handles::c_path;
use super::lib_context::Lib;
use super::types::*;
use crate::ssl::certs::{load_certs, load_pem_certs};
use crate::ssl::{Connection, Error};

/// The objects lent for what `conn` presents: its own, else its context's.
fn lent<T>(conn: &Connection, get: LentGetter<T>) -> T {
    let lib = super::lib_context::of_connection(conn);
    match conn.own_credentials() {
        Some(own) => get(conn.extras(), &own, lib),
        None => {
            let ctx = conn
                .switched_context()
                .unwrap_or_else(|| conn.context().clone());
            get(ctx.extras(), &ctx.credentials(), lib)
        }
    }
}

/// `lent_cert` or `lent_key`.
type LentGetter<T> = fn(&crate::ssl::Extras, &crate::ssl::Credentials, Lib) -> T;

/// SSL_get_certificate(3): the certificate the connection presents (borrowed), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_certificate(ssl: *const SSL) -> *mut X509 {
    entry!({ lent(try_ref!(ssl), lent_cert).cast() })
}

/// SSL_get_certificate(3): `SSL_get_privatekey`, the key (borrowed), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_privatekey(ssl: *const SSL) -> *mut EVP_PKEY {
    entry!({ lent(try_ref!(ssl), lent_key).cast() })
}

/// SSL_CTX_use_certificate(3): `SSL_use_certificate`, the connection's own
/// leaf (it keeps a reference); a key that does not match it is dropped.
#[no_mangle]
pub extern "C" fn SSL_use_certificate(ssl: *mut SSL, x: *mut X509) -> c_int {
    entry!({ err::int_result(function_name!(), use_x509(try_ref!(ssl), x.cast())) })
}

/// SSL_CTX_use_certificate(3): `SSL_use_certificate_file`, the leaf from a file.
#[no_mangle]
pub extern "C" fn SSL_use_certificate_file(
    ssl: *mut SSL,
    file: *const c_char,
    type_: c_int,
) -> c_int {
    entry!({
        let conn = try_ref!(ssl);
        let r = c_path(file)
            .ok_or(Error::NullArgument)
            .and_then(|path| load_certs(path, type_))
            .map(|certs| {
                certs
                    .into_iter()
                    .take(1)
                    .for_each(|c| conn.use_certificate(c))
            });
        err::int_result(function_name!(), r)
    })
}

/// SSL_CTX_use_certificate(3): `SSL_use_certificate_ASN1`, a DER leaf.
#[no_mangle]
pub extern "C" fn SSL_use_certificate_ASN1(ssl: *mut SSL, d: *const c_uchar, len: c_int) -> c_int {
    entry!({
        let r = use_cert_der(try_ref!(ssl), d, c_long::from(len));
        err::int_result(function_name!(), r)
    })
}

/// SSL_CTX_use_certificate(3): `SSL_use_certificate_chain_file` (PEM, leaf first).
#[no_mangle]
pub extern "C" fn SSL_use_certificate_chain_file(ssl: *mut SSL, file: *const c_char) -> c_int {
    entry!({
        let conn = try_ref!(ssl);
        let r = c_path(file)
            .ok_or(Error::NullArgument)
            .and_then(load_pem_certs)
            .map(|chain| conn.use_certificate_chain(chain));
        err::int_result(function_name!(), r)
    })
}

/// SSL_CTX_use_certificate(3): `SSL_use_PrivateKey` (the connection keeps a
/// reference); 0 if it does not match the leaf.
#[no_mangle]
pub extern "C" fn SSL_use_PrivateKey(ssl: *mut SSL, pkey: *mut EVP_PKEY) -> c_int {
    entry!({ err::int_result(function_name!(), use_pkey(try_ref!(ssl), pkey.cast())) })
}

/// SSL_CTX_use_certificate(3): `SSL_use_PrivateKey_file`, read with the
/// connection's password callback.
#[no_mangle]
pub extern "C" fn SSL_use_PrivateKey_file(
    ssl: *mut SSL,
    file: *const c_char,
    type_: c_int,
) -> c_int {
    entry!({
        let r = use_key_file(try_ref!(ssl), file, type_, false);
        err::int_result(function_name!(), r)
    })
}

/// SSL_CTX_use_certificate(3): `SSL_use_PrivateKey_ASN1`, a DER key of type `pk`.
#[no_mangle]
pub extern "C" fn SSL_use_PrivateKey_ASN1(
    pk: c_int,
    ssl: *mut SSL,
    d: *const c_uchar,
    len: c_long,
) -> c_int {
    entry!({
        err::int_result(
            function_name!(),
            use_key_der(try_ref!(ssl), Some(pk), d, len),
        )
    })
}

/// SSL_CTX_use_certificate(3): `SSL_use_RSAPrivateKey` (the caller keeps `rsa`).
#[no_mangle]
pub extern "C" fn SSL_use_RSAPrivateKey(ssl: *mut SSL, rsa: *mut RSA) -> c_int {
    entry!({ err::int_result(function_name!(), use_rsa(try_ref!(ssl), rsa)) })
}

/// SSL_CTX_use_certificate(3): `SSL_use_RSAPrivateKey_ASN1`, a PKCS#1 DER key.
#[no_mangle]
pub extern "C" fn SSL_use_RSAPrivateKey_ASN1(
    ssl: *mut SSL,
    d: *const c_uchar,
    len: c_long,
) -> c_int {
    entry!({ err::int_result(function_name!(), use_key_der(try_ref!(ssl), None, d, len)) })
}

/// SSL_CTX_use_certificate(3): `SSL_use_RSAPrivateKey_file`.
#[no_mangle]
pub extern "C" fn SSL_use_RSAPrivateKey_file(
    ssl: *mut SSL,
    file: *const c_char,
    type_: c_int,
) -> c_int {
    entry!({
        let r = use_key_file(try_ref!(ssl), file, type_, true);
        err::int_result(function_name!(), r)
    })
}

/// SSL_CTX_use_certificate(3): `SSL_use_cert_and_key`: leaf, key and chain at once.
#[no_mangle]
pub extern "C" fn SSL_use_cert_and_key(
    ssl: *mut SSL,
    x509: *mut X509,
    privatekey: *mut EVP_PKEY,
    chain: *mut stack_st_X509,
    override_: c_int,
) -> c_int {
    entry!({
        let r = use_cert_and_key(try_ref!(ssl), x509, privatekey, chain, override_);
        err::int_result(function_name!(), r)
    })
}

/// SSL_CTX_use_certificate(3): `SSL_check_private_key`; 1 if the key the
/// connection presents matches its certificate.
#[no_mangle]
pub extern "C" fn SSL_check_private_key(ssl: *const SSL) -> c_int {
    entry!({ err::int_result(function_name!(), try_ref!(ssl).check_private_key()) })
}

/// `SSL_certs_clear` (no man page): the connection presents no certificate
/// (its context keeps its own).
#[no_mangle]
pub extern "C" fn SSL_certs_clear(s: *mut SSL) {
    entry!({ try_ref!(s).clear_certificates() })
}
