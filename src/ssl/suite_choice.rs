//! What decides the suites a context or connection offers: its TLS 1.2
//! cipher list, its TLS 1.3 suites and its security level. Small and `Copy`,
//! so a connection's configuration key can carry it. The lists read as
//! OpenSSL's getters read them (`SSL_get_ciphers(3)`): the TLS 1.3 suites
//! first, then the cipher list's, each in its own order.

use rustls::SupportedProtocolVersion;

use super::cipher::{by_iana, Cipher};
use super::cipher_string::PREFERENCE;
use super::security_level;

/// As many suites as sessl's table holds.
const CAPACITY: usize = 9;

/// A list of suites from sessl's table, in order (IANA numbers); also a
/// connection's groups (TLS numbers), fewer than the suites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SuiteList {
    ids: [u16; CAPACITY],
    len: u8,
}

impl SuiteList {
    /// The list of `ids` (those past the table's size are dropped; a list
    /// never repeats a suite, so none are).
    pub fn new(ids: &[u16]) -> Self {
        let mut list = SuiteList {
            ids: [0; CAPACITY],
            len: 0,
        };
        for (slot, id) in list.ids.iter_mut().zip(ids) {
            *slot = *id;
            list.len += 1;
        }
        list
    }

    /// The suites, in order.
    pub fn as_slice(&self) -> &[u16] {
        &self.ids[..usize::from(self.len)]
    }
}

/// OpenSSL's default TLS 1.3 order (`OSSL_default_ciphersuites`).
const DEFAULT_TLS13: [u16; 3] = [0x1302, 0x1303, 0x1301];

/// The suites of a context or connection and its security level. A list
/// left `None` is the default (a connection's: its context's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SuiteChoice {
    /// The TLS 1.2 suites (`SSL_set_cipher_list`).
    pub tls12: Option<SuiteList>,
    /// The TLS 1.3 suites (`SSL_set_ciphersuites`).
    pub tls13: Option<SuiteList>,
    /// The security level (`SSL_set_security_level`).
    pub security_level: i32,
    /// A connection's own key exchange groups, TLS numbers in order
    /// (`SSL_set1_groups_list`); a context keeps its own in its settings.
    pub groups: Option<SuiteList>,
}

impl Default for SuiteChoice {
    fn default() -> Self {
        SuiteChoice {
            tls12: None,
            tls13: None,
            security_level: security_level::DEFAULT_LEVEL,
            groups: None,
        }
    }
}

impl SuiteChoice {
    /// This choice with the lists it leaves to `base` taken from it.
    pub fn over(self, base: &SuiteChoice) -> SuiteChoice {
        SuiteChoice {
            tls12: self.tls12.or(base.tls12),
            tls13: self.tls13.or(base.tls13),
            groups: self.groups.or(base.groups),
            ..self
        }
    }

    /// The suites configured, TLS 1.3 first, whatever the security level
    /// (`SSL_CTX_get_ciphers`, `SSL_get_ciphers`).
    pub fn configured(&self) -> Vec<&'static Cipher> {
        let tls13 = self
            .tls13
            .as_ref()
            .map_or(&DEFAULT_TLS13[..], SuiteList::as_slice);
        let tls12 = self
            .tls12
            .as_ref()
            .map_or(&PREFERENCE[..], SuiteList::as_slice);
        tls13
            .iter()
            .chain(tls12)
            .filter_map(|i| by_iana(*i))
            .collect()
    }

    /// The configured suites a handshake over `versions` can use at the
    /// security level (`SSL_get1_supported_ciphers`).
    pub fn enabled(&self, versions: &[&'static SupportedProtocolVersion]) -> Vec<&'static Cipher> {
        let tls13 = versions
            .iter()
            .any(|v| v.version == rustls::ProtocolVersion::TLSv1_3);
        let tls12 = versions
            .iter()
            .any(|v| v.version == rustls::ProtocolVersion::TLSv1_2);
        self.configured()
            .into_iter()
            .filter(|c| if c.is_tls13() { tls13 } else { tls12 })
            .filter(|c| security_level::allows_cipher(self.security_level, c))
            .collect()
    }

    /// Whether a suite may be used: in its list and allowed at the level.
    pub fn allows(&self, iana: u16) -> bool {
        let Some(c) = by_iana(iana) else {
            return false;
        };
        let list = if c.is_tls13() { self.tls13 } else { self.tls12 };
        list.is_none_or(|l| l.as_slice().contains(&iana))
            && security_level::allows_cipher(self.security_level, c)
    }

    /// Where a suite comes in the configured order (`usize::MAX`: not in it).
    pub fn rank(&self, iana: u16) -> usize {
        self.configured()
            .iter()
            .position(|c| c.iana == iana)
            .unwrap_or(usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssl::cipher::CIPHERS;

    #[test]
    fn a_list_keeps_its_order() {
        let l = SuiteList::new(&[0xc02f, 0xc030]);
        assert_eq!(l.as_slice(), [0xc02f, 0xc030]);
        assert_eq!(SuiteList::new(&[]).as_slice(), [] as [u16; 0]);
    }

    #[test]
    fn the_default_is_openssls_order_tls13_first() {
        let names: Vec<_> = SuiteChoice::default()
            .configured()
            .iter()
            .map(|c| c.name.to_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "TLS_AES_256_GCM_SHA384",
                "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_AES_128_GCM_SHA256",
                "ECDHE-ECDSA-AES256-GCM-SHA384",
                "ECDHE-RSA-AES256-GCM-SHA384",
                "ECDHE-ECDSA-CHACHA20-POLY1305",
                "ECDHE-RSA-CHACHA20-POLY1305",
                "ECDHE-ECDSA-AES128-GCM-SHA256",
                "ECDHE-RSA-AES128-GCM-SHA256",
            ]
        );
        assert_eq!(SuiteChoice::default().configured().len(), CIPHERS.len());
    }

    #[test]
    fn enabled_follows_versions_and_level() {
        let choice = SuiteChoice {
            security_level: 4,
            ..SuiteChoice::default()
        };
        let only13 = choice.enabled(&[&rustls::version::TLS13]);
        assert_eq!(
            only13.iter().map(|c| c.iana).collect::<Vec<_>>(),
            [0x1302, 0x1303]
        );
        assert!(!choice.allows(0x1301) && choice.allows(0x1302));
        let own = SuiteChoice {
            tls12: Some(SuiteList::new(&[0xc02f])),
            ..SuiteChoice::default()
        };
        assert!(own.allows(0xc02f) && !own.allows(0xc030));
        assert_eq!(own.rank(0xc02f), 3);
        assert_eq!(own.rank(0xc030), usize::MAX);
    }

    #[test]
    fn a_connections_lists_fall_back_to_its_contexts() {
        let ctx = SuiteChoice {
            tls12: Some(SuiteList::new(&[0xc02f])),
            tls13: Some(SuiteList::new(&[0x1301])),
            security_level: 1,
            groups: None,
        };
        let conn = SuiteChoice {
            tls13: Some(SuiteList::new(&[0x1302])),
            ..SuiteChoice::default()
        };
        let both = conn.over(&ctx);
        assert_eq!(both.tls12, ctx.tls12);
        assert_eq!(both.tls13, conn.tls13);
        assert_eq!(both.security_level, 2);
    }
}
