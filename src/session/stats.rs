//! Session cache counters (OpenSSL's `SSL_CTX_sess_*` statistics).

use std::sync::atomic::{AtomicU64, Ordering};

/// The counters a context keeps about its handshakes and its cache.
#[derive(Debug, Default)]
pub struct CacheStats {
    /// Client handshakes started (`SSL_CTX_sess_connect`).
    pub connect: AtomicU64,
    /// Client handshakes completed (`SSL_CTX_sess_connect_good`).
    pub connect_good: AtomicU64,
    /// Server handshakes started (`SSL_CTX_sess_accept`).
    pub accept: AtomicU64,
    /// Server handshakes completed (`SSL_CTX_sess_accept_good`).
    pub accept_good: AtomicU64,
    /// Sessions resumed from the internal cache (`SSL_CTX_sess_hits`).
    pub hits: AtomicU64,
    /// Sessions resumed through the get callback (`SSL_CTX_sess_cb_hits`).
    pub cb_hits: AtomicU64,
    /// Lookups that found nothing (`SSL_CTX_sess_misses`).
    pub misses: AtomicU64,
    /// Lookups that found an expired session (`SSL_CTX_sess_timeouts`).
    pub timeouts: AtomicU64,
    /// Sessions evicted because the cache was full (`SSL_CTX_sess_cache_full`).
    pub cache_full: AtomicU64,
}

impl CacheStats {
    /// Adds one to a counter.
    pub fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Reads a counter.
    pub fn read(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }
}
