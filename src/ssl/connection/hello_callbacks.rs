//! A server's application callbacks on the ClientHello, run after rustls
//! has read it and before the server's configuration is chosen, in OpenSSL's
//! order: the ClientHello callback (which reads the ClientHello's fields and
//! may move the connection to another context), the servername callback,
//! then the ALPN and certificate callbacks (under TLS 1.2 the certificate
//! callback first). The ClientHello and certificate callbacks may ask to be
//! called again: the handshake call then returns, and the next one takes up
//! where it stopped.

use std::io::Write;
use std::sync::Arc;

use rustls::server::{Accepted, Acceptor};

use super::state::Accepting;
use super::state_lock::StateGuard;
use super::Connection;
use crate::ssl::client_hello::ClientHello;
use crate::ssl::error::{Error, ErrorKind, Failure, IoResult};
use crate::ssl::hooks::{ClientHelloHook, HelloRefused, HelloStep};
use crate::ssl::options::OP_NO_TICKET;

/// TLS 1.3's protocol version number.
const TLS13: u16 = 0x0304;

/// `SSL_AD_INTERNAL_ERROR`: the alert of a failed certificate callback.
pub(super) const INTERNAL_ERROR_ALERT: u8 = 80;

/// A ClientHello read and being answered, between handshake calls.
pub(super) struct HelloProgress {
    accepted: Accepted,
    hello: Option<Arc<ClientHello>>,
    stage: Stage,
}

/// Which callback is next.
enum Stage {
    /// The ClientHello callback, then the servername callback (and under
    /// TLS 1.3 the ALPN callback).
    Early,
    /// The certificate callback, with the ALPN protocol chosen so far, and
    /// whether the ALPN callback comes after it (TLS 1.2).
    Certificate {
        protocol: Option<Vec<u8>>,
        alpn_after: bool,
    },
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
        self.extras.read(|r: &ReadableHello| r.0.clone())
    }

    /// On a client its server asked for a certificate: the certificate
    /// callback (`SSL_CTX_set_cert_cb`), which OpenSSL runs before the client
    /// certificate callback.
    pub(crate) fn client_certificate_step(&self) -> HelloStep {
        self.hello_hook()
            .map_or(HelloStep::Continue, |h| h.certificate(self))
    }

    /// Whether the connection has a hook with a certificate callback.
    pub(crate) fn has_certificate_hook(&self) -> bool {
        self.hello_hook().is_some()
    }

    /// Gives the connection a hook of its own, used instead of its context's.
    pub fn set_hello_hook(&self, hook: Option<Arc<dyn ClientHelloHook>>) {
        self.extras.with(|h: &mut OwnHook| h.0 = hook);
    }

    /// The hook that sees this server's ClientHello: the connection's own,
    /// else that of the context it moved to, else its context's.
    pub(super) fn hello_hook(&self) -> Option<Arc<dyn ClientHelloHook>> {
        self.extras
            .read(|h: &OwnHook| h.0.clone())
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
            match StateGuard::unlocked(st, || hook.early(self)) {
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
            // OpenSSL picks the version here; under TLS 1.3 it chooses the
            // ALPN protocol before the certificate callback, else after it.
            let tls13 = progress
                .hello
                .as_ref()
                .is_some_and(|h| h.offers_version(TLS13))
                && st
                    .settings
                    .config_key()
                    .versions()
                    .contains(&&rustls::version::TLS13);
            st.tls12_ticket_refused_at_hello =
                !tls13 && st.settings.config_key().options & OP_NO_TICKET != 0;
            // The ClientHello stays readable through these, as in OpenSSL.
            let protocol = match self.server_name(st, &*hook, &progress.accepted) {
                Ok(named) if tls13 => self.select_alpn(st, &*hook, &progress.accepted, named),
                other => other,
            };
            self.show_hello(None);
            let protocol = protocol?;
            progress.stage = Stage::Certificate {
                protocol,
                alpn_after: !tls13,
            };
        }
        match StateGuard::unlocked(st, || hook.certificate(self)) {
            HelloStep::Continue => {}
            HelloStep::Retry => return Err(park(st, hook, progress, ErrorKind::WantX509Lookup)),
            HelloStep::Fail(_) => {
                send_alert(st, INTERNAL_ERROR_ALERT);
                return Err(self.fail_fatally(st, Error::CertCallbackFailed));
            }
        }
        let Stage::Certificate {
            mut protocol,
            alpn_after,
        } = progress.stage
        else {
            return Err(Failure::new(ErrorKind::Ssl));
        };
        if alpn_after {
            protocol = self.select_alpn(st, &*hook, &progress.accepted, protocol)?;
        }
        self.make_server_connection(st, progress.accepted, protocol)
    }

    /// The servername callback (through the hook's `client_hello`): the
    /// protocol it chose, or the handshake failed. The server name is the
    /// connection's from here on.
    fn server_name(
        &self,
        st: &mut StateGuard<'_>,
        hook: &dyn ClientHelloHook,
        accepted: &Accepted,
    ) -> IoResult<Option<Vec<u8>>> {
        let server_name = accepted.client_hello().server_name().map(str::to_owned);
        let offered = offered_protocols(accepted);
        st.hostname = server_name.clone();
        st.server_name_accepted = false;
        let chosen = StateGuard::unlocked(st, || {
            hook.client_hello(self, server_name.as_deref(), &offered)
        });
        chosen.map_err(|r| self.refused(st, r))
    }

    /// The ALPN callback: the protocol it chose, else `chosen`.
    fn select_alpn(
        &self,
        st: &mut StateGuard<'_>,
        hook: &dyn ClientHelloHook,
        accepted: &Accepted,
        chosen: Option<Vec<u8>>,
    ) -> IoResult<Option<Vec<u8>>> {
        let offered = offered_protocols(accepted);
        match StateGuard::unlocked(st, || hook.alpn(self, &offered)) {
            Ok(protocol) => Ok(protocol.or(chosen)),
            Err(r) => Err(self.refused(st, r)),
        }
    }

    /// The application refused the ClientHello: the client is sent its alert.
    fn refused(&self, st: &mut StateGuard<'_>, refusal: HelloRefused) -> Failure {
        send_alert(st, refusal.0);
        let why = match refusal {
            HelloRefused::NO_APPLICATION_PROTOCOL => Error::NoApplicationProtocol,
            HelloRefused::INTERNAL_ERROR => Error::Internal("empty ALPN selection".into()),
            _ => Error::CallbackFailed,
        };
        self.fail_fatally(st, why)
    }
}

/// The protocols the client offers (ALPN).
fn offered_protocols(accepted: &Accepted) -> Vec<Vec<u8>> {
    accepted
        .client_hello()
        .alpn()
        .map(|list| list.map(<[u8]>::to_vec).collect())
        .unwrap_or_default()
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
/// server answers the ClientHello), telling the info callback as OpenSSL does.
pub(super) fn send_alert(st: &mut StateGuard<'_>, alert: u8) {
    st.note_alert(true, true, alert);
    if let Some(w) = st.writer.as_mut() {
        let _ = w.write_all(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, alert]);
        let _ = w.flush();
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use parking_lot::Mutex;

    use super::super::tests::{contexts, handshake, link};
    use super::*;
    use crate::ssl::hooks::HelloRefused;
    use crate::ssl::options::{TLS1_2_VERSION, TLS1_3_VERSION};

    /// A hook that writes down each call and answers from its script.
    #[derive(Default)]
    struct Script {
        calls: Mutex<Vec<String>>,
        early: Mutex<VecDeque<HelloStep>>,
        certificate: Mutex<VecDeque<HelloStep>>,
    }

    impl Script {
        fn note(&self, conn: &Connection, what: &str) {
            let readable = conn.client_hello().map_or(0, |h| h.random().len());
            self.calls.lock().push(format!("{what} {readable}"));
        }
    }

    impl ClientHelloHook for Script {
        fn early(&self, conn: &Connection) -> HelloStep {
            self.note(conn, "early");
            self.early.lock().pop_front().unwrap_or(HelloStep::Continue)
        }

        fn client_hello(
            &self,
            conn: &Connection,
            server_name: Option<&str>,
            _alpn: &[Vec<u8>],
        ) -> Result<Option<Vec<u8>>, HelloRefused> {
            self.note(conn, &format!("servername {server_name:?}"));
            Ok(None)
        }

        fn alpn(&self, conn: &Connection, _: &[Vec<u8>]) -> Result<Option<Vec<u8>>, HelloRefused> {
            self.note(conn, "alpn");
            Ok(None)
        }

        fn certificate(&self, conn: &Connection) -> HelloStep {
            self.note(conn, "certificate");
            self.certificate
                .lock()
                .pop_front()
                .unwrap_or(HelloStep::Continue)
        }
    }

    /// A linked pair whose server context has `script` as its hook.
    fn pair(script: &Arc<Script>, version: u16) -> (Arc<Connection>, Arc<Connection>) {
        let (cctx, sctx) = contexts();
        sctx.set_client_hello_hook(Some(script.clone()));
        let (client, server) = (Connection::new(cctx), Connection::new(sctx));
        client.set_version_bound(false, version);
        assert!(client.set_hostname(Some("localhost".into())));
        link(&client, &server);
        (client, server)
    }

    fn kind(r: IoResult<()>) -> Option<ErrorKind> {
        r.err().map(|f| f.kind)
    }

    #[test]
    fn each_retry_asks_the_same_callback_again_and_the_rest_run_once() {
        let script = Arc::new(Script::default());
        script.early.lock().push_back(HelloStep::Retry);
        script.certificate.lock().push_back(HelloStep::Retry);
        let (client, server) = pair(&script, TLS1_3_VERSION);
        assert_eq!(kind(client.connect()), Some(ErrorKind::WantRead));
        assert_eq!(kind(server.accept()), Some(ErrorKind::WantClientHelloCb));
        assert_eq!(server.error_kind(-1), ErrorKind::WantClientHelloCb);
        assert!(server.client_hello().is_some(), "kept between the calls");
        assert_eq!(server.hostname(), None, "not yet the connection's");
        assert_eq!(kind(server.accept()), Some(ErrorKind::WantX509Lookup));
        assert!(server.client_hello().is_none());
        let outcome = handshake(&client, &server);
        assert_eq!((outcome.client, outcome.server), (Ok(()), Ok(())));
        let calls = script.calls.lock().clone();
        let want = [
            "early 32",
            "early 32",
            "servername Some(\"localhost\") 32",
            "alpn 32",
            "certificate 0",
            "certificate 0",
        ];
        assert_eq!(calls, want);
        assert_eq!(server.hostname().as_deref(), Some("localhost"));
    }

    #[test]
    fn under_tls12_alpn_comes_after_the_certificate() {
        let script = Arc::new(Script::default());
        let (client, server) = pair(&script, TLS1_2_VERSION);
        let outcome = handshake(&client, &server);
        assert_eq!((outcome.client, outcome.server), (Ok(()), Ok(())));
        let calls = script.calls.lock().clone();
        let want = [
            "early 32",
            "servername Some(\"localhost\") 32",
            "certificate 0",
            "alpn 0",
        ];
        assert_eq!(calls, want);
    }

    #[test]
    fn a_failing_callback_fails_the_handshake_with_its_alert() {
        for (early, certificate, alert, why) in [
            (
                HelloStep::Fail(49),
                HelloStep::Continue,
                49,
                Error::CallbackFailed,
            ),
            (
                HelloStep::Continue,
                HelloStep::Fail(49),
                80,
                Error::CertCallbackFailed,
            ),
        ] {
            let script = Arc::new(Script::default());
            script.early.lock().push_back(early);
            script.certificate.lock().push_back(certificate);
            let (client, server) = pair(&script, TLS1_3_VERSION);
            let outcome = handshake(&client, &server);
            assert_eq!(kind(outcome.server), Some(ErrorKind::Ssl));
            assert_eq!(server.take_error(), Some(why));
            assert_eq!(kind(outcome.client), Some(ErrorKind::Ssl));
            assert_eq!(client.take_error(), Some(Error::AlertReceived(alert)));
            assert!(server.client_hello().is_none());
        }
    }
}
