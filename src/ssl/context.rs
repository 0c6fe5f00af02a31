//! `Context` (OpenSSL's `SSL_CTX`): settings shared by connections, the
//! internal session cache, ticket keys and the application's hooks. The rustls
//! configs built from the settings are in `config.rs`.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;
use rustls::crypto::CryptoProvider;
use rustls::server::ProducesTickets;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::certs;
use super::cipher;
use super::config::BuiltConfigs;
use super::context_hooks::Hooks;
use super::error::Error;
use super::extras::Extras;
use super::groups;
use super::method::ProtocolMethod;
use super::settings::Settings;
use super::ticket_keys::{TicketKeySet, TICKET_KEYS_LEN};
use super::verify::{PeerPolicy, TrustSource};
use crate::session::{CacheStats, ServerCache, DEFAULT_CACHE_SIZE};

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

static NEXT_CONTEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A TLS context: what its connections share.
pub struct Context {
    id: u64,
    /// The method: `SSL_CTX_new`'s, or `SSL_CTX_set_ssl_version`'s.
    method: Mutex<ProtocolMethod>,
    pub(super) provider: Arc<CryptoProvider>,
    settings: Mutex<Settings>,
    pub(super) hooks: Mutex<Hooks>,
    /// Whether `hooks` holds an info hook.
    pub(super) info_hook_set: AtomicBool,
    pub(super) built_configs: Mutex<BuiltConfigs>,
    cache: Arc<ServerCache>,
    tickets: Mutex<Arc<TicketKeySet>>,
    policy: Arc<PeerPolicy>,
    extras: Extras,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context").field("id", &self.id).finish()
    }
}

impl Context {
    /// A context for `method` with OpenSSL's defaults.
    pub fn new(method: Method) -> Result<Self, Error> {
        let mut provider = rustls::crypto::aws_lc_rs::default_provider();
        // OpenSSL's default groups have P-521 too; rustls' provider does not.
        provider.kx_groups.push(super::kx_p521::SECP521R1);
        let provider = Arc::new(provider);
        let tickets = TicketKeySet::random().ok_or(rustls::Error::FailedToGetRandomBytes)?;
        let id = NEXT_CONTEXT_ID.fetch_add(1, Ordering::Relaxed);
        Ok(Context {
            id,
            method: Mutex::new(ProtocolMethod::flexible(method)),
            provider,
            settings: Mutex::new(Settings::default()),
            hooks: Mutex::new(Hooks::default()),
            info_hook_set: AtomicBool::new(false),
            built_configs: Mutex::new(BuiltConfigs::default()),
            cache: Arc::new(ServerCache::with_owner(DEFAULT_CACHE_SIZE, id)),
            tickets: Mutex::new(Arc::new(tickets)),
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

    /// Uses a DER certificate as the leaf (`SSL_CTX_use_certificate`) of
    /// its key type's slot, which becomes current (`key_slots.rs`); as in
    /// OpenSSL, the chain after it stays and a key that does not match it is dropped.
    pub fn use_certificate(&self, cert: CertificateDer<'static>) {
        self.update(|s| {
            super::key_slots::place_certificate(
                s,
                cert,
                |k| self.key_kind(k),
                |c, k| self.key_matches(c, k).is_ok(),
            )
        });
    }

    /// A private key's type (its algorithm's OID), read from its public half.
    fn key_kind(&self, key: &PrivateKeyDer<'static>) -> super::key_slots::KeyKind {
        let signer = self
            .provider
            .key_provider
            .load_private_key(key.clone_key())
            .ok()?;
        let spki = signer.public_key()?;
        super::cert_strength::spki_key_type(spki.as_ref()).map(<[u8]>::to_vec)
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

    /// Uses a private key (`SSL_CTX_use_PrivateKey`) in its key type's slot,
    /// which becomes current (`key_slots.rs`); refuses one that does not
    /// match the certificate already in that slot, as OpenSSL does.
    pub fn use_private_key(&self, key: PrivateKeyDer<'static>) -> Result<(), Error> {
        let signer = self
            .provider
            .key_provider
            .load_private_key(key.clone_key())
            .map_err(|e| Error::BadPrivateKey(e.to_string()))?;
        let kind = self.key_kind(&key);
        self.update(|s| {
            super::key_slots::place_key(
                s,
                key,
                kind,
                |k| self.key_kind(k),
                |leaf| super::cert_key_match::check(leaf, &signer),
            )
        })
    }

    /// The sides the context's method handshakes for.
    pub fn method(&self) -> Method {
        self.method.lock().side
    }

    /// The context's method, with its version when version-specific.
    pub fn protocol_method(&self) -> ProtocolMethod {
        *self.method.lock()
    }

    /// Changes the method (`SSL_CTX_set_ssl_version`); as OpenSSL does, the
    /// cipher lists go back to their defaults.
    pub fn set_protocol_method(&self, method: ProtocolMethod) {
        *self.method.lock() = method;
        self.update(|s| {
            s.tls12_suites = None;
            s.tls13_suites = None;
        });
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
    pub fn ticket_keys(&self) -> Arc<dyn ProducesTickets> {
        self.tickets.lock().clone()
    }

    /// The ticket keys' 80 bytes (`SSL_CTX_get_tlsext_ticket_keys`).
    pub fn ticket_key_bytes(&self) -> [u8; TICKET_KEYS_LEN] {
        self.tickets.lock().bytes()
    }

    /// Replaces the ticket keys (`SSL_CTX_set_tlsext_ticket_keys`): tickets
    /// made under the old keys are no longer opened.
    pub fn set_ticket_key_bytes(&self, bytes: [u8; TICKET_KEYS_LEN]) {
        *self.tickets.lock() = Arc::new(TicketKeySet::from_bytes(bytes));
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
        self.policy
            .client_cert
            .set_others(self.other_certified_keys(&s));
        *self.built_configs.lock() = BuiltConfigs::default();
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

    /// Sets the TLS 1.2 suites from an OpenSSL cipher list (`SSL_CTX_set_cipher_list`).
    /// An `@SECLEVEL=n` in it sets the security level.
    pub fn set_cipher_list(&self, list: &str) -> Result<(), Error> {
        let parsed = super::cipher_string::parse_rules(list)?;
        self.update(|s| super::cipher_settings::apply_cipher_list(s, list, &parsed))?;
        Ok(())
    }

    /// Sets the key exchange groups from an OpenSSL list such as
    /// `"X25519:P-256"` (`SSL_CTX_set1_groups_list`); unknown names fail,
    /// groups the provider lacks are left out (`groups::parse_groups_list`).
    pub fn set_groups_list(&self, list: &str) -> Result<(), Error> {
        let groups = groups::parse_groups_list(list, &self.provider)?;
        self.update(|s| s.groups = Some(groups));
        Ok(())
    }

    /// Sets the TLS 1.3 suites (`SSL_CTX_set_ciphersuites`).
    pub fn set_ciphersuites(&self, list: &str) -> Result<(), Error> {
        let suites = cipher::parse_ciphersuites(list)?;
        self.update(|s| s.tls13_suites = Some(suites));
        Ok(())
    }

    /// Reads settings without copying them.
    pub fn with_settings<R>(&self, f: impl FnOnce(&Settings) -> R) -> R {
        f(&self.settings.lock())
    }

    /// Loads a certificate chain file (`SSL_CTX_use_certificate_chain_file`).
    pub fn use_certificate_chain_file(&self, path: &Path) -> Result<(), Error> {
        let chain = certs::load_pem_certs(path)?;
        super::security_level::check_chain(self.security_level(), &chain)?;
        let mut chain = chain.into_iter();
        if let Some(leaf) = chain.next() {
            self.use_certificate(leaf);
            self.set_chain_tail(chain.collect());
        }
        Ok(())
    }

    /// Loads the leaf certificate from a file (`SSL_CTX_use_certificate_file`).
    pub fn use_certificate_file(&self, path: &Path, filetype: i32) -> Result<(), Error> {
        let certs = certs::load_certs(path, filetype)?;
        if let Some(leaf) = certs.into_iter().next() {
            super::security_level::check_chain(self.security_level(), std::slice::from_ref(&leaf))?;
            self.use_certificate(leaf);
        }
        Ok(())
    }

    /// Loads the private key (`SSL_CTX_use_PrivateKey_file`); like OpenSSL,
    /// refuses a key that does not match the certificate already loaded.
    pub fn use_private_key_file(&self, path: &Path, filetype: i32) -> Result<(), Error> {
        self.use_private_key(certs::load_key(path, filetype)?)
    }

    /// Whether the key matches the certificate (`SSL_CTX_check_private_key`).
    pub fn check_private_key(&self) -> Result<(), Error> {
        let s = self.settings();
        let certified = self.certified_key(&s)?;
        let leaf = certified
            .end_entity_cert()
            .map_err(|e| Error::KeyMismatch(e.to_string()))?;
        super::cert_key_match::check(leaf, &certified.key)
    }

    /// Adds trusted certificates from a PEM file and/or a directory
    /// (`SSL_CTX_load_verify_locations`).
    pub fn load_verify_locations(
        &self,
        file: Option<&Path>,
        dir: Option<&Path>,
    ) -> Result<(), Error> {
        let mut found = Vec::new();
        if let Some(file) = file {
            found.extend(certs::load_pem_certs(file)?);
        }
        if let Some(dir) = dir {
            let entries = std::fs::read_dir(dir).map_err(|e| Error::file(dir, e))?;
            for entry in entries.flatten() {
                if let Ok(c) = certs::load_pem_certs(&entry.path()) {
                    found.extend(c);
                }
            }
        }
        if file.is_none() && dir.is_none() {
            return Err(Error::NoVerifyLocation);
        }
        self.update(|s| s.roots.extend(found));
        Ok(())
    }

    /// Adds the system's trusted certificates (`SSL_CTX_set_default_verify_paths`).
    pub fn set_default_verify_paths(&self) -> Result<(), Error> {
        let found = rustls_native_certs::load_native_certs();
        self.update(|s| s.roots.extend(found.certs));
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests {

    use rustls::NamedGroup;
    use rustls_pki_types::PrivatePkcs8KeyDer;

    use super::*;
    use crate::ssl::options::{MODE_AUTO_RETRY, SESS_CACHE_SERVER};

    /// A fresh self-signed certificate for `localhost` and its key.
    pub(in crate::ssl) fn self_signed() -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
        let made = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        let key = PrivatePkcs8KeyDer::from(made.key_pair.serialize_der());
        (made.cert.der().clone(), PrivateKeyDer::Pkcs8(key))
    }

    /// A fresh self-signed Ed25519 certificate for `localhost` and its key.
    fn self_signed_ed25519() -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
        let key_pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ED25519).unwrap();
        let params = rcgen::CertificateParams::new(vec!["localhost".into()]).unwrap();
        let cert = params.self_signed(&key_pair).unwrap();
        let key = PrivatePkcs8KeyDer::from(key_pair.serialize_der());
        (cert.der().clone(), PrivateKeyDer::Pkcs8(key))
    }

    #[test]
    fn a_certificate_of_another_key_type_keeps_the_pair_before_aside() {
        let ctx = Context::new(Method::Server).unwrap();
        let (ec, ec_key) = self_signed();
        let (ed, ed_key) = self_signed_ed25519();
        ctx.use_certificate(ec.clone());
        ctx.use_private_key(ec_key).unwrap();
        ctx.use_certificate(ed.clone());
        ctx.with_settings(|s| {
            assert_eq!(s.chain, vec![ed.clone()]);
            assert!(s.key.is_none());
            assert_eq!(s.other_identities.len(), 1);
            assert_eq!(s.other_identities[0].chain, vec![ec.clone()]);
        });
        ctx.use_private_key(ed_key).unwrap();
        assert!(ctx.check_private_key().is_ok());
        // Another EC certificate replaces the kept EC pair; the Ed25519 one goes aside.
        let (ec2, _) = self_signed();
        ctx.use_certificate(ec2.clone());
        ctx.with_settings(|s| {
            assert_eq!(s.chain, vec![ec2]);
            assert!(s.key.is_none());
            assert_eq!(s.other_identities.len(), 1);
            assert_eq!(s.other_identities[0].chain, vec![ed]);
        });
    }

    #[test]
    fn a_key_goes_to_the_slot_of_its_type_as_openssl_loads_it() {
        // The order an SSL_CONF section gives (ssl_test's): a certificate,
        // a pair of another type, then the first certificate's key.
        let ctx = Context::new(Method::Server).unwrap();
        let (ec, ec_key) = self_signed();
        let (ed, ed_key) = self_signed_ed25519();
        ctx.use_certificate(ec.clone());
        ctx.use_certificate(ed.clone());
        ctx.use_private_key(ed_key.clone_key()).unwrap();
        ctx.use_private_key(ec_key).unwrap();
        assert!(ctx.check_private_key().is_ok());
        ctx.with_settings(|s| {
            assert_eq!(s.chain, vec![ec.clone()]);
            assert_eq!(s.other_identities.len(), 1);
            assert_eq!(s.other_identities[0].chain, vec![ed.clone()]);
            assert!(s.other_identities[0].key.is_some());
        });
        // A key of a slot whose certificate is not its own is refused, and
        // the current slot stays.
        let (_, other_ed_key) = self_signed_ed25519();
        assert!(ctx.use_private_key(other_ed_key).is_err());
        ctx.with_settings(|s| assert_eq!(s.chain, vec![ec.clone()]));
        // A key alone makes its slot current, and its certificate then joins it.
        let ctx = Context::new(Method::Server).unwrap();
        ctx.use_private_key(ed_key).unwrap();
        ctx.use_certificate(ed.clone());
        assert!(ctx.check_private_key().is_ok());
    }

    #[test]
    fn a_new_context_has_openssls_defaults() {
        let ctx = Context::new(Method::Server).unwrap();
        assert_eq!(ctx.method(), Method::Server);
        assert_eq!(ctx.cache().size_limit(), 20480);
        assert_eq!(ctx.cache().default_timeout(), 7200);
        assert!(ctx.cache().is_empty());
        ctx.with_settings(|s| {
            assert_eq!(s.options, crate::ssl::options::DEFAULT_OPTIONS);
            assert_eq!(s.mode, MODE_AUTO_RETRY);
            assert_eq!(s.cache_mode, SESS_CACHE_SERVER);
            assert_eq!(s.timeout, 7200);
        });
        assert!(ctx.new_session_hook().is_none());
        assert!(ctx.remove_session_hook().is_none());
        assert!(ctx.get_session_hook().is_none());
        assert!(ctx.key_log_hook().is_none());
        assert!(ctx.ticket_key_hook().is_none());
        assert!(ctx.client_hello_hook().is_none());
        assert!(ctx.trust_source().is_none());
        let other = Context::new(Method::Client).unwrap();
        assert_ne!(ctx.id(), other.id());
        assert_eq!(other.method(), Method::Client);
    }

    #[test]
    fn a_settings_timeout_becomes_the_caches() {
        let ctx = Context::new(Method::Server).unwrap();
        let old = ctx.update(|s| std::mem::replace(&mut s.timeout, 300));
        assert_eq!(old, 7200);
        assert_eq!(ctx.cache().default_timeout(), 300);
        assert_eq!(ctx.settings().timeout, 300);
    }

    #[test]
    fn a_key_must_match_the_certificate() {
        let (cert, key) = self_signed();
        let (_, other_key) = self_signed();
        let ctx = Context::new(Method::Server).unwrap();
        assert!(ctx.check_private_key().is_err());
        ctx.use_certificate(cert);
        assert!(ctx.use_private_key(other_key).is_err());
        assert!(ctx.settings().key.is_none());
        assert!(ctx.check_private_key().is_err());
        ctx.use_private_key(key).unwrap();
        assert!(ctx.settings().key.is_some());
        ctx.check_private_key().unwrap();
    }

    #[test]
    fn a_key_without_a_certificate_is_taken() {
        let (_, key) = self_signed();
        let ctx = Context::new(Method::Server).unwrap();
        ctx.use_private_key(key).unwrap();
        assert!(ctx.check_private_key().is_err());
    }

    #[test]
    fn cipher_lists_set_the_suites_or_change_nothing() {
        let ctx = Context::new(Method::Client).unwrap();
        ctx.set_cipher_list("ECDHE-RSA-AES128-GCM-SHA256").unwrap();
        assert!(ctx.set_cipher_list("ALL:$").is_err());
        assert_eq!(ctx.settings().tls12_suites, Some(vec![0xc02f]));
        ctx.set_ciphersuites("TLS_AES_128_GCM_SHA256").unwrap();
        assert!(ctx.set_ciphersuites("TLS_NOPE").is_err());
        assert_eq!(ctx.settings().tls13_suites, Some(vec![0x1301]));
        // A well-formed list selecting nothing is taken and reported, as in OpenSSL.
        assert!(ctx.set_cipher_list("RC4-SHA").is_err());
        assert_eq!(ctx.settings().tls12_suites, Some(vec![]));
    }

    #[test]
    fn groups_lists_set_the_groups_or_change_nothing() {
        let ctx = Context::new(Method::Client).unwrap();
        ctx.set_groups_list("P-256:X25519").unwrap();
        assert!(ctx.set_groups_list("X25519:nope").is_err());
        assert!(ctx.set_groups_list("").is_err());
        assert_eq!(
            ctx.settings().groups,
            Some(vec![NamedGroup::secp256r1, NamedGroup::X25519])
        );
    }

    #[test]
    fn certificates_make_the_chain() {
        let (leaf, _) = self_signed();
        let (a, _) = self_signed();
        let (b, _) = self_signed();
        let ctx = Context::new(Method::Server).unwrap();
        ctx.use_certificate(leaf.clone());
        ctx.add_chain_cert(a.clone());
        assert_eq!(ctx.settings().chain, vec![leaf.clone(), a]);
        ctx.set_chain_tail(vec![b.clone()]);
        assert_eq!(ctx.settings().chain, vec![leaf, b]);
    }
}
