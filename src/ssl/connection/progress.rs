//! Where a connection's handshake stands, as OpenSSL names it: the handshake
//! state (`SSL_get_state`) and its strings, whether the last call waited for
//! the transport (`SSL_want`), and the events the info callback is told of
//! (`SSL_CTX_set_info_callback`), queued under the lock and delivered after it.
//!
//! rustls does not expose its state machine, so the states are the ones a
//! program can observe from outside: before the handshake, waiting for the
//! peer's flight (one state per role and version), done, or failed.

use std::ffi::CStr;

use super::state::State;
use super::{Connection, Role};

/// OpenSSL's `OSSL_HANDSHAKE_STATE` values sessl reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandshakeState {
    /// `TLS_ST_BEFORE`: no handshake started yet (or a server still waiting
    /// for the ClientHello).
    Before = 0,
    /// `TLS_ST_OK`: the handshake completed.
    Ok = 1,
    /// `TLS_ST_CW_CLNT_HELLO`: a client that sent its hello and waits.
    ClientHelloWritten = 12,
    /// `TLS_ST_SW_SRVR_DONE`: a TLS 1.2 server that sent its flight and waits.
    ServerDoneWritten = 26,
    /// `TLS_ST_EARLY_DATA`: a TLS 1.3 server that sent its flight and waits.
    EarlyData = 46,
}

impl HandshakeState {
    /// `SSL_state_string`'s short name.
    pub fn short_name(self) -> &'static CStr {
        match self {
            HandshakeState::Before => c"PINIT",
            HandshakeState::Ok => c"SSLOK",
            HandshakeState::ClientHelloWritten => c"TWCH",
            HandshakeState::ServerDoneWritten => c"TWSD",
            HandshakeState::EarlyData => c"TED",
        }
    }

    /// `SSL_state_string_long`'s description.
    pub fn description(self) -> &'static CStr {
        match self {
            HandshakeState::Before => c"before SSL initialization",
            HandshakeState::Ok => c"SSL negotiation finished successfully",
            HandshakeState::ClientHelloWritten => c"SSLv3/TLS write client hello",
            HandshakeState::ServerDoneWritten => c"SSLv3/TLS write server done",
            HandshakeState::EarlyData => c"TLSv1.3 early data",
        }
    }
}

/// What the last I/O call waited for (`SSL_want`: OpenSSL's `rwstate`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    /// `SSL_NOTHING` (1).
    Nothing = 1,
    /// `SSL_WRITING` (2): the transport would not take more.
    Writing = 2,
    /// `SSL_READING` (3): the transport had nothing to read.
    Reading = 3,
}

/// The key update `SSL_key_update` schedules (`SSL_KEY_UPDATE_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyUpdate {
    /// `SSL_KEY_UPDATE_NOT_REQUESTED` (0).
    NotRequested = 0,
    /// `SSL_KEY_UPDATE_REQUESTED` (1).
    Requested = 1,
}

/// The info callback's `where` bits (`SSL_CB_*`, `SSL_ST_*`).
pub mod info_where {
    /// `SSL_CB_LOOP`: the handshake moved on.
    pub const LOOP: i32 = 0x01;
    /// `SSL_CB_EXIT`: a handshake call returns (`ret` is its result).
    pub const EXIT: i32 = 0x02;
    /// `SSL_CB_READ`: with `ALERT`, one was received.
    pub const READ: i32 = 0x04;
    /// `SSL_CB_WRITE`: with `ALERT`, one was sent.
    pub const WRITE: i32 = 0x08;
    /// `SSL_CB_HANDSHAKE_START`.
    pub const HANDSHAKE_START: i32 = 0x10;
    /// `SSL_CB_HANDSHAKE_DONE`.
    pub const HANDSHAKE_DONE: i32 = 0x20;
    /// `SSL_ST_CONNECT`: a client's loop or exit.
    pub const CONNECT: i32 = 0x1000;
    /// `SSL_ST_ACCEPT`: a server's loop or exit.
    pub const ACCEPT: i32 = 0x2000;
    /// `SSL_CB_ALERT`: `ret` is the alert's level << 8 | description.
    pub const ALERT: i32 = 0x4000;
}

/// The `ret` of an alert event: level 1 (warning) or 2 (fatal), and the description.
pub fn alert_value(fatal: bool, description: u8) -> i32 {
    (if fatal { 2 << 8 } else { 1 << 8 }) | i32::from(description)
}

impl State {
    /// The handshake state a program observes now.
    pub(super) fn handshake_state(&self) -> HandshakeState {
        if self.finished {
            return HandshakeState::Ok;
        }
        let Some(tls) = self.tls.as_deref() else {
            return HandshakeState::Before;
        };
        match self.role {
            Some(Role::Server) => match tls.protocol_version() {
                None => HandshakeState::Before,
                Some(rustls::ProtocolVersion::TLSv1_3) => HandshakeState::EarlyData,
                Some(_) => HandshakeState::ServerDoneWritten,
            },
            _ => HandshakeState::ClientHelloWritten,
        }
    }

    /// Whether no handshake has begun (`SSL_in_before`).
    pub(super) fn in_before(&self) -> bool {
        self.tls.is_none() && self.accepting.is_none() && !self.finished && !self.fatal
    }

    /// The `SSL_ST_CONNECT` or `SSL_ST_ACCEPT` bit for this connection's events.
    fn side_bit(&self) -> i32 {
        match self.role {
            Some(Role::Server) => info_where::ACCEPT,
            _ => info_where::CONNECT,
        }
    }

    /// Queues an info event for the callback.
    pub(super) fn note_info(&mut self, where_: i32, ret: i32) {
        self.pending_callbacks.info.push((where_, ret));
    }

    /// Queues a loop event (`SSL_CB_CONNECT_LOOP` / `SSL_CB_ACCEPT_LOOP`).
    pub(super) fn note_loop(&mut self) {
        let side = self.side_bit();
        self.note_info(side | info_where::LOOP, 1);
    }

    /// Queues an exit event with the handshake call's result.
    pub(super) fn note_exit(&mut self, ret: i32) {
        let side = self.side_bit();
        self.note_info(side | info_where::EXIT, ret);
    }

    /// Queues an alert sent (`SSL_CB_WRITE_ALERT`) or received (`SSL_CB_READ_ALERT`).
    pub(super) fn note_alert(&mut self, sent: bool, fatal: bool, description: u8) {
        let direction = if sent {
            info_where::WRITE
        } else {
            info_where::READ
        };
        self.note_info(
            info_where::ALERT | direction,
            alert_value(fatal, description),
        );
    }

    /// Queues the fatal alert behind a rustls error: the one received, or
    /// the one rustls sends for it.
    pub(super) fn note_fatal_alert(&mut self, e: &rustls::Error) {
        use rustls::AlertDescription as A;
        let (sent, alert) = match e {
            rustls::Error::AlertReceived(a) => (false, *a),
            rustls::Error::InvalidCertificate(c) => (true, A::from(c.clone())),
            rustls::Error::InvalidMessage(_) => (true, A::DecodeError),
            rustls::Error::PeerIncompatible(_) => (true, A::HandshakeFailure),
            rustls::Error::NoCertificatesPresented => (true, A::CertificateRequired),
            rustls::Error::DecryptError => (true, A::DecryptError),
            rustls::Error::NoApplicationProtocol => (true, A::NoApplicationProtocol),
            rustls::Error::InappropriateMessage { .. }
            | rustls::Error::InappropriateHandshakeMessage { .. } => (true, A::UnexpectedMessage),
            _ => return,
        };
        self.note_alert(sent, true, u8::from(alert));
    }

    /// Records that the peer's close_notify arrived, telling the info callback once.
    pub(super) fn note_peer_closed(&mut self) {
        if !self.received_shutdown {
            self.received_shutdown = true;
            self.note_alert(false, false, 0);
        }
    }
}

impl Connection {
    /// `SSL_get_state`.
    pub fn handshake_state(&self) -> HandshakeState {
        self.state.lock().handshake_state()
    }

    /// `SSL_state_string` (`long` false) or `SSL_state_string_long`: the
    /// state's names, or OpenSSL's "SSLERR" / "error" once the connection failed.
    pub fn state_string(&self, long: bool) -> &'static CStr {
        let st = self.state.lock();
        match (st.fatal, long) {
            (true, false) => c"SSLERR",
            (true, true) => c"error",
            (false, false) => st.handshake_state().short_name(),
            (false, true) => st.handshake_state().description(),
        }
    }

    /// `SSL_in_before`.
    pub fn in_before(&self) -> bool {
        self.state.lock().in_before()
    }

    /// `SSL_want`: what the last I/O call waited for.
    pub fn want(&self) -> Want {
        match self.state.lock().last_error {
            super::ErrorKind::WantRead => Want::Reading,
            super::ErrorKind::WantWrite => Want::Writing,
            _ => Want::Nothing,
        }
    }

    /// Sets (or clears) the connection's own info hook, which takes the
    /// place of its context's (`SSL_set_info_callback`).
    pub fn set_info_hook(&self, hook: Option<std::sync::Arc<dyn crate::ssl::hooks::InfoHook>>) {
        *self.info_hook.lock() = hook;
    }

    /// The hook told of info events: the connection's own, else the one of
    /// the context in effect (OpenSSL reads both when the event happens).
    fn info_hook(&self) -> Option<std::sync::Arc<dyn crate::ssl::hooks::InfoHook>> {
        if let Some(own) = self.info_hook.lock().clone() {
            return Some(own);
        }
        let ctx = self.switched_context().unwrap_or_else(|| self.ctx.clone());
        crate::ssl::hooks::context_info_hook(&ctx)
    }

    /// Tells the info hook of the events a call queued (no lock held).
    pub(super) fn deliver_info(&self, events: &[(i32, i32)]) {
        if events.is_empty() {
            return;
        }
        if let Some(hook) = self.info_hook() {
            for &(where_, ret) in events {
                hook.info(self, where_, ret);
            }
        }
    }
}
