//! Sessions and the stores that keep them. Nothing here knows about C.

mod attachments;
mod client_cache;
mod client_fields;
mod client_value;
mod clock;
mod codec;
mod cursor;
mod details;
mod exported;
mod id_context;
mod print;
mod secret;
mod server_cache;
mod server_value;
#[allow(clippy::module_inception)]
mod session;
mod stats;
mod store;

pub use attachments::Attachment;
pub use client_cache::ClientCache;
pub use client_fields::SpentTicket;
pub use client_value::ClientValueFields;
pub use clock::now_secs;
pub use codec::DecodeError;
pub(crate) use cursor::ByteCursor;
pub use details::{DetailError, SessionDetails, MAX_MASTER_KEY_LENGTH};
pub use exported::{ExportKey, ExportToken, ExportedValues, EXPORTED_CAPACITY};
pub use id_context::{id_context, MAX_ID_CONTEXT_LEN};
pub use print::{dump_indented, keylog_line, protocol_name, session_report, PrintNames};
pub use secret::Secret;
pub use server_cache::{Lookup, ServerCache, DEFAULT_CACHE_SIZE};
pub use server_value::{with_application_data, ServerValueFields};
pub use session::{
    Resumption, Session, SessionId, SessionParameters, SharedResumption, Side, DEFAULT_TIMEOUT_SECS,
};
pub use stats::CacheStats;
pub use store::{
    MemoryStore, RedisStore, RedisStoreConfig, Sealer, SessionStore, SharedStore, ShortSecret,
    StoreStats, StoreUrlError, TicketKeyPair, MAX_SEALED_LEN, MIN_SECRET_LEN, TICKET_KEY_LEN,
};
