//! Where a connection's handshake stands, as OpenSSL names it: the handshake
//! state (`SSL_get_state`) and its strings, whether the last call waited for
//! the transport (`SSL_want`), and the events the info callback is told of
//! (`SSL_CTX_set_info_callback`), queued under the lock and delivered after it.
//!
//! rustls does not expose its state machine: the states are OpenSSL's,
//! replayed from the messages the message tap sees (`ssl::handshake_machine`).

use std::ffi::CStr;

use super::state::State;
use super::{Connection, Role};
use crate::ssl::context::Context;
use crate::ssl::handshake_machine::{InfoEvent, Input};

pub use crate::ssl::handshake_state::HandshakeState;

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
    /// The handshake state a program observes now: the one of the info
    /// event being delivered, else the machine's.
    pub(super) fn handshake_state(&self) -> HandshakeState {
        if let Some(reported) = self.reported_state {
            return reported;
        }
        if self.finished {
            return HandshakeState::Ok;
        }
        self.trace.machine.state()
    }

    /// Moves the state machine by the messages of records held unopened,
    /// and runs it, when the state a program observes depends on them.
    pub(super) fn catch_up_state(&mut self) {
        if self.reported_state.is_none() && !self.finished {
            self.open_held_records();
            self.run_machine();
        }
    }

    /// Whether no handshake has begun (`SSL_in_before`).
    pub(super) fn in_before(&self) -> bool {
        self.tls.is_none() && self.accepting.is_none() && !self.finished && !self.fatal
    }

    /// Gives the state machine an input (its events queue when it runs).
    fn machine_input(&mut self, input: Input) {
        if self.trace.machine.input(input) {
            self.run_machine();
        }
    }

    /// Queues an event that is not the state machine's own (an alert).
    pub(super) fn note_info(&mut self, where_: i32, ret: i32) {
        self.machine_input(Input::Other { where_, ret });
    }

    /// Queues the start of a handshake.
    pub(super) fn note_handshake_start(&mut self) {
        let server = self.role == Some(Role::Server);
        self.machine_input(Input::Start { server });
    }

    /// Queues the exit of a handshake call that failed (`wait`: that must
    /// wait for the transport).
    pub(super) fn note_exit_failed(&mut self, wait: bool) {
        self.machine_input(if wait { Input::Wait } else { Input::Fail });
    }

    /// Queues what a client's pause to write early data reports.
    pub(super) fn note_client_early_pause(&mut self) {
        self.machine_input(Input::ClientEarlyPause);
    }

    /// Queues the end of the handshake: its done and exit events.
    pub(super) fn note_handshake_done(&mut self) {
        self.machine_input(Input::Finish);
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
        let mut st = self.state.lock();
        st.catch_up_state();
        st.handshake_state()
    }

    /// `SSL_state_string` (`long` false) or `SSL_state_string_long`: the
    /// state's names, or OpenSSL's "SSLERR" / "error" once the connection failed.
    pub fn state_string(&self, long: bool) -> &'static CStr {
        let mut st = self.state.lock();
        st.catch_up_state();
        match (st.fatal && st.reported_state.is_none(), long) {
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
        let set = hook.is_some();
        {
            let mut own = self.info_hook.lock();
            self.info_hook_set
                .store(set, std::sync::atomic::Ordering::Release);
            *own = hook;
        }
        let follow = self.has_info_hook();
        let mut st = self.state.lock();
        st.catch_up_tap();
        st.trace.tap.set_follow(follow);
        let collect = st.tap_wants_bytes();
        st.record_cursor.set_collect(collect);
    }

    /// The hook told of info events: the connection's own, else the one of
    /// the context in effect (OpenSSL reads both when the event happens).
    fn info_hook(&self) -> Option<std::sync::Arc<dyn crate::ssl::hooks::InfoHook>> {
        use std::sync::atomic::Ordering;
        if self.info_hook_set.load(Ordering::Acquire) {
            if let Some(own) = self.info_hook.lock().clone() {
                return Some(own);
            }
        }
        self.with_context_in_effect(Context::info_hook)
    }

    /// Runs `f` on the context in effect: the one `SSL_set_SSL_CTX` switched
    /// to, else the one the connection was made from.
    fn with_context_in_effect<R>(&self, f: impl FnOnce(&Context) -> R) -> R {
        match self.switched_context() {
            Some(ctx) => f(&ctx),
            None => f(&self.ctx),
        }
    }

    /// Tells the info hook of the events a call queued (no lock held).
    /// While the hook runs, `SSL_get_state` reports the event's state.
    pub(super) fn deliver_info(&self, events: &[InfoEvent]) {
        if events.is_empty() {
            return;
        }
        if let Some(hook) = self.info_hook() {
            use std::sync::atomic::Ordering;
            for e in events {
                let before = self.state.lock().reported_state.replace(e.state);
                let done = e.where_ & info_where::HANDSHAKE_DONE != 0;
                let was_done = self.reporting_done.swap(done, Ordering::AcqRel);
                hook.info(self, e.where_, e.ret);
                self.reporting_done.store(was_done, Ordering::Release);
                self.state.lock().reported_state = before;
            }
        }
    }

    /// Whether an info hook would be told of events now (the tap then
    /// follows the messages after the handshake too).
    pub(super) fn has_info_hook(&self) -> bool {
        self.info_hook_set
            .load(std::sync::atomic::Ordering::Acquire)
            || self.with_context_in_effect(Context::has_info_hook)
    }
}
