//! The fleet's session store as unmodified programs turn it on:
//! `SESSL_SESSION_STORE` (a Redis URL) and `SESSL_SESSION_STORE_KEY_FILE`
//! (the fleet secret, at least 32 bytes), optionally
//! `SESSL_SESSION_STORE_TIMEOUT_MS` (the read timeout) and
//! `SESSL_SESSION_STORE_TICKET_ROTATION_S` (the ticket keys' rotation period)
//! and `SESSL_SESSION_STORE_CA_FILE` (the CA certificates that verify a
//! `rediss://` store; the system's trust store otherwise).
//! Read once per process.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use zeroize::Zeroizing;

use super::Error;
use crate::session::{RedisStore, RedisStoreConfig, SharedStore, MIN_SECRET_LEN};

/// The variable naming the store.
pub const STORE_VAR: &str = "SESSL_SESSION_STORE";
/// The variable naming the fleet secret's file.
pub const KEY_FILE_VAR: &str = "SESSL_SESSION_STORE_KEY_FILE";
/// The variable setting the read timeout in milliseconds.
pub const TIMEOUT_VAR: &str = "SESSL_SESSION_STORE_TIMEOUT_MS";
/// The variable setting how many seconds a ticket key encrypts before rotation.
pub const ROTATION_VAR: &str = "SESSL_SESSION_STORE_TICKET_ROTATION_S";
/// The variable naming the PEM file of CA certificates that verify a `rediss://` store.
pub const CA_FILE_VAR: &str = "SESSL_SESSION_STORE_CA_FILE";

/// A positive number in `value`, or an error naming `var`.
fn positive(var: &str, value: &str) -> Result<u64, String> {
    value
        .parse()
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("{var}={value} is not a positive number"))
}

/// The fleet secret in `path`: at least 32 bytes.
pub fn read_fleet_secret(path: &Path) -> Result<Zeroizing<Vec<u8>>, String> {
    let secret = Zeroizing::new(
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?,
    );
    if secret.len() < MIN_SECRET_LEN {
        return Err(format!(
            "{} holds {} bytes; the fleet secret needs at least {MIN_SECRET_LEN}",
            path.display(),
            secret.len()
        ));
    }
    Ok(secret)
}

/// The store these settings describe: `Ok(None)` when no URL is given.
pub fn store_from_settings(
    url: Option<&str>,
    key_file: Option<&Path>,
    timeout_ms: Option<&str>,
) -> Result<Option<SharedStore>, String> {
    let Some(url) = url.filter(|u| !u.is_empty()) else {
        return Ok(None);
    };
    let key_file =
        key_file.ok_or_else(|| format!("{STORE_VAR} is set but {KEY_FILE_VAR} is not"))?;
    let secret = read_fleet_secret(key_file)?;
    redis_store(url, &secret, timeout_ms)
}

/// A Redis store at `url` sealing under `secret`, with a read timeout of
/// `timeout_ms` milliseconds (the default when `None`).
pub fn redis_store(
    url: &str,
    secret: &[u8],
    timeout_ms: Option<&str>,
) -> Result<Option<SharedStore>, String> {
    if secret.len() < MIN_SECRET_LEN {
        return Err(format!(
            "the fleet secret has {} bytes; at least {MIN_SECRET_LEN} are needed",
            secret.len()
        ));
    }
    let mut config = RedisStoreConfig::new(url);
    if let Some(ms) = timeout_ms {
        config.read_timeout = Duration::from_millis(positive(TIMEOUT_VAR, ms)?);
    }
    if let Ok(secs) = std::env::var(ROTATION_VAR) {
        config.ticket_rotation = Duration::from_secs(positive(ROTATION_VAR, &secs)?);
    }
    config.ca_file = std::env::var_os(CA_FILE_VAR).map(PathBuf::from);
    let store = RedisStore::new(config, secret).map_err(|e| e.to_string())?;
    Ok(Some(Arc::new(store)))
}

/// The store a program names for one context (`SSL_CTX_set_session_store_sessl`):
/// the read timeout is `SESSL_SESSION_STORE_TIMEOUT_MS`'s, if set.
pub fn store_for_context(url: &str, secret: &[u8]) -> Result<Option<SharedStore>, Error> {
    redis_store(url, secret, std::env::var(TIMEOUT_VAR).ok().as_deref())
        .map_err(Error::BadStoreSetting)
}

/// The store the environment turns on for every context, made on first
/// call; a bad setting is logged once and no store is used.
pub fn environment_store() -> Option<SharedStore> {
    static STORE: OnceLock<Option<SharedStore>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let url = std::env::var(STORE_VAR).ok();
            let key_file = std::env::var_os(KEY_FILE_VAR);
            let timeout = std::env::var(TIMEOUT_VAR).ok();
            match store_from_settings(
                url.as_deref(),
                key_file.as_deref().map(Path::new),
                timeout.as_deref(),
            ) {
                Ok(store) => {
                    if let Some(s) = &store {
                        log::info!("session store {s:?} shared by every server context");
                    }
                    store
                }
                Err(e) => {
                    let line = format!("sessl: session store not used: {e}");
                    if log::log_enabled!(log::Level::Error) {
                        log::error!("{line}");
                    } else {
                        eprintln!("{line}");
                    }
                    None
                }
            }
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_file(len: usize) -> tempfile_path::TempPath {
        tempfile_path::TempPath::with_bytes(&vec![7u8; len])
    }

    /// A file removed when dropped (no extra dependency for one test).
    mod tempfile_path {
        pub struct TempPath(pub std::path::PathBuf);
        impl TempPath {
            pub fn with_bytes(bytes: &[u8]) -> Self {
                static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
                let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let p =
                    std::env::temp_dir().join(format!("sessl-fleet-{}-{n}", std::process::id()));
                std::fs::write(&p, bytes).unwrap();
                TempPath(p)
            }
        }
        impl Drop for TempPath {
            fn drop(&mut self) {
                let _ = std::fs::remove_file(&self.0);
            }
        }
    }

    #[test]
    fn no_url_no_store() {
        assert!(store_from_settings(None, None, None).unwrap().is_none());
        assert!(store_from_settings(Some(""), None, None).unwrap().is_none());
    }

    #[test]
    fn key_file_errors_are_clear() {
        let url = Some("redis://127.0.0.1:1");
        let e = store_from_settings(url, None, None).unwrap_err();
        assert!(e.contains(KEY_FILE_VAR), "{e}");
        let missing = Path::new("/nonexistent/sessl-fleet-key");
        let e = store_from_settings(url, Some(missing), None).unwrap_err();
        assert!(e.contains("cannot read"), "{e}");
        let short = key_file(31);
        let e = store_from_settings(url, Some(&short.0), None).unwrap_err();
        assert!(e.contains("31 bytes"), "{e}");
        let good = key_file(32);
        assert!(store_from_settings(url, Some(&good.0), None)
            .unwrap()
            .is_some());
        let e = store_from_settings(url, Some(&good.0), Some("soon")).unwrap_err();
        assert!(e.contains(TIMEOUT_VAR), "{e}");
        let e = store_from_settings(Some("http://x"), Some(&good.0), None).unwrap_err();
        assert!(e.contains("URL"), "{e}");
    }
}
