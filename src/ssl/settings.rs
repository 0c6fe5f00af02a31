//! The settings of a context (and those a connection may hold apart from its
//! context's) that decide the rustls configurations built for it.

use std::sync::Arc;

use rustls::{NamedGroup, SupportedProtocolVersion};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::options::*;
use super::security_level::DEFAULT_LEVEL;
use super::suite_choice::{SuiteChoice, SuiteList};
use crate::session::DEFAULT_TIMEOUT_SECS;

/// A certificate chain and its key, of another key type than the current
/// ones (OpenSSL's slot of that type, `key_slots.rs`).
#[derive(Clone)]
pub struct OtherIdentity {
    /// The key type (its algorithm's OID).
    pub kind: Vec<u8>,
    /// The chain, leaf first (empty until a certificate comes).
    pub chain: Vec<CertificateDer<'static>>,
    /// The leaf's key, once loaded.
    pub key: Option<Arc<PrivateKeyDer<'static>>>,
}

/// The mutable settings of a context.
#[derive(Clone)]
pub struct Settings {
    /// `SSL_OP_*` bits.
    pub options: u64,
    /// `SSL_MODE_*` bits.
    pub mode: u64,
    /// Lowest protocol version (0: none).
    pub min_version: u16,
    /// Highest protocol version (0: none).
    pub max_version: u16,
    /// `SSL_SESS_CACHE_*` bits.
    pub cache_mode: u32,
    /// Timeout of new sessions, seconds.
    pub timeout: i64,
    /// Session id context.
    pub id_context: Vec<u8>,
    /// `SSL_VERIFY_*` bits.
    pub verify_mode: i32,
    /// Trusted certificates.
    pub roots: Vec<CertificateDer<'static>>,
    /// Own certificate chain.
    pub chain: Vec<CertificateDer<'static>>,
    /// Own private key.
    pub key: Option<Arc<PrivateKeyDer<'static>>>,
    /// Certificates and keys of other key types than the current ones, kept
    /// when a certificate or key of another type was loaded after them
    /// (OpenSSL keeps one per key type, the last loaded current): a server
    /// presents the one its client can take.
    pub other_identities: Vec<OtherIdentity>,
    /// ALPN protocols offered (client) or accepted (server), in preference order.
    pub alpn: Vec<Vec<u8>>,
    /// TLS 1.2 suites allowed (`SSL_CTX_set_cipher_list`); `None`: all.
    pub tls12_suites: Option<Vec<u16>>,
    /// TLS 1.3 suites allowed (`SSL_CTX_set_ciphersuites`); `None`: all.
    pub tls13_suites: Option<Vec<u16>>,
    /// The security level (`SSL_CTX_set_security_level`).
    pub security_level: i32,
    /// TLS 1.3 tickets a server sends after a full handshake (`SSL_CTX_set_num_tickets`).
    pub num_tickets: usize,
    /// Key exchange groups, in preference order (`SSL_CTX_set1_groups_list`); `None`: rustls' defaults.
    pub groups: Option<Vec<NamedGroup>>,
    /// The CA names a server sends when asking for a client certificate
    /// (`SSL_CTX_set_client_CA_list`), each a DER `Name`.
    pub client_ca_names: Vec<Vec<u8>>,
    /// Largest plaintext of a record sent (`SSL_CTX_set_max_send_fragment`).
    pub max_send_fragment: usize,
}

/// The settings a connection may hold apart from its context's that go into
/// a rustls configuration (copied at `SSL_new`, changed by `SSL_set_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConfigKey {
    /// `SSL_OP_*` bits.
    pub options: u64,
    /// Lowest protocol version (0: none).
    pub min_version: u16,
    /// Highest protocol version (0: none).
    pub max_version: u16,
    /// `SSL_VERIFY_*` bits.
    pub verify_mode: i32,
    /// The suites and security level (lists left `None`: the context's).
    pub suites: SuiteChoice,
}

impl ConfigKey {
    /// The part of the key a server configuration depends on.
    pub(super) fn for_server(self) -> Self {
        ConfigKey {
            verify_mode: self.verify_mode & (VERIFY_PEER | VERIFY_FAIL_IF_NO_PEER_CERT),
            ..self
        }
    }

    /// The part of the key a client configuration depends on (the verifier
    /// reads the mode from the connection itself).
    pub(super) fn for_client(self) -> Self {
        ConfigKey {
            verify_mode: 0,
            ..self
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            options: DEFAULT_OPTIONS,
            mode: MODE_AUTO_RETRY,
            min_version: 0,
            max_version: 0,
            cache_mode: SESS_CACHE_SERVER,
            timeout: DEFAULT_TIMEOUT_SECS,
            id_context: Vec::new(),
            verify_mode: 0,
            roots: Vec::new(),
            chain: Vec::new(),
            key: None,
            other_identities: Vec::new(),
            alpn: Vec::new(),
            tls12_suites: None,
            tls13_suites: None,
            security_level: DEFAULT_LEVEL,
            num_tickets: 2,
            groups: None,
            client_ca_names: Vec::new(),
            max_send_fragment: MAX_PLAIN_LENGTH,
        }
    }
}

impl Settings {
    /// The key of the context's own configurations.
    pub fn config_key(&self) -> ConfigKey {
        ConfigKey {
            options: self.options,
            min_version: self.min_version,
            max_version: self.max_version,
            verify_mode: self.verify_mode,
            suites: SuiteChoice {
                tls12: None,
                tls13: None,
                security_level: self.security_level,
                groups: None,
            },
        }
    }

    /// The suites and security level, with the lists as set.
    pub fn suite_choice(&self) -> SuiteChoice {
        SuiteChoice {
            tls12: self.tls12_suites.as_deref().map(SuiteList::new),
            tls13: self.tls13_suites.as_deref().map(SuiteList::new),
            security_level: self.security_level,
            groups: None,
        }
    }

    /// These settings with a connection's suites and level in place.
    pub fn with_suites(mut self, choice: SuiteChoice) -> Settings {
        if let Some(l) = choice.tls12 {
            self.tls12_suites = Some(l.as_slice().to_vec());
        }
        if let Some(l) = choice.tls13 {
            self.tls13_suites = Some(l.as_slice().to_vec());
        }
        self.security_level = choice.security_level;
        if let Some(g) = choice.groups {
            self.groups = Some(
                g.as_slice()
                    .iter()
                    .map(|&id| NamedGroup::from(id))
                    .collect(),
            );
        }
        self
    }

    /// The protocol versions the settings allow, highest first.
    pub fn versions(&self) -> Vec<&'static SupportedProtocolVersion> {
        self.config_key().versions()
    }
}

impl ConfigKey {
    /// The protocol versions the key allows, highest first.
    pub fn versions(&self) -> Vec<&'static SupportedProtocolVersion> {
        let mut out = Vec::new();
        if self.allows(TLS1_3_VERSION, OP_NO_TLSV1_3) {
            out.push(&rustls::version::TLS13);
        }
        if self.allows(TLS1_2_VERSION, OP_NO_TLSV1_2) {
            out.push(&rustls::version::TLS12);
        }
        out
    }

    /// Whether the key allows any protocol version (`versions` is not empty).
    pub fn allows_any_version(&self) -> bool {
        self.allows(TLS1_3_VERSION, OP_NO_TLSV1_3) || self.allows(TLS1_2_VERSION, OP_NO_TLSV1_2)
    }

    /// Whether version `v`, turned off by option `no`, is allowed.
    fn allows(&self, v: u16, no: u64) -> bool {
        self.options & no == 0
            && (self.min_version == 0 || self.min_version <= v)
            && (self.max_version == 0 || v <= self.max_version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(options: u64, min_version: u16, max_version: u16) -> ConfigKey {
        ConfigKey {
            options,
            min_version,
            max_version,
            verify_mode: 0,
            suites: SuiteChoice::default(),
        }
    }

    #[test]
    fn a_connections_bounds_choose_the_versions() {
        let both = key(0, 0, 0).versions();
        assert_eq!(both.len(), 2);
        assert_eq!(
            key(0, TLS1_3_VERSION, 0).versions(),
            vec![&rustls::version::TLS13]
        );
        assert_eq!(
            key(0, 0, TLS1_2_VERSION).versions(),
            vec![&rustls::version::TLS12]
        );
        assert_eq!(
            key(OP_NO_TLSV1_3, 0, 0).versions(),
            vec![&rustls::version::TLS12]
        );
        assert!(key(0, TLS1_3_VERSION, TLS1_2_VERSION).versions().is_empty());
    }

    #[test]
    fn any_version_allowed_is_whether_the_list_has_one() {
        for k in [
            key(0, 0, 0),
            key(OP_NO_TLSV1_3, 0, 0),
            key(OP_NO_TLSV1_2 | OP_NO_TLSV1_3, 0, 0),
            key(0, TLS1_3_VERSION, TLS1_2_VERSION),
            key(OP_NO_TLSV1_3, 0, TLS1_2_VERSION),
            key(OP_NO_TLSV1_3, TLS1_3_VERSION, 0),
        ] {
            assert_eq!(k.allows_any_version(), !k.versions().is_empty());
        }
    }

    #[test]
    fn server_configs_follow_the_connections_verify_mode() {
        let peer = ConfigKey {
            verify_mode: VERIFY_PEER | VERIFY_CLIENT_ONCE,
            ..key(0, 0, 0)
        };
        assert_eq!(peer.for_server().verify_mode, VERIFY_PEER);
        assert_eq!(peer.for_client().verify_mode, 0);
    }

    #[test]
    fn default_settings_are_openssls() {
        let s = Settings::default();
        assert_eq!(s.options, DEFAULT_OPTIONS);
        assert_eq!(s.mode, MODE_AUTO_RETRY);
        assert_eq!((s.min_version, s.max_version), (0, 0));
        assert_eq!(s.cache_mode, SESS_CACHE_SERVER);
        assert_eq!(s.timeout, 7200);
        assert_eq!(s.verify_mode, 0);
        assert_eq!(s.num_tickets, 2);
        assert!(s.id_context.is_empty() && s.alpn.is_empty());
        assert!(s.roots.is_empty() && s.chain.is_empty() && s.key.is_none());
        assert!(s.tls12_suites.is_none() && s.tls13_suites.is_none() && s.groups.is_none());
        assert!(s.client_ca_names.is_empty());
        assert_eq!(s.security_level, DEFAULT_LEVEL);
    }

    #[test]
    fn a_connections_suites_replace_the_contexts_where_set() {
        let ctx = Settings {
            tls12_suites: Some(vec![0xc02f]),
            ..Settings::default()
        };
        assert_eq!(ctx.suite_choice().tls12.unwrap().as_slice(), [0xc02f]);
        let conn = SuiteChoice {
            tls13: Some(SuiteList::new(&[0x1301])),
            security_level: 4,
            ..SuiteChoice::default()
        };
        let s = ctx.with_suites(conn);
        assert_eq!(s.tls12_suites, Some(vec![0xc02f]));
        assert_eq!(s.tls13_suites, Some(vec![0x1301]));
        assert_eq!(s.security_level, 4);
    }

    #[test]
    fn the_config_key_is_the_settings_bounds_options_and_verify_mode() {
        let s = Settings {
            options: OP_NO_TICKET,
            min_version: TLS1_2_VERSION,
            max_version: TLS1_3_VERSION,
            verify_mode: VERIFY_PEER,
            timeout: 300,
            ..Settings::default()
        };
        assert_eq!(
            s.config_key(),
            ConfigKey {
                verify_mode: VERIFY_PEER,
                ..key(OP_NO_TICKET, TLS1_2_VERSION, TLS1_3_VERSION)
            }
        );
    }

    #[test]
    fn options_and_bounds_choose_the_settings_versions() {
        let with = |options, min_version, max_version| Settings {
            options,
            min_version,
            max_version,
            ..Settings::default()
        };
        assert_eq!(
            with(0, 0, 0).versions(),
            vec![&rustls::version::TLS13, &rustls::version::TLS12]
        );
        assert_eq!(
            with(OP_NO_TLSV1_2, 0, 0).versions(),
            vec![&rustls::version::TLS13]
        );
        assert_eq!(
            with(0, TLS1_2_VERSION, TLS1_2_VERSION).versions(),
            vec![&rustls::version::TLS12]
        );
        // An option removes a version the bounds allow.
        assert_eq!(
            with(OP_NO_TLSV1_3, TLS1_2_VERSION, TLS1_3_VERSION).versions(),
            vec![&rustls::version::TLS12]
        );
        assert!(with(OP_NO_TLSV1_2 | OP_NO_TLSV1_3, 0, 0)
            .versions()
            .is_empty());
        assert!(with(OP_NO_TLSV1_2, 0, TLS1_2_VERSION).versions().is_empty());
    }
}
