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

#[cfg(test)]
pub(super) mod tests {
    use rustls::client::Resumption;
    use rustls::{
        ClientConfig, ClientConnection, HandshakeKind, RootCertStore, ServerConfig,
        ServerConnection, SupportedProtocolVersion,
    };
    use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

    use super::*;
    use crate::ssl::client_session::{self, ClientConnectionInputs};

    /// A server speaking one protocol version, and a client configuration
    /// trusting it. rustls resumes only under the same verifier, so each
    /// client is a clone of that configuration with its own store.
    pub(crate) struct Server {
        config: Arc<ServerConfig>,
        client: ClientConfig,
    }

    /// A server with a fresh self-signed certificate.
    pub(crate) fn server(version: &'static SupportedProtocolVersion) -> Server {
        let made = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        let cert = CertificateDer::from(made.cert.der().to_vec());
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.key_pair.serialize_der()));
        let config = ServerConfig::builder_with_protocol_versions(&[version])
            .with_no_client_auth()
            .with_single_cert(vec![cert.clone()], key)
            .unwrap();
        let mut roots = RootCertStore::empty();
        roots.add(cert).unwrap();
        let client = ClientConfig::builder_with_protocol_versions(&[version])
            .with_root_certificates(roots)
            .with_no_client_auth();
        Server {
            config: Arc::new(config),
            client,
        }
    }

    /// A handshake (and the tickets after it) in memory between `server`
    /// and a client using `store`.
    pub(crate) fn handshake(server: &Server, store: ClientStore) -> HandshakeKind {
        let mut config = server.client.clone();
        config.resumption = Resumption::store(Arc::new(store));
        let mut client = ClientConnection::new(Arc::new(config), name()).unwrap();
        let mut server = ServerConnection::new(server.config.clone()).unwrap();
        for _ in 0..10 {
            let mut flight = Vec::new();
            client.write_tls(&mut flight).unwrap();
            server.read_tls(&mut &flight[..]).unwrap();
            server.process_new_packets().unwrap();
            flight.clear();
            server.write_tls(&mut flight).unwrap();
            client.read_tls(&mut &flight[..]).unwrap();
            client.process_new_packets().unwrap();
        }
        assert!(!client.is_handshaking());
        client.handshake_kind().unwrap()
    }

    pub(crate) fn name() -> ServerName<'static> {
        ServerName::try_from("localhost").unwrap()
    }

    pub(crate) fn facts() -> ClientConnectionInputs {
        ClientConnectionInputs {
            owner: 1,
            cipher_suite: 0,
            id_context: Vec::new(),
            master_secret: None,
            timeout: 300,
            tls12_ticket_hint: None,
        }
    }

    /// A handshake offering nothing, and what the store captured.
    pub(crate) fn first_handshake(server: &Server) -> Vec<HandshakeEvent> {
        let capture = SharedHandshakeCapture::default();
        let kind = handshake(server, ClientStore::new(None, capture.clone()));
        assert_eq!(kind, HandshakeKind::Full);
        let events = std::mem::take(&mut capture.lock().events);
        events
    }

    #[test]
    fn tls13_tickets_are_captured_and_an_offered_one_is_used_once() {
        let server = server(&rustls::version::TLS13);
        let events = first_handshake(&server);
        // rustls' server sends two tickets by default.
        assert_eq!(events.len(), 2);
        let mut sessions = events.into_iter().map(|e| match e {
            HandshakeEvent::ClientTls13(v) => Arc::new(client_session::tls13_session(&facts(), v)),
            _ => panic!("not a TLS 1.3 ticket"),
        });
        let (first, second) = (sessions.next().unwrap(), sessions.next().unwrap());
        // The ticket and its lifetime were read from rustls' value.
        assert!(first.has_ticket());
        assert!(first.ticket().1 > 0);
        assert_eq!(first.id().len(), 32);
        assert!(first.ticket_lifetime_hint() > 0);

        let offering = ClientStore::new(Some(first.clone()), SharedHandshakeCapture::default());
        assert!(offering.tls12_session(&name()).is_none());
        assert_eq!(handshake(&server, offering), HandshakeKind::Resumed);
        assert!(first.is_spent());
        let again = ClientStore::new(Some(first), SharedHandshakeCapture::default());
        assert_eq!(handshake(&server, again), HandshakeKind::Full);

        let store = ClientStore::new(Some(second), SharedHandshakeCapture::default());
        assert!(store.take_tls13_ticket(&name()).is_some());
        assert!(store.take_tls13_ticket(&name()).is_none());
    }

    #[test]
    fn a_tls12_session_is_captured_and_offered() {
        for with_tickets in [false, true] {
            let mut server = server(&rustls::version::TLS12);
            if with_tickets {
                let config = Arc::get_mut(&mut server.config).unwrap();
                config.ticketer = rustls::crypto::aws_lc_rs::Ticketer::new().unwrap();
            }
            let events = first_handshake(&server);
            let [HandshakeEvent::ClientTls12(value)] = &events[..] else {
                panic!("{} events, not one TLS 1.2 session", events.len());
            };
            let session = Arc::new(client_session::tls12_session(&facts(), value.clone()));
            assert_eq!(session.has_ticket(), with_tickets);
            assert_eq!(session.id().len(), 32);
            let capture = SharedHandshakeCapture::default();
            let store = ClientStore::new(Some(session.clone()), capture.clone());
            assert!(store.tls12_session(&name()).is_some());
            assert!(store.take_tls13_ticket(&name()).is_none());
            assert_eq!(handshake(&server, store), HandshakeKind::Resumed);
            // rustls stores the resumed session again; the connection decides.
            assert!(matches!(
                capture.lock().events[..],
                [HandshakeEvent::ClientTls12(_)]
            ));
            // Unlike a TLS 1.3 ticket, a TLS 1.2 session may be offered again.
            let store = ClientStore::new(Some(session), SharedHandshakeCapture::default());
            assert_eq!(handshake(&server, store), HandshakeKind::Resumed);
        }
    }

    /// `i2d` then `d2i` in this process: the decoded copy resumes.
    fn written_and_read_back(s: &Session) -> Arc<Session> {
        let bytes = s.encode();
        let (back, used) = Session::decode(&bytes).unwrap();
        assert_eq!(used, bytes.len());
        assert!(back.is_resumable());
        assert_eq!(back.encode(), bytes);
        Arc::new(back)
    }

    #[test]
    fn a_client_session_read_back_in_this_process_resumes() {
        let server = server(&rustls::version::TLS13);
        let events = first_handshake(&server);
        let Some(HandshakeEvent::ClientTls13(v)) = events.into_iter().next() else {
            panic!("no TLS 1.3 ticket");
        };
        let original = client_session::tls13_session(&facts(), v);
        let back = written_and_read_back(&original);
        assert_eq!(back.ticket_lifetime_hint(), original.ticket_lifetime_hint());
        assert_eq!(back.max_early_data(), original.max_early_data());
        assert_eq!(back.ticket().1, original.ticket().1);
        drop(original);
        let store = ClientStore::new(Some(back.clone()), SharedHandshakeCapture::default());
        assert_eq!(handshake(&server, store), HandshakeKind::Resumed);
        // The ticket was spent: bytes read back again share it.
        let again = Arc::new(Session::decode(&back.encode()).unwrap().0);
        assert!(again.is_spent());

        let server = server_tls12_with_tickets();
        let Some(HandshakeEvent::ClientTls12(v)) = first_handshake(&server).into_iter().next()
        else {
            panic!("no TLS 1.2 session");
        };
        let back = written_and_read_back(&client_session::tls12_session(&facts(), v));
        for _ in 0..2 {
            let store = ClientStore::new(Some(back.clone()), SharedHandshakeCapture::default());
            assert_eq!(handshake(&server, store), HandshakeKind::Resumed);
        }
    }

    #[test]
    fn a_client_session_with_an_unknown_token_does_not_resume() {
        let server = server_tls12_with_tickets();
        let Some(HandshakeEvent::ClientTls12(v)) = first_handshake(&server).into_iter().next()
        else {
            panic!("no TLS 1.2 session");
        };
        let mut bytes = client_session::tls12_session(&facts(), v).encode();
        // The token is last: another process's token names nothing here.
        let at = bytes.len() - 1;
        bytes[at] ^= 1;
        let (elsewhere, _) = Session::decode(&bytes).unwrap();
        assert!(!elsewhere.is_resumable());
        assert!(!elsewhere.has_resumption_value());
        assert_eq!(elsewhere.id().len(), 32);
    }

    pub(crate) fn server_tls12_with_tickets() -> Server {
        let mut server = server(&rustls::version::TLS12);
        let config = Arc::get_mut(&mut server.config).unwrap();
        config.ticketer = rustls::crypto::aws_lc_rs::Ticketer::new().unwrap();
        server
    }

    #[test]
    fn nothing_is_offered_without_a_session() {
        let store = ClientStore::new(None, SharedHandshakeCapture::default());
        assert!(store.tls12_session(&name()).is_none());
        assert!(store.take_tls13_ticket(&name()).is_none());
        store.set_kx_hint(name(), NamedGroup::X25519);
        assert_eq!(store.kx_hint(&name()), None);
    }
}
