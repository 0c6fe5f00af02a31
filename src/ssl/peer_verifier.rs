//! The rustls verifiers every connection uses: one for servers' chains (a
//! client's side) and one per server configuration for clients' chains.
//! Both hand path validation to `verify::judge_peer_chain`; rustls keeps
//! checking the handshake signatures.

use std::sync::{Arc, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::verify_server_cert_signed_by_trust_anchor;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::server::{ParsedCertificate, WebPkiClientVerifier};
use rustls::{DigitallySignedStruct, DistinguishedName, Error, SignatureScheme};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};

use super::scheme_filter;
use super::verify::judge_peer_chain;

fn provider() -> &'static Arc<CryptoProvider> {
    static PROVIDER: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    PROVIDER.get_or_init(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
}

/// A peer signature with a scheme this end's list does not allow fails as
/// in OpenSSL (`SSL_R_WRONG_SIGNATURE_TYPE`, alert illegal_parameter).
fn check_scheme(dss: &DigitallySignedStruct, client_side: bool) -> Result<(), Error> {
    if scheme_filter::peer_scheme_allowed(dss.scheme, client_side) {
        Ok(())
    } else {
        Err(Error::PeerMisbehaved(
            rustls::PeerMisbehaved::SignedHandshakeWithUnadvertisedSigScheme,
        ))
    }
}

fn tls12_signature(
    message: &[u8],
    cert: &CertificateDer<'_>,
    dss: &DigitallySignedStruct,
    client_side: bool,
) -> Result<HandshakeSignatureValid, Error> {
    check_scheme(dss, client_side)?;
    let valid = verify_tls12_signature(
        message,
        cert,
        dss,
        &provider().signature_verification_algorithms,
    )?;
    super::peer_signature::note(dss.scheme);
    Ok(valid)
}

fn tls13_signature(
    message: &[u8],
    cert: &CertificateDer<'_>,
    dss: &DigitallySignedStruct,
    client_side: bool,
) -> Result<HandshakeSignatureValid, Error> {
    check_scheme(dss, client_side)?;
    let valid = verify_tls13_signature(
        message,
        cert,
        dss,
        &provider().signature_verification_algorithms,
    )?;
    super::peer_signature::note(dss.scheme);
    Ok(valid)
}

fn schemes() -> Vec<SignatureScheme> {
    provider()
        .signature_verification_algorithms
        .supported_schemes()
}

/// The process-wide verifier of servers' chains.
pub struct PeerVerifier;

impl std::fmt::Debug for PeerVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PeerVerifier").finish_non_exhaustive()
    }
}

impl PeerVerifier {
    /// The one verifier every client configuration uses.
    pub fn shared() -> Arc<PeerVerifier> {
        static SHARED: OnceLock<Arc<PeerVerifier>> = OnceLock::new();
        SHARED.get_or_init(|| Arc::new(PeerVerifier)).clone()
    }
}

impl ServerCertVerifier for PeerVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        judge_peer_chain(end_entity, intermediates, |roots| {
            let cert = ParsedCertificate::try_from(end_entity)?;
            verify_server_cert_signed_by_trust_anchor(
                &cert,
                roots,
                intermediates,
                now,
                provider().signature_verification_algorithms.all,
            )
        })?;
        super::ocsp::judge_stapled(ocsp_response)?;
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        tls12_signature(message, cert, dss, true)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        tls13_signature(message, cert, dss, true)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        scheme_filter::client_offers(schemes())
    }
}

/// A server's request for client certificates (`SSL_VERIFY_PEER`, with
/// `SSL_VERIFY_FAIL_IF_NO_PEER_CERT`), naming the acceptable CAs.
#[derive(Debug)]
pub struct ClientAuth {
    /// A client without a certificate fails the handshake.
    pub mandatory: bool,
    /// The CA names sent (`SSL_CTX_set_client_CA_list`), DER `Name`s.
    pub hints: Vec<DistinguishedName>,
}

impl ClientCertVerifier for ClientAuth {
    fn offer_client_auth(&self) -> bool {
        true
    }

    fn client_auth_mandatory(&self) -> bool {
        self.mandatory
    }

    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &self.hints
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<ClientCertVerified, Error> {
        judge_peer_chain(end_entity, intermediates, |roots| {
            let webpki = WebPkiClientVerifier::builder_with_provider(
                Arc::new(roots.clone()),
                provider().clone(),
            )
            .build()
            .map_err(|e| Error::General(e.to_string()))?;
            webpki
                .verify_client_cert(end_entity, intermediates, now)
                .map(|_| ())
        })
        .map(|()| ClientCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        tls12_signature(message, cert, dss, false)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        tls13_signature(message, cert, dss, false)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        // rustls asks only as it builds its CertificateRequest.
        super::certificate_request::note_request_built();
        scheme_filter::server_requests(schemes())
    }
}
