//! The second tier under a `ServerCache`: a store that servers share.
//! `MemoryStore` keeps sessions in this process (contexts of one process
//! share them); `RedisStore` shares them across machines through Redis,
//! sealed under a fleet secret.

mod memory;
mod record;
mod redis_link;
mod redis_store;
mod redis_tickets;
mod seal;
mod stats;
mod ticket_pair;

use std::sync::Arc;

use super::session::Session;

pub use memory::MemoryStore;
pub use redis_link::StoreUrlError;
pub use redis_store::{RedisStore, RedisStoreConfig};
pub use seal::{Sealer, ShortSecret, MAX_SEALED_LEN, MIN_SECRET_LEN};
pub use stats::StoreStats;
pub use ticket_pair::{TicketKeyPair, TICKET_KEY_LEN};

/// A store of server sessions shared beyond one cache. Every method is
/// bounded in time: a store that is away or slow answers nothing.
pub trait SessionStore: Send + Sync + std::fmt::Debug {
    /// The live session under `id` made under `id_context`, recreated as a
    /// session of the context `owner`.
    fn load(&self, id: &[u8], id_context: &[u8], owner: u64) -> Option<Arc<Session>>;
    /// Keeps a server session until it times out (possibly later, from another thread).
    fn save(&self, session: &Session);
    /// Forgets the session under `id` and `id_context`.
    fn delete(&self, id: &[u8], id_context: &[u8]);
    /// The store's counters.
    fn stats(&self) -> &StoreStats;
    /// The fleet's ticket keys, if this store shares them (`None` also
    /// when the store is away: the context's own keys serve meanwhile).
    fn ticket_keys(&self) -> Option<TicketKeyPair> {
        None
    }
}

/// A store shared by reference.
pub type SharedStore = Arc<dyn SessionStore>;

#[cfg(test)]
mod tests;
