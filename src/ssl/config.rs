//! Building a context's rustls `ClientConfig` / `ServerConfig` from its
//! settings, and keeping the ones built until the settings change.

use std::sync::Arc;

use rustls::crypto::CryptoProvider;
use rustls::sign::CertifiedKey;
use rustls::{ClientConfig, ServerConfig};

use super::client_cert::ClientCertResolver;
use super::context::Context;
use super::credentials::OwnIdentity;
use super::error::Error;
use super::options::*;
use super::peer_verifier::{ClientAuth, PeerVerifier};
use super::security_level;
use super::server_certs::ServerCerts;
use super::settings::{ConfigKey, Settings};

/// Configurations built for the keys connections asked for, cleared on
/// every change of the settings.
#[derive(Default)]
pub(super) struct BuiltConfigs {
    client: Vec<(ConfigKey, Arc<ClientConfig>)>,
    server: Vec<(ConfigKey, Arc<ServerConfig>)>,
}

/// Configurations kept per context, a few keys at most.
const BUILT_PER_KIND: usize = 8;

/// Keeps `config` as the one built for `key`, dropping the oldest kept when
/// there are already as many as a context keeps.
fn memoize<T>(list: &mut Vec<(ConfigKey, Arc<T>)>, key: ConfigKey, config: &Arc<T>) {
    if list.len() >= BUILT_PER_KIND {
        list.remove(0);
    }
    list.push((key, config.clone()));
}

impl Context {
    /// The certificate chain and key as rustls signs with them.
    pub(super) fn certified_key(&self, s: &Settings) -> Result<Arc<CertifiedKey>, Error> {
        self.sign_with(&super::credentials::Credentials {
            chain: s.chain.clone(),
            key: s.key.clone(),
        })
    }

    /// The certificates and keys of other key types the settings keep, as
    /// rustls signs with them (those that cannot sign left out).
    pub(super) fn other_certified_keys(&self, s: &Settings) -> Vec<Arc<CertifiedKey>> {
        s.other_identities
            .iter()
            .filter_map(|o| {
                self.sign_with(&super::credentials::Credentials {
                    chain: o.chain.clone(),
                    key: o.key.clone(),
                })
                .ok()
            })
            .collect()
    }

    /// The provider restricted to the suites and groups the settings and
    /// their security level allow, in the lists' order as OpenSSL keeps it.
    fn provider_for(&self, s: &Settings) -> Result<Arc<CryptoProvider>, Error> {
        let choice = s.suite_choice();
        let level = s.security_level;
        let level_restricts = security_level::minimum_bits(level) > 128;
        // A client offers only the suites of the versions it allows, as OpenSSL's does.
        let versions = s.versions();
        let has = |v: rustls::ProtocolVersion| versions.iter().any(|x| x.version == v);
        let (tls13, tls12) = (
            has(rustls::ProtocolVersion::TLSv1_3),
            has(rustls::ProtocolVersion::TLSv1_2),
        );
        if choice.tls12.is_none()
            && choice.tls13.is_none()
            && s.groups.is_none()
            && !level_restricts
            && tls13
            && tls12
        {
            return Ok(self.provider.clone());
        }
        let kx_groups: Vec<_> = match &s.groups {
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
        let kx_groups: Vec<_> = kx_groups
            .into_iter()
            .filter(|g| security_level::allows_group(level, g.name()))
            .collect();
        let mut suites: Vec<_> = self
            .provider
            .cipher_suites
            .iter()
            .filter(|c| choice.allows(u16::from(c.suite())))
            .filter(|c| if c.tls13().is_some() { tls13 } else { tls12 })
            .copied()
            .collect();
        // Keep the order the lists give, as OpenSSL does.
        if choice.tls12.is_some() || choice.tls13.is_some() {
            suites.sort_by_key(|c| choice.rank(u16::from(c.suite())));
        }
        if suites.is_empty() || kx_groups.is_empty() {
            return Err(Error::NoCiphersAvailable);
        }
        Ok(Arc::new(CryptoProvider {
            cipher_suites: suites,
            kx_groups,
            ..(*self.provider).clone()
        }))
    }

    /// The client config for the context's own settings.
    pub fn client_config(&self) -> Result<Arc<ClientConfig>, Error> {
        let key = self.with_settings(Settings::config_key);
        self.client_config_for(key)
    }

    /// The client config for a connection's settings (built once per key and change).
    pub fn client_config_for(&self, key: ConfigKey) -> Result<Arc<ClientConfig>, Error> {
        let key = key.for_client();
        if let Some((_, c)) = self
            .built_configs
            .lock()
            .client
            .iter()
            .find(|(k, _)| *k == key)
        {
            return Ok(c.clone());
        }
        let config = self.build_client_config(&self.settings_for(key))?;
        memoize(&mut self.built_configs.lock().client, key, &config);
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
        .with_suites(key.suites)
    }

    fn build_client_config(&self, s: &Settings) -> Result<Arc<ClientConfig>, Error> {
        let versions = s.versions();
        if versions.is_empty() {
            return Err(Error::NoProtocolsAvailable);
        }
        let mut config = ClientConfig::builder_with_provider(self.provider_for(s)?)
            .with_protocol_versions(&versions)?
            .dangerous()
            .with_custom_certificate_verifier(PeerVerifier::shared())
            .with_client_cert_resolver(ClientCertResolver::shared());
        config.alpn_protocols = s.alpn.clone();
        config.max_fragment_size = record_size_limit(s.max_send_fragment);
        Ok(Arc::new(config))
    }

    /// The server config for the context's own settings.
    pub fn server_config(&self) -> Result<Arc<ServerConfig>, Error> {
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
    ) -> Result<Arc<ServerConfig>, Error> {
        self.server_config_with(key, switched, OwnIdentity::default())
    }

    /// As `server_config_for`, presenting what a connection has of its own
    /// (certificate and key, `SSL_use_certificate`; CA names,
    /// `SSL_set_client_CA_list`) in place of the context's; such a config is
    /// not kept.
    pub fn server_config_with(
        &self,
        key: ConfigKey,
        switched: Option<&Context>,
        own: OwnIdentity,
    ) -> Result<Arc<ServerConfig>, Error> {
        let key = key.for_server();
        let keep = switched.is_none() && own.cert.is_none() && own.ca_names.is_none();
        if keep {
            if let Some((_, c)) = self
                .built_configs
                .lock()
                .server
                .iter()
                .find(|(k, _)| *k == key)
            {
                return Ok(c.clone());
            }
        }
        let identity = switched.unwrap_or(self);
        let (cert, others, ca_names) = identity.with_settings(|s| {
            (
                identity.certified_key(s),
                identity.other_certified_keys(s),
                s.client_ca_names.clone(),
            )
        });
        let level = key.suites.security_level;
        let (cert, others) = match own.cert {
            // A connection's own certificate stands alone.
            Some(own) => (own, Vec::new()),
            None => (cert?, others),
        };
        security_level::check_chain(level, &cert.cert)?;
        let complete =
            |cert: Arc<CertifiedKey>| match super::verify::completed_chain(identity, &cert.cert) {
                Some(full) => Arc::new(CertifiedKey::new(full, cert.key.clone())),
                None => cert,
            };
        let cert = complete(cert);
        let others = others
            .into_iter()
            .filter(|o| security_level::check_chain(level, &o.cert).is_ok())
            .map(complete)
            .collect();
        let ca_names = own.ca_names.unwrap_or(ca_names);
        let config = self.build_server_config(&self.settings_for(key), cert, others, ca_names)?;
        if keep {
            memoize(&mut self.built_configs.lock().server, key, &config);
        }
        Ok(config)
    }

    fn build_server_config(
        &self,
        s: &Settings,
        key: Arc<CertifiedKey>,
        others: Vec<Arc<CertifiedKey>>,
        ca_names: Vec<Vec<u8>>,
    ) -> Result<Arc<ServerConfig>, Error> {
        let versions = s.versions();
        if versions.is_empty() {
            return Err(Error::NoProtocolsAvailable);
        }
        let builder = ServerConfig::builder_with_provider(self.provider_for(s)?)
            .with_protocol_versions(&versions)?;
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
        let mut config = builder.with_cert_resolver(Arc::new(ServerCerts::new(
            key,
            others,
            versions.contains(&&rustls::version::TLS13),
        )));
        config.alpn_protocols = s.alpn.clone();
        config.max_fragment_size = record_size_limit(s.max_send_fragment);
        config.ignore_client_order = server_order_first(s.options);
        Ok(Arc::new(config))
    }
}

#[cfg(test)]
mod tests {
    use rustls::NamedGroup;

    use super::*;
    use crate::ssl::context::tests::self_signed;
    use crate::ssl::context::Method;

    fn server_with_identity() -> Context {
        let ctx = Context::new(Method::Server).unwrap();
        let (cert, key) = self_signed();
        ctx.use_certificate(cert);
        ctx.use_private_key(key).unwrap();
        ctx
    }

    #[test]
    fn a_client_config_is_built_once_per_change_of_the_settings() {
        let ctx = Context::new(Method::Client).unwrap();
        let first = ctx.client_config().unwrap();
        assert!(Arc::ptr_eq(&first, &ctx.client_config().unwrap()));
        ctx.update(|s| s.alpn = vec![b"h2".to_vec()]);
        let changed = ctx.client_config().unwrap();
        assert!(!Arc::ptr_eq(&first, &changed));
        assert_eq!(changed.alpn_protocols, vec![b"h2".to_vec()]);
        assert!(Arc::ptr_eq(&changed, &ctx.client_config().unwrap()));
    }

    #[test]
    fn each_connection_key_has_its_own_client_config() {
        let ctx = Context::new(Method::Client).unwrap();
        let own = ctx.with_settings(Settings::config_key);
        let tls13_only = ConfigKey {
            min_version: TLS1_3_VERSION,
            ..own
        };
        let other = ctx.client_config_for(tls13_only).unwrap();
        assert!(!Arc::ptr_eq(&other, &ctx.client_config().unwrap()));
        assert!(Arc::ptr_eq(
            &other,
            &ctx.client_config_for(tls13_only).unwrap()
        ));
        // A client's verify mode is read from the connection, not the config.
        let verifying = ConfigKey {
            verify_mode: VERIFY_PEER,
            ..own
        };
        assert!(Arc::ptr_eq(
            &ctx.client_config_for(verifying).unwrap(),
            &ctx.client_config().unwrap()
        ));
    }

    #[test]
    fn a_context_keeps_a_few_configs_per_side() {
        let ctx = Context::new(Method::Client).unwrap();
        let key = |n: usize| ConfigKey {
            options: n as u64,
            ..ctx.with_settings(Settings::config_key)
        };
        let built: Vec<_> = (0..=BUILT_PER_KIND)
            .map(|n| ctx.client_config_for(key(n)).unwrap())
            .collect();
        let newest = ctx.client_config_for(key(BUILT_PER_KIND)).unwrap();
        assert!(Arc::ptr_eq(&built[BUILT_PER_KIND], &newest));
        let oldest = ctx.client_config_for(key(0)).unwrap();
        assert!(!Arc::ptr_eq(&built[0], &oldest));
    }

    #[test]
    fn no_version_left_is_an_error() {
        let ctx = server_with_identity();
        ctx.update(|s| {
            s.min_version = TLS1_3_VERSION;
            s.options |= OP_NO_TLSV1_3;
        });
        assert!(ctx.client_config().is_err());
        assert!(ctx.server_config().is_err());
    }

    #[test]
    fn suites_and_groups_restrict_the_provider_in_the_lists_order() {
        let ctx = Context::new(Method::Client).unwrap();
        let unrestricted = ctx.client_config().unwrap();
        assert!(Arc::ptr_eq(unrestricted.crypto_provider(), &ctx.provider));
        ctx.set_ciphersuites("TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256")
            .unwrap();
        ctx.set_cipher_list("ECDHE-ECDSA-AES128-GCM-SHA256")
            .unwrap();
        ctx.set_groups_list("P-256:X25519").unwrap();
        let config = ctx.client_config().unwrap();
        let provider = config.crypto_provider();
        let suites: Vec<u16> = provider
            .cipher_suites
            .iter()
            .map(|c| u16::from(c.suite()))
            .collect();
        assert_eq!(suites, vec![0x1303, 0x1301, 0xc02b]);
        let groups: Vec<NamedGroup> = provider.kx_groups.iter().map(|g| g.name()).collect();
        assert_eq!(groups, vec![NamedGroup::secp256r1, NamedGroup::X25519]);
    }

    #[test]
    fn a_server_config_needs_a_certificate_and_key() {
        let ctx = Context::new(Method::Server).unwrap();
        assert!(ctx.server_config().is_err());
        let ctx = server_with_identity();
        let config = ctx.server_config().unwrap();
        assert!(Arc::ptr_eq(&config, &ctx.server_config().unwrap()));
    }

    #[test]
    fn server_configs_differ_by_the_verify_mode_they_use() {
        let ctx = server_with_identity();
        let own = ctx.with_settings(Settings::config_key);
        let with_mode = |verify_mode| ConfigKey { verify_mode, ..own };
        let plain = ctx.server_config_for(with_mode(0), None).unwrap();
        let peer = ctx.server_config_for(with_mode(VERIFY_PEER), None).unwrap();
        assert!(!Arc::ptr_eq(&plain, &peer));
        let once = with_mode(VERIFY_PEER | VERIFY_CLIENT_ONCE);
        assert!(Arc::ptr_eq(
            &peer,
            &ctx.server_config_for(once, None).unwrap()
        ));
    }

    #[test]
    fn a_switched_contexts_server_config_is_not_kept() {
        let ctx = server_with_identity();
        let switched = server_with_identity();
        let key = ctx.with_settings(Settings::config_key);
        let first = ctx.server_config_for(key, Some(&switched)).unwrap();
        let second = ctx.server_config_for(key, Some(&switched)).unwrap();
        assert!(!Arc::ptr_eq(&first, &second));
        assert!(!Arc::ptr_eq(&first, &ctx.server_config().unwrap()));
    }
}
