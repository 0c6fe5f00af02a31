//! What a connection gives its message tap and state machine: the bytes it
//! reads and writes, in order. With a message or info callback to tell, the
//! tap takes them apart as they pass and its messages move the machine at
//! once. With none, they wait in the tap's log (`message_tap::TapLog`),
//! a marker among the machine's inputs at each chunk's place, and the tap
//! takes them only when the machine runs: when the handshake state, a
//! Finished message or the server's random is asked for, when a callback
//! is set, or when too much waits (16 KiB, or past the handshake's end
//! more than a TLS 1.2 resumption's 1 KiB: a connection keeps little for its life).
//! Most connections never ask, and a resumption's bytes are then never
//! taken apart.

use super::state::State;
use crate::session::Secret;
use crate::ssl::capture::SharedHandshakeCapture;
use crate::ssl::handshake_machine::{Input, LazyMachine};
use crate::ssl::message_tap::{MessageTap, SecretName, TapLog};

/// What follows a connection's handshake messages: the tap, what waits for
/// it, and the state machine its messages move.
#[derive(Default)]
pub(super) struct Trace {
    /// The records read and written, taken apart (message callback, Finished).
    pub(super) tap: MessageTap,
    /// What the tap has not taken yet, with no callback to tell.
    pub(super) log: TapLog,
    /// OpenSSL's state machine replayed from the tap's messages, run when
    /// its state or events are needed.
    pub(super) machine: LazyMachine,
}

impl State {
    /// Whether the tap's bytes wait in its log (no callback listens).
    fn tap_waits(&self) -> bool {
        !self.trace.tap.reports() && !self.trace.tap.follows()
    }

    /// Gives the tap what was gathered to write since the last call;
    /// `settled`: the handshake is over in that direction.
    pub(super) fn tap_written(&mut self, settled: bool) {
        if self.tap_waits() {
            let untapped = self.outgoing.untapped();
            if self.trace.log.keep(true, untapped, settled) {
                self.mark_tapped();
            }
            return;
        }
        let untapped = self.outgoing.untapped();
        tap_bytes(
            &mut self.trace.tap,
            &self.capture,
            &mut self.pending_callbacks,
            true,
            untapped,
        );
        if settled {
            self.trace.tap.settle(true);
        }
        self.replay_steps();
    }

    /// Gives the tap the bytes read since the last call.
    pub(super) fn tap_read(&mut self) {
        let read = self.record_cursor.take_read();
        let settled = self.tls.as_ref().is_some_and(|tls| !tls.is_handshaking());
        if self.tap_waits() {
            if self.trace.log.keep(false, &read, settled) {
                self.mark_tapped();
            }
        } else {
            tap_bytes(
                &mut self.trace.tap,
                &self.capture,
                &mut self.pending_callbacks,
                false,
                &read,
            );
            if settled {
                self.trace.tap.settle(false);
            }
            self.replay_steps();
        }
        let collect = self.tap_wants_bytes();
        self.record_cursor.set_collect(collect);
        self.record_cursor.give_back_read(read);
    }

    /// Marks the chunk just logged among the machine's inputs (a failed
    /// connection's machine stays where it failed); runs the machine when
    /// too much waits.
    fn mark_tapped(&mut self) {
        let full = self
            .trace
            .machine
            .input(Input::Tapped { moves: !self.fatal });
        let log = &self.trace.log;
        if full || log.too_long() || log.kept_past_handshake() {
            self.run_machine();
        }
    }

    /// Lets the tap take what waits in its log (running the machine up to
    /// it): before the tap is read or changed.
    pub(super) fn catch_up_tap(&mut self) {
        if self.trace.log.pending() {
            self.run_machine();
        }
    }

    /// Whether the tap wants the bytes read (`RecordCursor::set_collect`).
    pub(super) fn tap_wants_bytes(&self) -> bool {
        let done = self.trace.tap.idle() || (self.tap_waits() && self.trace.log.settled());
        !done
    }

    /// The verify_data of this end's Finished (`own`) or the peer's, opening
    /// the records the tap held for it.
    pub(super) fn finished(&mut self, own: bool) -> Option<Vec<u8>> {
        self.open_held_records();
        self.trace.tap.finished(own).map(<[u8]>::to_vec)
    }

    /// The ServerHello's random, once it passed (`SSL_get_server_random`).
    pub(super) fn server_random(&mut self) -> Option<Vec<u8>> {
        self.catch_up_tap();
        self.trace.tap.server_random().map(<[u8]>::to_vec)
    }

    /// Opens the records the tap held (no callback listened when they
    /// passed), moving the state machine by their messages: before the
    /// state or the Finished messages are read.
    pub(super) fn open_held_records(&mut self) {
        self.catch_up_tap();
        if self.trace.tap.holds() {
            let capture = &self.capture;
            self.trace.tap.open_held(&|name| secret_of(capture, name));
            forget_secrets_if_done(&self.trace.tap, capture);
            self.replay_steps();
        }
    }

    /// Gives the state machine the messages the tap saw whole (their
    /// events, for the info callback, come when it runs).
    /// A failed connection's machine stays where it failed.
    fn replay_steps(&mut self) {
        if self.trace.tap.steps_pending() == 0 {
            return;
        }
        let steps = self.trace.tap.drain_steps();
        if self.fatal {
            return;
        }
        let mut full = false;
        for step in steps {
            full |= self.trace.machine.input(Input::Message(step));
        }
        if full {
            self.run_machine();
        }
    }

    /// Runs the state machine's inputs kept so far, the tap taking the
    /// chunks of its log at their places, and queues the events of this
    /// call's for the info callback.
    pub(super) fn run_machine(&mut self) {
        let State {
            trace,
            capture,
            pending_callbacks,
            ..
        } = self;
        let Trace {
            tap,
            log: tap_log,
            machine,
        } = &mut **trace;
        machine.run(&mut pending_callbacks.info, &mut |emit| {
            let Some((write, bytes, settle)) = tap_log.next_chunk() else {
                return;
            };
            tap.bytes(write, bytes, &|name| secret_of(capture, name));
            if settle {
                tap.settle(write);
            }
            for step in tap.drain_steps() {
                emit(step);
            }
        });
        tap_log.compact();
        pending_callbacks.messages.extend(tap.drain_events());
        forget_secrets_if_done(tap, capture);
    }

    /// At the end of a call: runs the machine's new inputs if an info hook
    /// will be told their events (`hook`), else marks them untold.
    pub(super) fn end_call_for_machine(&mut self, hook: bool) {
        if self.trace.machine.has_new_inputs() {
            if hook {
                self.run_machine();
            } else {
                self.trace.machine.end_untold();
            }
        }
    }
}

/// Gives `tap` bytes written or read, with the secrets captured so far, and
/// queues the events it reports for the message callback.
fn tap_bytes(
    tap: &mut MessageTap,
    capture: &SharedHandshakeCapture,
    pending: &mut super::state::PendingCallbacks,
    write: bool,
    bytes: &[u8],
) {
    if tap.idle() || bytes.is_empty() {
        return;
    }
    tap.bytes(write, bytes, &|name| secret_of(capture, name));
    pending.messages.extend(tap.drain_events());
    forget_secrets_if_done(tap, capture);
}

/// The secret the key log gave under `name`, if it did.
fn secret_of(capture: &SharedHandshakeCapture, name: SecretName) -> Option<Secret> {
    let c = capture.lock();
    let label = match name {
        SecretName::Master => return c.master_secret.clone(),
        SecretName::Handshake { client: true } => "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
        SecretName::Handshake { client: false } => "SERVER_HANDSHAKE_TRAFFIC_SECRET",
        SecretName::Application { client: true } => "CLIENT_TRAFFIC_SECRET_0",
        SecretName::Application { client: false } => "SERVER_TRAFFIC_SECRET_0",
        SecretName::Early => "CLIENT_EARLY_TRAFFIC_SECRET",
    };
    c.traffic_secrets
        .iter()
        .rev()
        .find(|(l, _)| *l == label)
        .map(|(_, s)| s.clone())
}

/// Drops the traffic secrets once the tap has nothing more to open.
fn forget_secrets_if_done(tap: &MessageTap, capture: &SharedHandshakeCapture) {
    if tap.idle() && !tap.holds() {
        capture.lock().traffic_secrets.clear();
    }
}
