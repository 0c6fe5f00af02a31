//! `Context` (OpenSSL's `SSL_CTX`): settings shared by connections, the
//! rustls configs built from them, the internal session cache, ticket keys and
//! the session callbacks.

use std::any::Any;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;
use rustls::crypto::CryptoProvider;
use rustls::server::ProducesTickets;
use rustls::sign::CertifiedKey;
use rustls::{ClientConfig, NamedGroup, ServerConfig, SupportedProtocolVersion};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::certs;
use super::cipher;
use super::client_cert::ClientCertResolver;
use super::connection::Connection;
use super::extras::Extras;
use super::options::*;
use super::peer_verifier::{ClientAuth, PeerVerifier};
use super::verify::{PeerPolicy, TrustSource};
use crate::session::{CacheStats, ServerCache, Session, DEFAULT_CACHE_SIZE, DEFAULT_TIMEOUT_SECS};

/// Which handshakes a context was made for (`TLS_method` and friends).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Either side.
    Any,
    /// Client only.
    Client,
    /// Server only.
    Server,
}

/// Told of each new session (OpenSSL's new-session callback).
pub trait NewSessionHandler: Send + Sync {
    /// A connection made `session`; the handler owns the reference it is given.
    fn new_session(&self, conn: &Connection, session: Arc<Session>);
    /// The handler as `Any`, so its owner can recognise it.
    fn as_any(&self) -> &dyn Any;
}

/// Told of each session removed from the internal cache (OpenSSL's remove callback).
pub trait RemoveSessionHandler: Send + Sync {
    /// `session` left the cache of `ctx`.
    fn session_removed(&self, ctx: &Context, session: &Arc<Session>);
    /// The handler as `Any`, so its owner can recognise it.
    fn as_any(&self) -> &dyn Any;
}

/// Told of each secret a connection derives (`SSL_CTX_set_keylog_callback`).
pub trait KeyLogHandler: Send + Sync {
    /// `label` as in the NSS key log format, with the connection's client random.
    fn log(&self, conn: &Connection, label: &str, client_random: &[u8], secret: &[u8]);
}

/// Finds sessions kept outside sessl (OpenSSL's get-session callback).
pub trait GetSessionHandler: Send + Sync {
    /// The session stored for `id`, if any.
    fn get_session(&self, conn: &Connection, id: &[u8]) -> Option<Arc<Session>>;
    /// The handler as `Any`, so its owner can recognise it.
    fn as_any(&self) -> &dyn Any;
}

/// A shared get-session handler.
pub type GetSessionHook = Arc<dyn GetSessionHandler>;

/// Seals and opens session tickets with the application's keys (OpenSSL's
/// ticket key callback), replacing the context's own keys.
pub trait TicketKeyHandler: Send + Sync {
    /// A ticket holding `plain`, or `None` to issue none.
    fn encrypt(&self, conn: &Connection, plain: &[u8]) -> Option<Vec<u8>>;
    /// What a ticket holds, and whether it should be replaced by a new one.
    fn decrypt(&self, conn: &Connection, ticket: &[u8]) -> Option<(Vec<u8>, bool)>;
}

/// A shared ticket key handler.
pub type TicketKeyHook = Arc<dyn TicketKeyHandler>;

/// A ClientHello hook's refusal: the handshake fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelloRefused;

/// Sees a server's ClientHello before the handshake goes on (OpenSSL's
/// servername and ALPN-select callbacks).
pub trait ClientHelloHandler: Send + Sync {
    /// The ALPN protocol to agree on (one of `alpn`, or `None`), or `Err` to
    /// refuse the handshake.
    fn client_hello(
        &self,
        conn: &Connection,
        server_name: Option<&str>,
        alpn: &[Vec<u8>],
    ) -> Result<Option<Vec<u8>>, HelloRefused>;
}

/// A shared ClientHello handler.
pub type ClientHelloHook = Arc<dyn ClientHelloHandler>;

/// A shared key-log handler.
pub type KeyLogHook = Arc<dyn KeyLogHandler>;

/// A shared new-session handler.
pub type NewSessionHook = Arc<dyn NewSessionHandler>;
/// A shared remove-session handler.
pub type RemoveSessionHook = Arc<dyn RemoveSessionHandler>;

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
    /// ALPN protocols offered (client) or accepted (server), in preference order.
    pub alpn: Vec<Vec<u8>>,
    /// TLS 1.2 suites allowed (`SSL_CTX_set_cipher_list`); `None`: all.
    pub tls12_suites: Option<Vec<u16>>,
    /// TLS 1.3 suites allowed (`SSL_CTX_set_ciphersuites`); `None`: all.
    pub tls13_suites: Option<Vec<u16>>,
    /// TLS 1.3 tickets a server sends after a full handshake (`SSL_CTX_set_num_tickets`).
    pub num_tickets: usize,
    /// Key exchange groups, in preference order (`SSL_CTX_set1_groups_list`); `None`: rustls' defaults.
    pub groups: Option<Vec<NamedGroup>>,
    /// The CA names a server sends when asking for a client certificate
    /// (`SSL_CTX_set_client_CA_list`), each a DER `Name`.
    pub client_ca_names: Vec<Vec<u8>>,
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
}

impl ConfigKey {
    /// The part of the key a server configuration depends on.
    fn for_server(self) -> Self {
        ConfigKey {
            verify_mode: self.verify_mode & (VERIFY_PEER | VERIFY_FAIL_IF_NO_PEER_CERT),
            ..self
        }
    }

    /// The part of the key a client configuration depends on (the verifier
    /// reads the mode from the connection itself).
    fn for_client(self) -> Self {
        ConfigKey {
            verify_mode: 0,
            ..self
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            options: 0,
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
            alpn: Vec::new(),
            tls12_suites: None,
            tls13_suites: None,
            num_tickets: 2,
            groups: None,
            client_ca_names: Vec::new(),
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
        }
    }

    /// The protocol versions the settings allow, highest first.
    pub fn versions(&self) -> Vec<&'static SupportedProtocolVersion> {
        self.config_key().versions()
    }
}

impl ConfigKey {
    /// The protocol versions the key allows, highest first.
    pub fn versions(&self) -> Vec<&'static SupportedProtocolVersion> {
        let allowed = |v: u16, no: u64| {
            self.options & no == 0
                && (self.min_version == 0 || self.min_version <= v)
                && (self.max_version == 0 || v <= self.max_version)
        };
        let mut out = Vec::new();
        if allowed(TLS1_3_VERSION, OP_NO_TLSV1_3) {
            out.push(&rustls::version::TLS13);
        }
        if allowed(TLS1_2_VERSION, OP_NO_TLSV1_2) {
            out.push(&rustls::version::TLS12);
        }
        out
    }
}

#[derive(Default)]
struct Hooks {
    new_session: Option<NewSessionHook>,
    remove_session: Option<RemoveSessionHook>,
    get_session: Option<GetSessionHook>,
    key_log: Option<KeyLogHook>,
    ticket_keys: Option<TicketKeyHook>,
    client_hello: Option<ClientHelloHook>,
}

/// Configurations built for the keys connections asked for, cleared on
/// every change of the settings.
#[derive(Default)]
struct Built {
    client: Vec<(ConfigKey, Arc<ClientConfig>)>,
    server: Vec<(ConfigKey, Arc<ServerConfig>)>,
}

/// Configurations kept per context, a few keys at most.
const BUILT_PER_KIND: usize = 8;

fn remember<T>(list: &mut Vec<(ConfigKey, Arc<T>)>, key: ConfigKey, config: &Arc<T>) {
    if list.len() >= BUILT_PER_KIND {
        list.remove(0);
    }
    list.push((key, config.clone()));
}

static NEXT_CONTEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A TLS context: what its connections share.
pub struct Context {
    id: u64,
    method: Method,
    provider: Arc<CryptoProvider>,
    settings: Mutex<Settings>,
    hooks: Mutex<Hooks>,
    built: Mutex<Built>,
    cache: Arc<ServerCache>,
    tickets: Arc<dyn ProducesTickets>,
    policy: Arc<PeerPolicy>,
    extras: Extras,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context").field("id", &self.id).finish()
    }
}

/// Why a context operation failed.
pub type ContextError = String;

impl Context {
    /// A context for `method` with OpenSSL's defaults.
    pub fn new(method: Method) -> Result<Self, ContextError> {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let tickets = rustls::crypto::aws_lc_rs::Ticketer::new().map_err(|e| e.to_string())?;
        let id = NEXT_CONTEXT_ID.fetch_add(1, Ordering::Relaxed);
        Ok(Context {
            id,
            method,
            provider,
            settings: Mutex::new(Settings::default()),
            hooks: Mutex::new(Hooks::default()),
            built: Mutex::new(Built::default()),
            cache: Arc::new(ServerCache::with_owner(DEFAULT_CACHE_SIZE, id)),
            tickets,
            policy: Arc::new(PeerPolicy::default()),
            extras: Extras::default(),
        })
    }

    /// A number no other context in this process has; sessions carry it.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Values the embedding layer keeps with the context.
    pub fn extras(&self) -> &Extras {
        &self.extras
    }

    /// Uses a DER certificate as the leaf (`SSL_CTX_use_certificate`).
    pub fn use_certificate(&self, cert: CertificateDer<'static>) {
        self.update(|s| s.chain = vec![cert]);
    }

    /// Replaces the certificates sent after the leaf (`SSL_CTX_set0_chain`).
    pub fn set_chain_tail(&self, tail: Vec<CertificateDer<'static>>) {
        self.update(|s| {
            s.chain.truncate(1);
            s.chain.extend(tail);
        });
    }

    /// Appends a certificate to those sent after the leaf (`SSL_CTX_add0_chain_cert`).
    pub fn add_chain_cert(&self, cert: CertificateDer<'static>) {
        self.update(|s| s.chain.push(cert));
    }

    /// Uses a private key (`SSL_CTX_use_PrivateKey`); refuses one that does not
    /// match the certificate already loaded, as OpenSSL does.
    pub fn use_private_key(&self, key: PrivateKeyDer<'static>) -> Result<(), ContextError> {
        let signer = self
            .provider
            .key_provider
            .load_private_key(key.clone_key())
            .map_err(|e| e.to_string())?;
        if let Some(leaf) = self.settings.lock().chain.first() {
            CertifiedKey::new(vec![leaf.clone()], signer)
                .keys_match()
                .map_err(|e| e.to_string())?;
        }
        self.update(|s| s.key = Some(Arc::new(key)));
        Ok(())
    }

    /// The method the context was made with.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The internal session cache.
    pub fn cache(&self) -> &Arc<ServerCache> {
        &self.cache
    }

    /// The context's counters.
    pub fn stats(&self) -> &CacheStats {
        self.cache.stats()
    }

    /// The context's ticket keys.
    pub fn ticket_keys(&self) -> &Arc<dyn ProducesTickets> {
        &self.tickets
    }

    /// A copy of the current settings.
    pub fn settings(&self) -> Settings {
        self.settings.lock().clone()
    }

    /// Changes settings; configs built earlier are rebuilt on next use.
    pub fn update<R>(&self, f: impl FnOnce(&mut Settings) -> R) -> R {
        let (r, s) = {
            let mut s = self.settings.lock();
            let r = f(&mut s);
            (r, s.clone())
        };
        self.cache.set_default_timeout(s.timeout);
        self.policy.trust.set_own(s.roots.clone());
        self.policy.client_cert.set(self.certified_key(&s).ok());
        *self.built.lock() = Built::default();
        r
    }

    /// Attaches (or detaches) an outside source of trust anchors (`SSL_CTX_set_cert_store`).
    pub fn set_trust_source(&self, source: Option<Arc<dyn TrustSource>>) {
        self.policy.trust.set_source(source);
    }

    /// The outside trust source, if one is attached.
    pub fn trust_source(&self) -> Option<Arc<dyn TrustSource>> {
        self.policy.trust.source()
    }

    /// How this context verifies peers; connections install it around rustls calls.
    pub fn peer_policy(&self) -> &Arc<PeerPolicy> {
        &self.policy
    }

    /// Sets or clears the key-log hook (`SSL_CTX_set_keylog_callback`).
    pub fn set_key_log_hook(&self, hook: Option<KeyLogHook>) {
        self.hooks.lock().key_log = hook;
    }

    /// The key-log hook.
    pub fn key_log_hook(&self) -> Option<KeyLogHook> {
        self.hooks.lock().key_log.clone()
    }

    /// The certificate chain and key as rustls signs with them.
    fn certified_key(&self, s: &Settings) -> Result<Arc<CertifiedKey>, ContextError> {
        let (Some(key), false) = (s.key.as_ref(), s.chain.is_empty()) else {
            return Err("no certificate or no private key".into());
        };
        let signer = self
            .provider
            .key_provider
            .load_private_key(key.clone_key())
            .map_err(|e| e.to_string())?;
        Ok(Arc::new(CertifiedKey::new(s.chain.clone(), signer)))
    }

    /// The provider restricted to the suites the settings allow.
    fn provider_for(&self, s: &Settings) -> Result<Arc<CryptoProvider>, ContextError> {
        if s.tls12_suites.is_none() && s.tls13_suites.is_none() && s.groups.is_none() {
            return Ok(self.provider.clone());
        }
        let kx_groups = match &s.groups {
            None => self.provider.kx_groups.clone(),
            Some(names) => names
                .iter()
                .filter_map(|n| {
                    self.provider
                        .kx_groups
                        .iter()
                        .find(|g| g.name() == *n)
                        .copied()
                })
                .collect(),
        };
        let allowed = |iana: u16, tls13: bool| {
            let list = if tls13 {
                &s.tls13_suites
            } else {
                &s.tls12_suites
            };
            list.as_ref().is_none_or(|l| l.contains(&iana))
        };
        let mut suites: Vec<_> = self
            .provider
            .cipher_suites
            .iter()
            .filter(|c| allowed(u16::from(c.suite()), c.tls13().is_some()))
            .copied()
            .collect();
        // Keep the order the lists give, as OpenSSL does.
        let rank = |iana: u16| {
            s.tls13_suites
                .iter()
                .chain(s.tls12_suites.iter())
                .flatten()
                .position(|&x| x == iana)
                .unwrap_or(usize::MAX)
        };
        suites.sort_by_key(|c| rank(u16::from(c.suite())));
        if suites.is_empty() {
            return Err("no cipher suites available".into());
        }
        Ok(Arc::new(CryptoProvider {
            cipher_suites: suites,
            kx_groups,
            ..(*self.provider).clone()
        }))
    }

    /// Sets the TLS 1.2 suites from an OpenSSL cipher list (`SSL_CTX_set_cipher_list`).
    pub fn set_cipher_list(&self, list: &str) -> Result<(), ContextError> {
        let suites = cipher::parse_cipher_list(list)?;
        self.update(|s| s.tls12_suites = Some(suites));
        Ok(())
    }

    /// Sets the key exchange groups from an OpenSSL list such as
    /// `"X25519:P-256"` (`SSL_CTX_set1_groups_list`); unknown names fail.
    pub fn set_groups_list(&self, list: &str) -> Result<(), ContextError> {
        let mut groups = Vec::new();
        for name in list.split(':').filter(|n| !n.is_empty()) {
            let group = match name.to_ascii_lowercase().as_str() {
                "x25519" => NamedGroup::X25519,
                "p-256" | "prime256v1" | "secp256r1" => NamedGroup::secp256r1,
                "p-384" | "secp384r1" => NamedGroup::secp384r1,
                "p-521" | "secp521r1" => NamedGroup::secp521r1,
                "x25519mlkem768" => NamedGroup::X25519MLKEM768,
                _ => return Err(format!("unknown group {name}")),
            };
            if !self.provider.kx_groups.iter().any(|g| g.name() == group) {
                return Err(format!("group {name} not available"));
            }
            groups.push(group);
        }
        if groups.is_empty() {
            return Err("no groups".into());
        }
        self.update(|s| s.groups = Some(groups));
        Ok(())
    }

    /// Sets the TLS 1.3 suites (`SSL_CTX_set_ciphersuites`).
    pub fn set_ciphersuites(&self, list: &str) -> Result<(), ContextError> {
        let suites = cipher::parse_ciphersuites(list)?;
        self.update(|s| s.tls13_suites = Some(suites));
        Ok(())
    }

    /// Reads settings without copying them.
    pub fn with_settings<R>(&self, f: impl FnOnce(&Settings) -> R) -> R {
        f(&self.settings.lock())
    }

    /// Sets or clears the new-session hook (`SSL_CTX_sess_set_new_cb`).
    pub fn set_new_session_hook(&self, hook: Option<NewSessionHook>) {
        self.hooks.lock().new_session = hook;
    }

    /// The new-session hook.
    pub fn new_session_hook(&self) -> Option<NewSessionHook> {
        self.hooks.lock().new_session.clone()
    }

    /// Sets or clears the remove-session hook (`SSL_CTX_sess_set_remove_cb`).
    pub fn set_remove_session_hook(&self, hook: Option<RemoveSessionHook>) {
        self.hooks.lock().remove_session = hook;
    }

    /// Sets or clears the ClientHello hook (servername / ALPN-select callbacks).
    pub fn set_client_hello_hook(&self, hook: Option<ClientHelloHook>) {
        self.hooks.lock().client_hello = hook;
    }

    /// The ClientHello hook.
    pub fn client_hello_hook(&self) -> Option<ClientHelloHook> {
        self.hooks.lock().client_hello.clone()
    }

    /// Sets or clears the ticket key hook (`SSL_CTX_set_tlsext_ticket_key_evp_cb`).
    pub fn set_ticket_key_hook(&self, hook: Option<TicketKeyHook>) {
        self.hooks.lock().ticket_keys = hook;
    }

    /// The ticket key hook.
    pub fn ticket_key_hook(&self) -> Option<TicketKeyHook> {
        self.hooks.lock().ticket_keys.clone()
    }

    /// Sets or clears the get-session hook (`SSL_CTX_sess_set_get_cb`).
    pub fn set_get_session_hook(&self, hook: Option<GetSessionHook>) {
        self.hooks.lock().get_session = hook;
    }

    /// The get-session hook.
    pub fn get_session_hook(&self) -> Option<GetSessionHook> {
        self.hooks.lock().get_session.clone()
    }

    /// The remove-session hook.
    pub fn remove_session_hook(&self) -> Option<RemoveSessionHook> {
        self.hooks.lock().remove_session.clone()
    }

    /// Calls the remove hook for each session (no lock held).
    pub fn removed(&self, sessions: Vec<Arc<Session>>) {
        if sessions.is_empty() {
            return;
        }
        let hook = self.hooks.lock().remove_session.clone();
        if let Some(hook) = hook {
            for s in sessions {
                hook.session_removed(self, &s);
            }
        }
    }

    /// Loads a certificate chain file (`SSL_CTX_use_certificate_chain_file`).
    pub fn use_certificate_chain_file(&self, path: &Path) -> Result<(), ContextError> {
        let chain = certs::load_pem_certs(path)?;
        self.update(|s| s.chain = chain);
        Ok(())
    }

    /// Loads the leaf certificate from a file (`SSL_CTX_use_certificate_file`).
    pub fn use_certificate_file(&self, path: &Path, filetype: i32) -> Result<(), ContextError> {
        let mut certs = certs::load_certs(path, filetype)?;
        certs.truncate(1);
        self.update(|s| s.chain = certs);
        Ok(())
    }

    /// Loads the private key (`SSL_CTX_use_PrivateKey_file`); like OpenSSL,
    /// refuses a key that does not match the certificate already loaded.
    pub fn use_private_key_file(&self, path: &Path, filetype: i32) -> Result<(), ContextError> {
        self.use_private_key(certs::load_key(path, filetype)?)
    }

    /// Whether the key matches the certificate (`SSL_CTX_check_private_key`).
    pub fn check_private_key(&self) -> Result<(), ContextError> {
        let s = self.settings();
        self.certified_key(&s)?
            .keys_match()
            .map_err(|e| e.to_string())
    }

    /// Adds trusted certificates from a PEM file and/or a directory
    /// (`SSL_CTX_load_verify_locations`).
    pub fn load_verify_locations(
        &self,
        file: Option<&Path>,
        dir: Option<&Path>,
    ) -> Result<(), ContextError> {
        let mut found = Vec::new();
        if let Some(file) = file {
            found.extend(certs::load_pem_certs(file)?);
        }
        if let Some(dir) = dir {
            let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            for entry in entries.flatten() {
                if let Ok(c) = certs::load_pem_certs(&entry.path()) {
                    found.extend(c);
                }
            }
        }
        if file.is_none() && dir.is_none() {
            return Err("no location given".into());
        }
        self.update(|s| s.roots.extend(found));
        Ok(())
    }

    /// Adds the system's trusted certificates (`SSL_CTX_set_default_verify_paths`).
    pub fn set_default_verify_paths(&self) -> Result<(), ContextError> {
        let found = rustls_native_certs::load_native_certs();
        self.update(|s| s.roots.extend(found.certs));
        Ok(())
    }

    /// The client config for the context's own settings.
    pub fn client_config(&self) -> Result<Arc<ClientConfig>, ContextError> {
        let key = self.with_settings(Settings::config_key);
        self.client_config_for(key)
    }

    /// The client config for a connection's settings (built once per key and change).
    pub fn client_config_for(&self, key: ConfigKey) -> Result<Arc<ClientConfig>, ContextError> {
        let key = key.for_client();
        if let Some((_, c)) = self.built.lock().client.iter().find(|(k, _)| *k == key) {
            return Ok(c.clone());
        }
        let config = self.build_client_config(&self.settings_for(key))?;
        remember(&mut self.built.lock().client, key, &config);
        Ok(config)
    }

    /// The context's settings with a connection's key in place.
    fn settings_for(&self, key: ConfigKey) -> Settings {
        Settings {
            options: key.options,
            min_version: key.min_version,
            max_version: key.max_version,
            verify_mode: key.verify_mode,
            ..self.settings()
        }
    }

    fn build_client_config(&self, s: &Settings) -> Result<Arc<ClientConfig>, ContextError> {
        let versions = s.versions();
        if versions.is_empty() {
            return Err("no protocols available".into());
        }
        let mut config = ClientConfig::builder_with_provider(self.provider_for(s)?)
            .with_protocol_versions(&versions)
            .map_err(|e| e.to_string())?
            .dangerous()
            .with_custom_certificate_verifier(PeerVerifier::shared())
            .with_client_cert_resolver(ClientCertResolver::shared());
        config.alpn_protocols = s.alpn.clone();
        Ok(Arc::new(config))
    }

    /// The server config for the context's own settings.
    pub fn server_config(&self) -> Result<Arc<ServerConfig>, ContextError> {
        let key = self.with_settings(Settings::config_key);
        self.server_config_for(key, None)
    }

    /// The server config for a connection's settings (built once per key and
    /// change); with `switched`, the certificate and client CA names are that
    /// context's (`SSL_set_SSL_CTX`).
    pub fn server_config_for(
        &self,
        key: ConfigKey,
        switched: Option<&Context>,
    ) -> Result<Arc<ServerConfig>, ContextError> {
        let key = key.for_server();
        if switched.is_none() {
            if let Some((_, c)) = self.built.lock().server.iter().find(|(k, _)| *k == key) {
                return Ok(c.clone());
            }
        }
        let identity = switched.unwrap_or(self);
        let (cert, ca_names) =
            identity.with_settings(|s| (identity.certified_key(s), s.client_ca_names.clone()));
        let mut cert = cert?;
        if let Some(full) = super::verify::completed_chain(identity, &cert.cert) {
            cert = Arc::new(CertifiedKey::new(full, cert.key.clone()));
        }
        let config = self.build_server_config(&self.settings_for(key), cert, ca_names)?;
        if switched.is_none() {
            remember(&mut self.built.lock().server, key, &config);
        }
        Ok(config)
    }

    fn build_server_config(
        &self,
        s: &Settings,
        key: Arc<CertifiedKey>,
        ca_names: Vec<Vec<u8>>,
    ) -> Result<Arc<ServerConfig>, ContextError> {
        let versions = s.versions();
        if versions.is_empty() {
            return Err("no protocols available".into());
        }
        let builder = ServerConfig::builder_with_provider(self.provider_for(s)?)
            .with_protocol_versions(&versions)
            .map_err(|e| e.to_string())?;
        let builder = if s.verify_mode & VERIFY_PEER != 0 {
            builder.with_client_cert_verifier(Arc::new(ClientAuth {
                mandatory: s.verify_mode & VERIFY_FAIL_IF_NO_PEER_CERT != 0,
                hints: ca_names
                    .into_iter()
                    .map(rustls::DistinguishedName::from)
                    .collect(),
            }))
        } else {
            builder.with_no_client_auth()
        };
        let mut config = builder.with_cert_resolver(Arc::new(SingleCert(key)));
        config.alpn_protocols = s.alpn.clone();
        Ok(Arc::new(config))
    }
}

/// Always presents the context's certificate.
#[derive(Debug)]
struct SingleCert(Arc<CertifiedKey>);

impl rustls::server::ResolvesServerCert for SingleCert {
    fn resolve(&self, _: rustls::server::ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.0.clone())
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
    fn server_configs_follow_the_connections_verify_mode() {
        let peer = ConfigKey {
            verify_mode: VERIFY_PEER | VERIFY_CLIENT_ONCE,
            ..key(0, 0, 0)
        };
        assert_eq!(peer.for_server().verify_mode, VERIFY_PEER);
        assert_eq!(peer.for_client().verify_mode, 0);
    }
}
