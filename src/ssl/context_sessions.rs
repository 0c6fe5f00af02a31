//! A context's own session cache as the application edits it
//! (`SSL_CTX_add_session`, `SSL_CTX_remove_session`) and as a connection
//! discards a bad session: one place for OpenSSL's rules.

use std::sync::Arc;

use super::context::Context;
use crate::session::now_secs;
use crate::session::Session;
use crate::ssl::options::SESS_CACHE_UPDATE_TIME;

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
        let cached = self.cache().remove(&session.id());
        if cached.is_none() {
            self.cache().remove_from_store(session);
        }
        Some(cached)
    }

    /// `SSL_CTX_remove_session`: the session taken out and marked not
    /// resumable; true if it was in the cache. As in OpenSSL the remove hook
    /// is told of any session with an id, cached or not, so that an external
    /// cache can drop it too.
    pub fn remove_session(&self, session: &Arc<Session>) -> bool {
        let Some(cached) = self.take_out_session(session) else {
            return false;
        };
        self.removed(vec![session.clone()]);
        cached.is_some()
    }

    /// `SSL_CTX_add_session`: the session added to the cache (sessions it
    /// evicts told to the remove hook); false if it was there already or has
    /// no id. Under `SSL_SESS_CACHE_UPDATE_TIME` its time becomes now.
    pub fn add_session(&self, session: Arc<Session>) -> bool {
        if self.with_settings(|s| s.cache_mode) & SESS_CACHE_UPDATE_TIME != 0 {
            session.set_time(now_secs());
        }
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
            Resumption::Server(vec![0; 8].into()),
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
        assert_eq!(*removed.0.lock(), vec![b"one".to_vec(), b"one".to_vec()]);
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
