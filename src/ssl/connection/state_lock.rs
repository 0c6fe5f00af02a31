//! The lock around a connection's `State`, and what a transport callback may
//! read while the connection holds it.
//!
//! A connection writes and reads its transport (a C BIO) with its state
//! locked. Some programs ask the connection about itself from inside those
//! BIO callbacks: Apache's output BIO calls `SSL_in_init` on every write to
//! decide whether to flush. The lock is not re-entrant, so those few facts
//! (role, handshake finished) are also published, each time the lock is
//! released or lent out, and read from there whenever the lock is held:
//! by the thread holding it (a BIO callback), or by another thread while a
//! call is under way (as OpenSSL's unlocked reads, it does not wait for a
//! blocking read to return).

use std::sync::atomic::{AtomicU8, Ordering};

use parking_lot::{Mutex, MutexGuard};

use super::state::State;
use super::Role;

/// What a connection can answer about itself without its lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Facts {
    pub(super) role: Option<Role>,
    /// `SSL_is_init_finished`: the handshake completed and nothing failed since.
    pub(super) init_finished: bool,
}

impl Facts {
    const CLIENT: u8 = 1;
    const SERVER: u8 = 2;
    const FINISHED: u8 = 4;

    /// The facts of `st` now.
    pub(super) fn of(st: &State) -> Self {
        Facts {
            role: st.role,
            init_finished: st.finished && !st.fatal,
        }
    }

    fn to_bits(self) -> u8 {
        let role = match self.role {
            None => 0,
            Some(Role::Client) => Self::CLIENT,
            Some(Role::Server) => Self::SERVER,
        };
        role | if self.init_finished {
            Self::FINISHED
        } else {
            0
        }
    }

    fn from_bits(bits: u8) -> Self {
        let role = if bits & Self::SERVER != 0 {
            Some(Role::Server)
        } else if bits & Self::CLIENT != 0 {
            Some(Role::Client)
        } else {
            None
        };
        Facts {
            role,
            init_finished: bits & Self::FINISHED != 0,
        }
    }
}

/// A connection's state behind its mutex, with the facts last published.
pub(super) struct StateLock {
    mutex: Mutex<State>,
    /// `Facts::to_bits` as of the last release or `StateGuard::publish`.
    facts: AtomicU8,
}

impl StateLock {
    pub(super) fn new(st: State) -> Self {
        let facts = Facts::of(&st).to_bits();
        StateLock {
            mutex: Mutex::new(st),
            facts: AtomicU8::new(facts),
        }
    }

    /// Locks the state.
    pub(super) fn lock(&self) -> StateGuard<'_> {
        StateGuard {
            inner: self.mutex.lock(),
            lock: self,
        }
    }

    /// The connection's facts: read under the lock when it is free, or, when
    /// it is held (a transport callback re-entering the connection, or a
    /// call on another thread), as last published.
    pub(super) fn facts(&self) -> Facts {
        match self.mutex.try_lock() {
            Some(st) => Facts::of(&st),
            None => Facts::from_bits(self.facts.load(Ordering::Acquire)),
        }
    }

    fn release(&self, st: &State) {
        self.facts.store(Facts::of(st).to_bits(), Ordering::Release);
    }
}

/// The locked state.
pub(super) struct StateGuard<'a> {
    inner: MutexGuard<'a, State>,
    lock: &'a StateLock,
}

impl StateGuard<'_> {
    /// Runs `f` with the lock released (for callbacks into the application).
    pub(super) fn unlocked<R>(s: &mut Self, f: impl FnOnce() -> R) -> R {
        s.lock.release(&s.inner);
        MutexGuard::unlocked(&mut s.inner, f)
    }

    /// Publishes the facts as they are now, for transport callbacks.
    pub(super) fn publish(&self) {
        self.lock
            .facts
            .store(Facts::of(&self.inner).to_bits(), Ordering::Release);
    }
}

impl std::ops::Deref for StateGuard<'_> {
    type Target = State;
    fn deref(&self) -> &State {
        &self.inner
    }
}

impl std::ops::DerefMut for StateGuard<'_> {
    fn deref_mut(&mut self) -> &mut State {
        &mut self.inner
    }
}

impl Drop for StateGuard<'_> {
    fn drop(&mut self) {
        self.lock.release(&self.inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssl::connection::state::ConnectionSettings;

    fn lock() -> StateLock {
        StateLock::new(State::new(
            None,
            ConnectionSettings::copied_from(&crate::ssl::settings::Settings::default()),
        ))
    }

    #[test]
    fn facts_round_trip_through_bits() {
        for role in [None, Some(Role::Client), Some(Role::Server)] {
            for init_finished in [false, true] {
                let f = Facts {
                    role,
                    init_finished,
                };
                assert_eq!(Facts::from_bits(f.to_bits()), f);
            }
        }
    }

    #[test]
    fn the_holding_thread_reads_the_published_facts_without_deadlock() {
        let l = lock();
        let mut st = l.lock();
        st.role = Some(Role::Server);
        // Not yet published: the holder sees the facts of the last release.
        assert_eq!(l.facts().role, None);
        st.publish();
        assert_eq!(l.facts().role, Some(Role::Server));
        st.finished = true;
        drop(st);
        assert_eq!(
            l.facts(),
            Facts {
                role: Some(Role::Server),
                init_finished: true
            }
        );
    }

    #[test]
    fn another_thread_reads_the_published_facts_while_the_lock_is_held() {
        let l = std::sync::Arc::new(lock());
        let mut st = l.lock();
        st.finished = true;
        st.publish();
        st.fatal = true;
        // Held here: the other thread does not wait, and reads what was published.
        let other = {
            let l = l.clone();
            std::thread::spawn(move || l.facts().init_finished)
        };
        assert!(other.join().unwrap());
        drop(st);
        // Free again: read under the lock, as released (failed, so not finished).
        assert!(!l.facts().init_finished);
    }

    #[test]
    fn unlocked_lets_a_callback_lock_again() {
        let l = lock();
        let mut st = l.lock();
        st.role = Some(Role::Client);
        let role = StateGuard::unlocked(&mut st, || l.lock().role);
        assert_eq!(role, Some(Role::Client));
        assert_eq!(l.facts().role, Some(Role::Client));
    }
}
