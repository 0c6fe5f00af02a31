//! Setting and reading the suites and security level of a context or a
//! connection (`SSL_set_cipher_list(3)`, `SSL_get_ciphers(3)`,
//! `SSL_CTX_set_security_level(3)`). A connection starts with its
//! context's security level (copied by `SSL_new`) and with no lists of its
//! own: until it sets one, it reads and uses its context's, as OpenSSL's does.

use super::cipher::{self, Cipher};
use super::cipher_string::{self, CipherString};
use super::connection::Connection;
use super::context::Context;
use super::error::Error;
use super::settings::{ConfigKey, Settings};
use super::suite_choice::{SuiteChoice, SuiteList};

/// Applies a parsed cipher string to a context's settings, as OpenSSL
/// does even when it selects no suite, which is then reported.
pub(super) fn apply_cipher_list(
    s: &mut Settings,
    list: &str,
    parsed: &CipherString,
) -> Result<(), Error> {
    s.tls12_suites = Some(parsed.suites.clone());
    if let Some(level) = parsed.security_level {
        s.security_level = i32::from(level);
    }
    selected_some(list, parsed)
}

/// OpenSSL's error for a cipher string that selects no TLS 1.2 suite.
fn selected_some(list: &str, parsed: &CipherString) -> Result<(), Error> {
    if parsed.suites.is_empty() {
        return Err(Error::NoCipherMatch(list.to_string()));
    }
    Ok(())
}

impl Context {
    /// The security level (`SSL_CTX_get_security_level`).
    pub fn security_level(&self) -> i32 {
        self.with_settings(|s| s.security_level)
    }

    /// Sets the security level (`SSL_CTX_set_security_level`); any value is
    /// kept, as OpenSSL keeps it (above 5 acts as 5, below 0 as 0).
    pub fn set_security_level(&self, level: i32) {
        self.update(|s| s.security_level = level);
    }

    /// The suites configured, TLS 1.3 first (`SSL_CTX_get_ciphers`).
    pub fn ciphers(&self) -> Vec<&'static Cipher> {
        self.with_settings(|s| s.suite_choice()).configured()
    }
}

impl Connection {
    /// The connection's suites with its context's lists where it has none.
    pub fn effective_suites(&self) -> SuiteChoice {
        let own = self.suite_choice();
        own.over(&self.context().with_settings(|s| s.suite_choice()))
    }

    /// The security level (`SSL_get_security_level`).
    pub fn security_level(&self) -> i32 {
        self.suite_choice().security_level
    }

    /// Sets the security level (`SSL_set_security_level`).
    pub fn set_security_level(&self, level: i32) {
        self.update_suite_choice(|c| c.security_level = level);
    }

    /// Sets the TLS 1.2 suites from an OpenSSL cipher string
    /// (`SSL_set_cipher_list`); an `@SECLEVEL=n` in it sets the level.
    pub fn set_cipher_list(&self, list: &str) -> Result<(), Error> {
        let parsed = cipher_string::parse_rules(list)?;
        let inherited = self.effective_suites();
        self.update_suite_choice(|c| {
            c.tls12 = Some(SuiteList::new(&parsed.suites));
            c.tls13 = inherited.tls13;
            if let Some(level) = parsed.security_level {
                c.security_level = i32::from(level);
            }
        });
        selected_some(list, &parsed)
    }

    /// Sets the TLS 1.3 suites (`SSL_set_ciphersuites`).
    pub fn set_ciphersuites(&self, list: &str) -> Result<(), Error> {
        let suites = cipher::parse_ciphersuites(list)?;
        let inherited = self.effective_suites();
        self.update_suite_choice(|c| {
            c.tls13 = Some(SuiteList::new(&suites));
            c.tls12 = inherited.tls12;
        });
        Ok(())
    }

    /// The suites configured, TLS 1.3 first (`SSL_get_ciphers`).
    pub fn ciphers(&self) -> Vec<&'static Cipher> {
        self.effective_suites().configured()
    }

    /// The configured suites the connection's protocol versions and
    /// security level let it use (`SSL_get1_supported_ciphers`).
    pub fn supported_ciphers(&self) -> Vec<&'static Cipher> {
        let suites = self.effective_suites();
        let key = ConfigKey {
            options: self.options(),
            min_version: self.version_bound(true),
            max_version: self.version_bound(false),
            verify_mode: 0,
            suites,
        };
        suites.enabled(&key.versions())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::ssl::context::Method;
    use crate::ssl::options::TLS1_3_VERSION;

    fn names(list: &[&'static Cipher]) -> Vec<&'static str> {
        list.iter().map(|c| c.name.to_str().unwrap()).collect()
    }

    #[test]
    fn a_connection_reads_its_contexts_lists_until_it_sets_its_own() {
        let ctx = Arc::new(Context::new(Method::Client).unwrap());
        let conn = Connection::new(ctx.clone());
        ctx.set_cipher_list("ECDHE-RSA-AES128-GCM-SHA256").unwrap();
        assert_eq!(names(&conn.ciphers()), names(&ctx.ciphers()));
        assert_eq!(ctx.ciphers().len(), 4);
        conn.set_ciphersuites("TLS_AES_128_GCM_SHA256").unwrap();
        assert_eq!(
            names(&conn.ciphers()),
            ["TLS_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"]
        );
        // The context's later list no longer reaches the connection.
        ctx.set_cipher_list("ECDHE-RSA-AES256-GCM-SHA384").unwrap();
        assert_eq!(conn.ciphers()[1].iana, 0xc02f);
        assert!(conn.set_ciphersuites("NOPE").is_err());
        assert!(conn.set_cipher_list("ALL:$").is_err());
        assert_eq!(
            conn.ciphers().len(),
            2,
            "a malformed string changes nothing"
        );
        // A list selecting nothing is taken, then reported, as OpenSSL does.
        assert!(conn.set_cipher_list("NOPE").is_err());
        assert_eq!(names(&conn.ciphers()), ["TLS_AES_128_GCM_SHA256"]);
        assert!(ctx.set_cipher_list("NOPE").is_err());
        assert_eq!(ctx.ciphers().len(), 3);
    }

    #[test]
    fn the_level_is_copied_at_ssl_new_and_set_by_seclevel() {
        let ctx = Arc::new(Context::new(Method::Client).unwrap());
        ctx.set_security_level(4);
        let conn = Connection::new(ctx.clone());
        ctx.set_security_level(1);
        assert_eq!(conn.security_level(), 4);
        assert_eq!(
            names(&conn.supported_ciphers()),
            [
                "TLS_AES_256_GCM_SHA384",
                "TLS_CHACHA20_POLY1305_SHA256",
                "ECDHE-ECDSA-AES256-GCM-SHA384",
                "ECDHE-RSA-AES256-GCM-SHA384",
                "ECDHE-ECDSA-CHACHA20-POLY1305",
                "ECDHE-RSA-CHACHA20-POLY1305",
            ]
        );
        conn.set_cipher_list("@SECLEVEL=0:ECDHE-RSA-AES128-GCM-SHA256")
            .unwrap();
        assert_eq!(conn.security_level(), 0);
        conn.set_version_bound(true, TLS1_3_VERSION);
        assert_eq!(conn.supported_ciphers().len(), 3);
        conn.set_security_level(7);
        assert_eq!(conn.security_level(), 7);
    }
}
