//! Building a context's rustls `ClientConfig` / `ServerConfig` from its
//! settings, and keeping the ones built until the settings change.

use std::sync::Arc;

use rustls::crypto::CryptoProvider;
use rustls::sign::CertifiedKey;
use rustls::{ClientConfig, ServerConfig};

use super::client_cert::ClientCertResolver;
use super::context::{Context, ContextError};
use super::options::*;
use super::peer_verifier::{ClientAuth, PeerVerifier};
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
    pub(super) fn certified_key(&self, s: &Settings) -> Result<Arc<CertifiedKey>, ContextError> {
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

    /// The client config for the context's own settings.
    pub fn client_config(&self) -> Result<Arc<ClientConfig>, ContextError> {
        let key = self.with_settings(Settings::config_key);
        self.client_config_for(key)
    }

    /// The client config for a connection's settings (built once per key and change).
    pub fn client_config_for(&self, key: ConfigKey) -> Result<Arc<ClientConfig>, ContextError> {
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
        let (cert, ca_names) =
            identity.with_settings(|s| (identity.certified_key(s), s.client_ca_names.clone()));
        let mut cert = cert?;
        if let Some(full) = super::verify::completed_chain(identity, &cert.cert) {
            cert = Arc::new(CertifiedKey::new(full, cert.key.clone()));
        }
        let config = self.build_server_config(&self.settings_for(key), cert, ca_names)?;
        if switched.is_none() {
            memoize(&mut self.built_configs.lock().server, key, &config);
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
