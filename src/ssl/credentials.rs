//! The certificate and key a connection presents (`SSL_use_certificate`,
//! `SSL_use_PrivateKey`, ...). As OpenSSL copies its context's certificates
//! into each `SSL` at `SSL_new`, a connection presents its context's until one
//! of these calls gives it its own: then it holds a copy it changes, and its
//! server configuration and client certificate are built from that copy.
//! `SSL_set_SSL_CTX` replaces them with the new context's, as in OpenSSL.
//! Also the hook a client asks for a certificate when a server wants one and
//! none is configured (`SSL_CTX_set_client_cert_cb`).

use std::sync::Arc;

use rustls::sign::{CertifiedKey, SigningKey};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::connection::Connection;
use super::context::Context;
use super::error::Error;

/// A certificate chain (leaf first) and the private key that goes with it.
#[derive(Clone, Default, Debug)]
pub struct Credentials {
    /// The leaf, then the certificates sent after it.
    pub chain: Vec<CertificateDer<'static>>,
    /// The private key of the leaf.
    pub key: Option<Arc<PrivateKeyDer<'static>>>,
}

/// What `SSL_use_cert_and_key` replaces, and whether it may.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    /// Replace what is there (`override` = 1).
    Always,
    /// Refuse if a certificate, key or chain is there already.
    OnlyEmpty,
}

/// Asked for a client certificate when a server wants one and the client has
/// none (`SSL_CTX_set_client_cert_cb`).
pub trait ClientCertHook: Send + Sync {
    /// The certificate and its key, or `None` to send no certificate.
    fn client_certificate(
        &self,
        conn: &Connection,
    ) -> Option<(CertificateDer<'static>, PrivateKeyDer<'static>)>;
}

/// A connection's own credentials and the context they were copied from.
#[derive(Default)]
struct Own(Option<(u64, Credentials)>);

/// The CA names a server connection sends in its certificate requests, when
/// it has lists of its own (`SSL_set_client_CA_list`, `SSL_set0_CA_list`).
#[derive(Default)]
struct OwnCaNames(Option<Vec<Vec<u8>>>);

/// What a server connection presents instead of its context's: its own
/// certificate and key, and its own CA names (each DER `Name`).
#[derive(Default)]
pub struct OwnIdentity {
    /// The certificate and key, if the connection has its own.
    pub cert: Option<Arc<CertifiedKey>>,
    /// The CA names, if the connection has its own.
    pub ca_names: Option<Vec<Vec<u8>>>,
}

impl Context {
    /// The chain and key rustls signs with; errors name what is missing.
    pub(super) fn sign_with(&self, creds: &Credentials) -> Result<Arc<CertifiedKey>, Error> {
        if creds.chain.is_empty() {
            return Err(Error::NoCertificateAssigned);
        }
        let Some(key) = creds.key.as_ref() else {
            return Err(Error::NoPrivateKeyAssigned);
        };
        Ok(Arc::new(CertifiedKey::new(
            creds.chain.clone(),
            self.signer(key)?,
        )))
    }

    /// The key as rustls signs with it, or why it cannot.
    fn signer(&self, key: &PrivateKeyDer<'static>) -> Result<Arc<dyn SigningKey>, Error> {
        self.provider
            .key_provider
            .load_private_key(key.clone_key())
            .map_err(|e| Error::BadPrivateKey(e.to_string()))
    }

    /// Whether `key` is the private key of `leaf` (OpenSSL's `X509_check_private_key`).
    pub(super) fn key_matches(
        &self,
        leaf: &CertificateDer<'static>,
        key: &PrivateKeyDer<'static>,
    ) -> Result<(), Error> {
        super::cert_key_match::check(leaf, &self.signer(key)?)
    }

    /// The context's own chain and key.
    pub fn credentials(&self) -> Credentials {
        self.with_settings(|s| Credentials {
            chain: s.chain.clone(),
            key: s.key.clone(),
        })
    }

    /// `SSL_CTX_use_cert_and_key`: leaf, key and chain at once.
    pub fn use_cert_and_key(
        &self,
        chain: Vec<CertificateDer<'static>>,
        key: Option<PrivateKeyDer<'static>>,
        replace: Replace,
    ) -> Result<(), Error> {
        let creds = cert_and_key(self, &self.credentials(), chain, key, replace)?;
        self.update(|s| {
            s.chain = creds.chain;
            s.key = creds.key;
        });
        Ok(())
    }
}

/// The credentials `SSL[_CTX]_use_cert_and_key` leaves, checked as OpenSSL checks them.
fn cert_and_key(
    ctx: &Context,
    now: &Credentials,
    chain: Vec<CertificateDer<'static>>,
    key: Option<PrivateKeyDer<'static>>,
    replace: Replace,
) -> Result<Credentials, Error> {
    let Some(leaf) = chain.first() else {
        return Err(Error::NoCertificateAssigned);
    };
    super::security_level::check_chain(ctx.security_level(), &chain)?;
    if let Some(key) = &key {
        ctx.key_matches(leaf, key)
            .map_err(|_| Error::PrivateKeyMismatch)?;
    }
    if replace == Replace::OnlyEmpty && (!now.chain.is_empty() || now.key.is_some()) {
        return Err(Error::NotReplacingCertificate);
    }
    Ok(Credentials {
        chain,
        key: key.map(Arc::new),
    })
}

impl Connection {
    /// The context whose certificate the connection presents unless it has
    /// its own: the one `SSL_set_SSL_CTX` chose, else its own context.
    fn identity_context(&self) -> Arc<Context> {
        self.switched_context()
            .unwrap_or_else(|| self.context().clone())
    }

    /// The connection's own credentials, if it was given any since it was
    /// made or last moved to another context.
    pub fn own_credentials(&self) -> Option<Credentials> {
        let id = self.identity_context().id();
        self.extras().read(|own: &Own| match &own.0 {
            Some((from, creds)) if *from == id => Some(creds.clone()),
            _ => None,
        })
    }

    /// The chain and key the connection presents (`SSL_get_certificate`).
    pub fn credentials(&self) -> Credentials {
        self.own_credentials()
            .unwrap_or_else(|| self.identity_context().credentials())
    }

    /// Changes the connection's own copy (made from the context's first).
    fn change_credentials<R>(
        &self,
        f: impl FnOnce(&Context, &mut Credentials) -> Result<R, Error>,
    ) -> Result<R, Error> {
        let ctx = self.identity_context();
        let mut creds = self.credentials();
        let r = f(&ctx, &mut creds)?;
        self.extras()
            .with(|own: &mut Own| own.0 = Some((ctx.id(), creds)));
        Ok(r)
    }

    /// `SSL_use_certificate`: a new leaf; the chain after it stays, and a key
    /// that does not match it is dropped, as in OpenSSL.
    pub fn use_certificate(&self, cert: CertificateDer<'static>) {
        let _ = self.change_credentials(|ctx, c| {
            if let Some(key) = &c.key {
                if ctx.key_matches(&cert, key).is_err() {
                    c.key = None;
                }
            }
            match c.chain.first_mut() {
                Some(leaf) => *leaf = cert,
                None => c.chain.push(cert),
            }
            Ok(())
        });
    }

    /// `SSL_build_cert_chain`: the certificates after the connection's leaf
    /// replaced (on its own copy of its credentials).
    pub fn set_own_chain_tail(&self, tail: Vec<CertificateDer<'static>>) {
        let _ = self.change_credentials(|_, c| {
            c.chain.truncate(1);
            c.chain.extend(tail);
            Ok(())
        });
    }

    /// `SSL_use_certificate_chain_file`: leaf and chain replaced.
    pub fn use_certificate_chain(&self, chain: Vec<CertificateDer<'static>>) {
        let mut certs = chain.into_iter();
        if let Some(leaf) = certs.next() {
            self.use_certificate(leaf);
            let tail: Vec<_> = certs.collect();
            let _ = self.change_credentials(|_, c| {
                c.chain.truncate(1);
                c.chain.extend(tail);
                Ok(())
            });
        }
    }

    /// `SSL_use_PrivateKey`: refused if it does not match the leaf.
    pub fn use_private_key(&self, key: PrivateKeyDer<'static>) -> Result<(), Error> {
        self.change_credentials(|ctx, c| {
            match c.chain.first() {
                Some(leaf) => ctx.key_matches(leaf, &key)?,
                None => drop(ctx.signer(&key)?),
            }
            c.key = Some(Arc::new(key));
            Ok(())
        })
    }

    /// `SSL_use_cert_and_key`.
    pub fn use_cert_and_key(
        &self,
        chain: Vec<CertificateDer<'static>>,
        key: Option<PrivateKeyDer<'static>>,
        replace: Replace,
    ) -> Result<(), Error> {
        self.change_credentials(|ctx, c| {
            *c = cert_and_key(ctx, c, chain, key, replace)?;
            Ok(())
        })
    }

    /// `SSL_check_private_key`: whether the key presented matches the leaf.
    pub fn check_private_key(&self) -> Result<(), Error> {
        let creds = self.credentials();
        let ctx = self.identity_context();
        let leaf = creds.chain.first().ok_or(Error::NoCertificateAssigned)?;
        let key = creds.key.as_ref().ok_or(Error::NoPrivateKeyAssigned)?;
        ctx.key_matches(leaf, key)
    }

    /// `SSL_certs_clear`: the connection presents no certificate.
    pub fn clear_certificates(&self) {
        let _ = self.change_credentials(|_, c| {
            *c = Credentials::default();
            Ok(())
        });
    }

    /// The connection's own chain and key as rustls signs with them, if it
    /// has its own (an error if they are incomplete).
    pub(super) fn own_certified_key(&self) -> Option<Result<Arc<CertifiedKey>, Error>> {
        let creds = self.own_credentials()?;
        Some(self.identity_context().sign_with(&creds))
    }

    /// Sets (or, with `None`, drops) the CA names the connection sends when
    /// it asks for a client certificate, in place of its context's.
    pub fn set_own_ca_names(&self, names: Option<Vec<Vec<u8>>>) {
        self.extras().with(|own: &mut OwnCaNames| own.0 = names);
    }

    /// What the connection presents instead of its context's; an error if
    /// its own certificate and key are incomplete.
    pub(super) fn own_identity(&self) -> Result<OwnIdentity, Error> {
        Ok(OwnIdentity {
            cert: self.own_certified_key().transpose()?,
            ca_names: self.extras().read(|own: &OwnCaNames| own.0.clone()),
        })
    }

    /// Asks the context's client certificate hook (outside any lock) and
    /// keeps what it gives as the connection's own, as OpenSSL does.
    pub(super) fn client_certificate_from_hook(&self) -> Option<Arc<CertifiedKey>> {
        let hook = self.context().client_cert_hook()?;
        let (cert, key) = hook.client_certificate(self)?;
        let ctx = self.identity_context();
        ctx.key_matches(&cert, &key).ok()?;
        let creds = Credentials {
            chain: vec![cert],
            key: Some(Arc::new(key)),
        };
        let signed = ctx.sign_with(&creds).ok()?;
        self.extras()
            .with(|own: &mut Own| own.0 = Some((ctx.id(), creds)));
        Some(signed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssl::context::tests::self_signed;
    use crate::ssl::context::Method;

    fn server() -> (Arc<Context>, PrivateKeyDer<'static>) {
        let ctx = Context::new(Method::Server).unwrap();
        let (cert, key) = self_signed();
        ctx.use_certificate(cert);
        ctx.use_private_key(key.clone_key()).unwrap();
        (Arc::new(ctx), key)
    }

    #[test]
    fn a_connection_presents_its_contexts_until_given_its_own() {
        let (ctx, _) = server();
        let conn = Connection::new(ctx.clone());
        assert!(conn.own_credentials().is_none());
        assert_eq!(conn.credentials().chain, ctx.settings().chain);
        conn.check_private_key().unwrap();
        let (cert, key) = self_signed();
        conn.use_certificate(cert.clone());
        // The context's key does not match the new leaf: dropped.
        assert!(conn.credentials().key.is_none());
        assert!(conn.check_private_key().is_err());
        let (_, other) = self_signed();
        assert!(conn.use_private_key(other).is_err());
        conn.use_private_key(key).unwrap();
        conn.check_private_key().unwrap();
        assert_eq!(conn.credentials().chain, vec![cert]);
        assert!(conn.own_certified_key().unwrap().is_ok());
        // The context is unchanged.
        assert_ne!(ctx.settings().chain, conn.credentials().chain);
        conn.clear_certificates();
        assert!(conn.credentials().chain.is_empty());
        assert!(matches!(
            conn.own_certified_key(),
            Some(Err(Error::NoCertificateAssigned))
        ));
    }

    #[test]
    fn a_chain_replaces_leaf_and_tail() {
        let (ctx, key) = server();
        let conn = Connection::new(ctx.clone());
        let (a, _) = self_signed();
        let leaf = ctx.settings().chain[0].clone();
        conn.use_certificate_chain(vec![leaf.clone(), a.clone()]);
        assert_eq!(conn.credentials().chain, vec![leaf, a]);
        assert!(conn.credentials().key.is_some());
        conn.use_private_key(key).unwrap();
    }

    #[test]
    fn cert_and_key_refuses_a_mismatch_and_replaces_only_when_told() {
        let (ctx, key) = server();
        let leaf = ctx.settings().chain[0].clone();
        let (_, other) = self_signed();
        let set =
            |k: PrivateKeyDer<'static>, r| ctx.use_cert_and_key(vec![leaf.clone()], Some(k), r);
        assert_eq!(
            set(other.clone_key(), Replace::Always),
            Err(Error::PrivateKeyMismatch)
        );
        assert_eq!(
            set(key.clone_key(), Replace::OnlyEmpty),
            Err(Error::NotReplacingCertificate)
        );
        set(key.clone_key(), Replace::Always).unwrap();
        let empty = Context::new(Method::Server).unwrap();
        empty
            .use_cert_and_key(vec![leaf.clone()], Some(key), Replace::OnlyEmpty)
            .unwrap();
        assert!(empty.check_private_key().is_ok());
    }
}
