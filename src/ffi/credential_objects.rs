//! The libcrypto objects behind a context's or connection's certificate and
//! key: those lent out by `SSL_CTX_get0_certificate`, `SSL_get_privatekey`,
//! ... (the very `X509` / `EVP_PKEY` the application gave, as OpenSSL keeps
//! them, or ones made from the DER), and reading keys and certificates from
//! DER, files and RSA objects with libcrypto.

use std::os::raw::{c_int, c_long};
use std::path::Path;

use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::lib_context::{ex, Lib};
use super::owned::{CArg, OwnedPkey, OwnedX509};
use super::types::sessl_pem_password_cb;
use super::x509::{pkey_der, pkey_from_der, x509_der, x509_from_der};
use crate::ssl::certs::{FILETYPE_ASN1, FILETYPE_PEM};
use crate::ssl::{Credentials, Error, Extras};

/// The objects lent for one owner's certificate and key, each with the DER
/// it stands for; made again when the credentials change.
#[derive(Default)]
struct Lent {
    cert: Option<(Vec<u8>, OwnedX509)>,
    key: Option<(Vec<u8>, OwnedPkey)>,
}

/// Keeps `x` (one reference of the owner's own) as the object lent for `der`.
pub(crate) fn keep_cert(extras: &Extras, der: Vec<u8>, x: *mut openssl_sys::X509) {
    // SAFETY: `x` is the caller's live certificate; the reference added is ours.
    unsafe { openssl_sys::X509_up_ref(x) };
    if let Some(x) = OwnedX509::take(x) {
        extras.with(|l: &mut Lent| l.cert = Some((der, x)));
    }
}

/// Keeps `k` (one reference of the owner's own) as the object lent for `der`.
pub(crate) fn keep_key(extras: &Extras, der: Vec<u8>, k: *mut openssl_sys::EVP_PKEY) {
    // SAFETY: `k` is the caller's live key; the reference added is ours.
    unsafe { openssl_sys::EVP_PKEY_up_ref(k) };
    if let Some(k) = OwnedPkey::take(k) {
        extras.with(|l: &mut Lent| l.key = Some((der, k)));
    }
}

/// The certificate of `creds` as an `X509` the owner keeps (borrowed), or
/// NULL; made in `lib`.
pub(crate) fn lent_cert(extras: &Extras, creds: &Credentials, lib: Lib) -> *mut openssl_sys::X509 {
    let Some(der) = creds.chain.first() else {
        return std::ptr::null_mut();
    };
    extras.with(|l: &mut Lent| {
        if l.cert.as_ref().is_none_or(|(d, _)| d[..] != der[..]) {
            l.cert = OwnedX509::take(x509_from_der(der, lib)).map(|x| (der.to_vec(), x));
        }
        l.cert
            .as_ref()
            .map_or(std::ptr::null_mut(), |(_, x)| x.ptr())
    })
}

/// The key of `creds` as an `EVP_PKEY` the owner keeps (borrowed), or NULL;
/// made in `lib`.
pub(crate) fn lent_key(
    extras: &Extras,
    creds: &Credentials,
    lib: Lib,
) -> *mut openssl_sys::EVP_PKEY {
    let Some(key) = creds.key.as_ref() else {
        return std::ptr::null_mut();
    };
    let der = key.secret_der();
    extras.with(|l: &mut Lent| {
        if l.key.as_ref().is_none_or(|(d, _)| d[..] != der[..]) {
            l.key = OwnedPkey::take(pkey_from_der(der, lib)).map(|k| (der.to_vec(), k));
        }
        l.key
            .as_ref()
            .map_or(std::ptr::null_mut(), |(_, k)| k.ptr())
    })
}

/// A libcrypto key as rustls reads it.
pub(crate) fn private_key(k: *mut openssl_sys::EVP_PKEY) -> Option<PrivateKeyDer<'static>> {
    pkey_der(k).and_then(|d| PrivateKeyDer::try_from(d).ok())
}

/// A certificate from DER bytes, checked by libcrypto in `lib`.
pub(crate) fn der_cert(der: &[u8], lib: Lib) -> Result<CertificateDer<'static>, Error> {
    let x = OwnedX509::take(x509_from_der(der, lib))
        .ok_or_else(|| Error::NotDer("certificate".into()))?;
    x509_der(x.ptr())
        .map(CertificateDer::from)
        .ok_or_else(|| Error::NotDer("certificate".into()))
}

/// A private key of libcrypto type `pk` (`EVP_PKEY_RSA`, ...) from DER, made in `lib`.
pub(crate) fn der_key(pk: c_int, der: &[u8], lib: Lib) -> Result<OwnedPkey, Error> {
    let k = OwnedPkey::take(pkey_from_der(der, lib)).ok_or_else(|| Error::NotDer("key".into()))?;
    // SAFETY: a live key of ours.
    if unsafe { openssl_sys::EVP_PKEY_id(k.ptr()) } != pk {
        return Err(Error::NotDer("key of that type".into()));
    }
    Ok(k)
}

/// A key holding `rsa` (the caller keeps its own reference).
pub(crate) fn rsa_key(rsa: *mut openssl_sys::RSA) -> Option<OwnedPkey> {
    // SAFETY: a new key of ours; `set1` adds its own reference to `rsa`.
    unsafe {
        let k = OwnedPkey::take(openssl_sys::EVP_PKEY_new())?;
        (openssl_sys::EVP_PKEY_set1_RSA(k.ptr(), rsa) == 1).then_some(k)
    }
}

/// An RSA private key from PKCS#1 DER.
pub(crate) fn der_rsa_key(der: &[u8]) -> Result<OwnedPkey, Error> {
    let mut p = der.as_ptr();
    // SAFETY: `p` points at `der.len()` readable bytes; the RSA made is ours
    // and freed once the key holds its own reference.
    unsafe {
        let rsa = openssl_sys::d2i_RSAPrivateKey(std::ptr::null_mut(), &mut p, der.len() as c_long);
        if rsa.is_null() {
            return Err(Error::NotDer("RSA key".into()));
        }
        let k = rsa_key(rsa);
        openssl_sys::RSA_free(rsa);
        k.ok_or_else(|| Error::NotDer("RSA key".into()))
    }
}

/// How to read a key file: any key or an RSA one, and the password callback.
#[derive(Clone, Copy)]
pub(crate) struct KeyFile {
    /// Only an RSA key (`SSL_use_RSAPrivateKey_file`).
    pub(crate) rsa_only: bool,
    /// The password callback and its argument.
    pub(crate) password: (sessl_pem_password_cb, CArg),
    /// Where the key is made.
    pub(crate) lib: Lib,
}

/// Reads the first private key of a file in `filetype` with libcrypto.
pub(crate) fn read_key_file(
    path: &Path,
    filetype: c_int,
    how: KeyFile,
) -> Result<OwnedPkey, Error> {
    if filetype != FILETYPE_PEM && filetype != FILETYPE_ASN1 {
        return Err(Error::BadFileType(filetype));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, e))?;
    if filetype == FILETYPE_ASN1 {
        return match how.rsa_only {
            true => der_rsa_key(&bytes),
            false => {
                OwnedPkey::take(pkey_from_der(&bytes, how.lib)).ok_or(Error::NotDer("key".into()))
            }
        };
    }
    let (cb, userdata) = how.password;
    // SAFETY: a memory BIO over `bytes` (alive for the call), freed here; the
    // callback and its argument are the application's, as OpenSSL passes them.
    unsafe {
        let bio = openssl_sys::BIO_new_mem_buf(bytes.as_ptr().cast(), bytes.len() as c_int);
        if bio.is_null() {
            return Err(Error::file(path, "out of memory"));
        }
        let key = if how.rsa_only {
            let rsa = openssl_sys::PEM_read_bio_RSAPrivateKey(
                bio,
                std::ptr::null_mut(),
                cb,
                userdata.get(),
            );
            let k = (!rsa.is_null()).then(|| rsa_key(rsa)).flatten();
            if !rsa.is_null() {
                openssl_sys::RSA_free(rsa);
            }
            k
        } else {
            let k = ex::PEM_read_bio_PrivateKey_ex(
                bio,
                std::ptr::null_mut(),
                cb,
                userdata.get(),
                how.lib.libctx,
                how.lib.propq,
            );
            OwnedPkey::take(k)
        };
        openssl_sys::BIO_free_all(bio);
        key.ok_or_else(|| Error::BadPrivateKey(format!("no key in {}", path.display())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lent_objects_follow_the_credentials() {
        let made = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        let key = PrivateKeyDer::try_from(made.key_pair.serialize_der()).unwrap();
        let extras = Extras::default();
        let mut creds = Credentials::default();
        assert!(lent_cert(&extras, &creds, Lib::DEFAULT).is_null());
        assert!(lent_key(&extras, &creds, Lib::DEFAULT).is_null());
        creds.chain = vec![made.cert.der().clone()];
        creds.key = Some(std::sync::Arc::new(key));
        let x = lent_cert(&extras, &creds, Lib::DEFAULT);
        assert!(!x.is_null());
        assert_eq!(lent_cert(&extras, &creds, Lib::DEFAULT), x);
        assert_eq!(x509_der(x).unwrap(), made.cert.der().to_vec());
        let k = lent_key(&extras, &creds, Lib::DEFAULT);
        assert!(!k.is_null());
        assert_eq!(lent_key(&extras, &creds, Lib::DEFAULT), k);
        assert!(private_key(k).is_some());
    }

    #[test]
    fn bad_der_is_refused() {
        assert!(matches!(
            der_cert(b"nope", Lib::DEFAULT),
            Err(Error::NotDer(_))
        ));
        assert!(matches!(der_rsa_key(b"nope"), Err(Error::NotDer(_))));
        assert!(der_key(6, b"nope", Lib::DEFAULT).is_err());
    }
}
