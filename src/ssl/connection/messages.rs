//! What the message tap (`ssl::message_tap`) gives a connection: the
//! message callback's events, delivered once the state lock is released,
//! and the Finished messages (`SSL_get_finished`, `SSL_get_peer_finished`).

use std::sync::Arc;

use super::Connection;
use crate::ssl::hooks::MessageHook;
use crate::ssl::message_tap::MessageEvent;

impl Connection {
    /// Sets (or clears) the hook told of each protocol message
    /// (`SSL_set_msg_callback`); events are kept only while there is one.
    pub fn set_message_hook(&self, hook: Option<Arc<dyn MessageHook>>) {
        let mut st = self.state.lock();
        st.catch_up_tap();
        st.trace.tap.set_report(hook.is_some());
        let collect = st.tap_wants_bytes();
        st.record_cursor.set_collect(collect);
        *self.message_hook.lock() = hook;
    }

    /// Tells the message hook of the events a call queued (no lock held).
    pub(super) fn deliver_messages(&self, events: &[MessageEvent]) {
        if events.is_empty() {
            return;
        }
        let Some(hook) = self.message_hook.lock().clone() else {
            return;
        };
        for e in events {
            hook.message(
                self,
                e.write,
                i32::from(e.version),
                i32::from(e.content_type),
                &e.bytes,
            );
        }
    }

    /// The verify_data of the last Finished message this end sent (`own`)
    /// or received, once seen: 12 bytes in TLS 1.2, the hash's length in TLS 1.3.
    pub fn finished(&self, own: bool) -> Option<Vec<u8>> {
        self.state.lock().finished(own)
    }
}
