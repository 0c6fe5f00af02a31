//! Client sessions written out by `i2d_SSL_SESSION` and read back by
//! `d2i_SSL_SESSION` in the same process. rustls cannot export a client's
//! resumption value (rustls issue 2287), so the encoding of a client session
//! carries a token instead: 16 random bytes naming the live value in this
//! process's table. `d2i` in the same process finds the value again and the
//! session resumes; in another process (or once the entry is gone) the token
//! names nothing and the session decodes not resumable, as before.
//!
//! The table holds the values strongly (an application frees its session
//! right after `i2d`, as HAProxy does), so it is bounded: an entry lives until
//! its session expires, and the oldest entry goes when the table is full.

use std::sync::{Arc, LazyLock};

use parking_lot::Mutex;

use super::session::SharedResumption;

/// The length of a token.
pub const TOKEN_LEN: usize = 16;
/// A token naming an exported value.
pub type ExportToken = [u8; TOKEN_LEN];
/// How many values the process's table keeps at most.
pub const EXPORTED_CAPACITY: usize = 1024;

/// What a token must be read back with to find its value: the session's
/// protocol version and cipher suite, so that bytes changed after `i2d`
/// cannot pair a value with other parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportKey {
    /// Wire protocol version.
    pub protocol_version: u16,
    /// IANA cipher suite number.
    pub cipher_suite: u16,
}

struct Entry {
    token: ExportToken,
    value: Arc<SharedResumption>,
    key: ExportKey,
    expires_at: i64,
}

/// A table of exported values, bounded in size and time. A plain list, oldest
/// first: it is small, and a list's memory stays reachable from the static
/// (a hash table's would look lost to valgrind at exit).
pub struct ExportedValues {
    entries: Mutex<Vec<Entry>>,
    capacity: usize,
}

static PROCESS: LazyLock<ExportedValues> = LazyLock::new(|| ExportedValues::new(EXPORTED_CAPACITY));

/// A new random token, or `None` when the system has no randomness to give.
pub fn new_token() -> Option<ExportToken> {
    let mut token = [0u8; TOKEN_LEN];
    aws_lc_rs::rand::fill(&mut token).ok()?;
    Some(token)
}

impl ExportedValues {
    /// An empty table keeping at most `capacity` values.
    pub fn new(capacity: usize) -> Self {
        ExportedValues {
            entries: Mutex::new(Vec::new()),
            capacity,
        }
    }

    /// The process's table.
    pub fn process() -> &'static ExportedValues {
        &PROCESS
    }

    /// Keeps `value` under `token` until `expires_at` (seconds since the
    /// epoch), replacing what the token named; expired entries go first, then
    /// the oldest while the table is full.
    pub fn keep(
        &self,
        token: ExportToken,
        value: Arc<SharedResumption>,
        key: ExportKey,
        expires_at: i64,
        now: i64,
    ) {
        if expires_at < now || self.capacity == 0 {
            return;
        }
        let mut entries = self.entries.lock();
        entries.retain(|e| e.token != token);
        if entries.len() >= self.capacity {
            entries.retain(|e| e.expires_at >= now);
        }
        if entries.len() >= self.capacity {
            let excess = entries.len() + 1 - self.capacity;
            entries.drain(..excess);
        }
        entries.push(Entry {
            token,
            value,
            key,
            expires_at,
        });
    }

    /// The value `token` names, if it is here, unexpired at `now` and was
    /// kept with `key`.
    pub fn find(
        &self,
        token: &ExportToken,
        key: ExportKey,
        now: i64,
    ) -> Option<Arc<SharedResumption>> {
        let mut entries = self.entries.lock();
        let at = entries.iter().position(|e| e.token == *token)?;
        if entries[at].expires_at < now {
            entries.remove(at);
            return None;
        }
        let entry = &entries[at];
        (entry.key == key).then(|| entry.value.clone())
    }

    /// How many values the table holds.
    pub fn len(&self) -> usize {
        self.entries.lock().len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Resumption;

    const KEY: ExportKey = ExportKey {
        protocol_version: 0x0304,
        cipher_suite: 0x1301,
    };

    fn value() -> Arc<SharedResumption> {
        Arc::new(SharedResumption::new(Resumption::None))
    }

    #[test]
    fn a_kept_value_is_found_with_its_key_only() {
        let table = ExportedValues::new(4);
        let v = value();
        table.keep([1; 16], v.clone(), KEY, 200, 100);
        assert!(Arc::ptr_eq(&table.find(&[1; 16], KEY, 150).unwrap(), &v));
        // Found again: d2i of the same bytes twice.
        assert!(table.find(&[1; 16], KEY, 150).is_some());
        let other = ExportKey {
            cipher_suite: 0x1302,
            ..KEY
        };
        assert!(table.find(&[1; 16], other, 150).is_none());
        assert!(table.find(&[2; 16], KEY, 150).is_none());
    }

    #[test]
    fn an_expired_value_is_gone() {
        let table = ExportedValues::new(4);
        table.keep([1; 16], value(), KEY, 200, 100);
        assert!(table.find(&[1; 16], KEY, 200).is_some());
        assert!(table.find(&[1; 16], KEY, 201).is_none());
        assert!(table.is_empty());
        table.keep([2; 16], value(), KEY, 99, 100);
        assert!(table.is_empty());
    }

    #[test]
    fn a_full_table_drops_expired_then_oldest() {
        let table = ExportedValues::new(3);
        table.keep([1; 16], value(), KEY, 1000, 100);
        table.keep([2; 16], value(), KEY, 150, 100);
        table.keep([3; 16], value(), KEY, 1000, 100);
        // At 200 entry 2 has expired: it goes, 1 stays.
        table.keep([4; 16], value(), KEY, 1000, 200);
        assert_eq!(table.len(), 3);
        assert!(table.find(&[1; 16], KEY, 200).is_some());
        assert!(table.find(&[2; 16], KEY, 200).is_none());
        // Nothing expired: the oldest (1) goes.
        table.keep([5; 16], value(), KEY, 1000, 200);
        assert_eq!(table.len(), 3);
        assert!(table.find(&[1; 16], KEY, 200).is_none());
        assert!(table.find(&[5; 16], KEY, 200).is_some());
        // Kept again, a value is the newest.
        table.keep([3; 16], value(), KEY, 1000, 200);
        table.keep([6; 16], value(), KEY, 1000, 200);
        assert!(table.find(&[3; 16], KEY, 200).is_some());
        assert!(table.find(&[4; 16], KEY, 200).is_none());
    }

    #[test]
    fn tokens_are_random() {
        assert_ne!(new_token(), new_token());
    }

    #[test]
    fn the_table_lets_values_go() {
        let table = ExportedValues::new(1);
        let v = value();
        table.keep([1; 16], v.clone(), KEY, 1000, 100);
        table.keep([2; 16], value(), KEY, 1000, 100);
        assert_eq!(Arc::strong_count(&v), 1);
    }
}
