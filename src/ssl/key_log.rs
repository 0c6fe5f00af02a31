//! The key log of one connection: the TLS 1.2 master secret for its session,
//! and every secret when the context has a key-log hook.

use rustls::KeyLog;

use super::capture::SharedHandshakeCapture;

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

/// rustls' key log for one connection: keeps the TLS 1.2 master secret for the connection's session,
/// and every secret when the context has a key-log hook.
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
        if label == "CLIENT_RANDOM" {
            c.master_secret = Some(secret.to_vec());
        }
        if let Some(label) = KEY_LOG_LABELS
            .iter()
            .find(|l| **l == label)
            .filter(|_| self.keep_all)
        {
            c.secrets
                .push((label, client_random.to_vec(), secret.to_vec()));
        }
    }

    fn will_log(&self, label: &str) -> bool {
        self.keep_all || label == "CLIENT_RANDOM"
    }
}
