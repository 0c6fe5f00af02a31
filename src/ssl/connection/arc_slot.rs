//! An `Option<Arc<T>>` read and replaced without the connection's state
//! lock (`SSL_get1_session`, `SSL_get_SSL_CTX` from inside callbacks): a
//! short lock around the pointer alone, never held while a value is dropped
//! or anything else runs.

use std::sync::Arc;

use parking_lot::Mutex;

/// A shared, replaceable `Option<Arc<T>>`.
pub(super) struct ArcSlot<T>(Mutex<Option<Arc<T>>>);

impl<T> ArcSlot<T> {
    /// An empty slot.
    pub(super) const fn empty() -> Self {
        ArcSlot(Mutex::new(None))
    }

    /// A new reference to the value, if any.
    pub(super) fn load(&self) -> Option<Arc<T>> {
        self.0.lock().clone()
    }

    /// Puts `value` in and returns what was there (dropped by the caller,
    /// with the lock released).
    pub(super) fn swap(&self, value: Option<Arc<T>>) -> Option<Arc<T>> {
        std::mem::replace(&mut *self.0.lock(), value)
    }

    /// Puts `value` in; what was there is dropped after the lock is released.
    pub(super) fn store(&self, value: Option<Arc<T>>) {
        drop(self.swap(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_swaps_and_loads() {
        let slot = ArcSlot::empty();
        assert!(slot.load().is_none());
        let a = Arc::new(1);
        slot.store(Some(a.clone()));
        assert_eq!(Arc::strong_count(&a), 2);
        let loaded = slot.load().expect("stored");
        assert!(Arc::ptr_eq(&loaded, &a));
        let before = slot.swap(Some(Arc::new(2)));
        assert!(Arc::ptr_eq(&before.expect("was there"), &a));
        assert_eq!(slot.load().as_deref(), Some(&2));
        slot.store(None);
        assert!(slot.load().is_none());
        drop(loaded);
        assert_eq!(Arc::strong_count(&a), 1, "nothing kept");
    }

    #[test]
    fn a_value_dropped_by_store_may_read_its_slot() {
        // The lock is released before the old value drops (a held
        // parking_lot lock taken again would hang here).
        struct ReadsOnDrop(Arc<ArcSlot<ReadsOnDrop>>, Arc<Mutex<bool>>);
        impl Drop for ReadsOnDrop {
            fn drop(&mut self) {
                *self.1.lock() = self.0.load().is_none();
            }
        }
        let slot = Arc::new(ArcSlot::empty());
        let saw_empty = Arc::new(Mutex::new(false));
        slot.store(Some(Arc::new(ReadsOnDrop(slot.clone(), saw_empty.clone()))));
        slot.store(None);
        assert!(*saw_empty.lock(), "the drop ran and read the emptied slot");
    }
}
