//! The signature algorithm lists of a context or connection
//! (`SSL_CTX_set1_sigalgs_list`, `SSL_CTX_set1_client_sigalgs_list`) applied
//! to rustls: what a client offers and accepts from its server, what a
//! server asks of and accepts from a client's certificate, and which scheme
//! an end's key signs with. As in OpenSSL, `sigalgs` is what a client sends
//! and what a server signs with; `client_sigalgs` (else `sigalgs`) is what a
//! server sends in its certificate request and what a client signs with.
//! rustls calls the verifiers and keys with no word of the connection, so
//! the current connection (`policy::current_connection`) is read.

use std::sync::Arc;

use rustls::sign::{CertifiedKey, Signer, SigningKey};
use rustls::{SignatureAlgorithm, SignatureScheme};

use super::connection::Connection;
use super::context::Context;

/// Which of the two lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigAlgKind {
    /// `set1_sigalgs`.
    Main,
    /// `set1_client_sigalgs`.
    Client,
}

/// A context's or connection's lists (`None`: not set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SigAlgLists {
    main: Option<Vec<u16>>,
    client: Option<Vec<u16>>,
}

impl SigAlgLists {
    fn set(&mut self, kind: SigAlgKind, list: Vec<u16>) {
        match kind {
            SigAlgKind::Main => self.main = Some(list),
            SigAlgKind::Client => self.client = Some(list),
        }
    }

    /// The list a client offers and a server signs with.
    pub(crate) fn main(&self) -> Option<Vec<u16>> {
        self.main.clone()
    }

    /// The list of client authentication: a server's request, a client's signing.
    pub(crate) fn client_auth(&self) -> Option<Vec<u16>> {
        self.client.clone().or_else(|| self.main.clone())
    }
}

impl Context {
    /// Sets one of the context's lists (connections made after take it).
    pub fn set_sigalgs(&self, kind: SigAlgKind, list: Vec<u16>) {
        self.extras().with(|l: &mut SigAlgLists| l.set(kind, list));
    }

    /// The context's lists.
    pub fn sigalg_lists(&self) -> SigAlgLists {
        self.extras().read(|l: &SigAlgLists| l.clone())
    }
}

/// A connection's own lists, taken from its context at `SSL_new`.
#[derive(Default)]
struct OwnLists(Option<SigAlgLists>);

impl Connection {
    /// Sets one of the connection's lists.
    pub fn set_sigalgs(&self, kind: SigAlgKind, list: Vec<u16>) {
        let base = self.context().sigalg_lists();
        self.extras().with(|own: &mut OwnLists| {
            own.0.get_or_insert(base).set(kind, list);
        });
    }

    /// The connection's lists: its own, else its context's.
    pub fn sigalg_lists(&self) -> SigAlgLists {
        let own = self.extras().read(|own: &OwnLists| own.0.clone());
        own.unwrap_or_else(|| self.context().sigalg_lists())
    }
}

/// The lists of the connection this thread works for.
fn current_lists() -> SigAlgLists {
    super::policy::current_connection()
        .map(|c| c.sigalg_lists())
        .unwrap_or_default()
}

/// `all` restricted to `list` (in the list's order), or `all` without a list.
fn restrict(all: Vec<SignatureScheme>, list: Option<Vec<u16>>) -> Vec<SignatureScheme> {
    match list {
        None => all,
        Some(list) => list
            .into_iter()
            .map(SignatureScheme::from)
            .filter(|s| all.contains(s))
            .collect(),
    }
}

/// What a client offers (its verifier's schemes).
pub(super) fn client_offers(all: Vec<SignatureScheme>) -> Vec<SignatureScheme> {
    restrict(all, current_lists().main())
}

/// What a server's certificate request names (its client verifier's schemes).
pub(super) fn server_requests(all: Vec<SignatureScheme>) -> Vec<SignatureScheme> {
    restrict(all, current_lists().client_auth())
}

/// Whether the peer's signature `scheme` is one this end's list allows
/// (`client_side`: a client judging its server).
pub(super) fn peer_scheme_allowed(scheme: SignatureScheme, client_side: bool) -> bool {
    let lists = current_lists();
    let list = if client_side {
        lists.main()
    } else {
        lists.client_auth()
    };
    list.is_none_or(|l| l.contains(&u16::from(scheme)))
}

/// Which side a key signs for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SigningSide {
    Client,
    Server,
}

/// Whether this end's list for `side` lets its key sign with `scheme`.
pub(super) fn own_scheme_allowed(scheme: SignatureScheme, side: SigningSide) -> bool {
    let lists = current_lists();
    let list = match side {
        SigningSide::Server => lists.main(),
        SigningSide::Client => lists.client_auth(),
    };
    list.is_none_or(|l| l.contains(&u16::from(scheme)))
}

/// A key that signs only with the schemes its end's list allows, and notes
/// the scheme chosen (`SSL_get_signature_nid`).
#[derive(Debug)]
struct FilteredKey {
    inner: Arc<dyn SigningKey>,
    side: SigningSide,
}

impl SigningKey for FilteredKey {
    fn choose_scheme(&self, offered: &[SignatureScheme]) -> Option<Box<dyn Signer>> {
        // The peer's preference decides among what both allow, as rustls does.
        let allowed: Vec<SignatureScheme> = offered
            .iter()
            .copied()
            .filter(|s| own_scheme_allowed(*s, self.side))
            .collect();
        let signer = self.inner.choose_scheme(&allowed)?;
        super::peer_signature::note_own(signer.scheme());
        Some(signer)
    }

    fn public_key(&self) -> Option<rustls_pki_types::SubjectPublicKeyInfoDer<'_>> {
        self.inner.public_key()
    }

    fn algorithm(&self) -> SignatureAlgorithm {
        self.inner.algorithm()
    }
}

/// `key` signing under the current connection's lists for `side`.
pub(super) fn filtered(key: Arc<CertifiedKey>, side: SigningSide) -> Arc<CertifiedKey> {
    let mut wrapped = CertifiedKey::new(
        key.cert.clone(),
        Arc::new(FilteredKey {
            inner: key.key.clone(),
            side,
        }),
    );
    wrapped.ocsp = key.ocsp.clone();
    Arc::new(wrapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_restricts_in_its_order() {
        let all = vec![
            SignatureScheme::ECDSA_NISTP256_SHA256,
            SignatureScheme::RSA_PSS_SHA256,
            SignatureScheme::ED25519,
        ];
        assert_eq!(restrict(all.clone(), None), all);
        assert_eq!(
            restrict(all.clone(), Some(vec![0x0807, 0x0402, 0x0804])),
            vec![SignatureScheme::ED25519, SignatureScheme::RSA_PSS_SHA256]
        );
    }

    #[test]
    fn client_authentication_falls_back_to_the_main_list() {
        let mut l = SigAlgLists::default();
        assert_eq!(l.client_auth(), None);
        l.set(SigAlgKind::Main, vec![0x0401]);
        assert_eq!(l.client_auth(), Some(vec![0x0401]));
        l.set(SigAlgKind::Client, vec![0x0403]);
        assert_eq!(
            (l.main(), l.client_auth()),
            (Some(vec![0x0401]), Some(vec![0x0403]))
        );
    }
}
