//! A store's counters: hits, misses, errors, timeouts and dropped writes.

use std::sync::atomic::{AtomicU64, Ordering};

/// What a store counted since it was made.
#[derive(Debug, Default)]
pub struct StoreStats {
    /// Reads that found a session.
    pub hits: AtomicU64,
    /// Reads that found nothing (or nothing that could be opened).
    pub misses: AtomicU64,
    /// Commands that failed, values refused (garbage, too long, moved), store away.
    pub errors: AtomicU64,
    /// Commands that ran out of time.
    pub timeouts: AtomicU64,
    /// Writes dropped because the queue was full.
    pub drops: AtomicU64,
}

impl StoreStats {
    /// Adds one to a counter.
    pub fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The counters as (hits, misses, errors, timeouts, drops).
    pub fn snapshot(&self) -> [u64; 5] {
        [
            &self.hits,
            &self.misses,
            &self.errors,
            &self.timeouts,
            &self.drops,
        ]
        .map(|c| c.load(Ordering::Relaxed))
    }

    /// One line for the log.
    pub fn summary(&self) -> String {
        let [h, m, e, t, d] = self.snapshot();
        format!("hits {h}, misses {m}, errors {e}, timeouts {t}, queue drops {d}")
    }
}
