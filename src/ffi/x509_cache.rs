//! Parsed peer certificates, made once. A process-wide cache keeps libcrypto
//! `X509`s by their DER bytes (whole-byte equality), so a certificate
//! presented again is verified without being parsed again (`d2i_X509` is
//! most of what OpenSSL-exact verification costs); `SESSL_X509_CACHE=0`
//! turns it off.
//!
//! Only objects the application has never seen are shared: an `X509` leaves
//! the cache when it is handed out (a getter, the session's peer, the
//! verified chain, or a verify callback that will see it), so no later
//! verification runs on an object the application may have changed or
//! tagged (libcrypto 3.0's `X509_set_*` leave the cached encoding as it
//! was, so a change cannot be told from the bytes).
//!
//! Each connection keeps the `X509`s of the chain its peer presented, which
//! its verification (`X509_STORE_CTX_get_current_cert`),
//! `SSL_get0_peer_certificate`, `SSL_get1_peer_certificate`,
//! `SSL_get_peer_cert_chain` and its session's peer share, as OpenSSL's do.

use std::ffi::OsString;
use std::sync::OnceLock;

use rustls_pki_types::CertificateDer;

use super::lib_context::{of_connection, Lib};
use super::owned::OwnedX509;
use super::x509::x509_from_der;
use crate::session::{Attachment, Session};
use crate::ssl::der_cache::{DerCache, DerCacheLimits};
use crate::ssl::Connection;

/// What the cache keeps at most: a busy client or server meets a few
/// hundred distinct certificates; 1 MiB of DER is about a thousand.
const LIMITS: DerCacheLimits = DerCacheLimits {
    entries: 256,
    bytes: 1 << 20,
};

/// Whether the cache is on for this value of `SESSL_X509_CACHE` (on unless "0").
fn cache_enabled(setting: Option<OsString>) -> bool {
    setting.is_none_or(|v| v != "0")
}

/// The cache, when it is on; certificates of another library context than
/// libcrypto's default are parsed each time.
fn cache(lib: Lib) -> Option<&'static DerCache<OwnedX509>> {
    static CACHE: OnceLock<Option<DerCache<OwnedX509>>> = OnceLock::new();
    if !lib.libctx.is_null() || !lib.propq.is_null() {
        return None;
    }
    CACHE
        .get_or_init(|| {
            cache_enabled(std::env::var_os("SESSL_X509_CACHE")).then(|| DerCache::new(LIMITS))
        })
        .as_ref()
}

/// An `X509` for `der` that sessl alone uses (a reference of the caller's):
/// the cached one, else a new parse, kept for the next caller.
pub(crate) fn parsed_x509(der: &[u8], lib: Lib) -> Option<OwnedX509> {
    let Some(cache) = cache(lib) else {
        return OwnedX509::take(x509_from_der(der, lib));
    };
    if let Some(x) = cache.get(der) {
        return Some(x);
    }
    let x = OwnedX509::take(x509_from_der(der, lib))?;
    drop(cache.insert(der, x.clone()));
    Some(x)
}

/// An `X509` for `der` about to be handed to the application: the cached
/// one taken out of the cache, else a new parse, not kept.
pub(crate) fn taken_x509(der: &[u8], lib: Lib) -> Option<OwnedX509> {
    cache(lib)
        .and_then(|c| c.remove(der))
        .or_else(|| OwnedX509::take(x509_from_der(der, lib)))
}

/// `x` (for `der`) is handed to the application: it leaves the cache if it
/// is the object kept there.
fn hand_out(der: &[u8], x: &OwnedX509, lib: Lib) {
    if let Some(c) = cache(lib) {
        drop(c.remove_if(der, |kept| kept.ptr() == x.ptr()));
    }
}

/// The session's peer certificate as an `X509`, kept with the session and
/// freed with it.
pub(crate) struct PeerX509(pub(crate) OwnedX509);

impl Attachment for PeerX509 {
    fn release(self: Box<Self>, _session: &Session) {}
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// The `X509`s of the chain a connection's peer presented.
#[derive(Default)]
struct PeerX509s {
    ders: Vec<Vec<u8>>,
    x509s: Vec<OwnedX509>,
    /// Whether they were handed to the application.
    handed_out: bool,
}

impl PeerX509s {
    fn holds(&self, chain: &[CertificateDer<'_>]) -> bool {
        self.ders.len() == chain.len() && self.ders.iter().zip(chain).all(|(a, b)| a[..] == b[..])
    }
}

/// The connection's `X509` for each certificate of `chain` (the chain its
/// peer presented, leaf first; new references): the same objects on every
/// call while the peer's chain is the same. With `hand_out` they are the
/// application's to see from now on: they leave the cache and the leaf
/// becomes the session's peer. `None` when one does not parse.
pub(crate) fn peer_x509s(
    conn: &Connection,
    chain: &[CertificateDer<'_>],
    hand_out_now: bool,
) -> Option<Vec<OwnedX509>> {
    let kept = conn.extras().with(|p: &mut PeerX509s| {
        let first_hand_out = hand_out_now && !p.handed_out;
        p.handed_out |= hand_out_now;
        p.holds(chain).then(|| (p.x509s.clone(), first_hand_out))
    });
    let lib = of_connection(conn);
    let (x509s, first_hand_out) = match kept {
        Some(kept) => kept,
        None => {
            let x509s = chain
                .iter()
                .map(|c| parsed_x509(c, lib))
                .collect::<Option<Vec<_>>>()?;
            let made = PeerX509s {
                ders: chain.iter().map(|c| c.to_vec()).collect(),
                x509s: x509s.clone(),
                handed_out: hand_out_now,
            };
            // The replaced certificates are freed once the lock is released.
            let replaced = conn
                .extras()
                .with(|p: &mut PeerX509s| std::mem::replace(p, made));
            drop(replaced);
            (x509s, hand_out_now)
        }
    };
    if first_hand_out {
        for (x, der) in x509s.iter().zip(chain) {
            hand_out(der, x, lib);
        }
    }
    if hand_out_now {
        attach_to_session(conn, chain, &x509s);
    }
    Some(x509s)
}

/// The leaf becomes the peer of the connection's session (unless it has
/// one already), so `SSL_SESSION_get0_peer` gives the same object.
fn attach_to_session(conn: &Connection, chain: &[CertificateDer<'_>], x509s: &[OwnedX509]) {
    let (Some(session), Some(leaf), Some(der)) = (conn.session(), x509s.first(), chain.first())
    else {
        return;
    };
    if session.with_attachment(|_: &mut PeerX509| ()).is_none()
        && session.peer_certificate().as_deref() == Some(&der[..])
    {
        drop(session.attach(PeerX509(leaf.clone())));
    }
}

/// The connection's `X509` of its peer's certificate, handed out (a new
/// reference), or `None`.
pub(crate) fn peer_leaf(conn: &Connection) -> Option<OwnedX509> {
    let certs = conn.peer_certificates()?;
    peer_x509s(conn, &certs, true)?.into_iter().next()
}

/// An `X509` for `der` to hand out with the connection: its peer's own
/// object when `der` is one of the peer's certificates, else one taken.
pub(crate) fn connection_x509(conn: &Connection, der: &[u8]) -> Option<OwnedX509> {
    if let Some(certs) = conn.peer_certificates() {
        if let Some(at) = certs.iter().position(|c| c[..] == *der) {
            return peer_x509s(conn, &certs, true)?.into_iter().nth(at);
        }
    }
    taken_x509(der, of_connection(conn))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_is_on_unless_the_switch_says_0() {
        assert!(cache_enabled(None));
        assert!(cache_enabled(Some("1".into())));
        assert!(!cache_enabled(Some("0".into())));
    }
}
