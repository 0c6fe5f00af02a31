//! The application's security callback asked about a handshake's versions,
//! cipher suites and groups before the handshake starts
//! (`SSL_CTX_set_security_callback`: `SSL_SECOP_VERSION`, `SSL_SECOP_TICKET`,
//! `SSL_SECOP_CIPHER_SUPPORTED`, `SSL_SECOP_CURVE_SUPPORTED`), as libssl asks
//! it when it builds its hello: what it refuses is left out of the rustls
//! configuration of that handshake. The callback itself is the embedding
//! layer's, reached through one process-wide [`SecurityHook`].

use std::sync::{Arc, OnceLock};

use super::cipher::Cipher;
use super::connection::Connection;
use super::options::{OP_NO_TICKET, OP_NO_TLSV1_2, OP_NO_TLSV1_3, TLS1_2_VERSION, TLS1_3_VERSION};
use super::settings::ConfigKey;
use super::suite_choice::SuiteList;

/// One question to the application.
#[derive(Clone, Copy, Debug)]
pub enum SecurityQuestion {
    /// May the handshake use this protocol version?
    Version(u16),
    /// May it offer or choose this suite?
    Cipher(&'static Cipher),
    /// May it offer or choose this group (TLS number)?
    Group(u16),
    /// May it use session tickets?
    Ticket,
}

/// How the application answers.
pub trait SecurityHook: Send + Sync {
    /// Whether `conn` has a callback of its own to ask (else nothing is asked).
    fn has_callback(&self, conn: &Connection) -> bool;
    /// The callback's answer to `question` for `conn`.
    fn allows(&self, conn: &Connection, question: SecurityQuestion) -> bool;
}

static HOOK: OnceLock<Arc<dyn SecurityHook>> = OnceLock::new();

/// Makes `hook` the security hook of every connection (once).
pub fn install_security_hook(hook: Arc<dyn SecurityHook>) {
    let _ = HOOK.set(hook);
}

/// What the callback left for the coming handshake: options turning
/// versions off, and the suites and groups it kept (`None`: none refused).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Refused {
    options: u64,
    tls12: Option<SuiteList>,
    tls13: Option<SuiteList>,
    groups: Option<SuiteList>,
}

impl Refused {
    /// `key` without what was refused.
    fn restrict(&self, mut key: ConfigKey) -> ConfigKey {
        key.options |= self.options;
        if self.tls12.is_some() {
            key.suites.tls12 = self.tls12;
            key.suites.tls13 = self.tls13;
        }
        if self.groups.is_some() {
            key.suites.groups = self.groups;
        }
        key
    }
}

impl Connection {
    /// Asks the application's callback (with no lock held) about what the
    /// coming handshake may use, and keeps its refusals.
    pub(super) fn ask_security_questions(&self) {
        let refused = match HOOK.get() {
            Some(hook) if hook.has_callback(self) => self.ask(hook.as_ref()),
            _ => Refused::default(),
        };
        self.extras()
            .set(refused, |r: &Refused| *r == Refused::default());
    }

    fn ask(&self, hook: &dyn SecurityHook) -> Refused {
        let mut refused = Refused::default();
        for (version, off) in [
            (TLS1_3_VERSION, OP_NO_TLSV1_3),
            (TLS1_2_VERSION, OP_NO_TLSV1_2),
        ] {
            if !hook.allows(self, SecurityQuestion::Version(version)) {
                refused.options |= off;
            }
        }
        if !hook.allows(self, SecurityQuestion::Ticket) {
            refused.options |= OP_NO_TICKET;
        }
        let suites = self.effective_suites().configured();
        let kept: Vec<&'static Cipher> = suites
            .iter()
            .copied()
            .filter(|c| hook.allows(self, SecurityQuestion::Cipher(c)))
            .collect();
        if kept.len() != suites.len() {
            let of = |tls13: bool| -> Vec<u16> {
                kept.iter()
                    .filter(|c| c.is_tls13() == tls13)
                    .map(|c| c.iana)
                    .collect()
            };
            refused.tls13 = Some(SuiteList::new(&of(true)));
            refused.tls12 = Some(SuiteList::new(&of(false)));
        }
        if kept.is_empty() {
            // No suite left: the handshake fails before any group is asked about.
            return refused;
        }
        let groups = self.configured_groups();
        let kept: Vec<u16> = groups
            .iter()
            .copied()
            .filter(|&g| hook.allows(self, SecurityQuestion::Group(g)))
            .collect();
        if kept.len() != groups.len() {
            refused.groups = Some(SuiteList::new(&kept));
        }
        refused
    }

    /// The configuration key of the coming handshake: `key` without what
    /// the callback refused.
    pub(super) fn security_restricted(&self, key: ConfigKey) -> ConfigKey {
        self.extras().read(|r: &Refused| *r).restrict(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssl::suite_choice::SuiteChoice;

    fn key() -> ConfigKey {
        ConfigKey {
            options: 0,
            min_version: 0,
            max_version: 0,
            verify_mode: 0,
            suites: SuiteChoice::default(),
        }
    }

    #[test]
    fn nothing_refused_changes_nothing() {
        assert_eq!(Refused::default().restrict(key()), key());
    }

    #[test]
    fn refusals_turn_versions_off_and_replace_the_lists() {
        let refused = Refused {
            options: OP_NO_TLSV1_3,
            tls12: Some(SuiteList::new(&[0xc02f])),
            tls13: Some(SuiteList::new(&[])),
            groups: Some(SuiteList::new(&[23])),
        };
        let k = refused.restrict(key());
        assert_eq!(k.options, OP_NO_TLSV1_3);
        assert_eq!(k.suites.tls12.unwrap().as_slice(), [0xc02f]);
        assert!(k.suites.tls13.unwrap().as_slice().is_empty());
        assert_eq!(k.suites.groups.unwrap().as_slice(), [23]);
        assert_eq!(k.versions().len(), 1);
    }
}
