//! SSL_CTX_use_certificate(3) on a context: the certificate and key from
//! libcrypto objects, DER and RSA keys, `SSL_CTX_use_cert_and_key`, and
//! `SSL_CTX_get0_certificate` / `SSL_CTX_get0_privatekey` (the objects the
//! context keeps). What a context and a connection share is the `Owner`
//! trait: `conn_credentials.rs` gives connections the same calls.

use std::ffi::c_char;
use std::os::raw::{c_int, c_long, c_uchar};

use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::boundary::{entry, function_name, try_ref};
use super::credential_objects::{
    der_cert, der_key, der_rsa_key, keep_cert, keep_key, lent_cert, lent_key, private_key,
    read_key_file, rsa_key, KeyFile,
};
use super::err;
use super::handles::{c_bytes, c_path};
use super::lib_context::Lib;
use super::owned::{CArg, OwnedX509};
use super::types::*;
use super::unsupported::unsupported;
use super::x509::{stack_ders, x509_der};
use crate::ssl::{security_level, Connection, Context, Credentials, Error, Extras, Replace};

/// What holds a certificate and key: a context or a connection.
pub(crate) trait Owner {
    /// Where the lent libcrypto objects are kept.
    fn extras(&self) -> &Extras;
    /// A new leaf (`x`: the caller's X509 of it, or NULL), refused below the
    /// owner's security level as OpenSSL refuses it.
    fn set_leaf(
        &self,
        cert: CertificateDer<'static>,
        x: *mut openssl_sys::X509,
    ) -> Result<(), Error>;
    /// A new key, refused if it does not match the leaf.
    fn set_key(&self, key: PrivateKeyDer<'static>) -> Result<(), Error>;
    /// Leaf, key and chain at once.
    fn set_all(
        &self,
        chain: Vec<CertificateDer<'static>>,
        key: Option<PrivateKeyDer<'static>>,
        replace: Replace,
    ) -> Result<(), Error>;
    /// The password callback for its key files.
    fn password(&self) -> (sessl_pem_password_cb, CArg);
    /// The library context its libcrypto objects are made in.
    fn lib(&self) -> Lib;
}

impl Owner for Context {
    fn extras(&self) -> &Extras {
        Context::extras(self)
    }
    fn set_leaf(
        &self,
        cert: CertificateDer<'static>,
        x: *mut openssl_sys::X509,
    ) -> Result<(), Error> {
        // The security callback is asked with the certificate as an X509:
        // the caller's, or one decoded for the question.
        let decoded = x
            .is_null()
            .then(|| OwnedX509::take(super::x509::x509_from_der(&cert, Owner::lib(self))))
            .flatten();
        let ptr = decoded.as_ref().map_or(x, |d| d.ptr());
        super::security::own_certificate_verdict(self, ptr, &cert)?;
        self.use_certificate(cert);
        Ok(())
    }
    fn set_key(&self, key: PrivateKeyDer<'static>) -> Result<(), Error> {
        self.use_private_key(key)
    }
    fn set_all(
        &self,
        chain: Vec<CertificateDer<'static>>,
        key: Option<PrivateKeyDer<'static>>,
        replace: Replace,
    ) -> Result<(), Error> {
        self.use_cert_and_key(chain, key, replace)
    }
    fn password(&self) -> (sessl_pem_password_cb, CArg) {
        super::passwords::context_password(self)
    }
    fn lib(&self) -> Lib {
        super::lib_context::of(self)
    }
}

impl Owner for Connection {
    fn extras(&self) -> &Extras {
        Connection::extras(self)
    }
    fn set_leaf(
        &self,
        cert: CertificateDer<'static>,
        _x: *mut openssl_sys::X509,
    ) -> Result<(), Error> {
        security_level::check_chain(self.security_level(), std::slice::from_ref(&cert))?;
        self.use_certificate(cert);
        Ok(())
    }
    fn set_key(&self, key: PrivateKeyDer<'static>) -> Result<(), Error> {
        self.use_private_key(key)
    }
    fn set_all(
        &self,
        chain: Vec<CertificateDer<'static>>,
        key: Option<PrivateKeyDer<'static>>,
        replace: Replace,
    ) -> Result<(), Error> {
        self.use_cert_and_key(chain, key, replace)
    }
    fn password(&self) -> (sessl_pem_password_cb, CArg) {
        super::passwords::connection_password(self)
    }
    fn lib(&self) -> Lib {
        super::lib_context::of_connection(self)
    }
}

/// Presents the certificate `x` (the owner keeps a reference of its own).
pub(crate) fn use_x509(o: &impl Owner, x: *mut openssl_sys::X509) -> Result<(), Error> {
    if x.is_null() {
        return Err(Error::NullArgument);
    }
    let der = x509_der(x).ok_or_else(|| Error::NotDer("certificate".into()))?;
    o.set_leaf(CertificateDer::from(der.clone()), x)?;
    keep_cert(o.extras(), der, x);
    Ok(())
}

/// Signs with `k` (the owner keeps a reference of its own).
pub(crate) fn use_pkey(o: &impl Owner, k: *mut openssl_sys::EVP_PKEY) -> Result<(), Error> {
    if k.is_null() {
        return Err(Error::NullArgument);
    }
    let key = private_key(k).ok_or_else(|| Error::BadPrivateKey("not a private key".into()))?;
    let der = key.secret_der().to_vec();
    o.set_key(key)?;
    keep_key(o.extras(), der, k);
    Ok(())
}

/// Presents the certificate of DER bytes.
pub(crate) fn use_cert_der(o: &impl Owner, d: *const c_uchar, len: c_long) -> Result<(), Error> {
    let der = usize::try_from(len)
        .ok()
        .and_then(|len| c_bytes(d, len))
        .ok_or_else(|| Error::NotDer("certificate".into()))?;
    o.set_leaf(der_cert(der, o.lib())?, std::ptr::null_mut())?;
    Ok(())
}

/// Signs with a key of DER bytes: of libcrypto type `pk`, or PKCS#1 RSA.
pub(crate) fn use_key_der(
    o: &impl Owner,
    pk: Option<c_int>,
    d: *const c_uchar,
    len: c_long,
) -> Result<(), Error> {
    let der = usize::try_from(len)
        .ok()
        .and_then(|len| c_bytes(d, len))
        .ok_or_else(|| Error::NotDer("key".into()))?;
    let key = match pk {
        Some(pk) => der_key(pk, der, o.lib())?,
        None => der_rsa_key(der)?,
    };
    use_pkey(o, key.ptr())
}

/// Signs with an RSA key (the caller keeps its reference).
pub(crate) fn use_rsa(o: &impl Owner, rsa: *mut RSA) -> Result<(), Error> {
    if rsa.is_null() {
        return Err(Error::NullArgument);
    }
    let key = rsa_key(rsa.cast()).ok_or_else(|| Error::BadPrivateKey("not an RSA key".into()))?;
    use_pkey(o, key.ptr())
}

/// Signs with the first key of a file (`rsa_only`: an RSA key).
pub(crate) fn use_key_file(
    o: &impl Owner,
    file: *const c_char,
    filetype: c_int,
    rsa_only: bool,
) -> Result<(), Error> {
    let path = c_path(file).ok_or(Error::NullArgument)?;
    let how = KeyFile {
        rsa_only,
        password: o.password(),
        lib: o.lib(),
    };
    let key = read_key_file(path, filetype, how)?;
    use_pkey(o, key.ptr())
}

/// `SSL[_CTX]_use_cert_and_key`: leaf, key (NULL: none) and chain at once;
/// `override_` 0 refuses to replace what is there.
pub(crate) fn use_cert_and_key(
    o: &impl Owner,
    x: *mut X509,
    pkey: *mut EVP_PKEY,
    chain: *mut stack_st_X509,
    override_: c_int,
) -> Result<(), Error> {
    if x.is_null() {
        return Err(Error::NullArgument);
    }
    let leaf = x509_der(x.cast()).ok_or_else(|| Error::NotDer("certificate".into()))?;
    let mut certs = vec![CertificateDer::from(leaf.clone())];
    certs.extend(stack_ders(chain.cast(), false));
    let key = match pkey.is_null() {
        true => None,
        false => Some(
            private_key(pkey.cast())
                .ok_or_else(|| Error::BadPrivateKey("not a private key".into()))?,
        ),
    };
    let key_der = key.as_ref().map(|k| k.secret_der().to_vec());
    let replace = match override_ {
        0 => Replace::OnlyEmpty,
        _ => Replace::Always,
    };
    o.set_all(certs, key, replace)?;
    keep_cert(o.extras(), leaf, x.cast());
    if let Some(der) = key_der {
        keep_key(o.extras(), der, pkey.cast());
    }
    Ok(())
}

/// `SSL_CTX_set_current_cert` / `SSL_set_current_cert` (`SSL_CTRL_SET_CURRENT_CERT`):
/// sessl holds one certificate and key, so `SSL_CERT_SET_FIRST` selects it
/// when both are there and `SSL_CERT_SET_NEXT` finds no other, as OpenSSL
/// answers for a single certificate.
pub(crate) fn set_current_cert(creds: &Credentials, op: c_long) -> c_long {
    const SSL_CERT_SET_FIRST: c_long = 1;
    c_long::from(op == SSL_CERT_SET_FIRST && !creds.chain.is_empty() && creds.key.is_some())
}

/// SSL_CTX_use_certificate(3): presents `x` (the context keeps a reference).
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate(ctx: *mut SSL_CTX, x: *mut X509) -> c_int {
    entry!({ err::int_result(function_name!(), use_x509(try_ref!(ctx), x.cast())) })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_PrivateKey`, signs with `pkey`
/// (the context keeps a reference); 0 if it does not match the certificate.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_PrivateKey(ctx: *mut SSL_CTX, pkey: *mut EVP_PKEY) -> c_int {
    entry!({ err::int_result(function_name!(), use_pkey(try_ref!(ctx), pkey.cast())) })
}

/// `SSL_CTX_get0_certificate` (no man page): the certificate (borrowed, kept
/// by the context until it changes), or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_certificate(ctx: *const SSL_CTX) -> *mut X509 {
    entry!({
        let ctx = try_ref!(ctx);
        lent_cert(
            ctx.extras(),
            &ctx.credentials(),
            super::lib_context::of(ctx),
        )
        .cast()
    })
}

/// `SSL_CTX_get0_privatekey` (no man page): the key (borrowed, kept by the
/// context until it changes), or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_privatekey(ctx: *const SSL_CTX) -> *mut EVP_PKEY {
    entry!({
        let ctx = try_ref!(ctx);
        lent_key(
            ctx.extras(),
            &ctx.credentials(),
            super::lib_context::of(ctx),
        )
        .cast()
    })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_PrivateKey_ASN1`, a DER key of type `pk`.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_PrivateKey_ASN1(
    pk: c_int,
    ctx: *mut SSL_CTX,
    d: *const c_uchar,
    len: c_long,
) -> c_int {
    entry!({
        err::int_result(
            function_name!(),
            use_key_der(try_ref!(ctx), Some(pk), d, len),
        )
    })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_RSAPrivateKey` (the caller keeps `rsa`).
#[no_mangle]
pub extern "C" fn SSL_CTX_use_RSAPrivateKey(ctx: *mut SSL_CTX, rsa: *mut RSA) -> c_int {
    entry!({ err::int_result(function_name!(), use_rsa(try_ref!(ctx), rsa)) })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_RSAPrivateKey_ASN1`, a PKCS#1 DER key.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_RSAPrivateKey_ASN1(
    ctx: *mut SSL_CTX,
    d: *const c_uchar,
    len: c_long,
) -> c_int {
    entry!({ err::int_result(function_name!(), use_key_der(try_ref!(ctx), None, d, len)) })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_RSAPrivateKey_file`.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_RSAPrivateKey_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
    type_: c_int,
) -> c_int {
    entry!({
        let r = use_key_file(try_ref!(ctx), file, type_, true);
        err::int_result(function_name!(), r)
    })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_cert_and_key`: leaf, key and
/// chain at once (each kept with a reference of the context's own).
#[no_mangle]
pub extern "C" fn SSL_CTX_use_cert_and_key(
    ctx: *mut SSL_CTX,
    x509: *mut X509,
    privatekey: *mut EVP_PKEY,
    chain: *mut stack_st_X509,
    override_: c_int,
) -> c_int {
    entry!({
        let r = use_cert_and_key(try_ref!(ctx), x509, privatekey, chain, override_);
        err::int_result(function_name!(), r)
    })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_certificate_ASN1`, a DER certificate.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate_ASN1(
    ctx: *mut SSL_CTX,
    len: c_int,
    d: *const c_uchar,
) -> c_int {
    entry!({
        let r = use_cert_der(try_ref!(ctx), d, c_long::from(len));
        err::int_result(function_name!(), r)
    })
}

/// SSL_check_chain(3): the chain OpenSSL would check is built by libcrypto
/// per signature algorithm, which rustls chooses itself.
#[no_mangle]
pub extern "C" fn SSL_check_chain(
    _s: *mut SSL,
    _x: *mut X509,
    _pk: *mut EVP_PKEY,
    _chain: *mut stack_st_X509,
) -> c_int {
    entry!({ unsupported!("rustls chooses the certificate chain itself") })
}
