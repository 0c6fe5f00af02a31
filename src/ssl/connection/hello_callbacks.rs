//! A server's application callbacks on the ClientHello, run after rustls
//! has read it and before the server's configuration is chosen, in OpenSSL's
//! order: the ClientHello callback (which reads the ClientHello's fields and
//! may move the connection to another context), the servername and ALPN
//! callbacks, then the certificate callback. The first and the last may ask
//! to be called again: the handshake call then returns, and the next one
//! takes up where it stopped.

use std::io::Write;
use std::sync::Arc;

use parking_lot::MutexGuard;
use rustls::server::{Accepted, Acceptor};

use super::state::{Accepting, StateGuard};
use super::Connection;
use crate::ssl::client_hello::ClientHello;
use crate::ssl::error::{Error, ErrorKind, Failure, IoResult};
use crate::ssl::hooks::{ClientHelloHook, HelloStep};

/// `SSL_AD_INTERNAL_ERROR`: the alert of a failed certificate callback.
const INTERNAL_ERROR_ALERT: u8 = 80;

/// A ClientHello read and being answered, between handshake calls.
pub(super) struct HelloProgress {
    accepted: Accepted,
    hello: Option<Arc<ClientHello>>,
    stage: Stage,
}

/// Which callback is next.
enum Stage {
    /// The ClientHello callback, then the servername and ALPN callbacks.
    Early,
    /// The certificate callback, with the ALPN protocol already chosen.
    Certificate(Option<Vec<u8>>),
}

/// The ClientHello the application may read now (`SSL_client_hello_get0_*`).
#[derive(Default)]
struct ReadableHello(Option<Arc<ClientHello>>);

/// A hook set on the connection itself (its own certificate callback).
#[derive(Default)]
struct OwnHook(Option<Arc<dyn ClientHelloHook>>);

impl Connection {
    /// The ClientHello, while the server's ClientHello, servername and ALPN
    /// callbacks run; `None` elsewhere, as OpenSSL's getters answer.
    pub fn client_hello(&self) -> Option<Arc<ClientHello>> {
        self.extras.with(|r: &mut ReadableHello| r.0.clone())
    }

    /// Gives the connection a hook of its own, used instead of its context's.
    pub fn set_hello_hook(&self, hook: Option<Arc<dyn ClientHelloHook>>) {
        self.extras.with(|h: &mut OwnHook| h.0 = hook);
    }

    /// The hook that sees this server's ClientHello: the connection's own,
    /// else that of the context it moved to, else its context's.
    pub(super) fn hello_hook(&self) -> Option<Arc<dyn ClientHelloHook>> {
        self.extras
            .with(|h: &mut OwnHook| h.0.clone())
            .or_else(|| self.switched_context().and_then(|c| c.client_hello_hook()))
            .or_else(|| self.ctx.client_hello_hook())
    }

    fn show_hello(&self, hello: Option<Arc<ClientHello>>) {
        self.extras.with(|r: &mut ReadableHello| r.0 = hello);
    }

    /// The ClientHello is in: runs the application's callbacks on it, then
    /// makes the server connection.
    pub(super) fn answer_client_hello(
        &self,
        st: &mut StateGuard<'_>,
        accepted: Accepted,
    ) -> IoResult<()> {
        self.note_ticket_offer(st);
        let hello = st
            .record_cursor
            .first_record()
            .and_then(ClientHello::parse)
            .map(Arc::new);
        let progress = HelloProgress {
            accepted,
            hello,
            stage: Stage::Early,
        };
        self.continue_client_hello(st, progress)
    }

    /// Runs the callbacks from where the last call stopped.
    pub(super) fn continue_client_hello(
        &self,
        st: &mut StateGuard<'_>,
        mut progress: HelloProgress,
    ) -> IoResult<()> {
        let Some(accepting) = st.accepting.take() else {
            return Err(Failure::new(ErrorKind::Ssl));
        };
        let hook = accepting.hook;
        if let Stage::Early = progress.stage {
            self.show_hello(progress.hello.clone());
            match MutexGuard::unlocked(st, || hook.early(self)) {
                HelloStep::Continue => {}
                HelloStep::Retry => {
                    return Err(park(st, hook, progress, ErrorKind::WantClientHelloCb));
                }
                HelloStep::Fail(alert) => {
                    self.show_hello(None);
                    send_alert(st, alert);
                    return Err(self.fail_fatally(st, Error::CallbackFailed));
                }
            }
            let protocol = self.server_name_and_alpn(st, &*hook, &progress.accepted);
            self.show_hello(None);
            progress.stage = Stage::Certificate(protocol?);
        }
        match MutexGuard::unlocked(st, || hook.certificate(self)) {
            HelloStep::Continue => {}
            HelloStep::Retry => return Err(park(st, hook, progress, ErrorKind::WantX509Lookup)),
            HelloStep::Fail(_) => {
                send_alert(st, INTERNAL_ERROR_ALERT);
                return Err(self.fail_fatally(st, Error::CertCallbackFailed));
            }
        }
        let Stage::Certificate(protocol) = progress.stage else {
            return Err(Failure::new(ErrorKind::Ssl));
        };
        self.make_server_connection(st, progress.accepted, protocol)
    }

    /// The servername and ALPN callbacks: the protocol chosen, or the
    /// handshake failed. The server name is the connection's from here on.
    fn server_name_and_alpn(
        &self,
        st: &mut StateGuard<'_>,
        hook: &dyn ClientHelloHook,
        accepted: &Accepted,
    ) -> IoResult<Option<Vec<u8>>> {
        let hello = accepted.client_hello();
        let server_name = hello.server_name().map(str::to_owned);
        let alpn: Vec<Vec<u8>> = hello
            .alpn()
            .map(|list| list.map(<[u8]>::to_vec).collect())
            .unwrap_or_default();
        st.hostname = server_name.clone();
        let chosen = MutexGuard::unlocked(st, || {
            hook.client_hello(self, server_name.as_deref(), &alpn)
        });
        chosen.map_err(|_| {
            let why = Error::Protocol("ClientHello refused by the application".into());
            self.fail_fatally(st, why)
        })
    }
}

/// Keeps the ClientHello for the next handshake call, which goes on from
/// `progress`; the failure this call returns.
fn park(
    st: &mut StateGuard<'_>,
    hook: Arc<dyn ClientHelloHook>,
    progress: HelloProgress,
    kind: ErrorKind,
) -> Failure {
    st.accepting = Some(Box::new(Accepting {
        acceptor: Acceptor::default(),
        hook,
        progress: Some(progress),
    }));
    Failure::new(kind)
}

/// Sends a fatal alert in the clear (nothing is encrypted before the
/// server answers the ClientHello).
fn send_alert(st: &mut StateGuard<'_>, alert: u8) {
    if let Some(w) = st.writer.as_mut() {
        let _ = w.write_all(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, alert]);
        let _ = w.flush();
    }
}
