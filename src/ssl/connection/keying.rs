//! What a connection derives from its keys and how it changes them after
//! the handshake: keying material export (RFC 5705 / RFC 8446 7.5), TLS 1.3
//! key updates, and renegotiation, which rustls never does. Each refusal is
//! the one OpenSSL gives for the same call.

use super::progress::KeyUpdate;
use super::Connection;

/// Why a post-handshake call was refused, as OpenSSL's `SSL_R_*` reasons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallRefused {
    /// `SSL_R_WRONG_SSL_VERSION`: not possible in the negotiated version.
    WrongVersion,
    /// `SSL_R_INVALID_KEY_UPDATE_TYPE`.
    InvalidKeyUpdateType,
    /// `SSL_R_STILL_IN_INIT`: the handshake (or a key update) is not done.
    StillInInit,
    /// `SSL_R_NO_RENEGOTIATION`.
    NoRenegotiation,
    /// `SSL_R_TLS_ILLEGAL_EXPORTER_LABEL`: a label TLS 1.2 itself uses.
    IllegalExporterLabel,
    /// No keys yet: the handshake has not completed (OpenSSL returns -1).
    NoKeys,
    /// `SSL_R_NOT_SERVER`: a server-only call on a client.
    NotServer,
    /// `SSL_R_EXTENSION_NOT_RECEIVED`: the client did not offer what the call needs.
    ExtensionNotReceived,
    /// Something rustls cannot do (post-handshake authentication).
    Unsupported,
    /// `SSL_R_BAD_WRITE_RETRY`: a write is pending (it returned
    /// `SSL_ERROR_WANT_WRITE` and has not been completed).
    BadWriteRetry,
}

/// The TLS extension a client offers post-handshake authentication with.
const POST_HANDSHAKE_AUTH_EXTENSION: u16 = 49;

/// The labels TLS 1.2 derives its own secrets with, which RFC 5705 keeps
/// from exporters.
const TLS12_RESERVED_LABELS: [&[u8]; 5] = [
    b"client finished",
    b"server finished",
    b"master secret",
    b"extended master secret",
    b"key expansion",
];

/// The longest label a TLS 1.3 exporter takes: HKDF-Expand-Label's label, "tls13 " and the
/// exporter's label, fits in 255 bytes (RFC 8446 7.1; OpenSSL's `TLS13_MAX_LABEL_LEN`).
const TLS13_MAX_EXPORTER_LABEL: usize = 249;

/// Whether a TLS 1.2 exporter may use `label`: OpenSSL refuses any label
/// beginning with one TLS 1.2 itself uses.
fn tls12_label_allowed(label: &[u8]) -> bool {
    !TLS12_RESERVED_LABELS
        .iter()
        .any(|reserved| label.starts_with(reserved))
}

impl Connection {
    /// `SSL_verify_client_post_handshake`, always refused, with OpenSSL's
    /// reason checked in its order: the version, the role, the handshake,
    /// whether the client offered post-handshake authentication; a client
    /// that did offer it meets what rustls cannot do.
    pub fn verify_client_post_handshake(&self) -> CallRefused {
        if !self.is_tls13() {
            return CallRefused::WrongVersion;
        }
        let st = self.state.lock();
        if st.role != Some(super::Role::Server) {
            return CallRefused::NotServer;
        }
        if !st.finished || st.fatal {
            return CallRefused::StillInInit;
        }
        let offered = st
            .record_cursor
            .first_record()
            .and_then(crate::ssl::client_hello::ClientHello::parse)
            .is_some_and(|h| h.extension(POST_HANDSHAKE_AUTH_EXTENSION).is_some());
        if offered {
            CallRefused::Unsupported
        } else {
            CallRefused::ExtensionNotReceived
        }
    }

    /// Whether the negotiated version is TLS 1.3.
    fn is_tls13(&self) -> bool {
        self.protocol_version() == Some(u16::from(rustls::ProtocolVersion::TLSv1_3))
    }

    /// `SSL_export_keying_material`: fills `out` from the connection's
    /// exporter secret, with `context` (`None`: no context, which differs
    /// from an empty one in TLS 1.2 only).
    pub fn export_keying_material(
        &self,
        out: &mut [u8],
        label: &[u8],
        context: Option<&[u8]>,
    ) -> Result<(), CallRefused> {
        let st = self.state.lock();
        let tls = match st.tls.as_deref() {
            Some(tls) if st.finished && !st.fatal => tls,
            _ => return Err(CallRefused::NoKeys),
        };
        let tls12 = tls.protocol_version() == Some(rustls::ProtocolVersion::TLSv1_2);
        if tls12 && !tls12_label_allowed(label) {
            return Err(CallRefused::IllegalExporterLabel);
        }
        if !tls12 && label.len() > TLS13_MAX_EXPORTER_LABEL {
            return Err(CallRefused::IllegalExporterLabel);
        }
        tls.export_keying_material(out, label, context)
            .map(|_| ())
            .map_err(|_| CallRefused::NoKeys)
    }

    /// `SSL_key_update`: schedules a TLS 1.3 key update, sent with the next
    /// write. rustls always asks the peer to update its keys too, so
    /// `NotRequested` also refreshes the peer's (docs/divergences.md).
    pub fn key_update(&self, kind: i32) -> Result<(), CallRefused> {
        let mut st = self.state.lock();
        if !self.tls13_locked(&st) {
            return Err(CallRefused::WrongVersion);
        }
        let kind = match kind {
            0 => KeyUpdate::NotRequested,
            1 => KeyUpdate::Requested,
            _ => return Err(CallRefused::InvalidKeyUpdateType),
        };
        if !st.finished || st.fatal || st.key_update.is_some() {
            return Err(CallRefused::StillInInit);
        }
        // Records the transport did not take yet (in the connection's
        // outgoing buffer or still in rustls): OpenSSL's pending write, which
        // must be retried first.
        let write_pending = !st.outgoing.is_empty();
        let tls = st.tls.as_deref_mut().ok_or(CallRefused::StillInInit)?;
        if write_pending || tls.wants_write() {
            return Err(CallRefused::BadWriteRetry);
        }
        tls.refresh_traffic_keys()
            .map_err(|_| CallRefused::StillInInit)?;
        st.key_update = Some(kind);
        Ok(())
    }

    /// The negotiated version is TLS 1.3, read under the lock already held.
    fn tls13_locked(&self, st: &super::state::State) -> bool {
        st.tls.as_deref().and_then(|t| t.protocol_version())
            == Some(rustls::ProtocolVersion::TLSv1_3)
    }

    /// `SSL_get_key_update_type`: the key update scheduled and not yet sent.
    pub fn key_update_type(&self) -> Option<KeyUpdate> {
        self.state.lock().key_update
    }

    /// `SSL_renegotiate`: always refused, as OpenSSL refuses it in TLS 1.3 or
    /// with `SSL_OP_NO_RENEGOTIATION` (rustls never renegotiates).
    pub fn renegotiate(&self) -> CallRefused {
        if self.is_tls13() {
            CallRefused::WrongVersion
        } else {
            CallRefused::NoRenegotiation
        }
    }

    /// `SSL_set_alpn_protos`: the protocols this client offers, replacing
    /// its context's list (an empty list offers none).
    pub fn set_alpn_protocols(&self, protocols: Vec<Vec<u8>>) {
        self.state.lock().settings.alpn = Some(protocols);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls12_reserves_its_own_labels() {
        assert!(tls12_label_allowed(b"EXPERIMENTAL my label"));
        assert!(!tls12_label_allowed(b"client finished"));
        assert!(!tls12_label_allowed(b"key expansion and more"));
        assert!(tls12_label_allowed(b"master"));
    }
}
