//! Peer certificate verification as OpenSSL does it. With the C ABI, path
//! validation is the application's own (libcrypto's `X509_verify_cert` on its
//! store, parameters and callback, plugged in as a [`ChainValidator`]); without
//! it, webpki against the context's trust anchors. Either way the result is
//! kept for `SSL_get_verify_result`, and the connection's verify mode decides
//! whether a failure stops the handshake (`SSL_VERIFY_NONE`: it does not).
//!
//! rustls resumes a session only under the very verifier (and client
//! certificate resolver) that made it, while OpenSSL programs such as curl
//! make a new `SSL_CTX` per connection and resume across them. So there is
//! one verifier for the whole process, and it checks each handshake for the
//! connection this thread is working for, which the connection sets around
//! every call into rustls (`with_connection`).

use std::sync::{Arc, OnceLock, Weak};

use rustls::{CertificateError, Error, RootCertStore};
use rustls_pki_types::CertificateDer;

use super::connection::{Connection, Raised, Role};
use super::context::Context;
use super::options::MODE_NO_AUTO_CHAIN;
pub use super::policy::PeerPolicy;
use super::policy::{current_connection, run_for};
pub use super::trust::{Trust, TrustSource};

/// `X509_V_OK`.
pub const X509_V_OK: i64 = 0;

/// What verifying a peer's chain came to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChainVerdict {
    /// `X509_V_OK` or the `X509_V_ERR_*` code (`SSL_get_verify_result`).
    pub code: i64,
    /// Whether the chain is accepted (a verify callback may accept a failed one).
    pub accepted: bool,
    /// The chain that was built, leaf first (`SSL_get0_verified_chain`).
    pub verified_chain: Vec<CertificateDer<'static>>,
}

/// Validates a peer's certificate chain with the application's own settings
/// (the C ABI plugs in libcrypto's `X509_verify_cert` here).
pub trait ChainValidator: Send + Sync {
    /// Validates `chain` (leaf first) presented to `conn` by its peer.
    fn validate(&self, conn: &Connection, chain: &[CertificateDer<'_>]) -> ChainVerdict;

    /// The certificates to send after `leaf` when `ctx` was given no chain
    /// (OpenSSL builds one from its stores unless `SSL_MODE_NO_AUTO_CHAIN`).
    fn complete_chain(
        &self,
        ctx: &Context,
        leaf: &CertificateDer<'_>,
    ) -> Vec<CertificateDer<'static>> {
        let _ = (ctx, leaf);
        Vec::new()
    }
}

/// `chain` completed as OpenSSL completes a leaf sent alone, or `None` to
/// send it as it is.
pub(crate) fn completed_chain(
    ctx: &Context,
    chain: &[CertificateDer<'static>],
) -> Option<Vec<CertificateDer<'static>>> {
    let [leaf] = chain else { return None };
    if ctx.with_settings(|s| s.mode & MODE_NO_AUTO_CHAIN != 0) {
        return None;
    }
    let rest = VALIDATOR.get()?.complete_chain(ctx, leaf);
    if rest.is_empty() {
        return None;
    }
    let mut full = vec![leaf.clone()];
    full.extend(rest);
    Some(full)
}

static VALIDATOR: OnceLock<Arc<dyn ChainValidator>> = OnceLock::new();

/// Makes `v` the validator of every connection of the process (once; later
/// calls are ignored).
pub fn install_chain_validator(v: Arc<dyn ChainValidator>) {
    let _ = VALIDATOR.set(v);
}

/// What the last verification on this thread recorded, for the connection
/// to take after its call into rustls.
#[derive(Clone, Debug, Default)]
pub struct Recorded {
    /// The verdict.
    pub verdict: ChainVerdict,
    /// Whether the verdict stopped the handshake.
    pub refused: bool,
}

/// Takes what the last verification on this thread recorded (rustls verifies
/// synchronously inside the call the connection made).
pub fn take_recorded() -> Option<Recorded> {
    super::policy::take_recorded()
}

/// The code the last verification on this thread recorded, left in place.
pub(crate) fn peek_recorded_code() -> Option<i64> {
    super::policy::peek_recorded_code()
}

/// OpenSSL's `X509_V_ERR_*` code for a rustls (webpki) verification error.
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

/// The rustls error whose alert is the one OpenSSL sends for an
/// `X509_V_ERR_*` code (OpenSSL's `ssl_x509err2alert`).
pub fn refusal_for_code(code: i64) -> Error {
    use CertificateError as C;
    let e = match code {
        // unknown_ca
        2 | 3 | 18 | 19 | 20 | 21 | 22 | 25 | 33 | 79 => C::UnknownIssuer,
        // certificate_expired
        10 | 12 => C::Expired,
        23 => C::Revoked,
        // decrypt_error
        7 | 8 => C::BadSignature,
        26 => C::InvalidPurpose,
        // handshake_failure: X509_V_ERR_APPLICATION_VERIFICATION
        50 => return Error::General("application verification failure".into()),
        // bad_certificate
        4 | 5 | 6 | 9 | 11 | 13 | 14 | 15 | 16 | 27 | 28 | 62 | 63 | 64 | 65 | 66 | 67 | 68
        | 94 => C::BadEncoding,
        // certificate_unknown for the rest (X509_V_OK from a callback's refusal too)
        _ => C::Other(rustls::OtherError(Arc::new(VerifyFailed(code)))),
    };
    Error::InvalidCertificate(e)
}

/// A refusal with no closer rustls error.
#[derive(Debug)]
struct VerifyFailed(i64);

impl std::fmt::Display for VerifyFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "certificate verify failed ({})", self.0)
    }
}

impl std::error::Error for VerifyFailed {}

/// Runs `f` (a call into rustls) for `conn`, whose context's policy decides
/// verification and client authentication on this thread; what an earlier
/// call recorded is forgotten.
pub fn with_connection<R>(conn: &Weak<Connection>, f: impl FnOnce() -> R) -> R {
    run_for(conn, f)
}

/// Verifies the chain the peer of the current connection presented, records
/// the verdict, and answers rustls: `Ok` to go on, `Err` (with OpenSSL's
/// alert) to stop.
pub(crate) fn judge_peer_chain(
    end_entity: &CertificateDer<'_>,
    intermediates: &[CertificateDer<'_>],
    webpki: impl FnOnce(&RootCertStore) -> Result<(), Error>,
) -> Result<(), Error> {
    let conn = current_connection();
    let verdict = match (VALIDATOR.get(), conn.as_ref()) {
        (Some(v), Some(conn)) => {
            let mut chain = Vec::with_capacity(1 + intermediates.len());
            chain.push(end_entity.clone());
            chain.extend(intermediates.iter().cloned());
            v.validate(conn, &chain)
        }
        _ => {
            // Without a connection (a call from outside one) nothing is trusted.
            let roots = conn
                .as_ref()
                .map(|c| c.context().peer_policy().trust.root_store())
                .unwrap_or_else(RootCertStore::empty);
            let checked = webpki(&roots);
            let code = checked.as_ref().err().map(x509_code).unwrap_or(X509_V_OK);
            ChainVerdict {
                code,
                accepted: code == X509_V_OK,
                verified_chain: Vec::new(),
            }
        }
    };
    // A client verifies with any verify mode bit set (as OpenSSL); a server
    // is asked only when it requested a certificate, so always enforces.
    let enforce = conn
        .as_ref()
        .is_none_or(|c| c.role() == Some(Role::Server) || c.verify_mode() != 0);
    let refused = enforce && !verdict.accepted;
    let code = verdict.code;
    super::policy::record(Recorded { verdict, refused });
    if let Some(conn) = &conn {
        conn.raise(Raised::ChainJudged);
    }
    if refused {
        Err(refusal_for_code(code))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustls::AlertDescription;

    fn alert(code: i64) -> AlertDescription {
        match refusal_for_code(code) {
            Error::InvalidCertificate(e) => e.into(),
            _ => AlertDescription::HandshakeFailure,
        }
    }

    #[test]
    fn each_code_gets_openssls_alert() {
        for code in [2, 3, 18, 19, 20, 21, 22, 25, 33, 79] {
            assert_eq!(alert(code), AlertDescription::UnknownCA, "{code}");
        }
        for code in [9, 27, 28, 62, 64] {
            assert_eq!(alert(code), AlertDescription::BadCertificate, "{code}");
        }
        assert_eq!(alert(10), AlertDescription::CertificateExpired);
        assert_eq!(alert(23), AlertDescription::CertificateRevoked);
        assert_eq!(alert(7), AlertDescription::DecryptError);
        assert_eq!(alert(26), AlertDescription::UnsupportedCertificate);
        assert_eq!(alert(50), AlertDescription::HandshakeFailure);
        assert_eq!(alert(0), AlertDescription::CertificateUnknown);
    }

    #[test]
    fn nothing_is_recorded_outside_a_connection() {
        assert!(take_recorded().is_none());
        let refused = judge_peer_chain(&CertificateDer::from(vec![0u8; 4]), &[], |_| {
            Err(Error::InvalidCertificate(CertificateError::UnknownIssuer))
        });
        assert!(
            refused.is_err(),
            "without a connection the chain is enforced"
        );
        let r = take_recorded().expect("recorded");
        assert_eq!(r.verdict.code, 20);
        assert!(r.refused);
        assert!(take_recorded().is_none(), "taken once");
    }
}
