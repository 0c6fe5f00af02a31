//! The client certificate a connection presents: its own, its context's,
//! or the one the application's callback gives. rustls resumes a session only
//! under the resolver that made it, so one resolver serves the whole process
//! and presents the certificate of the current connection's context (see
//! `policy::run_for`).

use std::sync::{Arc, OnceLock};

use rustls::client::ResolvesClientCert;
use rustls::sign::CertifiedKey;
use rustls::SignatureScheme;

use super::connection::{Connection, Raised};
use super::hooks::HelloStep;
use super::scheme_filter::SigningSide;

/// The process-wide client certificate resolver.
#[derive(Debug)]
pub struct ClientCertResolver;

impl ClientCertResolver {
    /// The one resolver every client context uses.
    pub fn shared() -> Arc<ClientCertResolver> {
        static SHARED: OnceLock<Arc<ClientCertResolver>> = OnceLock::new();
        SHARED.get_or_init(|| Arc::new(ClientCertResolver)).clone()
    }
}

/// Whether a server asked the connection for a certificate.
#[derive(Default)]
struct CertificateAsked(bool);

/// The signature schemes the server's certificate request named (as rustls
/// hands them over: those of the negotiated version).
#[derive(Default)]
struct RequestedSchemes(Vec<u16>);

impl Connection {
    /// Whether the server asked this client for a certificate (its CA names,
    /// `peer_ca_names`, are then those it sent).
    pub fn was_asked_for_certificate(&self) -> bool {
        self.extras().read(|asked: &CertificateAsked| asked.0)
    }

    /// On a client its server asked for a certificate: the signature schemes
    /// the request named (`SSL_get_sigalgs`).
    pub fn requested_signature_schemes(&self) -> Vec<u16> {
        self.extras().read(|r: &RequestedSchemes| r.0.clone())
    }

    /// Whether the client's certificate callback failed the handshake
    /// during the last call into rustls (taken).
    pub(super) fn take_certificate_callback_failure(&self) -> bool {
        self.take_raised(Raised::ClientCertificateCallbackFailed)
    }
}

/// The certificate the current connection presents: its own (`SSL_use_certificate`),
/// else its context's.
fn current_key(conn: Option<&Arc<Connection>>) -> Option<Arc<CertifiedKey>> {
    if let Some(own) = conn.and_then(|c| c.own_certified_key()) {
        return own.ok();
    }
    super::policy::current_policy()?.client_cert.key()
}

/// Under TLS 1.3 OpenSSL's client presents, of all its certificates (one
/// per key type), the one whose key signs with the first scheme of the
/// server's request its own list allows (`tls_choose_sigalg`); under TLS
/// 1.2 its current one. `current` is that current one; a connection's own
/// certificate stands alone.
fn choose_slot(
    current: Arc<CertifiedKey>,
    conn: Option<&Arc<Connection>>,
    sigschemes: &[SignatureScheme],
) -> Arc<CertifiedKey> {
    let Some(conn) = conn else { return current };
    let tls13 = conn.server_flight().is_some_and(|f| f.selected_tls13());
    if !tls13 || conn.own_certified_key().is_some() {
        return current;
    }
    let Some(policy) = super::policy::current_policy() else {
        return current;
    };
    let candidates: Vec<Arc<CertifiedKey>> = std::iter::once(current.clone())
        .chain(policy.client_cert.others())
        .collect();
    sigschemes
        .iter()
        .filter(|s| super::scheme_filter::own_scheme_allowed(**s, SigningSide::Client))
        .find_map(|s| {
            candidates
                .iter()
                .find(|k| k.key.choose_scheme(&[*s]).is_some())
        })
        .cloned()
        .unwrap_or(current)
}

impl ResolvesClientCert for ClientCertResolver {
    fn resolve(
        &self,
        root_hint_subjects: &[&[u8]],
        sigschemes: &[SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        let conn = super::policy::current_connection();
        if let Some(c) = &conn {
            c.set_peer_ca_names(root_hint_subjects.iter().map(|n| n.to_vec()).collect());
            c.extras()
                .with(|asked: &mut CertificateAsked| asked.0 = true);
            let schemes = sigschemes.iter().map(|&s| u16::from(s)).collect();
            c.extras().with(|r: &mut RequestedSchemes| r.0 = schemes);
        }
        // The certificate callback first, as in OpenSSL: it may set the
        // connection's own certificate and key.
        if let Some(c) = &conn {
            match c.client_certificate_step() {
                HelloStep::Continue => {}
                HelloStep::Retry => {
                    log::warn!("SSL_set_cert_cb: a client callback that suspends the handshake is not supported: no certificate sent");
                    return None;
                }
                HelloStep::Fail(_) => {
                    c.raise(Raised::ClientCertificateCallbackFailed);
                    return None;
                }
            }
        }
        // None configured: the application's callback may give one (OpenSSL
        // asks it only then).
        let key = match current_key(conn.as_ref()) {
            Some(key) => choose_slot(key, conn.as_ref(), sigschemes),
            None => conn.as_ref()?.client_certificate_from_hook()?,
        };
        let key = super::scheme_filter::filtered(key, SigningSide::Client);
        key.key.choose_scheme(sigschemes)?;
        let full = conn.and_then(|c| super::verify::completed_chain(c.context(), &key.cert));
        match full {
            Some(chain) => Some(Arc::new(CertifiedKey::new(chain, key.key.clone()))),
            None => Some(key),
        }
    }

    fn has_certs(&self) -> bool {
        let conn = super::policy::current_connection();
        current_key(conn.as_ref()).is_some()
            || conn.is_some_and(|c| {
                c.context().client_cert_hook().is_some() || c.has_certificate_hook()
            })
    }
}
