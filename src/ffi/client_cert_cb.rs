//! SSL_CTX_set_client_cert_cb(3): when a server asks for a certificate and
//! the client has none, the application's callback may give one. As in
//! OpenSSL, what it returns (`X509` and `EVP_PKEY`) becomes the connection's
//! own certificate and key, and the references it hands over are freed.

use std::sync::Arc;

use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::boundary::{entry, try_ref};
use super::credential_objects::private_key;
use super::handles::lend_ref;
use super::owned::{OwnedPkey, OwnedX509};
use super::types::*;
use super::x509::x509_der;
use crate::ssl::{ClientCertHook, Connection};

/// The callback, as the application set it (for `SSL_CTX_get_client_cert_cb`).
#[derive(Default)]
struct ClientCertCallback(sessl_client_cert_cb);

/// Calls the application's callback for a connection.
struct CallbackHook(unsafe extern "C" fn(*mut SSL, *mut *mut X509, *mut *mut EVP_PKEY) -> i32);

impl ClientCertHook for CallbackHook {
    fn client_certificate(
        &self,
        conn: &Connection,
    ) -> Option<(CertificateDer<'static>, PrivateKeyDer<'static>)> {
        let mut x: *mut X509 = std::ptr::null_mut();
        let mut k: *mut EVP_PKEY = std::ptr::null_mut();
        // SAFETY: the application's callback, given the connection's handle
        // and two out-pointers; no sessl lock is held.
        let r = unsafe { (self.0)(lend_ref::<SSL>(conn), &mut x, &mut k) };
        // What it handed over is ours to free, whatever it returned.
        let (x, k) = (OwnedX509::take(x.cast()), OwnedPkey::take(k.cast()));
        if r < 0 {
            log::warn!("SSL_CTX_set_client_cert_cb: a callback that suspends the handshake is not supported: no certificate sent");
        }
        if r != 1 {
            return None;
        }
        let cert = x509_der(x?.ptr())?;
        let key = private_key(k?.ptr())?;
        Some((CertificateDer::from(cert), key))
    }
}

/// SSL_CTX_set_client_cert_cb(3): the callback asked for a client
/// certificate when none is set (NULL: none). A return of -1 (suspend the
/// handshake) is taken as "no certificate", logged.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_client_cert_cb(ctx: *mut SSL_CTX, cb: sessl_client_cert_cb) {
    entry!({
        let ctx = try_ref!(ctx);
        ctx.extras().with(|c: &mut ClientCertCallback| c.0 = cb);
        ctx.set_client_cert_hook(cb.map(|f| Arc::new(CallbackHook(f)) as Arc<dyn ClientCertHook>));
    })
}

/// SSL_CTX_set_client_cert_cb(3): `SSL_CTX_get_client_cert_cb`, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_client_cert_cb(ctx: *mut SSL_CTX) -> sessl_client_cert_cb {
    entry!({
        try_ref!(ctx)
            .extras()
            .with(|c: &mut ClientCertCallback| c.0)
    })
}
