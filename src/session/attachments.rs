//! What a layer above keeps with a session (the C ABI's libcrypto ex_data and
//! the peer's `X509`), found by type and released when the session's last
//! reference goes, while the session is still whole.

use std::any::Any;

use parking_lot::Mutex;

use super::session::Session;

/// Something kept with a session until its last reference goes.
pub trait Attachment: Any + Send + Sync {
    /// Called once, with the session it was kept with, before the session's
    /// fields are dropped.
    fn release(self: Box<Self>, session: &Session);
    /// The attachment as `Any`, to find it by type.
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// A session's attachments, at most one of each type.
#[derive(Default)]
pub struct Attachments(Mutex<Vec<Box<dyn Attachment>>>);

impl std::fmt::Debug for Attachments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Attachments({})", self.0.lock().len())
    }
}

impl Attachments {
    /// Everything attached, taken out (for the session's drop).
    pub(super) fn take_all(&mut self) -> Vec<Box<dyn Attachment>> {
        std::mem::take(self.0.get_mut())
    }
}

impl Session {
    /// Runs `f` on the attachment of type `T`, if there is one. The lock is
    /// held meanwhile: `f` must not call the application.
    pub fn with_attachment<T: Attachment, R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        let mut all = self.attachments.0.lock();
        all.iter_mut()
            .find_map(|a| a.as_any_mut().downcast_mut::<T>())
            .map(f)
    }

    /// Runs `f` on the attachment of type `T`, made by `make` if there is
    /// none yet (`None` from `make`: nothing is attached and `f` is not run).
    /// The lock is held throughout: neither may call the application.
    pub fn with_attachment_or<T: Attachment, R>(
        &self,
        make: impl FnOnce() -> Option<T>,
        f: impl FnOnce(&mut T) -> R,
    ) -> Option<R> {
        let mut all = self.attachments.0.lock();
        let at = match all.iter_mut().position(|a| a.as_any_mut().is::<T>()) {
            Some(at) => at,
            None => {
                all.push(Box::new(make()?));
                all.len() - 1
            }
        };
        all[at].as_any_mut().downcast_mut::<T>().map(f)
    }

    /// Keeps `a` with the session unless one of its type is there already;
    /// gives it back in that case.
    pub fn attach<T: Attachment>(&self, a: T) -> Result<(), T> {
        let mut all = self.attachments.0.lock();
        if all.iter_mut().any(|x| x.as_any_mut().is::<T>()) {
            return Err(a);
        }
        all.push(Box::new(a));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;
    use crate::session::{Resumption, SessionParameters, Side};

    struct Counted(Arc<AtomicUsize>, u32);

    impl Attachment for Counted {
        fn release(self: Box<Self>, session: &Session) {
            assert_eq!(session.timeout(), 10);
            self.0.fetch_add(1, Ordering::SeqCst);
        }
        fn as_any_mut(&mut self) -> &mut dyn Any {
            self
        }
    }

    #[test]
    fn an_attachment_is_released_once_with_the_last_reference() {
        let released = Arc::new(AtomicUsize::new(0));
        let s = Arc::new(Session::new(
            Side::Client,
            SessionParameters::default(),
            10,
            Resumption::None,
        ));
        assert!(s.attach(Counted(released.clone(), 1)).is_ok());
        assert!(s.attach(Counted(released.clone(), 2)).is_err());
        assert_eq!(s.with_attachment(|c: &mut Counted| c.1), Some(1));
        let other = s.clone();
        drop(s);
        assert_eq!(released.load(Ordering::SeqCst), 0);
        drop(other);
        assert_eq!(released.load(Ordering::SeqCst), 1);
    }
}
