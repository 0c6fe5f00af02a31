//! Peer certificate verification as OpenSSL does it: the chain is checked
//! against the context's trust anchors and the result kept for
//! `SSL_get_verify_result` even in `SSL_VERIFY_NONE` mode, where a failure
//! does not stop the handshake. Like OpenSSL (without `SSL_set1_host`), the
//! host name is not checked.
//!
//! rustls resumes a session only under the very verifier (and client
//! certificate resolver) that made it, while OpenSSL programs such as curl
//! make a new `SSL_CTX` per connection and resume across them. So there is
//! one verifier for the whole process, and it checks each handshake against
//! the policy of the connection's context, which the connection sets on its
//! thread around every call into rustls (`with_policy`). Anchors come from
//! the context's own list and, at verification time, from an outside source
//! (libcrypto's `X509_STORE`, which a caller may fill after the handshake
//! has started).

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use parking_lot::RwLock;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::verify_server_cert_signed_by_trust_anchor;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::server::ParsedCertificate;
use rustls::{CertificateError, DigitallySignedStruct, Error, RootCertStore, SignatureScheme};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};

/// `X509_V_OK`.
pub const X509_V_OK: i64 = 0;

thread_local! {
    static LAST_RESULT: Cell<Option<i64>> = const { Cell::new(None) };
}

/// Takes the verification result recorded on this thread by the last
/// verification (rustls verifies synchronously inside `process_new_packets`).
pub fn take_recorded_result() -> Option<i64> {
    LAST_RESULT.with(|r| r.take())
}

/// OpenSSL's `X509_V_ERR_*` code for a rustls verification error.
pub fn x509_code(e: &Error) -> i64 {
    match e {
        Error::InvalidCertificate(c) => match c {
            CertificateError::UnknownIssuer => 20,
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => 10,
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => 9,
            CertificateError::BadSignature => 7,
            CertificateError::Revoked => 23,
            CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => 26,
            _ => 1,
        },
        _ => 1,
    }
}

/// Trust anchors kept outside sessl (e.g. an `X509_STORE`), read at each verification.
pub trait TrustSource: Send + Sync {
    /// The certificates to trust, DER-encoded.
    fn certificates(&self) -> Vec<CertificateDer<'static>>;
    /// The source as `Any`, so its owner can recognise it.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// A context's trust anchors: its own list plus an optional outside source.
#[derive(Default)]
pub struct Trust {
    own: RwLock<Vec<CertificateDer<'static>>>,
    source: RwLock<Option<Arc<dyn TrustSource>>>,
}

impl Trust {
    /// Replaces the context's own anchors.
    pub fn set_own(&self, certs: Vec<CertificateDer<'static>>) {
        *self.own.write() = certs;
    }

    /// Sets (or clears) the outside source.
    pub fn set_source(&self, source: Option<Arc<dyn TrustSource>>) {
        *self.source.write() = source;
    }

    /// The outside source, if any.
    pub fn source(&self) -> Option<Arc<dyn TrustSource>> {
        self.source.read().clone()
    }

    /// Every anchor, as a rustls root store.
    pub fn root_store(&self) -> RootCertStore {
        let mut roots = RootCertStore::empty();
        roots.add_parsable_certificates(self.own.read().iter().cloned());
        if let Some(source) = self.source() {
            roots.add_parsable_certificates(source.certificates());
        }
        roots
    }
}

/// How a context verifies peers and authenticates itself as a client.
#[derive(Default)]
pub struct PeerPolicy {
    /// The trust anchors.
    pub trust: Trust,
    enforce: AtomicBool,
    /// The client certificate presented when a server asks.
    pub client_cert: super::client_cert::ClientCertSlot,
}

impl PeerPolicy {
    /// `SSL_VERIFY_PEER` (true) or `SSL_VERIFY_NONE` (false).
    pub fn set_enforce(&self, on: bool) {
        self.enforce.store(on, Ordering::Relaxed);
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<PeerPolicy>>> = const { RefCell::new(None) };
}

/// Runs `f` (a call into rustls) with `policy` as the one verification and
/// client authentication follow on this thread.
pub fn with_policy<R>(policy: &Arc<PeerPolicy>, f: impl FnOnce() -> R) -> R {
    let previous = CURRENT.with(|c| c.replace(Some(policy.clone())));
    let r = f();
    CURRENT.with(|c| *c.borrow_mut() = previous);
    r
}

/// The policy of the connection this thread is working for, if any.
pub(crate) fn current_policy() -> Option<Arc<PeerPolicy>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// The process-wide server verifier.
pub struct PeerVerifier {
    provider: Arc<CryptoProvider>,
}

impl std::fmt::Debug for PeerVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PeerVerifier").finish_non_exhaustive()
    }
}

impl PeerVerifier {
    /// The one verifier every client context uses.
    pub fn shared() -> Arc<PeerVerifier> {
        static SHARED: OnceLock<Arc<PeerVerifier>> = OnceLock::new();
        SHARED
            .get_or_init(|| {
                Arc::new(PeerVerifier {
                    provider: Arc::new(rustls::crypto::aws_lc_rs::default_provider()),
                })
            })
            .clone()
    }
}

impl ServerCertVerifier for PeerVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        // Without a policy (a call from outside a connection) nothing is trusted.
        let policy = current_policy();
        let roots = policy
            .as_ref()
            .map(|p| p.trust.root_store())
            .unwrap_or_else(RootCertStore::empty);
        let enforce = policy
            .as_ref()
            .is_none_or(|p| p.enforce.load(Ordering::Relaxed));
        let checked = ParsedCertificate::try_from(end_entity).and_then(|cert| {
            verify_server_cert_signed_by_trust_anchor(
                &cert,
                &roots,
                intermediates,
                now,
                self.provider.signature_verification_algorithms.all,
            )
        });
        let code = checked.as_ref().err().map(x509_code).unwrap_or(X509_V_OK);
        LAST_RESULT.with(|r| r.set(Some(code)));
        match checked {
            Err(e) if enforce => Err(e),
            _ => Ok(ServerCertVerified::assertion()),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}
