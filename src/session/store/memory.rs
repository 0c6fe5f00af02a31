//! `MemoryStore`: the embedded second tier, sessions kept in this process
//! (every cache given the same store shares them). Nothing to start.

use std::sync::Arc;

use hashbrown::HashMap;
use parking_lot::Mutex;

use super::record;
use super::{SessionStore, StoreStats};
use crate::session::{now_secs, Session};

/// Records by (id context, id).
type Records = HashMap<(Vec<u8>, Vec<u8>), Vec<u8>>;

/// Sessions by (id context, id), as records; an expired one is never given back.
#[derive(Debug, Default)]
pub struct MemoryStore {
    records: Mutex<Records>,
    stats: StoreStats,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    /// Number of records held (expired ones included until read).
    pub fn len(&self) -> usize {
        self.records.lock().len()
    }

    /// Whether the store holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl SessionStore for MemoryStore {
    fn load(&self, id: &[u8], id_context: &[u8], owner: u64) -> Option<Arc<Session>> {
        let key = (id_context.to_vec(), id.to_vec());
        let found = self.records.lock().get(&key).cloned();
        let s = found.and_then(|r| record::decode(&r, owner, id, id_context));
        match s {
            Some(s) if !s.expired() => {
                StoreStats::bump(&self.stats.hits);
                Some(Arc::new(s))
            }
            _ => {
                StoreStats::bump(&self.stats.misses);
                None
            }
        }
    }

    fn save(&self, session: &Session) {
        if record::seconds_left(session, now_secs()) == 0 {
            return;
        }
        if let Some(r) = record::encode(session) {
            let key = (session.id_context().to_vec(), session.id().to_vec());
            self.records.lock().insert(key, r.to_vec());
        }
    }

    fn delete(&self, id: &[u8], id_context: &[u8]) {
        self.records
            .lock()
            .remove(&(id_context.to_vec(), id.to_vec()));
    }

    fn stats(&self) -> &StoreStats {
        &self.stats
    }
}
