//! OpenSSL's certificate slots: a context keeps a certificate chain and a
//! private key per key type (RSA, EC, Ed25519, ...), and the last one loaded
//! (certificate or key) makes its type's slot current. A certificate goes to
//! the slot of its key's type, dropping a key there that does not match it;
//! a key goes to the slot of its type, refused when that slot's certificate
//! is not its own. Either may come first: a slot may hold a certificate
//! without its key or a key without its certificate until the other comes.
//! The current slot is `Settings::chain` / `Settings::key`; the others are
//! `Settings::other_identities`.

use std::sync::Arc;

use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::cert_strength::key_type;
use super::error::Error;
use super::settings::{OtherIdentity, Settings};

/// A key type: the OID of its algorithm (`None`: unknown, which never
/// changes the current slot).
pub(super) type KeyKind = Option<Vec<u8>>;

/// The key type of the current slot: its leaf's, else its key's.
fn current_kind(s: &Settings, key_kind: impl Fn(&PrivateKeyDer<'static>) -> KeyKind) -> KeyKind {
    match (s.chain.first(), &s.key) {
        (Some(leaf), _) => key_type(leaf.as_ref()).map(<[u8]>::to_vec),
        (None, Some(key)) => key_kind(key),
        (None, None) => None,
    }
}

/// Makes the slot of `kind` current, keeping the current one aside (when it
/// holds anything) with its type.
fn switch_to(s: &mut Settings, kind: &[u8], from: &[u8]) {
    let chain = std::mem::take(&mut s.chain);
    let key = s.key.take();
    let (chain, key) = match s.other_identities.iter().position(|o| o.kind == kind) {
        Some(i) => {
            let slot = s.other_identities.remove(i);
            let previous = (chain, key);
            s.chain = slot.chain;
            s.key = slot.key;
            previous
        }
        None => (chain, key),
    };
    if !chain.is_empty() || key.is_some() {
        s.other_identities.push(OtherIdentity {
            kind: from.to_vec(),
            chain,
            key,
        });
    }
}

/// The current slot's type and the new one's, when a leaf or key of `kind`
/// belongs in another slot than the current.
fn other_slot<'a>(current: &'a KeyKind, kind: &'a KeyKind) -> Option<(&'a [u8], &'a [u8])> {
    match (current, kind) {
        (Some(c), Some(k)) if c != k => Some((c, k)),
        _ => None,
    }
}

/// `SSL_CTX_use_certificate`: `cert` becomes the leaf of its type's slot,
/// which becomes current; the slot's chain after the leaf stays, its key is
/// dropped when `matches` says it is not the certificate's.
pub(super) fn place_certificate(
    s: &mut Settings,
    cert: CertificateDer<'static>,
    key_kind: impl Fn(&PrivateKeyDer<'static>) -> KeyKind,
    matches: impl Fn(&CertificateDer<'static>, &PrivateKeyDer<'static>) -> bool,
) {
    let kind = key_type(cert.as_ref()).map(<[u8]>::to_vec);
    let current = current_kind(s, &key_kind);
    if let Some((from, to)) = other_slot(&current, &kind) {
        switch_to(s, to, from);
    }
    if s.key.as_ref().is_some_and(|k| !matches(&cert, k)) {
        s.key = None;
    }
    match s.chain.first_mut() {
        Some(leaf) => *leaf = cert,
        None => s.chain.push(cert),
    }
}

/// `SSL_CTX_use_PrivateKey`: `key` (of type `kind`) becomes the key of its
/// type's slot, which becomes current, after `check` accepts it for that
/// slot's certificate (nothing changes when it does not).
pub(super) fn place_key(
    s: &mut Settings,
    key: PrivateKeyDer<'static>,
    kind: KeyKind,
    key_kind: impl Fn(&PrivateKeyDer<'static>) -> KeyKind,
    check: impl Fn(&CertificateDer<'static>) -> Result<(), Error>,
) -> Result<(), Error> {
    let current = current_kind(s, &key_kind);
    let elsewhere = other_slot(&current, &kind);
    let leaf = match elsewhere {
        Some((_, to)) => s
            .other_identities
            .iter()
            .find(|o| o.kind == to)
            .and_then(|o| o.chain.first()),
        None => s.chain.first(),
    };
    if let Some(leaf) = leaf {
        check(leaf)?;
    }
    if let Some((from, to)) = elsewhere {
        switch_to(s, to, from);
    }
    s.key = Some(Arc::new(key));
    Ok(())
}
