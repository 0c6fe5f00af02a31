//! A bounded, thread-safe map from a certificate's DER bytes to what was
//! made of them (the C ABI keeps parsed `X509`s in it, so a certificate
//! presented again is not parsed again). Keys are the bytes themselves and
//! compared whole: two certificates share an entry only when every byte is
//! equal. The least recently used entry goes first when a bound is passed.
//!
//! Values leave the map only as return values (`insert`'s evictions,
//! `remove`), so a value whose drop calls out (a libcrypto free that runs
//! an application's ex_data callback) is never dropped under the lock.

use std::collections::BTreeMap;

use parking_lot::Mutex;

/// How much a `DerCache` keeps at most.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DerCacheLimits {
    /// Entries.
    pub entries: usize,
    /// Sum of the keys' lengths (DER bytes); a longer key is never kept.
    pub bytes: usize,
}

struct Entry<V> {
    value: V,
    /// The tick of its last insertion or hit.
    used: u64,
}

struct Inner<V> {
    map: BTreeMap<Box<[u8]>, Entry<V>>,
    bytes: usize,
    tick: u64,
}

/// Values by DER bytes, bounded by `DerCacheLimits`.
pub struct DerCache<V> {
    limits: DerCacheLimits,
    inner: Mutex<Inner<V>>,
}

impl<V: Clone> DerCache<V> {
    /// An empty cache.
    pub fn new(limits: DerCacheLimits) -> Self {
        DerCache {
            limits,
            inner: Mutex::new(Inner {
                map: BTreeMap::new(),
                bytes: 0,
                tick: 0,
            }),
        }
    }

    /// A clone of the value kept for exactly these bytes, which becomes the
    /// most recently used.
    pub fn get(&self, der: &[u8]) -> Option<V> {
        let mut inner = self.inner.lock();
        inner.tick += 1;
        let tick = inner.tick;
        let entry = inner.map.get_mut(der)?;
        entry.used = tick;
        Some(entry.value.clone())
    }

    /// Keeps `value` for `der` (replacing what was kept for it) unless `der`
    /// alone passes the byte bound; returns what left the cache (the
    /// replaced value, the least recently used entries evicted to stay
    /// within the bounds, or `value` itself when it is not kept), for the
    /// caller to drop once the lock is released.
    pub fn insert(&self, der: &[u8], value: V) -> Vec<V> {
        if der.len() > self.limits.bytes || self.limits.entries == 0 {
            return vec![value];
        }
        let mut gone = Vec::new();
        let mut inner = self.inner.lock();
        if let Some(old) = inner.map.remove(der) {
            inner.bytes -= der.len();
            gone.push(old.value);
        }
        while inner.map.len() + 1 > self.limits.entries
            || inner.bytes + der.len() > self.limits.bytes
        {
            match inner.evict_oldest() {
                Some(v) => gone.push(v),
                None => break,
            }
        }
        inner.tick += 1;
        let used = inner.tick;
        inner.bytes += der.len();
        inner.map.insert(der.into(), Entry { value, used });
        gone
    }

    /// Takes the value kept for `der` out of the cache.
    pub fn remove(&self, der: &[u8]) -> Option<V> {
        let mut inner = self.inner.lock();
        let entry = inner.map.remove(der)?;
        inner.bytes -= der.len();
        Some(entry.value)
    }

    /// Takes the value kept for `der` out of the cache if `pred` holds for it.
    pub fn remove_if(&self, der: &[u8], pred: impl FnOnce(&V) -> bool) -> Option<V> {
        let mut inner = self.inner.lock();
        if !pred(&inner.map.get(der)?.value) {
            return None;
        }
        let entry = inner.map.remove(der)?;
        inner.bytes -= der.len();
        Some(entry.value)
    }

    /// Entries kept and the sum of their keys' lengths.
    pub fn size(&self) -> (usize, usize) {
        let inner = self.inner.lock();
        (inner.map.len(), inner.bytes)
    }
}

impl<V> Inner<V> {
    /// Removes the least recently used entry (a scan: the map is small and
    /// this runs only when a new certificate was parsed, which costs far more).
    fn evict_oldest(&mut self) -> Option<V> {
        let key = self
            .map
            .iter()
            .min_by_key(|(_, e)| e.used)
            .map(|(k, _)| k.clone())?;
        self.bytes -= key.len();
        self.map.remove(&key).map(|e| e.value)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;

    fn cache(entries: usize, bytes: usize) -> DerCache<u32> {
        DerCache::new(DerCacheLimits { entries, bytes })
    }

    #[test]
    fn a_value_is_found_by_equal_bytes_only() {
        let c = cache(4, 100);
        assert!(c.insert(b"abc", 1).is_empty());
        assert_eq!(c.get(b"abc"), Some(1));
        assert_eq!(c.get(b"abd"), None);
        assert_eq!(c.get(b"ab"), None);
        assert_eq!(c.get(b"abcd"), None);
    }

    #[test]
    fn the_least_recently_used_goes_first_when_entries_pass_the_bound() {
        let c = cache(2, 100);
        c.insert(b"a", 1);
        c.insert(b"b", 2);
        assert_eq!(c.get(b"a"), Some(1));
        assert_eq!(c.insert(b"c", 3), vec![2]);
        assert_eq!(c.get(b"b"), None);
        assert_eq!(c.get(b"a"), Some(1));
        assert_eq!(c.get(b"c"), Some(3));
        assert_eq!(c.size(), (2, 2));
    }

    #[test]
    fn bytes_are_bounded_and_an_oversized_key_is_never_kept() {
        let c = cache(10, 6);
        c.insert(b"aaa", 1);
        c.insert(b"bbb", 2);
        assert_eq!(c.insert(b"cc", 3), vec![1]);
        assert_eq!(c.size(), (2, 5));
        assert_eq!(c.insert(b"0123456", 4), vec![4]);
        assert_eq!(c.get(b"0123456"), None);
        assert_eq!(c.size(), (2, 5));
        let off = cache(0, 100);
        assert_eq!(off.insert(b"a", 5), vec![5]);
        assert_eq!(off.size(), (0, 0));
    }

    #[test]
    fn a_replaced_or_removed_value_is_handed_back() {
        let c = cache(4, 100);
        c.insert(b"k", 1);
        assert_eq!(c.insert(b"k", 2), vec![1]);
        assert_eq!(c.size(), (1, 1));
        assert_eq!(c.remove_if(b"k", |v| *v == 1), None);
        assert_eq!(c.get(b"k"), Some(2));
        assert_eq!(c.remove_if(b"k", |v| *v == 2), Some(2));
        assert_eq!(c.insert(b"k", 3), vec![]);
        assert_eq!(c.remove(b"k"), Some(3));
        assert_eq!(c.remove(b"k"), None);
        assert_eq!(c.size(), (0, 0));
    }

    /// A value counting its live clones, as an `X509`'s references.
    #[derive(Debug)]
    struct Counted(Arc<AtomicUsize>);
    impl Clone for Counted {
        fn clone(&self) -> Self {
            self.0.fetch_add(1, Ordering::SeqCst);
            Counted(self.0.clone())
        }
    }
    impl Drop for Counted {
        fn drop(&mut self) {
            self.0.fetch_sub(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn the_cache_holds_one_reference_and_eviction_drops_it() {
        let live = Arc::new(AtomicUsize::new(1));
        let c = DerCache::new(DerCacheLimits {
            entries: 1,
            bytes: 100,
        });
        drop(c.insert(b"x", Counted(live.clone())));
        let lent = c.get(b"x").expect("kept");
        assert_eq!(live.load(Ordering::SeqCst), 2);
        drop(lent);
        assert_eq!(live.load(Ordering::SeqCst), 1);
        let other = Arc::new(AtomicUsize::new(1));
        drop(c.insert(b"y", Counted(other.clone())));
        assert_eq!(live.load(Ordering::SeqCst), 0);
        assert_eq!(other.load(Ordering::SeqCst), 1);
        drop(c);
        assert_eq!(other.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn threads_share_one_cache() {
        let c = Arc::new(cache(8, 1000));
        let handles: Vec<_> = (0..4u32)
            .map(|t| {
                let c = c.clone();
                std::thread::spawn(move || {
                    for i in 0..200u32 {
                        let key = [(i % 16) as u8, t as u8];
                        if c.get(&key).is_none() {
                            c.insert(&key, i);
                        }
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("no panic");
        }
        let (entries, bytes) = c.size();
        assert!(entries <= 8);
        assert_eq!(bytes, entries * 2);
    }
}
