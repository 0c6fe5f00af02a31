//! A client's CA list (`SSL_CTX_set0_CA_list`, `SSL_set0_CA_list`) sent in
//! its TLS 1.3 ClientHello (the certificate_authorities extension), as
//! OpenSSL sends it: rustls sends the names its server certificate verifier
//! hints, so such a client verifies through the shared verifier wrapped with
//! its names. Its context keeps one wrapper per list of names, since rustls
//! resumes a session only under the verifier it was made with.

use std::collections::HashMap;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::{DigitallySignedStruct, DistinguishedName, Error, SignatureScheme};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};

use super::peer_verifier::PeerVerifier;

/// The CA names a client sends (its CA list as DER `Name`s; `None`: unset),
/// kept in the extras of a context and of a connection (which wins if set).
#[derive(Default)]
pub struct ClientHelloCaNames(pub Option<Vec<Vec<u8>>>);

/// The certificate_authorities extension's type.
const CERTIFICATE_AUTHORITIES: u16 = 47;

/// The names of a ClientHello's certificate_authorities extension (DER
/// `Name`s, in order); empty when it has none.
pub fn offered_ca_names(hello: &super::client_hello::ClientHello) -> Vec<Vec<u8>> {
    let Some(data) = hello.extension(CERTIFICATE_AUTHORITIES) else {
        return Vec::new();
    };
    let mut outer = crate::session::ByteCursor::new(data);
    let Some(list) = outer.u16_prefixed() else {
        return Vec::new();
    };
    let mut c = crate::session::ByteCursor::new(list);
    let mut names = Vec::new();
    while let Some(name) = c.u16_prefixed() {
        names.push(name.to_vec());
    }
    names
}

/// The most distinct lists a context keeps a wrapper for; past it, a new
/// list gets a wrapper of its own each time (its sessions then resume only
/// on the same connection's configuration, that is, not at all).
const MAX_KEPT: usize = 64;

/// The shared verifier, hinting `names`.
#[derive(Debug)]
pub struct HintingVerifier {
    inner: Arc<PeerVerifier>,
    names: Vec<DistinguishedName>,
}

/// The wrappers a context made, by their list of names (kept in its
/// extras, so they go with it).
#[derive(Default)]
pub struct HintingVerifiers(HashMap<Vec<Vec<u8>>, Arc<HintingVerifier>>);

impl HintingVerifiers {
    /// The verifier for a client sending `names` (DER `Name`s, not empty):
    /// the same one for the same names, since rustls resumes a session only
    /// under the verifier it was made with.
    pub fn for_names(&mut self, names: &[Vec<u8>]) -> Arc<HintingVerifier> {
        if let Some(v) = self.0.get(names) {
            return v.clone();
        }
        let v = Arc::new(HintingVerifier {
            inner: PeerVerifier::shared(),
            names: names
                .iter()
                .map(|n| DistinguishedName::from(n.clone()))
                .collect(),
        });
        if self.0.len() < MAX_KEPT {
            self.0.insert(names.to_vec(), v.clone());
        }
        v
    }
}

impl ServerCertVerifier for HintingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        self.inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }

    fn root_hint_subjects(&self) -> Option<&[DistinguishedName]> {
        Some(&self.names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_verifier_per_list_hinting_its_names() {
        let a = vec![b"\x30\x00".to_vec()];
        let b = vec![b"\x30\x00".to_vec(), b"\x30\x02\x31\x00".to_vec()];
        let mut kept = HintingVerifiers::default();
        let va = kept.for_names(&a);
        assert!(Arc::ptr_eq(&va, &kept.for_names(&a)));
        let vb = kept.for_names(&b);
        assert!(!Arc::ptr_eq(&va, &vb));
        assert_eq!(vb.root_hint_subjects().map(<[_]>::len), Some(2));
        assert_eq!(
            va.root_hint_subjects().unwrap()[0].as_ref(),
            a[0].as_slice()
        );
    }
}
