//! Certificates and keys as libcrypto objects: SSL_CTX_get_cert_store(3),
//! SSL_get1_peer_certificate(3), SSL_get_peer_cert_chain(3),
//! and the DER conversions the certificate and key functions share.

use std::ffi::c_void;
use std::os::raw::{c_int, c_long};

use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::boundary::{entry, try_ref};
use super::lib_context::{ex, Lib};
use super::owned::{free_x509, OwnedX509, OwnedX509Stack};
use super::x509_cache::{parsed_x509, peer_leaf, peer_x509s};

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

/// A new libcrypto certificate (one reference, the caller's) from DER, made
/// in `lib` (its public key is decoded there, as OpenSSL decodes a peer's).
pub(crate) fn x509_from_der(der: &[u8], lib: Lib) -> *mut openssl_sys::X509 {
    let mut p = der.as_ptr();
    // SAFETY: a new certificate in the caller's library context, filled by
    // `d2i_X509` from `der.len()` readable bytes; freed here when that fails
    // (d2i frees a reused object on failure, so only the first is ours).
    unsafe {
        let mut x = ex::X509_new_ex(lib.libctx, lib.propq);
        if x.is_null() {
            return x;
        }
        let made = openssl_sys::d2i_X509(&mut x, &mut p, der.len() as c_long);
        if made.is_null() {
            return std::ptr::null_mut();
        }
        made
    }
}

/// A new libcrypto key from DER (PKCS#8, PKCS#1 or SEC1), made in `lib`.
pub(crate) fn pkey_from_der(der: &[u8], lib: Lib) -> *mut openssl_sys::EVP_PKEY {
    let mut p = der.as_ptr();
    // SAFETY: `p` points at `der.len()` readable bytes.
    unsafe {
        ex::d2i_AutoPrivateKey_ex(
            std::ptr::null_mut(),
            &mut p,
            der.len() as c_long,
            lib.libctx,
            lib.propq,
        )
    }
}

/// DER bytes of a libcrypto private key.
pub(crate) fn pkey_der(k: *mut openssl_sys::EVP_PKEY) -> Option<Vec<u8>> {
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
/// (`X509_free` it), or NULL. The same `X509` the verification of the peer
/// saw and `SSL_get0_peer_certificate` lends.
#[no_mangle]
pub extern "C" fn SSL_get1_peer_certificate(ssl: *const SSL) -> *mut X509 {
    entry!({
        let conn = try_ref!(ssl);
        peer_leaf(conn).map_or(std::ptr::null_mut(), |x| x.into_ptr().cast())
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
    pub(crate) fn get(&mut self, ders: Vec<Vec<u8>>, lib: Lib) -> *mut stack_st_X509 {
        self.get_or_make(ders, |ders| new_stack(ders, lib))
    }

    /// The stack made last if it was made for `ders`.
    pub(crate) fn current(&self, ders: &[Vec<u8>]) -> Option<*mut stack_st_X509> {
        let stack = self.stack.as_ref()?;
        (self.ders == ders).then(|| stack.ptr().cast())
    }

    /// The stack for `ders`, made by `make` if the last one was of other certificates.
    pub(crate) fn get_or_make(
        &mut self,
        ders: Vec<Vec<u8>>,
        make: impl FnOnce(&[Vec<u8>]) -> *mut openssl_sys::OPENSSL_STACK,
    ) -> *mut stack_st_X509 {
        if self.stack.is_none() || self.ders != ders {
            *self = CertStack::default();
            self.stack = OwnedX509Stack::take(make(&ders));
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
        // The connection's own X509s of its peer, as the verification saw them.
        let x509s = peer_x509s(conn, &certs, true).unwrap_or_default();
        conn.extras().with(|chain: &mut PeerChain| {
            chain
                .0
                .get_or_make(ders, |_| stack_of(x509s.into_iter().skip(skip)))
        })
    })
}

/// A new `STACK_OF(X509)` owning `x509s` (the caller's to free).
pub(crate) fn stack_of(
    x509s: impl IntoIterator<Item = OwnedX509>,
) -> *mut openssl_sys::OPENSSL_STACK {
    // SAFETY: a new stack, given the references of the certificates pushed on it.
    unsafe {
        let sk = openssl_sys::OPENSSL_sk_new_null();
        if sk.is_null() {
            return sk;
        }
        for x in x509s {
            let x = x.into_ptr();
            if openssl_sys::OPENSSL_sk_push(sk, x as *const c_void) == 0 {
                openssl_sys::X509_free(x);
            }
        }
        sk
    }
}

/// A new `STACK_OF(X509)` owning a certificate for each DER that parses,
/// made in `lib` (the caller's to free; parsed ones come from the cache).
pub(crate) fn new_stack<D: AsRef<[u8]>>(ders: &[D], lib: Lib) -> *mut openssl_sys::OPENSSL_STACK {
    stack_of(ders.iter().filter_map(|der| parsed_x509(der.as_ref(), lib)))
}

/// Decrypts a PEM private key with libcrypto and the context's password callback.
pub(crate) fn decrypt_pem_key(ctx: &Context, pem: &[u8]) -> Option<PrivateKeyDer<'static>> {
    let (cb, userdata) = super::passwords::context_password(ctx);
    let lib = super::lib_context::of(ctx);
    // SAFETY: a memory BIO over `pem` (alive for the call); the callback and
    // its argument are the caller's, as OpenSSL would pass them; the library
    // context is the live context's.
    unsafe {
        let bio = openssl_sys::BIO_new_mem_buf(pem.as_ptr().cast(), pem.len() as c_int);
        if bio.is_null() {
            return None;
        }
        let key = ex::PEM_read_bio_PrivateKey_ex(
            bio,
            std::ptr::null_mut(),
            cb,
            userdata.get(),
            lib.libctx,
            lib.propq,
        );
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
