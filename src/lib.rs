//! sessl: OpenSSL 3's libssl session API over rustls.
//!
//! The crate has three layers: [`session`] (sessions and caches, usable
//! directly with rustls), [`ssl`] (contexts and connections with OpenSSL's
//! semantics) and, with the `capi` feature, the C ABI.
//!
//! The caches plug straight into rustls:
//!
//! ```
//! use std::sync::Arc;
//! use rustls::server::StoresServerSessions;
//! use sessl::session::CacheStats;
//!
//! // At most two sessions; give it to a rustls `ServerConfig` as `session_storage`.
//! let cache = Arc::new(sessl::ServerCache::new(2));
//! for id in [b"one", b"two", b"new"] {
//!     cache.put(id.to_vec(), vec![0; 8]);
//! }
//! assert_eq!(cache.len(), 2);
//! assert!(cache.get(b"one").is_none(), "the oldest was evicted");
//! assert_eq!(CacheStats::read(&cache.stats().cache_full), 1);
//! assert_eq!(cache.flush_expired(0).len(), 2, "flush at time 0 removes everything");
//! ```

#![deny(clippy::undocumented_unsafe_blocks)]

pub mod session;
pub mod ssl;

#[cfg(feature = "capi")]
pub mod ffi;

pub use session::{ClientCache, ServerCache, Session};
