//! Two caches over one second tier; a Redis store with nothing behind it.

use std::sync::Arc;
use std::time::Duration;

use super::*;
use crate::session::{Lookup, ServerCache};

fn session(id: &[u8], ctx: &[u8]) -> Arc<Session> {
    Arc::new(Session::from_server_value(
        1,
        id.to_vec(),
        ctx.to_vec(),
        300,
        b"rustls value".to_vec(),
    ))
}

#[test]
fn a_session_added_to_one_cache_resumes_from_another() {
    let store: SharedStore = Arc::new(MemoryStore::new());
    let (a, b) = (
        ServerCache::with_owner(10, 1),
        ServerCache::with_owner(10, 2),
    );
    a.set_store(Some(store.clone()));
    b.set_store(Some(store.clone()));
    a.insert(session(b"id", b"ctx"));
    assert!(matches!(b.lookup(b"id", b"other ctx"), Lookup::Miss));
    let Lookup::Hit(found) = b.lookup(b"id", b"ctx") else {
        panic!("not found through the store")
    };
    assert_eq!(found.owner(), 2);
    assert_eq!(found.server_value().as_deref(), Some(&b"rustls value"[..]));
    assert_eq!(b.len(), 1, "kept in the local cache");
    assert_eq!(store.stats().snapshot()[..2], [1, 1]);
    // Found locally now: the store is not asked.
    assert!(matches!(b.lookup(b"id", b"ctx"), Lookup::Hit(_)));
    assert_eq!(store.stats().snapshot()[0], 1);
    // A removal reaches the store.
    a.remove(b"id");
    let c = ServerCache::with_owner(10, 3);
    c.set_store(Some(store));
    assert!(matches!(c.lookup(b"id", b"ctx"), Lookup::Miss));
}

#[test]
fn expired_and_unresumable_sessions_are_not_shared() {
    let store = Arc::new(MemoryStore::new());
    let old = session(b"old", b"");
    old.set_time(10);
    store.save(&old);
    let gone = session(b"gone", b"");
    gone.mark_not_resumable();
    store.save(&gone);
    assert!(store.is_empty());
}

#[test]
fn urls_standalone_unix_and_cluster_are_understood() {
    for url in [
        "redis://127.0.0.1:1/2",
        "unix:///tmp/redis.sock",
        "redis+cluster://127.0.0.1:1,127.0.0.1:2",
        "redis://127.0.0.1:1,redis://127.0.0.1:2",
    ] {
        let store = RedisStore::new(RedisStoreConfig::new(url), &[9; 32]);
        assert!(store.is_ok(), "{url}: {store:?}");
    }
    assert!(RedisStore::new(RedisStoreConfig::new("http://x"), &[9; 32]).is_err());
    assert!(RedisStore::new(RedisStoreConfig::new("redis://x"), &[9; 31]).is_err());
}

#[test]
fn a_redis_store_that_is_away_answers_nothing_and_counts() {
    // A port nobody listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut config = RedisStoreConfig::new(&format!("redis://127.0.0.1:{port}"));
    config.read_timeout = Duration::from_millis(50);
    let store = RedisStore::new(config, &[5; 32]).unwrap();
    assert!(store.load(b"id", b"ctx", 1).is_none());
    let [hits, misses, errors, timeouts, _] = store.stats().snapshot();
    assert_eq!((hits, misses), (0, 0));
    assert_eq!(errors + timeouts, 1);
    // Backing off: the next read does not try.
    assert!(store.load(b"id", b"ctx", 1).is_none());
    assert_eq!(store.stats().snapshot()[2] + store.stats().snapshot()[3], 2);
}

#[test]
fn a_command_past_its_deadline_is_not_sent_and_counts_a_timeout() {
    let store = RedisStore::new(RedisStoreConfig::new("redis://127.0.0.1:1"), &[3; 32]).unwrap();
    let past = std::time::Instant::now();
    assert_eq!(store.read_by("sessl:x", past), None);
    let [hits, misses, errors, timeouts, drops] = store.stats().snapshot();
    assert_eq!((hits, misses, errors, timeouts, drops), (0, 0, 0, 1, 0));
}
