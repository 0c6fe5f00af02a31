//! The application's hooks on a `Context` (OpenSSL's `SSL_CTX` callbacks:
//! new/get/remove session, key log, ticket keys, session ticket,
//! not-resumable, ClientHello, client certificate and info), kept apart from
//! the context's settings and credentials.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use super::context::Context;
use super::credentials::ClientCertHook;
use super::hooks::{
    ClientHelloHook, GetSessionHook, InfoHook, KeyLogHook, NewSessionHook, NotResumableHook,
    RemoveSessionHook, SessionTicketHook, TicketKeyHook,
};
use crate::session::Session;

/// The hooks a context holds, each set or cleared by its own callback setter.
#[derive(Default)]
pub(super) struct Hooks {
    new_session: Option<Arc<dyn NewSessionHook>>,
    remove_session: Option<Arc<dyn RemoveSessionHook>>,
    get_session: Option<Arc<dyn GetSessionHook>>,
    key_log: Option<Arc<dyn KeyLogHook>>,
    ticket_keys: Option<Arc<dyn TicketKeyHook>>,
    session_ticket: Option<Arc<dyn SessionTicketHook>>,
    not_resumable: Option<Arc<dyn NotResumableHook>>,
    client_hello: Option<Arc<dyn ClientHelloHook>>,
    client_cert: Option<Arc<dyn ClientCertHook>>,
    info: Option<Arc<dyn InfoHook>>,
}

impl Context {
    /// Sets or clears the info hook of every connection that has none of
    /// its own (`SSL_CTX_set_info_callback`).
    pub fn set_info_hook(&self, hook: Option<Arc<dyn InfoHook>>) {
        let mut hooks = self.hooks.lock();
        self.info_hook_set.store(hook.is_some(), Ordering::Release);
        hooks.info = hook;
    }

    /// Whether the context has an info hook.
    pub fn has_info_hook(&self) -> bool {
        self.info_hook_set.load(Ordering::Acquire)
    }

    /// The info hook; a context without one answers without taking a lock
    /// (connections ask several times per handshake).
    pub fn info_hook(&self) -> Option<Arc<dyn InfoHook>> {
        if !self.has_info_hook() {
            return None;
        }
        self.hooks.lock().info.clone()
    }

    /// Sets or clears the key-log hook (`SSL_CTX_set_keylog_callback`).
    pub fn set_key_log_hook(&self, hook: Option<Arc<dyn KeyLogHook>>) {
        self.hooks.lock().key_log = hook;
    }

    /// The key-log hook.
    pub fn key_log_hook(&self) -> Option<Arc<dyn KeyLogHook>> {
        self.hooks.lock().key_log.clone()
    }

    /// Sets or clears the new-session hook (`SSL_CTX_sess_set_new_cb`).
    pub fn set_new_session_hook(&self, hook: Option<Arc<dyn NewSessionHook>>) {
        self.hooks.lock().new_session = hook;
    }

    /// The new-session hook.
    pub fn new_session_hook(&self) -> Option<Arc<dyn NewSessionHook>> {
        self.hooks.lock().new_session.clone()
    }

    /// Sets or clears the remove-session hook (`SSL_CTX_sess_set_remove_cb`).
    pub fn set_remove_session_hook(&self, hook: Option<Arc<dyn RemoveSessionHook>>) {
        self.hooks.lock().remove_session = hook;
    }

    /// Sets or clears the ClientHello hook (servername / ALPN-select callbacks).
    pub fn set_client_hello_hook(&self, hook: Option<Arc<dyn ClientHelloHook>>) {
        self.hooks.lock().client_hello = hook;
    }

    /// The ClientHello hook.
    pub fn client_hello_hook(&self) -> Option<Arc<dyn ClientHelloHook>> {
        self.hooks.lock().client_hello.clone()
    }

    /// Sets or clears the client certificate hook (`SSL_CTX_set_client_cert_cb`).
    pub fn set_client_cert_hook(&self, hook: Option<Arc<dyn ClientCertHook>>) {
        self.hooks.lock().client_cert = hook;
    }

    /// The client certificate hook.
    pub fn client_cert_hook(&self) -> Option<Arc<dyn ClientCertHook>> {
        self.hooks.lock().client_cert.clone()
    }

    /// Sets or clears the ticket key hook (`SSL_CTX_set_tlsext_ticket_key_evp_cb`).
    pub fn set_ticket_key_hook(&self, hook: Option<Arc<dyn TicketKeyHook>>) {
        self.hooks.lock().ticket_keys = hook;
    }

    /// The ticket key hook.
    pub fn ticket_key_hook(&self) -> Option<Arc<dyn TicketKeyHook>> {
        self.hooks.lock().ticket_keys.clone()
    }

    /// Sets or clears the session ticket hook (`SSL_CTX_set_session_ticket_cb`).
    pub fn set_session_ticket_hook(&self, hook: Option<Arc<dyn SessionTicketHook>>) {
        self.hooks.lock().session_ticket = hook;
    }

    /// The session ticket hook.
    pub fn session_ticket_hook(&self) -> Option<Arc<dyn SessionTicketHook>> {
        self.hooks.lock().session_ticket.clone()
    }

    /// Sets or clears the not-resumable hook (`SSL_CTX_set_not_resumable_session_callback`).
    pub fn set_not_resumable_hook(&self, hook: Option<Arc<dyn NotResumableHook>>) {
        self.hooks.lock().not_resumable = hook;
    }

    /// The not-resumable hook.
    pub fn not_resumable_hook(&self) -> Option<Arc<dyn NotResumableHook>> {
        self.hooks.lock().not_resumable.clone()
    }

    /// Sets or clears the get-session hook (`SSL_CTX_sess_set_get_cb`).
    pub fn set_get_session_hook(&self, hook: Option<Arc<dyn GetSessionHook>>) {
        self.hooks.lock().get_session = hook;
    }

    /// The get-session hook.
    pub fn get_session_hook(&self) -> Option<Arc<dyn GetSessionHook>> {
        self.hooks.lock().get_session.clone()
    }

    /// The remove-session hook.
    pub fn remove_session_hook(&self) -> Option<Arc<dyn RemoveSessionHook>> {
        self.hooks.lock().remove_session.clone()
    }

    /// Calls the remove hook for each session (no lock held).
    pub fn removed(&self, sessions: Vec<Arc<Session>>) {
        if sessions.is_empty() {
            return;
        }
        let hook = self.hooks.lock().remove_session.clone();
        if let Some(hook) = hook {
            for s in sessions {
                hook.session_removed(self, &s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::any::Any;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::ssl::context::Method;
    use crate::ssl::hooks::HelloRefused;
    use crate::ssl::Connection;

    /// Implements every hook and counts removed sessions.
    #[derive(Default)]
    struct Recorder {
        removed: AtomicUsize,
    }

    impl NewSessionHook for Recorder {
        fn new_session(&self, _: &Connection, _: Arc<Session>) {}
        fn as_any(&self) -> &dyn Any {
            self
        }
    }

    impl RemoveSessionHook for Recorder {
        fn session_removed(&self, _: &Context, _: &Arc<Session>) {
            self.removed.fetch_add(1, Ordering::Relaxed);
        }
        fn as_any(&self) -> &dyn Any {
            self
        }
    }

    impl GetSessionHook for Recorder {
        fn get_session(&self, _: &Connection, _: &[u8]) -> Option<Arc<Session>> {
            None
        }
        fn as_any(&self) -> &dyn Any {
            self
        }
    }

    impl KeyLogHook for Recorder {
        fn log(&self, _: &Connection, _: &str, _: &[u8], _: &[u8]) {}
    }

    impl TicketKeyHook for Recorder {
        fn encrypt(&self, _: &Connection, _: &[u8]) -> Option<Vec<u8>> {
            None
        }
        fn decrypt(&self, _: &Connection, _: &[u8]) -> Option<(Vec<u8>, bool)> {
            None
        }
    }

    impl ClientHelloHook for Recorder {
        fn client_hello(
            &self,
            _: &Connection,
            _: Option<&str>,
            _: &[Vec<u8>],
        ) -> Result<Option<Vec<u8>>, HelloRefused> {
            Ok(None)
        }
    }

    /// Whether a hook read back is the object that was set.
    fn is_it<T: ?Sized>(got: Option<Arc<T>>, set: &Arc<Recorder>) -> bool {
        got.is_some_and(|got| std::ptr::addr_eq(Arc::as_ptr(&got), Arc::as_ptr(set)))
    }

    #[test]
    fn hooks_read_back_as_set_and_clear() {
        let ctx = Context::new(Method::Server).unwrap();
        let hook = Arc::new(Recorder::default());
        ctx.set_new_session_hook(Some(hook.clone()));
        ctx.set_remove_session_hook(Some(hook.clone()));
        ctx.set_get_session_hook(Some(hook.clone()));
        ctx.set_key_log_hook(Some(hook.clone()));
        ctx.set_ticket_key_hook(Some(hook.clone()));
        ctx.set_client_hello_hook(Some(hook.clone()));
        assert!(is_it(ctx.new_session_hook(), &hook));
        assert!(is_it(ctx.remove_session_hook(), &hook));
        assert!(is_it(ctx.get_session_hook(), &hook));
        assert!(is_it(ctx.key_log_hook(), &hook));
        assert!(is_it(ctx.ticket_key_hook(), &hook));
        assert!(is_it(ctx.client_hello_hook(), &hook));
        ctx.set_new_session_hook(None);
        ctx.set_remove_session_hook(None);
        ctx.set_get_session_hook(None);
        ctx.set_key_log_hook(None);
        ctx.set_ticket_key_hook(None);
        ctx.set_client_hello_hook(None);
        assert!(ctx.new_session_hook().is_none());
        assert!(ctx.remove_session_hook().is_none());
        assert!(ctx.get_session_hook().is_none());
        assert!(ctx.key_log_hook().is_none());
        assert!(ctx.ticket_key_hook().is_none());
        assert!(ctx.client_hello_hook().is_none());
        assert_eq!(Arc::strong_count(&hook), 1);
    }

    #[test]
    fn the_remove_hook_hears_of_each_removed_session() {
        let ctx = Context::new(Method::Server).unwrap();
        let session = |id: u8| {
            Arc::new(Session::from_server_value(
                ctx.id(),
                vec![id],
                vec![],
                60,
                vec![],
            ))
        };
        ctx.removed(vec![session(1)]);
        let hook = Arc::new(Recorder::default());
        ctx.set_remove_session_hook(Some(hook.clone()));
        ctx.removed(Vec::new());
        ctx.removed(vec![session(2), session(3)]);
        assert_eq!(hook.removed.load(Ordering::Relaxed), 2);
    }
}
