//! The signature scheme the peer signed the handshake with
//! (`SSL_get_peer_signature_nid`), kept on the connection by the verifiers
//! once the signature checked out. A resumption signs nothing.

use rustls::SignatureScheme;

use super::policy::current_connection;

/// What a connection keeps: the peer's scheme in its last full handshake.
#[derive(Default)]
pub struct PeerSignature(pub Option<SignatureScheme>);

/// The connection this thread works for was signed for with `scheme`.
pub(crate) fn record(scheme: SignatureScheme) {
    if let Some(conn) = current_connection() {
        conn.extras()
            .with(|s: &mut PeerSignature| s.0 = Some(scheme));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_a_connection_nothing_is_recorded() {
        record(SignatureScheme::ED25519);
        assert_eq!(PeerSignature::default().0, None);
    }
}
