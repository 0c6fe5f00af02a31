//! A connection's method (`SSL_get_ssl_method`, `SSL_set_ssl_method`) and
//! the facts of its handshake that OpenSSL's getters report
//! (`SSL_get_pending_cipher`, `SSL_client_version`, the negotiated group and
//! signature scheme, the server name).

use super::{Connection, Role};
use crate::session::ByteCursor;
use crate::ssl::cipher::{self, Cipher};
use crate::ssl::method::ProtocolMethod;
use crate::ssl::options::{TLS1_2_VERSION, TLS1_3_VERSION};

/// The method a connection was given, and the protocol bounds set on it
/// while a version-specific method overrides them.
#[derive(Default)]
pub(super) struct ConnectionMethod {
    /// `None` until `SSL_new` or `SSL_set_ssl_method` gives one: the context's.
    method: Option<ProtocolMethod>,
    /// The bounds set on the connection, kept aside while the method pins its version.
    set_bounds: Option<(u16, u16)>,
}

impl Connection {
    /// The method the connection was given: its own (`SSL_set_ssl_method`),
    /// else its context's.
    fn given_method(&self) -> ProtocolMethod {
        let given = self.method.lock().method;
        given.unwrap_or_else(|| self.ctx.protocol_method())
    }

    /// `SSL_get_ssl_method`: the method given, or once a handshake agreed on
    /// a version with a version-flexible one, that version's own method for
    /// the connection's role, as OpenSSL reports it.
    pub fn protocol_method(&self) -> ProtocolMethod {
        let given = self.given_method();
        let st = self.state.lock();
        let agreed = st.tls.as_ref().and_then(|t| t.protocol_version());
        match (st.role, agreed) {
            (Some(role), Some(v)) => given.after_handshake(role, u16::from(v)),
            _ => given,
        }
    }

    /// `SSL_version`: the version agreed, else the method's own (TLS 1.3
    /// for a version-flexible method), as OpenSSL reports it before and
    /// during a handshake whatever the version bounds.
    pub fn reported_version(&self) -> u16 {
        self.protocol_version()
            .unwrap_or_else(|| self.given_method().version.unwrap_or(TLS1_3_VERSION))
    }

    /// `SSL_set_ssl_method`: the method `SSL_get_ssl_method` reports and
    /// whose sides the connection may play. As in OpenSSL, the versions the
    /// next handshake offers stay those of the method the connection was
    /// made with (`adopt_method`), and the role set by
    /// `SSL_set_connect_state` / `SSL_set_accept_state` stays.
    pub fn set_protocol_method(&self, method: ProtocolMethod) {
        self.method.lock().method = Some(method);
    }

    /// The method a connection is made with (`SSL_new`, and `SSL_clear`
    /// with its context's): as `set_protocol_method`, and a
    /// version-specific method makes the handshake use its version only,
    /// whatever the bounds set on the connection, which are kept for when a
    /// version-flexible method is adopted again.
    pub fn adopt_method(&self, method: ProtocolMethod) {
        let mut st = self.state.lock();
        let mut m = self.method.lock();
        let settings = &mut st.settings;
        let set = m
            .set_bounds
            .take()
            .unwrap_or((settings.min_version, settings.max_version));
        if method.version.is_some() {
            m.set_bounds = Some(set);
        }
        (settings.min_version, settings.max_version) = method.bounds(set.0, set.1);
        m.method = Some(method);
    }

    /// `SSL_clear`'s rule for the method: the connection goes back to its
    /// context's method, versions included.
    pub fn reset_protocol_method(&self) {
        self.adopt_method(self.ctx.protocol_method());
    }

    /// The protocol bounds set on the connection while its method pins the
    /// version (`None` when the bounds in its settings are the ones set).
    pub(super) fn bounds_set_aside(&self) -> Option<(u16, u16)> {
        self.method.lock().set_bounds
    }

    /// Whether the connection's method lets it play `role` (a client
    /// method cannot accept, a server method cannot connect).
    pub fn method_plays(&self, role: Role) -> bool {
        self.given_method().plays(role)
    }

    /// `SSL_get_pending_cipher`: the suite agreed by a handshake still under
    /// way (OpenSSL's pending cipher becomes the current one at the end of
    /// the handshake; it is kept after, so the two agree then).
    pub fn pending_cipher(&self) -> Option<&'static Cipher> {
        let st = self.state.lock();
        let suite = st.tls.as_ref()?.negotiated_cipher_suite()?;
        cipher::by_iana(u16::from(suite.suite()))
    }

    /// Whether a server name is known: the one a server received, or the
    /// one a client will send or sent.
    pub fn has_server_name(&self) -> bool {
        self.hostname().is_some()
    }

    /// Whether the handshake has started (a server reading the ClientHello
    /// for its hook, or a rustls connection made).
    pub fn handshake_started(&self) -> bool {
        let st = self.state.lock();
        st.tls.is_some() || st.accepting.is_some()
    }

    /// `SSL_get_client_random`: the ClientHello's random, once the
    /// handshake's key schedule has run (rustls hands it to the key log).
    pub fn client_random(&self) -> Option<Vec<u8>> {
        let random = self.state.lock().capture.lock().client_random;
        random.map(|r| r.to_vec())
    }

    /// `SSL_get_server_random`: the ServerHello's random, once it passed.
    pub fn server_random(&self) -> Option<Vec<u8>> {
        self.state.lock().server_random()
    }

    /// `SSL_client_version`: the version a client puts in its ClientHello
    /// (rustls, as OpenSSL 3, always sends TLS 1.2 there), the one a server
    /// read in it, and before a handshake the method's version
    /// (`TLS_ANY_VERSION` for a version-flexible one).
    pub fn client_version(&self) -> i32 {
        let method = self.given_method();
        let st = self.state.lock();
        let hello = match (st.role, st.tls.is_some()) {
            (Some(Role::Client), true) => Some(TLS1_2_VERSION),
            (Some(Role::Server), _) => st.record_cursor.first_record().and_then(hello_version),
            _ => None,
        };
        hello.or(method.version).map_or(TLS_ANY_VERSION, i32::from)
    }

    /// The scheme the peer signed the handshake with, once its signature
    /// verified in this handshake (none after a resumption, as in OpenSSL).
    pub fn peer_signature_scheme(&self) -> Option<u16> {
        self.state.lock().capture.lock().peer_signature_scheme
    }

    /// On a client, the server's plaintext hello messages as read.
    pub fn server_flight(&self) -> Option<crate::ssl::ServerFlight> {
        let st = self.state.lock();
        if st.role != Some(Role::Client) {
            return None;
        }
        st.record_cursor
            .flight()
            .map(crate::ssl::ServerFlight::parse)
    }

    /// On a server, the client's hello as read.
    pub fn peer_client_hello(&self) -> Option<crate::ssl::ClientHello> {
        if self.role() != Some(Role::Server) {
            return None;
        }
        crate::ssl::ClientHello::parse(&self.client_hello_record()?)
    }

    /// On a server, whether the client's hello as read offers protocol
    /// `version` (`None`: no hello read), read in place.
    pub fn peer_offers_version(&self, version: u16) -> Option<bool> {
        if self.role() != Some(Role::Server) {
            return None;
        }
        let st = self.state.lock();
        let hello = crate::ssl::ClientHello::parse_in_place(st.record_cursor.first_record()?)?;
        Some(hello.offers_version(version))
    }

    /// The scheme this end signed its handshake with, if it signed.
    pub fn own_signature_scheme(&self) -> Option<u16> {
        self.state.lock().capture.lock().own_signature_scheme
    }

    /// `SSL_get_quiet_shutdown`.
    pub fn quiet_shutdown(&self) -> bool {
        self.state.lock().quiet_shutdown
    }
}

/// `TLS_ANY_VERSION`: no version chosen yet.
const TLS_ANY_VERSION: i32 = 0x10000;

/// The `legacy_version` of the ClientHello in `record` (one TLS record).
fn hello_version(record: &[u8]) -> Option<u16> {
    let mut c = ByteCursor::new(record);
    if c.u8()? != HANDSHAKE_RECORD {
        return None;
    }
    c.bytes(4)?; // record version, record length
    if c.u8()? != CLIENT_HELLO {
        return None;
    }
    c.u24()?; // handshake length
    c.u16()
}

/// The record content type of handshake messages.
const HANDSHAKE_RECORD: u8 = 22;
/// The handshake message type of a ClientHello.
const CLIENT_HELLO: u8 = 1;

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::ssl::context::{Context, Method};

    fn connection() -> Arc<Connection> {
        Connection::new(Arc::new(Context::new(Method::Any).unwrap()))
    }

    #[test]
    fn a_version_specific_method_pins_the_bounds_and_keeps_those_set() {
        let conn = connection();
        conn.set_version_bound(false, 0x0304);
        let pinned = ProtocolMethod::pinned(Method::Any, TLS1_2_VERSION);
        conn.set_protocol_method(pinned);
        assert_eq!(conn.protocol_method(), pinned);
        assert_eq!(conn.state.lock().settings.max_version, 0x0304);
        conn.adopt_method(pinned);
        assert_eq!(conn.protocol_method(), pinned);
        assert_eq!(conn.state.lock().settings.max_version, TLS1_2_VERSION);
        assert_eq!(conn.state.lock().settings.min_version, TLS1_2_VERSION);
        assert_eq!(conn.version_bound(false), 0x0304);
        conn.reset_protocol_method();
        assert_eq!(
            conn.protocol_method(),
            ProtocolMethod::flexible(Method::Any)
        );
        assert_eq!(conn.state.lock().settings.max_version, 0x0304);
        assert_eq!(conn.state.lock().settings.min_version, 0);
    }

    #[test]
    fn a_connection_without_a_method_has_its_contexts() {
        let conn = connection();
        assert_eq!(
            conn.protocol_method(),
            ProtocolMethod::flexible(Method::Any)
        );
        assert!(conn.method_plays(Role::Client));
        conn.set_protocol_method(ProtocolMethod::flexible(Method::Server));
        assert!(!conn.method_plays(Role::Client));
        assert!(conn.pending_cipher().is_none() && conn.negotiated_group().is_none());
        assert!(!conn.handshake_started() && !conn.has_server_name());
        assert_eq!(conn.client_version(), TLS_ANY_VERSION);
        assert!(conn.client_random().is_none() && !conn.quiet_shutdown());
    }

    #[test]
    fn descriptors_are_recorded_per_direction() {
        let conn = connection();
        assert_eq!((conn.descriptor(true), conn.descriptor(false)), (-1, -1));
        conn.record_descriptors(Some(3), Some(3));
        conn.record_descriptors(None, Some(4));
        assert_eq!((conn.descriptor(true), conn.descriptor(false)), (3, 4));
        conn.record_descriptors(Some(5), None);
        assert_eq!((conn.descriptor(true), conn.descriptor(false)), (5, 4));
    }

    #[test]
    fn the_hello_version_is_read_from_the_first_record() {
        let record = [22, 3, 1, 0, 8, 1, 0, 0, 4, 3, 3, 0, 0];
        assert_eq!(hello_version(&record), Some(TLS1_2_VERSION));
        assert_eq!(hello_version(&[23, 3, 3, 0, 0]), None);
        assert_eq!(hello_version(&record[..9]), None);
    }

    #[test]
    fn a_version_specific_method_ignores_the_options_in_openssl_not_here() {
        let conn = connection();
        conn.set_options(crate::ssl::options::OP_NO_TLSV1_2);
        conn.adopt_method(ProtocolMethod::pinned(Method::Any, TLS1_2_VERSION));
        // Documented in docs/divergences.md: no protocol is left.
        assert!(conn
            .state
            .lock()
            .settings
            .config_key()
            .versions()
            .is_empty());
    }
}
