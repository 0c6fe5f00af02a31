//! A connection's own verification settings and results (`SSL_set_verify`,
//! `SSL_get_verify_result`, `SSL_get0_verified_chain`) and its protocol
//! bounds (`SSL_set_min_proto_version`), each copied from the context by
//! `SSL_new` and changed per connection, as OpenSSL does.

use rustls_pki_types::CertificateDer;

use super::{Connection, Role, State, StateGuard};
use crate::ssl::verify::take_recorded;

impl Connection {
    /// `SSL_get_verify_mode`: the `SSL_VERIFY_*` bits.
    pub fn verify_mode(&self) -> i32 {
        self.state.lock().settings.verify_mode
    }

    /// `SSL_set_verify`: the mode this connection's next handshake verifies with.
    pub fn set_verify_mode(&self, mode: i32) {
        self.state.lock().settings.verify_mode = mode;
    }

    /// The peer verification result (`SSL_get_verify_result`).
    pub fn verify_result(&self) -> i64 {
        self.state.lock().verify_result
    }

    /// `SSL_set_verify_result`: overrides the result.
    pub fn set_verify_result(&self, code: i64) {
        self.state.lock().verify_result = code;
    }

    /// The chain the peer's verification built, leaf first (empty when no
    /// verification ran on this connection, as after a resumption).
    pub fn verified_chain(&self) -> Vec<CertificateDer<'static>> {
        self.state.lock().verified_chain.clone()
    }

    /// Whether the peer's chain beyond its certificate is known: OpenSSL's
    /// tickets do not carry it, so a server resuming from one has only the
    /// client's certificate (`SSL_get_peer_cert_chain` is NULL).
    pub fn peer_chain_known(&self) -> bool {
        let st = self.state.lock();
        !(st.role == Some(Role::Server)
            && Self::is_resumed(&st)
            && st.capture.lock().resumed_from_ticket)
    }

    /// The CA names the server's certificate request gave (`SSL_get0_peer_CA_list`), DER.
    pub fn peer_ca_names(&self) -> Vec<Vec<u8>> {
        self.state.lock().peer_ca_names.clone()
    }

    /// Records the CA names of the server's certificate request.
    pub(crate) fn set_peer_ca_names(&self, names: Vec<Vec<u8>>) {
        self.state.lock().peer_ca_names = names;
    }

    /// Whether this server asked the client for a certificate in the
    /// handshake that completed (a client that sent none then has an empty
    /// chain, not none).
    pub fn requested_client_certificate(&self) -> bool {
        let st = self.state.lock();
        st.role == Some(Role::Server)
            && st.finished
            && !Self::is_resumed(&st)
            && st.settings.verify_mode & crate::ssl::options::VERIFY_PEER != 0
    }

    /// `SSL_set_min_proto_version` (`min`) / `SSL_set_max_proto_version`:
    /// 0 for no bound. A version-specific method ignores it, as in OpenSSL.
    pub fn set_version_bound(&self, min: bool, version: u16) {
        if self.bounds_set_aside().is_some() {
            return;
        }
        let mut st = self.state.lock();
        if min {
            st.settings.min_version = version;
        } else {
            st.settings.max_version = version;
        }
    }

    /// `SSL_get_min_proto_version` (`min`) / `SSL_get_max_proto_version`:
    /// the bound set, also while a version-specific method overrides it.
    pub fn version_bound(&self, min: bool) -> u16 {
        if let Some((set_min, set_max)) = self.bounds_set_aside() {
            return if min { set_min } else { set_max };
        }
        let st = self.state.lock();
        if min {
            st.settings.min_version
        } else {
            st.settings.max_version
        }
    }

    /// Takes what the verifier recorded during the last call into rustls;
    /// on a client's resumption, restores the offered session's result as
    /// OpenSSL does. Whether the verdict stopped the handshake.
    pub(super) fn take_verdict(&self, st: &mut StateGuard<'_>) -> bool {
        if let Some(scheme) = crate::ssl::peer_signature::take(self) {
            st.capture.lock().peer_signature_scheme = Some(scheme);
        }
        if let Some(scheme) = crate::ssl::peer_signature::take_own(self) {
            st.capture.lock().own_signature_scheme = Some(scheme);
        }
        // Most calls into rustls judge no chain: the flag spares the
        // thread-local read.
        let judged = self.take_raised(super::Raised::ChainJudged);
        if let Some(r) = judged.then(take_recorded).flatten() {
            st.verify_result = r.verdict.code;
            st.capture.lock().verify_result = Some(r.verdict.code);
            st.verified_chain = r.verdict.verified_chain;
            return r.refused;
        }
        if !st.finished && st.role == Some(Role::Client) && Self::is_resumed(st) {
            restore_from_session(st);
        }
        false
    }
}

fn restore_from_session(st: &mut State) {
    if let Some(s) = st.session.as_ref() {
        st.verify_result = s.verify_result();
    }
}
