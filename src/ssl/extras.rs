//! Values an embedding layer hangs on a context or connection (the C ABI's
//! ex_data, libcrypto objects it hands out): one of each type, dropped with
//! their owner.

use std::any::{Any, TypeId};

use parking_lot::Mutex;

/// A small map from type to value.
#[derive(Default)]
pub struct Extras {
    /// Each value under the `TypeId` of its type, in the order they were
    /// first used (and so dropped in that order); a handful at most, so a
    /// list is searched rather than a hash map.
    values: Mutex<Vec<(TypeId, Box<dyn Any + Send>)>>,
}

impl Extras {
    /// Runs `f` on the value of type `T`, made with `Default` on first use.
    /// `f` must not call back into the same owner's extras.
    pub fn with<T: Any + Send + Default, R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let key = TypeId::of::<T>();
        let mut values = self.values.lock();
        let index = match values.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                values.push((key, Box::new(T::default())));
                values.len() - 1
            }
        };
        f(values[index]
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
        match values.iter_mut().find(|(k, _)| *k == key) {
            Some((_, kept)) => {
                *kept.downcast_mut::<T>().expect("kept under its own TypeId") = value
            }
            None if is_default(&value) => {}
            None => values.push((key, Box::new(value))),
        }
    }

    /// Runs `f` on the value of type `T`, or on `T::default()` when there is
    /// none yet, which is not kept: a lookup makes no allocation for a value
    /// never set. `f` must not call back into the same owner's extras.
    pub fn read<T: Any + Send + Default, R>(&self, f: impl FnOnce(&T) -> R) -> R {
        let key = TypeId::of::<T>();
        let values = self.values.lock();
        match values.iter().find(|(k, _)| *k == key) {
            Some((_, v)) => f(v.downcast_ref::<T>().expect("kept under its own TypeId")),
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
