//! sessl: OpenSSL 3's libssl session API over rustls.
//!
//! The crate has three layers: [`session`] (sessions and caches, usable
//! directly with rustls), [`ssl`] (contexts and connections with OpenSSL's
//! semantics) and, with the `capi` feature, the C ABI.

pub mod session;
pub mod ssl;

#[cfg(feature = "capi")]
pub mod ffi;

pub use session::{ClientCache, ServerCache, Session};
