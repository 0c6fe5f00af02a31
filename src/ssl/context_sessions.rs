//! A context's own session cache as the application edits it
//! (`SSL_CTX_add_session`, `SSL_CTX_remove_session`) and as a connection
//! discards a bad session: one place for OpenSSL's rules.

use std::sync::Arc;

use super::context::Context;
use crate::session::Session;

impl Context {
    /// Takes `session` out of the cache and marks it not resumable, as
    /// OpenSSL's `SSL_CTX_remove_session` does; the cached session, if it was
    /// there. A session without an id is left alone (`None`). Callbacks are
    /// the caller's to run.
    pub fn take_out_session(&self, session: &Session) -> Option<Option<Arc<Session>>> {
        if session.id().is_empty() {
            return None;
        }
        session.mark_not_resumable();
        Some(self.cache().remove(&session.id()))
    }

    /// `SSL_CTX_remove_session`: the session taken out and marked not
    /// resumable, the remove hook told; true if it was in the cache.
    pub fn remove_session(&self, session: &Session) -> bool {
        match self.take_out_session(session).flatten() {
            Some(removed) => {
                self.removed(vec![removed]);
                true
            }
            None => false,
        }
    }

    /// `SSL_CTX_add_session`: the session added to the cache (sessions it
    /// evicts told to the remove hook); false if it was there already or has
    /// no id.
    pub fn add_session(&self, session: Arc<Session>) -> bool {
        let (added, evicted) = self.cache().insert(session);
        self.removed(evicted);
        added
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use parking_lot::Mutex;

    use crate::session::{Resumption, Session, SessionParameters, Side};
    use crate::ssl::{Context, Method, RemoveSessionHook};

    #[derive(Default)]
    struct Removed(Mutex<Vec<Vec<u8>>>);

    impl RemoveSessionHook for Removed {
        fn session_removed(&self, _: &Context, session: &Arc<Session>) {
            self.0.lock().push(session.id().to_vec());
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    fn session(id: &[u8]) -> Arc<Session> {
        let parameters = SessionParameters {
            id: id.to_vec(),
            ..SessionParameters::default()
        };
        Arc::new(Session::new(
            Side::Server,
            parameters,
            300,
            Resumption::Server(vec![0; 8]),
        ))
    }

    #[test]
    fn added_then_removed_with_the_remove_hook_told() {
        let ctx = Context::new(Method::Server).unwrap();
        let removed = Arc::new(Removed::default());
        ctx.set_remove_session_hook(Some(removed.clone()));
        let s = session(b"one");
        assert!(ctx.add_session(s.clone()));
        assert!(!ctx.add_session(s.clone()), "already there");
        assert!(ctx.remove_session(&s));
        assert!(s.is_marked_not_resumable());
        assert!(!ctx.remove_session(&s), "gone");
        assert_eq!(*removed.0.lock(), vec![b"one".to_vec()]);
    }

    #[test]
    fn a_session_without_an_id_is_left_alone() {
        let ctx = Context::new(Method::Server).unwrap();
        let s = session(b"");
        assert!(ctx.take_out_session(&s).is_none());
        assert!(!s.is_marked_not_resumable());
        assert!(!ctx.remove_session(&s));
    }
}
