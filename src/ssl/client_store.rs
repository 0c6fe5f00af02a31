//! The client's session store for one connection: offers only the session
//! given by `SSL_set_session` and captures what rustls stores.

use std::sync::Arc;

use rustls::client::{ClientSessionStore, Tls12ClientSessionValue, Tls13ClientSessionValue};
use rustls::NamedGroup;
use rustls_pki_types::ServerName;

use super::capture::{HandshakeEvent, SharedHandshakeCapture};
use crate::session::Session;

/// Client store: offers only the session given by `SSL_set_session`.
#[derive(Debug)]
pub struct ClientStore {
    offered: Option<Arc<Session>>,
    capture: SharedHandshakeCapture,
}

impl ClientStore {
    /// A store offering `offered` (if any) and capturing into `capture`.
    pub fn new(offered: Option<Arc<Session>>, capture: SharedHandshakeCapture) -> Self {
        ClientStore { offered, capture }
    }
}

impl ClientSessionStore for ClientStore {
    fn set_kx_hint(&self, _: ServerName<'static>, _: NamedGroup) {}

    fn kx_hint(&self, _: &ServerName<'_>) -> Option<NamedGroup> {
        None
    }

    fn set_tls12_session(&self, _: ServerName<'static>, value: Tls12ClientSessionValue) {
        self.capture
            .lock()
            .events
            .push(HandshakeEvent::ClientTls12(value));
    }

    fn tls12_session(&self, _: &ServerName<'_>) -> Option<Tls12ClientSessionValue> {
        self.offered.as_ref()?.tls12_client_value()
    }

    fn remove_tls12_session(&self, _: &ServerName<'static>) {}

    fn insert_tls13_ticket(&self, _: ServerName<'static>, value: Tls13ClientSessionValue) {
        self.capture
            .lock()
            .events
            .push(HandshakeEvent::ClientTls13(value));
    }

    fn take_tls13_ticket(&self, _: &ServerName<'static>) -> Option<Tls13ClientSessionValue> {
        self.offered.as_ref()?.take_tls13_client_value()
    }
}
