//! Peer certificate verification as OpenSSL does it: the chain is checked
//! against the context's trust store and the result kept for
//! `SSL_get_verify_result` even in `SSL_VERIFY_NONE` mode, where a failure
//! does not stop the handshake. Like OpenSSL (without `SSL_set1_host`), the
//! host name is not checked.

use std::cell::Cell;
use std::sync::Arc;

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

/// Verifies servers for a client context.
#[derive(Debug)]
pub struct PeerVerifier {
    roots: Arc<RootCertStore>,
    enforce: bool,
    provider: Arc<CryptoProvider>,
}

impl PeerVerifier {
    /// A verifier over `roots`; `enforce` makes a bad chain fail the handshake.
    pub fn new(roots: Arc<RootCertStore>, enforce: bool, provider: Arc<CryptoProvider>) -> Self {
        PeerVerifier {
            roots,
            enforce,
            provider,
        }
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
        let checked = ParsedCertificate::try_from(end_entity).and_then(|cert| {
            verify_server_cert_signed_by_trust_anchor(
                &cert,
                &self.roots,
                intermediates,
                now,
                self.provider.signature_verification_algorithms.all,
            )
        });
        let code = checked.as_ref().err().map(x509_code).unwrap_or(X509_V_OK);
        LAST_RESULT.with(|r| r.set(Some(code)));
        match checked {
            Err(e) if self.enforce => Err(e),
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
