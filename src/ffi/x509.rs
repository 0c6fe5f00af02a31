//! Certificates and keys as libcrypto objects: SSL_CTX_get_cert_store(3),
//! SSL_get1_peer_certificate(3), SSL_get_peer_cert_chain(3),
//! SSL_get_certificate(3), SSL_CTX_use_certificate(3) and the password callback.

use std::ffi::c_void;
use std::os::raw::{c_int, c_long};

use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::boundary::{entry, try_ref};
use super::err;
use super::owned::{free_x509, CArg, OwnedPkey, OwnedX509, OwnedX509Stack};
use super::types::*;
use crate::ssl::{Context, Role};

/// DER bytes of a libcrypto certificate.
pub(crate) fn x509_der(x: *mut openssl_sys::X509) -> Option<Vec<u8>> {
    // SAFETY: `x` is a live X509 from the caller; the first call sizes the
    // buffer, the second fills exactly that many bytes.
    unsafe {
        let len = openssl_sys::i2d_X509(x, std::ptr::null_mut());
        if len <= 0 {
            return None;
        }
        let mut der = vec![0u8; len as usize];
        let mut p = der.as_mut_ptr();
        openssl_sys::i2d_X509(x, &mut p);
        Some(der)
    }
}

/// A new libcrypto certificate (one reference, the caller's) from DER.
pub(crate) fn x509_from_der(der: &[u8]) -> *mut openssl_sys::X509 {
    let mut p = der.as_ptr();
    // SAFETY: `p` points at `der.len()` readable bytes.
    unsafe { openssl_sys::d2i_X509(std::ptr::null_mut(), &mut p, der.len() as c_long) }
}

/// A new libcrypto key from DER (PKCS#8, PKCS#1 or SEC1).
fn pkey_from_der(der: &[u8]) -> *mut openssl_sys::EVP_PKEY {
    let mut p = der.as_ptr();
    // SAFETY: `p` points at `der.len()` readable bytes.
    unsafe { openssl_sys::d2i_AutoPrivateKey(std::ptr::null_mut(), &mut p, der.len() as c_long) }
}

/// DER bytes of a libcrypto private key.
fn pkey_der(k: *mut openssl_sys::EVP_PKEY) -> Option<Vec<u8>> {
    // SAFETY: as `x509_der`, for a live EVP_PKEY.
    unsafe {
        let len = openssl_sys::i2d_PrivateKey(k, std::ptr::null_mut());
        if len <= 0 {
            return None;
        }
        let mut der = vec![0u8; len as usize];
        let mut p = der.as_mut_ptr();
        openssl_sys::i2d_PrivateKey(k, &mut p);
        Some(der)
    }
}

/// SSL_get1_peer_certificate(3): the peer's certificate, a new reference
/// (`X509_free` it), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get1_peer_certificate(ssl: *const SSL) -> *mut X509 {
    entry!({
        match try_ref!(ssl).peer_certificates() {
            Some(certs) if !certs.is_empty() => x509_from_der(&certs[0]).cast(),
            _ => std::ptr::null_mut(),
        }
    })
}

/// A `STACK_OF(X509)` handed out borrowed, owned by a connection, made
/// again when the certificates it stands for change (a new handshake).
#[derive(Default)]
pub(crate) struct CertStack {
    ders: Vec<Vec<u8>>,
    stack: Option<OwnedX509Stack>,
}

impl CertStack {
    /// The stack for `ders`, made now if the last one was of other certificates.
    pub(crate) fn get(&mut self, ders: Vec<Vec<u8>>) -> *mut stack_st_X509 {
        if self.stack.is_none() || self.ders != ders {
            *self = CertStack::default();
            self.stack = OwnedX509Stack::take(new_stack(&ders));
            self.ders = ders;
        }
        self.stack
            .as_ref()
            .map_or(std::ptr::null_mut(), |s| s.ptr().cast())
    }
}

/// The peer chain handed out by `SSL_get_peer_cert_chain`.
#[derive(Default)]
struct PeerChain(CertStack);

/// SSL_get_peer_cert_chain(3): the peer's chain (borrowed, valid while the
/// connection lives): leaf first on a client; without the leaf on a server.
#[no_mangle]
pub extern "C" fn SSL_get_peer_cert_chain(ssl: *const SSL) -> *mut stack_st_X509 {
    entry!({
        let conn = try_ref!(ssl);
        let certs = match conn.peer_certificates() {
            Some(certs) => certs,
            // A client asked for a certificate that sent none: an empty chain.
            None if conn.requested_client_certificate() => Vec::new(),
            None => return std::ptr::null_mut(),
        };
        if !conn.peer_chain_known() {
            return std::ptr::null_mut();
        }
        let skip = usize::from(conn.role() == Some(Role::Server));
        let ders = certs.iter().skip(skip).map(|c| c.to_vec()).collect();
        conn.extras()
            .with(|chain: &mut PeerChain| chain.0.get(ders))
    })
}

/// A new `STACK_OF(X509)` owning a certificate for each DER (the caller's to free).
pub(crate) fn new_stack<D: AsRef<[u8]>>(ders: &[D]) -> *mut openssl_sys::OPENSSL_STACK {
    // SAFETY: a new stack owning the certificates pushed on it.
    unsafe {
        let sk = openssl_sys::OPENSSL_sk_new_null();
        if sk.is_null() {
            return sk;
        }
        for der in ders {
            let x = x509_from_der(der.as_ref());
            if !x.is_null() {
                openssl_sys::OPENSSL_sk_push(sk, x as *const c_void);
            }
        }
        sk
    }
}

/// The libcrypto objects for the context's own certificate and key, made on
/// demand and owned by the context.
#[derive(Default)]
struct OwnObjects {
    cert: Option<(Vec<u8>, Option<OwnedX509>)>,
    key: Option<(Vec<u8>, Option<OwnedPkey>)>,
}

/// SSL_get_certificate(3): the certificate the connection presents (borrowed), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_certificate(ssl: *const SSL) -> *mut X509 {
    entry!({
        let ctx = try_ref!(ssl).context();
        let Some(der) = ctx.with_settings(|s| s.chain.first().map(|c| c.to_vec())) else {
            return std::ptr::null_mut();
        };
        ctx.extras().with(|o: &mut OwnObjects| {
            if o.cert.as_ref().is_none_or(|(d, _)| *d != der) {
                let x = OwnedX509::take(x509_from_der(&der));
                o.cert = Some((der, x));
            }
            match &o.cert {
                Some((_, Some(x))) => x.ptr().cast(),
                _ => std::ptr::null_mut(),
            }
        })
    })
}

/// SSL_get_certificate(3): `SSL_get_privatekey`, the key (borrowed), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_privatekey(ssl: *const SSL) -> *mut EVP_PKEY {
    entry!({
        let ctx = try_ref!(ssl).context();
        let Some(der) = ctx.with_settings(|s| s.key.as_ref().map(|k| k.secret_der().to_vec()))
        else {
            return std::ptr::null_mut();
        };
        ctx.extras().with(|o: &mut OwnObjects| {
            if o.key.as_ref().is_none_or(|(d, _)| *d != der) {
                let k = OwnedPkey::take(pkey_from_der(&der));
                o.key = Some((der, k));
            }
            match &o.key {
                Some((_, Some(k))) => k.ptr().cast(),
                _ => std::ptr::null_mut(),
            }
        })
    })
}

/// SSL_CTX_use_certificate(3): presents `x` (copied; the caller keeps its reference).
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate(ctx: *mut SSL_CTX, x: *mut X509) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        if x.is_null() {
            return 0;
        }
        match x509_der(x.cast()) {
            Some(der)
                if super::security::refuses_own_certificate(
                    "SSL_CTX_use_certificate",
                    ctx,
                    x.cast(),
                    &der,
                ) =>
            {
                0
            }
            Some(der) => {
                ctx.use_certificate(CertificateDer::from(der));
                1
            }
            None => 0,
        }
    })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_PrivateKey`, signs with `pkey`
/// (copied); 0 if it does not match the certificate.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_PrivateKey(ctx: *mut SSL_CTX, pkey: *mut EVP_PKEY) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        if pkey.is_null() {
            return 0;
        }
        let key = pkey_der(pkey.cast()).and_then(|d| PrivateKeyDer::try_from(d).ok());
        match key {
            Some(key) => err::int_result("SSL_CTX_use_PrivateKey", ctx.use_private_key(key)),
            None => 0,
        }
    })
}

/// The password callback and its argument.
#[derive(Default)]
struct Password {
    cb: sessl_pem_password_cb,
    userdata: CArg,
}

/// SSL_CTX_set_default_passwd_cb(3): the callback asked for a key file's password.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_passwd_cb(ctx: *mut SSL_CTX, cb: sessl_pem_password_cb) {
    entry!({ try_ref!(ctx).extras().with(|p: &mut Password| p.cb = cb) })
}

/// SSL_CTX_set_default_passwd_cb(3): `SSL_CTX_set_default_passwd_cb_userdata`.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_passwd_cb_userdata(ctx: *mut SSL_CTX, u: *mut c_void) {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|p: &mut Password| p.userdata = CArg::new(u))
    })
}

/// Decrypts a PEM private key with libcrypto and the context's password callback.
pub(crate) fn decrypt_pem_key(ctx: &Context, pem: &[u8]) -> Option<PrivateKeyDer<'static>> {
    let (cb, userdata) = ctx.extras().with(|p: &mut Password| (p.cb, p.userdata));
    // SAFETY: a memory BIO over `pem` (alive for the call); the callback and
    // its argument are the caller's, as OpenSSL would pass them.
    unsafe {
        let bio = openssl_sys::BIO_new_mem_buf(pem.as_ptr().cast(), pem.len() as c_int);
        if bio.is_null() {
            return None;
        }
        let key =
            openssl_sys::PEM_read_bio_PrivateKey(bio, std::ptr::null_mut(), cb, userdata.get());
        openssl_sys::BIO_free_all(bio);
        if key.is_null() {
            return None;
        }
        let der = pkey_der(key);
        openssl_sys::EVP_PKEY_free(key);
        PrivateKeyDer::try_from(der?).ok()
    }
}

/// The DER certificates of a `STACK_OF(X509)`; with `take`, the stack and its
/// certificates are freed afterwards (the caller handed them over).
pub(crate) fn stack_ders(sk: *mut c_void, take: bool) -> Vec<CertificateDer<'static>> {
    if sk.is_null() {
        return Vec::new();
    }
    let sk = sk as *mut openssl_sys::OPENSSL_STACK;
    // SAFETY: `sk` is the caller's live stack of X509; with `take` it is ours to free.
    unsafe {
        let n = openssl_sys::OPENSSL_sk_num(sk);
        let certs = (0..n)
            .filter_map(|i| x509_der(openssl_sys::OPENSSL_sk_value(sk, i).cast()))
            .map(CertificateDer::from)
            .collect();
        if take {
            openssl_sys::OPENSSL_sk_pop_free(sk, Some(free_x509));
        }
        certs
    }
}

/// The DER of one certificate; with `take`, the caller's reference is dropped afterwards.
pub(crate) fn cert_der(x: *mut c_void, take: bool) -> Option<CertificateDer<'static>> {
    if x.is_null() {
        return None;
    }
    let der = x509_der(x.cast()).map(CertificateDer::from);
    if take {
        // SAFETY: the caller handed its reference over.
        unsafe { openssl_sys::X509_free(x.cast()) };
    }
    der
}
