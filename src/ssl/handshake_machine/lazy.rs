//! The handshake machine run only when something needs it: a connection
//! keeps the machine's inputs (messages, starts, exits, alerts) as they
//! come, and runs them through the machine when its state is asked for
//! (`SSL_get_state`), when an info hook is there to be told at the end of
//! a call, or when too many are kept. Most connections have no info hook
//! and never ask for the state during a handshake, and a finished
//! handshake's state is `TLS_ST_OK` without the machine, so most inputs
//! are never run. The state and events are the eager machine's: inputs
//! run in the order they came, and the events of inputs whose call ended
//! with nobody to tell are dropped, as the eager machine's were.

use super::{HandshakeMachine, InfoEvents};
use crate::ssl::handshake_state::HandshakeState;
use crate::ssl::message_tap::MessageStep;

/// One input of the machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// `HandshakeMachine::start`.
    Start { server: bool },
    /// `HandshakeMachine::message` (a `late` step's events are never told).
    Message(MessageStep),
    /// `HandshakeMachine::other`: an event not of the machine's own.
    Other { where_: i32, ret: i32 },
    /// `HandshakeMachine::client_early_pause`.
    ClientEarlyPause,
    /// `HandshakeMachine::wait`.
    Wait,
    /// `HandshakeMachine::fail`.
    Fail,
    /// `HandshakeMachine::finish`.
    Finish,
    /// The messages the tap finds in the next chunk of its log
    /// (`message_tap::TapLog`), which it takes when the machine runs;
    /// `moves`: whether they move the machine (not on a failed connection).
    Tapped { moves: bool },
}

/// Gives the messages of the next chunk of the tap's log, one at a time,
/// to the function it is handed (`LazyMachine::run`).
pub type TapTaker<'a> = dyn FnMut(&mut dyn FnMut(MessageStep)) + 'a;

/// The most inputs kept before they are run: a handshake has a few dozen.
const KEPT_LIMIT: usize = 64;

/// The machine and the inputs it has not run yet (see the module).
#[derive(Clone, Debug, Default)]
pub struct LazyMachine {
    machine: HandshakeMachine,
    inputs: smallvec::SmallVec<[Input; 16]>,
    /// `inputs[..untold]` came in calls that ended with nobody to tell:
    /// when run, their events are dropped.
    untold: usize,
}

impl LazyMachine {
    /// Keeps `input`; whether so many are kept that they should run.
    pub fn input(&mut self, input: Input) -> bool {
        self.inputs.push(input);
        self.inputs.len() >= KEPT_LIMIT
    }

    /// Whether inputs came since the last `run` or `end_untold`.
    pub fn has_new_inputs(&self) -> bool {
        self.inputs.len() > self.untold
    }

    /// The call that gave the inputs kept ends with nobody to tell of
    /// their events.
    pub fn end_untold(&mut self) {
        self.untold = self.inputs.len();
    }

    /// Runs the inputs kept, in order: the events of those not untold (and
    /// not `late` messages) go to `out`. At each `Tapped` input `tapped` is
    /// called to give the messages of the next chunk of the tap's log.
    pub fn run(&mut self, out: &mut InfoEvents, tapped: &mut TapTaker<'_>) {
        if self.inputs.is_empty() {
            return;
        }
        let mut dropped = InfoEvents::new();
        let untold = std::mem::take(&mut self.untold);
        let m = &mut self.machine;
        for (i, input) in self.inputs.drain(..).enumerate() {
            let told = i >= untold;
            if let Input::Tapped { moves } = input {
                tapped(&mut |step| {
                    if moves {
                        let events = if told && !step.late {
                            &mut *out
                        } else {
                            &mut dropped
                        };
                        m.message(step, events);
                        dropped.clear();
                    }
                });
                continue;
            }
            let events = match input {
                Input::Message(step) if step.late => &mut dropped,
                _ if !told => &mut dropped,
                _ => &mut *out,
            };
            match input {
                Input::Start { server } => m.start(server, events),
                Input::Message(step) => m.message(step, events),
                Input::Other { where_, ret } => m.other(events, where_, ret),
                Input::ClientEarlyPause => m.client_early_pause(events),
                Input::Wait => m.wait(events),
                Input::Fail => m.fail(events),
                Input::Finish => m.finish(events),
                Input::Tapped { .. } => {}
            }
            dropped.clear();
        }
    }

    /// The machine's state after the inputs run so far (`run` first for
    /// the state now).
    pub fn state(&self) -> HandshakeState {
        self.machine.state()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(write: bool, kind: u8, late: bool) -> Input {
        Input::Message(MessageStep {
            write,
            kind: Some(kind),
            tls13: false,
            early_accepted: false,
            late,
        })
    }

    /// A TLS 1.2 client's resumption: hello out, server hello, CCS and
    /// Finished in, CCS and Finished out.
    fn resumption() -> Vec<Input> {
        let ccs = |write| {
            Input::Message(MessageStep {
                write,
                kind: None,
                tls13: false,
                early_accepted: false,
                late: false,
            })
        };
        vec![
            Input::Start { server: false },
            step(true, 1, false),
            Input::Wait,
            step(false, 2, false),
            ccs(false),
            step(false, 20, false),
            ccs(true),
            step(true, 20, false),
            Input::Finish,
        ]
    }

    /// Runs `m`'s inputs, with no tapped chunk to give.
    fn run(m: &mut LazyMachine, out: &mut InfoEvents) {
        m.run(out, &mut |_| panic!("no chunk was tapped"));
    }

    fn eager(inputs: &[Input]) -> (HandshakeState, InfoEvents) {
        let mut m = LazyMachine::default();
        let mut out = InfoEvents::new();
        for &i in inputs {
            m.input(i);
            run(&mut m, &mut out);
        }
        (m.state(), out)
    }

    #[test]
    fn running_late_gives_the_eager_state_and_events() {
        let inputs = resumption();
        let (state, events) = eager(&inputs);
        let mut m = LazyMachine::default();
        let mut out = InfoEvents::new();
        for &i in &inputs {
            m.input(i);
        }
        assert!(out.is_empty());
        assert!(m.has_new_inputs());
        run(&mut m, &mut out);
        assert_eq!((m.state(), out), (state, events));
        assert!(!m.has_new_inputs());
    }

    #[test]
    fn untold_inputs_move_the_state_without_events() {
        let inputs = resumption();
        let (_, all) = eager(&inputs);
        let (first, rest) = inputs.split_at(3);
        let mut m = LazyMachine::default();
        let mut out = InfoEvents::new();
        first.iter().for_each(|&i| {
            m.input(i);
        });
        m.end_untold();
        assert!(!m.has_new_inputs());
        rest.iter().for_each(|&i| {
            m.input(i);
        });
        run(&mut m, &mut out);
        let (_, told_first) = eager(first);
        assert_eq!(&out[..], &all[told_first.len()..]);
        assert_eq!(m.state(), HandshakeState::Ok);
    }

    #[test]
    fn late_messages_are_never_told() {
        let mut m = LazyMachine::default();
        let mut out = InfoEvents::new();
        m.input(Input::Start { server: true });
        run(&mut m, &mut out);
        let told = out.len();
        m.input(step(false, 1, true));
        run(&mut m, &mut out);
        assert_eq!(out.len(), told);
        assert_ne!(m.state(), HandshakeState::Before);
    }

    #[test]
    fn inputs_kept_are_bounded() {
        let mut m = LazyMachine::default();
        let mut out = InfoEvents::new();
        for _ in 0..10 * KEPT_LIMIT {
            let full = m.input(Input::Other {
                where_: 0x4004,
                ret: 0x100,
            });
            if full {
                run(&mut m, &mut out);
            }
            assert!(m.inputs.len() < KEPT_LIMIT);
        }
        run(&mut m, &mut out);
        assert_eq!(out.len(), 10 * KEPT_LIMIT);
    }

    #[test]
    fn tapped_chunks_give_their_messages_in_place() {
        let inputs = resumption();
        let (state, events) = eager(&inputs);
        // The same inputs, each run of messages given by a tapped chunk.
        let mut chunks: Vec<Vec<MessageStep>> = Vec::new();
        let mut m = LazyMachine::default();
        for &i in &inputs {
            match i {
                Input::Message(step) => {
                    if !matches!(m.inputs.last(), Some(Input::Tapped { .. })) {
                        m.input(Input::Tapped { moves: true });
                        chunks.push(Vec::new());
                    }
                    chunks.last_mut().unwrap().push(step);
                }
                other => {
                    m.input(other);
                }
            }
        }
        let mut out = InfoEvents::new();
        let mut given = chunks.into_iter();
        m.run(&mut out, &mut |emit| {
            for step in given.next().expect("a chunk per marker") {
                emit(step);
            }
        });
        assert!(given.next().is_none(), "every chunk given");
        assert_eq!((m.state(), out), (state, events));
    }

    #[test]
    fn tapped_chunks_of_a_failed_connection_do_not_move_it() {
        let mut m = LazyMachine::default();
        let mut out = InfoEvents::new();
        m.input(Input::Start { server: false });
        run(&mut m, &mut out);
        let (state, told) = (m.state(), out.len());
        m.input(Input::Tapped { moves: false });
        let mut asked = false;
        m.run(&mut out, &mut |emit| {
            asked = true;
            if let Input::Message(step) = step(false, 2, false) {
                emit(step);
            }
        });
        assert!(asked, "the tap still takes the chunk");
        assert_eq!((m.state(), out.len()), (state, told));
    }
}
