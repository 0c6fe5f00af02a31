//! Values an embedding layer hangs on a context or connection (the C ABI's
//! ex_data, libcrypto objects it hands out): one of each type, dropped with
//! their owner.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::atomic::{AtomicU32, Ordering};

use parking_lot::Mutex;

/// A small map from type to value.
#[derive(Default)]
pub struct Extras {
    values: Mutex<Values>,
    /// A bit per type ever kept (`type_bit`, types may share one): a type
    /// whose bit is clear has no value, and is read without the lock.
    present: AtomicU32,
}

/// The bit of `present` standing for `key`.
fn type_bit(key: TypeId) -> u32 {
    let mut h = TypeIdHasher::default();
    key.hash(&mut h);
    1 << (h.finish() % 32)
}

/// Each value under the `TypeId` of its type, in the order they were first
/// used (and so dropped in that order). A few values are searched in turn;
/// from `INDEXED_FROM` values on, an index finds them (a handshake looks up
/// a few dozen values of its context and connection).
#[derive(Default)]
struct Values {
    list: Vec<(TypeId, Box<dyn Any + Send>)>,
    // Boxed: most owners never have one, and a connection must stay small.
    #[allow(clippy::box_collection)]
    index: Option<Box<HashMap<TypeId, usize, BuildHasherDefault<TypeIdHasher>>>>,
}

/// The number of values from which an index is kept.
const INDEXED_FROM: usize = 4;

impl Values {
    fn position(&self, key: TypeId) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(&key).copied(),
            None => self.list.iter().position(|(k, _)| *k == key),
        }
    }

    fn push(&mut self, key: TypeId, value: Box<dyn Any + Send>) -> usize {
        let at = self.list.len();
        self.list.push((key, value));
        if let Some(index) = self.index.as_mut() {
            index.insert(key, at);
        } else if self.list.len() >= INDEXED_FROM {
            self.index = Some(Box::new(
                self.list
                    .iter()
                    .enumerate()
                    .map(|(i, (k, _))| (*k, i))
                    .collect(),
            ));
        }
        at
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.list.len()
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Hashes a `TypeId`, which is already a hash: its bits are taken as they are.
#[derive(Default)]
struct TypeIdHasher(u64);

impl Hasher for TypeIdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = self.0.rotate_left(5) ^ u64::from_ne_bytes(word);
        }
    }
}

impl Extras {
    /// Runs `f` on the value of type `T`, made with `Default` on first use.
    /// `f` must not call back into the same owner's extras.
    pub fn with<T: Any + Send + Default, R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let key = TypeId::of::<T>();
        let mut values = self.values.lock();
        let index = match values.position(key) {
            Some(i) => i,
            None => {
                self.present.fetch_or(type_bit(key), Ordering::Release);
                values.push(key, Box::new(T::default()))
            }
        };
        f(values.list[index]
            .1
            .downcast_mut::<T>()
            .expect("kept under its own TypeId"))
    }

    /// Makes `value` the value of type `T`. While there is none yet, a value
    /// `is_default` calls `T`'s default is not kept (a lookup gives the same
    /// default), so setting what every owner starts with allocates nothing.
    pub fn set<T: Any + Send + Default>(&self, value: T, is_default: impl FnOnce(&T) -> bool) {
        let key = TypeId::of::<T>();
        let mut values = self.values.lock();
        match values.position(key) {
            Some(i) => {
                *values.list[i]
                    .1
                    .downcast_mut::<T>()
                    .expect("kept under its own TypeId") = value
            }
            None if is_default(&value) => {}
            None => {
                self.present.fetch_or(type_bit(key), Ordering::Release);
                values.push(key, Box::new(value));
            }
        }
    }

    /// Runs `f` on the value of type `T`, or on `T::default()` when there is
    /// none yet, which is not kept: a lookup makes no allocation for a value
    /// never set. `f` must not call back into the same owner's extras.
    pub fn read<T: Any + Send + Default, R>(&self, f: impl FnOnce(&T) -> R) -> R {
        let key = TypeId::of::<T>();
        if self.present.load(Ordering::Acquire) & type_bit(key) == 0 {
            // Never kept (most of a new connection's values).
            return f(&T::default());
        }
        let values = self.values.lock();
        match values.position(key) {
            Some(i) => f(values.list[i]
                .1
                .downcast_ref::<T>()
                .expect("kept under its own TypeId")),
            None => f(&T::default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_per_type() {
        let e = Extras::default();
        e.with(|v: &mut Vec<u8>| v.push(1));
        e.with(|v: &mut Vec<u8>| v.push(2));
        e.with(|n: &mut u32| *n += 5);
        assert_eq!(e.with(|v: &mut Vec<u8>| v.clone()), vec![1, 2]);
        assert_eq!(e.with(|n: &mut u32| *n), 5);
    }

    #[test]
    fn a_read_sees_the_value_or_its_default_and_keeps_nothing() {
        let e = Extras::default();
        assert_eq!(e.read(|v: &Vec<u8>| v.len()), 0);
        assert!(e.values.lock().is_empty());
        e.with(|v: &mut Vec<u8>| v.push(7));
        assert_eq!(e.read(|v: &Vec<u8>| v.clone()), vec![7]);
        assert_eq!(e.values.lock().len(), 1);
    }

    #[test]
    fn setting_the_default_keeps_nothing_until_a_value_is_kept() {
        let e = Extras::default();
        e.set(0u32, |n| *n == 0);
        assert!(e.values.lock().is_empty());
        e.set(3u32, |n| *n == 0);
        assert_eq!(e.read(|n: &u32| *n), 3);
        e.set(0u32, |n| *n == 0);
        assert_eq!(e.read(|n: &u32| *n), 0);
        assert_eq!(e.values.lock().len(), 1);
    }

    #[test]
    fn types_of_one_shape_are_kept_apart() {
        #[derive(Default)]
        struct Alpn(Vec<u8>);
        #[derive(Default)]
        struct Name(Vec<u8>);
        let e = Extras::default();
        e.with(|a: &mut Alpn| a.0 = b"h2".to_vec());
        e.with(|n: &mut Name| n.0 = b"localhost".to_vec());
        assert_eq!(e.with(|a: &mut Alpn| a.0.clone()), b"h2");
        assert_eq!(e.with(|v: &mut Vec<u8>| v.len()), 0);
    }

    #[test]
    fn many_values_are_found_through_the_index() {
        #[derive(Default)]
        struct Slot<const I: usize>(usize);
        fn put<const I: usize>(e: &Extras) {
            e.with(|s: &mut Slot<I>| s.0 = I * 10);
        }
        fn get<const I: usize>(e: &Extras) -> usize {
            e.read(|s: &Slot<I>| s.0)
        }
        let e = Extras::default();
        put::<0>(&e);
        put::<1>(&e);
        put::<2>(&e);
        assert!(
            e.values.lock().index.is_none(),
            "a few values are searched in turn"
        );
        put::<3>(&e);
        put::<4>(&e);
        put::<5>(&e);
        put::<6>(&e);
        put::<7>(&e);
        put::<8>(&e);
        e.set(Slot::<9>(90), |s| s.0 == 0);
        assert!(e.values.lock().index.is_some());
        let found = [
            get::<0>(&e),
            get::<1>(&e),
            get::<2>(&e),
            get::<3>(&e),
            get::<4>(&e),
            get::<5>(&e),
            get::<6>(&e),
            get::<7>(&e),
            get::<8>(&e),
            get::<9>(&e),
        ];
        assert_eq!(found, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
        assert_eq!(get::<11>(&e), 0, "a type never kept reads as its default");
        assert_eq!(e.values.lock().len(), 10);
    }

    #[test]
    fn values_are_dropped_in_first_use_order() {
        static DROPPED: Mutex<Vec<&str>> = Mutex::new(Vec::new());
        #[derive(Default)]
        struct First;
        impl Drop for First {
            fn drop(&mut self) {
                DROPPED.lock().push("first");
            }
        }
        #[derive(Default)]
        struct Second;
        impl Drop for Second {
            fn drop(&mut self) {
                DROPPED.lock().push("second");
            }
        }
        let e = Extras::default();
        e.with(|_: &mut First| ());
        e.with(|_: &mut Second| ());
        e.with(|_: &mut First| ());
        drop(e);
        assert_eq!(*DROPPED.lock(), vec!["first", "second"]);
    }
}
