//! A TLS 1.3 server's CertificateRequest checked as OpenSSL builds it:
//! OpenSSL's server fails (`SSL_R_NO_SUITABLE_SIGNATURE_ALGORITHM`, alert
//! internal_error) rather than ask for a certificate when its client
//! signature algorithms (`SSL_CTX_set1_client_sigalgs_list`, else
//! `SSL_CTX_set1_sigalgs_list`) name none a TLS 1.3 handshake is signed
//! with; rustls would send the request and leave the client to fail. The
//! verifier notes on the connection that rustls built a request (only a
//! full handshake does), and the connection checks once rustls returns,
//! before what rustls wrote goes out.

use super::connection::{Connection, Raised};
use super::sigalgs::any_signs_tls13;

/// Notes, on the connection this thread works for, that rustls is building
/// a CertificateRequest (it asks the verifier for its schemes only then).
pub(super) fn note_request_built() {
    if let Some(c) = super::policy::current_connection() {
        c.raise(Raised::CertificateRequestBuilt);
    }
}

impl Connection {
    /// Whether the request rustls built during the last call into it (taken)
    /// is one OpenSSL's server refuses to send: under TLS 1.3, with client
    /// signature algorithms none of which signs a TLS 1.3 handshake.
    pub(super) fn certificate_request_refused(&self, tls13: bool) -> bool {
        self.take_raised(Raised::CertificateRequestBuilt)
            && tls13
            && self
                .sigalg_lists()
                .client_auth()
                .is_some_and(|list| !any_signs_tls13(&list))
    }
}
