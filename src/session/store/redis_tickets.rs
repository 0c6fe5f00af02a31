//! The fleet's ticket keys in Redis: one sealed current/previous pair under
//! `PREFIX tk`, made by the first server that finds none (`SET NX`), rotated
//! by the first that finds it due (the one that takes the pair's lock,
//! `PREFIX tk:rotating:CREATED`), read again by each process every 30 s at
//! most and as soon as its copy is due.

use std::time::{Duration, Instant};

use super::{RedisStore, StoreStats, TicketKeyPair};
use crate::session::now_secs;

/// How long a process uses the pair it read before reading it again.
const REREAD: Duration = Duration::from_secs(30);

impl RedisStore {
    fn tickets_key(&self) -> String {
        format!("{}tk", self.config.key_prefix)
    }

    fn rotation_secs(&self) -> i64 {
        self.config.ticket_rotation.as_secs().max(1) as i64
    }

    /// The pair to use now: the one read less than 30 s ago (and not due),
    /// else read (made or rotated if need be) from Redis; while Redis is
    /// away, the last one read, if any.
    /// A held pair gives only the keys still good at its age (see
    /// `TicketKeyPair::usable_at`), none once its current key is two periods old.
    pub(super) fn fleet_ticket_keys(&self) -> Option<TicketKeyPair> {
        let now = now_secs();
        let period = self.rotation_secs();
        let held = self.tickets.lock().clone();
        if let Some((at, pair)) = &held {
            if at.elapsed() < REREAD && !pair.due(now, period) {
                return Some(pair.clone());
            }
        }
        let Some(pair) = self.read_or_make_pair(now, self.deadline()) else {
            return held.and_then(|(_, p)| p.usable_at(now, period));
        };
        *self.tickets.lock() = Some((Instant::now(), pair.clone()));
        pair.usable_at(now, period)
    }

    fn read_pair(&self, deadline: Instant) -> Option<Option<TicketKeyPair>> {
        let sealed = self.read_by(&self.tickets_key(), deadline)?;
        if sealed.is_empty() {
            return Some(None);
        }
        let pair = TicketKeyPair::open(&self.sealer, &sealed);
        if pair.is_none() {
            StoreStats::bump(&self.stats.errors);
        }
        pair.map(Some)
    }

    /// Writes `pair` (only if there is none, with `only_new`).
    fn write_pair(&self, pair: &TicketKeyPair, only_new: bool, deadline: Instant) -> Option<()> {
        let mut cmd = redis::cmd("SET");
        cmd.arg(self.tickets_key())
            .arg(pair.seal(&self.sealer))
            .arg("EX")
            .arg(2 * self.rotation_secs());
        if only_new {
            cmd.arg("NX");
        }
        self.run_by::<redis::Value>(&cmd, deadline).map(|_| ())
    }

    /// The pair, made or rotated if need be, every command answered by
    /// `deadline` (one handshake waits no longer than the read timeout).
    fn read_or_make_pair(&self, now: i64, deadline: Instant) -> Option<TicketKeyPair> {
        let pair = match self.read_pair(deadline)? {
            Some(pair) => pair,
            None => {
                self.write_pair(&TicketKeyPair::fresh(now)?, true, deadline)?;
                // Ours, or the one another server wrote first.
                self.read_pair(deadline)??
            }
        };
        if !pair.due(now, self.rotation_secs()) {
            return Some(pair);
        }
        // One server rotates a given pair: the one that takes its lock (held
        // long enough to write; if that server failed, another rotates after
        // the lock's 30 s at most).
        let mut lock = redis::cmd("SET");
        lock.arg(format!("{}:rotating:{}", self.tickets_key(), pair.created))
            .arg(1)
            .arg("NX")
            .arg("EX")
            .arg(self.rotation_secs().min(30));
        let won: Option<redis::Value> = self.run_by(&lock, deadline);
        if !matches!(won, Some(redis::Value::Okay)) {
            return Some(pair);
        }
        let next = pair.rotated(now)?;
        self.write_pair(&next, false, deadline)?;
        log::info!("session store {}: ticket keys rotated", self.config.url);
        Some(next)
    }
}
