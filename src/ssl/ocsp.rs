//! OCSP stapling (`SSL_CTX_set_tlsext_status_cb`): a client keeps the
//! response its server stapled and lets the application judge it during the
//! handshake; a server asks the application for a response to staple. The
//! application's side (status type, callback) is the embedding layer's,
//! reached through one process-wide [`StatusHook`].

use std::sync::{Arc, OnceLock};

use rustls::sign::CertifiedKey;
use rustls::{CertificateError, Error};

use super::connection::Connection;
use super::policy::current_connection;

/// A client application's judgement of the stapled response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientVerdict {
    /// Go on with the handshake.
    Accept,
    /// Refuse it: alert bad_certificate_status_response.
    Refuse,
    /// The application failed: the handshake ends with an internal error.
    Error,
}

/// A server application's answer when asked for a response to staple.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServerAnswer {
    /// Staple this response.
    Staple(Vec<u8>),
    /// Staple nothing.
    Nothing,
    /// End the handshake.
    Fatal,
}

/// How the application takes part in stapling.
pub trait StatusHook: Send + Sync {
    /// A client has the server's stapled response (`Stapled::response`,
    /// `None` when it stapled nothing): the application judges it.
    fn client_check(&self, conn: &Connection) -> ClientVerdict;
    /// A server is about to send its certificate: what to staple.
    fn server_response(&self, conn: &Connection) -> ServerAnswer;
}

static HOOK: OnceLock<Arc<dyn StatusHook>> = OnceLock::new();

/// Makes `hook` the stapling hook of every connection (once; later calls
/// are ignored).
pub fn install_status_hook(hook: Arc<dyn StatusHook>) {
    let _ = HOOK.set(hook);
}

/// The OCSP response a connection holds: the one its server stapled (a
/// client), or the one the application gave it to staple (a server).
#[derive(Default)]
pub struct Stapled {
    /// The DER `OCSPResponse`, if any.
    pub response: Option<Vec<u8>>,
}

/// A client's verifier has accepted the server's chain: the stapled
/// response (empty: none) is kept on the connection and judged by the
/// application; an error ends the handshake.
pub(crate) fn judge_stapled(response: &[u8]) -> Result<(), Error> {
    let Some(conn) = current_connection() else {
        return Ok(());
    };
    let response = (!response.is_empty()).then(|| response.to_vec());
    conn.extras().with(|s: &mut Stapled| s.response = response);
    match HOOK.get().map(|h| h.client_check(&conn)) {
        None | Some(ClientVerdict::Accept) => Ok(()),
        Some(ClientVerdict::Refuse) => Err(CertificateError::InvalidOcspResponse.into()),
        Some(ClientVerdict::Error) => Err(Error::General("OCSP status callback failed".into())),
    }
}

/// The server's certificate with the response the application staples, or
/// `None` when the application ends the handshake.
pub(crate) fn with_staple(key: &Arc<CertifiedKey>) -> Option<Arc<CertifiedKey>> {
    let (Some(conn), Some(hook)) = (current_connection(), HOOK.get()) else {
        return Some(key.clone());
    };
    match hook.server_response(&conn) {
        ServerAnswer::Staple(response) => {
            let mut stapled = (**key).clone();
            stapled.ocsp = Some(response);
            Some(Arc::new(stapled))
        }
        ServerAnswer::Nothing => Some(key.clone()),
        ServerAnswer::Fatal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_a_connection_nothing_is_stapled_or_judged() {
        assert!(judge_stapled(b"response").is_ok());
        let refused: Error = CertificateError::InvalidOcspResponse.into();
        assert_eq!(
            refused,
            Error::InvalidCertificate(CertificateError::InvalidOcspResponse)
        );
    }
}
