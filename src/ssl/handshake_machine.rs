//! OpenSSL's handshake state machine replayed from the messages a
//! connection writes and reads (the message tap's steps): the state
//! `SSL_get_state` reports and the info callback's events in OpenSSL 3.0's
//! order. OpenSSL's machine alternates a write run and a read run; before
//! each message it writes or reads it reports a loop in the state it leaves,
//! and a write run ends with one more loop (the transition that finds
//! nothing more to write). A handshake starts with a write run (empty for a
//! server), ends with that last loop, `SSL_CB_HANDSHAKE_DONE` and an exit;
//! a call that must wait for the transport exits with -1. TLS 1.3's
//! messages after the handshake (tickets, key updates) are each a run of
//! their own, with no start or done.

use super::handshake_state::HandshakeState;
use super::info_where;
use super::message_tap::MessageStep;

mod lazy;
pub use lazy::{Input, LazyMachine};

/// One event for the info callback: OpenSSL's `where` and `ret`, and the
/// state `SSL_get_state` reports while the callback runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InfoEvent {
    pub where_: i32,
    pub ret: i32,
    pub state: HandshakeState,
}

/// The events of one call: a handshake call queues a few, the first kept
/// inline (few enough that a connection stays small).
pub type InfoEvents = smallvec::SmallVec<[InfoEvent; 4]>;

/// The machine (see the module).
#[derive(Clone, Debug)]
pub struct HandshakeMachine {
    server: bool,
    state: HandshakeState,
    /// A write run is open: its closing loop is still to come.
    writing: bool,
    /// A handshake is under way (between start and finish).
    in_handshake: bool,
    /// `SSL_CB_HANDSHAKE_DONE` was reported for this handshake.
    done_told: bool,
    /// The server accepted early data.
    early: bool,
    /// Early data ended a first part of the handshake (done, exit): the
    /// next message starts the rest (OpenSSL's `SSL_EARLY_DATA_*` states).
    restart: bool,
}

impl Default for HandshakeMachine {
    fn default() -> Self {
        HandshakeMachine {
            server: false,
            state: HandshakeState::Before,
            writing: false,
            in_handshake: false,
            done_told: false,
            early: false,
            restart: false,
        }
    }
}

const NST: u8 = 4;
const END_OF_EARLY_DATA: u8 = 5;
const FINISHED: u8 = 20;

impl HandshakeMachine {
    /// The state now.
    pub fn state(&self) -> HandshakeState {
        self.state
    }

    fn side(&self) -> i32 {
        if self.server {
            info_where::ACCEPT
        } else {
            info_where::CONNECT
        }
    }

    fn event(&self, out: &mut InfoEvents, where_: i32, ret: i32) {
        out.push(InfoEvent {
            where_,
            ret,
            state: self.state,
        });
    }

    fn looped(&self, out: &mut InfoEvents) {
        self.event(out, self.side() | info_where::LOOP, 1);
    }

    /// An event not of the machine's own (an alert), in the state now.
    pub fn other(&self, out: &mut InfoEvents, where_: i32, ret: i32) {
        self.event(out, where_, ret);
    }

    /// A handshake begins (the first handshake call of a server or client).
    pub fn start(&mut self, server: bool, out: &mut InfoEvents) {
        *self = HandshakeMachine {
            server,
            in_handshake: true,
            writing: true,
            ..HandshakeMachine::default()
        };
        self.event(out, info_where::HANDSHAKE_START, 1);
    }

    /// A handshake message (or ChangeCipherSpec) was written or read.
    pub fn message(&mut self, step: MessageStep, out: &mut InfoEvents) {
        let MessageStep {
            write, kind, tls13, ..
        } = step;
        self.early |= step.early_accepted;
        let Some(next) = HandshakeState::after_message(self.server, write, kind, tls13) else {
            return;
        };
        if std::mem::take(&mut self.restart) {
            self.writing = true;
            self.done_told = false;
            self.event(out, info_where::HANDSHAKE_START, 1);
        }
        let after_handshake = !self.in_handshake;
        if after_handshake {
            self.writing = true;
        }
        if !write && self.writing {
            self.looped(out);
            self.writing = false;
        }
        if !self.server && write && kind == Some(END_OF_EARLY_DATA) {
            self.looped(out);
            self.state = HandshakeState::PendingEarlyDataEnd;
        }
        self.looped(out);
        self.state = next;
        self.writing |= write;
        let server13 = self.server && tls13 && write && self.in_handshake;
        if server13 && kind == Some(NST) && !self.done_told {
            // OpenSSL ends a TLS 1.3 server's handshake as it writes the first ticket.
            self.done_told = true;
            self.event(out, info_where::HANDSHAKE_DONE, 1);
        }
        if server13 && kind == Some(FINISHED) {
            self.looped(out);
            self.state = HandshakeState::EarlyData;
            if self.early {
                self.pause_for_early_data(out);
            }
        }
        if after_handshake {
            self.looped(out);
            self.state = HandshakeState::Ok;
            self.event(out, self.side() | info_where::EXIT, 1);
        }
    }

    /// A client's handshake call returns with its ClientHello out to write
    /// early data (`SSL_write_early_data`).
    pub fn client_early_pause(&mut self, out: &mut InfoEvents) {
        if self.server || self.restart || !self.in_handshake {
            return;
        }
        self.looped(out);
        self.state = HandshakeState::EarlyData;
        self.pause_for_early_data(out);
    }

    /// OpenSSL reports the handshake done while early data flows.
    fn pause_for_early_data(&mut self, out: &mut InfoEvents) {
        self.done_told = true;
        self.writing = false;
        self.restart = true;
        self.event(out, info_where::HANDSHAKE_DONE, 1);
        self.event(out, self.side() | info_where::EXIT, 1);
    }

    /// The handshake call returns to wait for the transport.
    pub fn wait(&mut self, out: &mut InfoEvents) {
        if self.restart {
            return;
        }
        if std::mem::take(&mut self.writing) {
            self.looped(out);
        }
        self.event(out, self.side() | info_where::EXIT, -1);
    }

    /// The handshake call failed.
    pub fn fail(&mut self, out: &mut InfoEvents) {
        self.writing = false;
        self.event(out, self.side() | info_where::EXIT, -1);
    }

    /// The handshake completed.
    pub fn finish(&mut self, out: &mut InfoEvents) {
        self.looped(out);
        self.writing = false;
        self.in_handshake = false;
        if !std::mem::replace(&mut self.done_told, true) {
            self.state = HandshakeState::Ok;
            self.event(out, info_where::HANDSHAKE_DONE, 1);
        }
        self.state = HandshakeState::Ok;
        self.event(out, self.side() | info_where::EXIT, 1);
    }
}

#[cfg(test)]
mod tests;
