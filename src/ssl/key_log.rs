//! The key log of one connection: the TLS 1.2 master secret for its session,
//! the client random (`SSL_get_client_random`), and every secret when the
//! context has a key-log hook.

use rustls::KeyLog;

use super::capture::SharedHandshakeCapture;
use crate::session::Secret;

/// The labels rustls logs, as `&'static str` so captures need not allocate them.
const KEY_LOG_LABELS: &[&str] = &[
    "CLIENT_RANDOM",
    "CLIENT_EARLY_TRAFFIC_SECRET",
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
    "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    "CLIENT_TRAFFIC_SECRET_0",
    "SERVER_TRAFFIC_SECRET_0",
    "EXPORTER_SECRET",
    "EARLY_EXPORTER_SECRET",
];

/// The TLS 1.3 traffic secrets always kept: sessl opens the records of the
/// handshake with them (the Finished messages, the message callback).
const TRAFFIC_LABELS: &[&str] = &[
    "CLIENT_EARLY_TRAFFIC_SECRET",
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
    "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    "CLIENT_TRAFFIC_SECRET_0",
    "SERVER_TRAFFIC_SECRET_0",
];

/// rustls' key log for one connection: keeps the TLS 1.2 master secret for
/// the connection's session, and every secret when the context has a
/// key-log hook.
#[derive(Debug)]
pub struct KeyLogCapture {
    capture: SharedHandshakeCapture,
    keep_all: bool,
}

impl KeyLogCapture {
    /// A key log capturing into `capture`; `keep_all` keeps every secret for the hook.
    pub fn new(capture: SharedHandshakeCapture, keep_all: bool) -> Self {
        KeyLogCapture { capture, keep_all }
    }
}

impl KeyLog for KeyLogCapture {
    fn log(&self, label: &str, client_random: &[u8], secret: &[u8]) {
        let mut c = self.capture.lock();
        if c.client_random.is_none() {
            c.client_random = client_random.try_into().ok();
        }
        if label == "CLIENT_RANDOM" {
            c.master_secret = Some(Secret::copy_of(secret));
        }
        if let Some(label) = TRAFFIC_LABELS.iter().find(|l| **l == label) {
            c.traffic_secrets.push((label, Secret::copy_of(secret)));
        }
        if let Some(label) = KEY_LOG_LABELS
            .iter()
            .find(|l| **l == label)
            .filter(|_| self.keep_all)
        {
            c.secrets
                .push((label, client_random.to_vec(), Secret::copy_of(secret)));
        }
    }

    fn will_log(&self, label: &str) -> bool {
        self.keep_all || label == "CLIENT_RANDOM" || TRAFFIC_LABELS.contains(&label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ClientHello's random: 32 bytes.
    const RANDOM: &[u8; 32] = b"random of the ClientHello, 32 b.";

    fn log_all(keep_all: bool) -> SharedHandshakeCapture {
        let capture = SharedHandshakeCapture::default();
        let log = KeyLogCapture::new(capture.clone(), keep_all);
        log.log("CLIENT_RANDOM", RANDOM, b"master");
        log.log("CLIENT_TRAFFIC_SECRET_0", RANDOM, b"traffic");
        log.log("NOT_A_LABEL_RUSTLS_LOGS", RANDOM, b"other");
        capture
    }

    #[test]
    fn without_the_hook_only_the_master_and_traffic_secrets_are_kept() {
        let log = KeyLogCapture::new(SharedHandshakeCapture::default(), false);
        assert!(log.will_log("CLIENT_RANDOM"));
        assert!(log.will_log("CLIENT_TRAFFIC_SECRET_0"));
        assert!(log.will_log("CLIENT_HANDSHAKE_TRAFFIC_SECRET"));
        assert!(!log.will_log("EXPORTER_SECRET"));
        let capture = log_all(false);
        let c = capture.lock();
        assert_eq!(
            c.master_secret.as_deref().map(Vec::as_slice),
            Some(&b"master"[..])
        );
        assert!(c.secrets.is_empty());
        assert_eq!(c.traffic_secrets.len(), 1, "for the message tap");
        assert_eq!(c.client_random.as_ref(), Some(RANDOM));
    }

    #[test]
    fn with_the_hook_every_known_label_is_kept_in_order() {
        let log = KeyLogCapture::new(SharedHandshakeCapture::default(), true);
        assert!(KEY_LOG_LABELS.iter().all(|l| log.will_log(l)));
        let capture = log_all(true);
        let c = capture.lock();
        assert_eq!(
            c.master_secret.as_deref().map(Vec::as_slice),
            Some(&b"master"[..])
        );
        let kept: Vec<_> = c
            .secrets
            .iter()
            .map(|(label, random, secret)| (*label, &random[..], &secret[..]))
            .collect();
        assert_eq!(
            kept,
            vec![
                ("CLIENT_RANDOM", &RANDOM[..], &b"master"[..]),
                ("CLIENT_TRAFFIC_SECRET_0", &RANDOM[..], &b"traffic"[..]),
            ]
        );
    }

    #[test]
    fn a_tls13_secret_is_not_a_master_secret() {
        let capture = SharedHandshakeCapture::default();
        KeyLogCapture::new(capture.clone(), true).log("EXPORTER_SECRET", b"r", b"s");
        assert_eq!(capture.lock().master_secret, None);
    }
}
