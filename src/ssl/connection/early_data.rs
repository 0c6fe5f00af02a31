//! TLS 1.3 early data (0-RTT) as OpenSSL's `SSL_write_early_data` /
//! `SSL_read_early_data` give it, over rustls' `early_data()` on either side.
//! A client writes early data only before its handshake starts, with a
//! session that allows it; a server accepts it only while the application
//! reads it with `SSL_read_early_data` (a server that just runs
//! `SSL_accept` refuses it, as OpenSSL's), and its allow hook may refuse it.

use std::io::{Read, Write};

use std::sync::Arc;

use super::state_lock::StateGuard;
use super::{Connection, Role};
use crate::ssl::client_hello::ClientHello;
use crate::ssl::error::{Error, ErrorKind, Failure, IoResult};

/// The `early_data` extension's type.
const EXT_EARLY_DATA: u16 = 42;
/// The `pre_shared_key` extension's type.
const EXT_PRE_SHARED_KEY: u16 = 41;

/// Where a connection is in the early-data calls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum EarlyPhase {
    /// No early-data call was made.
    #[default]
    None,
    /// A client that wrote early data (`SSL_write_early_data`).
    ClientWriting,
    /// A server reading early data (`SSL_read_early_data`), until it finishes.
    ServerReading,
    /// A server whose `SSL_read_early_data` answered "finished".
    ServerFinished,
}

/// What `SSL_read_early_data` read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EarlyRead {
    /// Early data bytes (`SSL_READ_EARLY_DATA_SUCCESS`).
    Data(usize),
    /// No more early data (`SSL_READ_EARLY_DATA_FINISH`).
    Finished,
}

/// `SSL_get_early_data_status`'s answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EarlyDataStatus {
    /// `SSL_EARLY_DATA_NOT_SENT`.
    NotSent,
    /// `SSL_EARLY_DATA_REJECTED`.
    Rejected,
    /// `SSL_EARLY_DATA_ACCEPTED`.
    Accepted,
}

/// The application's decision on early data a server would accept
/// (`SSL_set_allow_early_data_cb`): true accepts it.
pub type AllowEarlyDataHook = Arc<dyn Fn(&Connection) -> bool + Send + Sync>;

/// The connection's allow hook, kept in its extras.
#[derive(Default)]
pub struct AllowEarlyData(pub Option<AllowEarlyDataHook>);

/// "Called a function you should not call": the failure and its reason kept.
fn not_now(st: &mut StateGuard<'_>, why: &str) -> Failure {
    st.error = Some(Error::Unsupported(why.into()));
    Failure::new(ErrorKind::Ssl)
}

/// Whether a ClientHello offers early data with a PSK.
pub(super) fn hello_offers_early_data(record: Option<&[u8]>) -> bool {
    record.and_then(ClientHello::parse).is_some_and(|h| {
        h.extension(EXT_EARLY_DATA).is_some() && h.extension(EXT_PRE_SHARED_KEY).is_some()
    })
}

/// A server that accepts early data: a maximum above 0 and TLS 1.3 allowed.
/// Its TLS 1.3 tickets are stateful, as OpenSSL's under anti-replay (rustls
/// accepts early data only with those, so also without anti-replay).
pub(super) fn early_data_server(s: &super::state::ConnectionSettings) -> bool {
    s.max_early_data > 0
        && s.config_key()
            .versions()
            .iter()
            .any(|v| v.version == rustls::ProtocolVersion::TLSv1_3)
}

impl Connection {
    /// `SSL_set_max_early_data`: what a server accepts and announces.
    pub fn set_max_early_data(&self, max: u32) {
        self.state.lock().settings.max_early_data = max;
    }

    /// `SSL_get_max_early_data`.
    pub fn max_early_data(&self) -> u32 {
        self.state.lock().settings.max_early_data
    }

    /// `SSL_set_allow_early_data_cb`: the hook asked before a server accepts early data.
    pub fn set_allow_early_data_hook(&self, hook: Option<AllowEarlyDataHook>) {
        self.extras
            .set(AllowEarlyData(hook), |h: &AllowEarlyData| h.0.is_none());
    }

    /// A server reads early data only while the application reads it with
    /// `SSL_read_early_data`, and asks its allow hook first.
    pub(super) fn refuses_early_data(&self, st: &mut StateGuard<'_>) -> bool {
        if st.early != EarlyPhase::ServerReading {
            return true;
        }
        if !hello_offers_early_data(st.record_cursor.first_record()) {
            return false;
        }
        let Some(hook) = self.extras.read(|h: &AllowEarlyData| h.0.clone()) else {
            return false;
        };
        !StateGuard::unlocked(st, || hook(self))
    }

    /// Before a server's rustls reads the ClientHello: early data refused
    /// when the application does not read it or its allow hook says no.
    pub(super) fn decide_early_data(&self, st: &mut StateGuard<'_>) {
        let hello_unread = matches!(st.tls.as_deref(),
            Some(rustls::Connection::Server(s)) if s.protocol_version().is_none());
        if !hello_unread || !early_data_server(&st.settings) {
            return;
        }
        if self.refuses_early_data(st) {
            if let Some(rustls::Connection::Server(s)) = st.tls.as_deref_mut() {
                s.reject_early_data();
            }
        }
    }

    /// Whether the handshake stops here for the early-data calls: a client
    /// once its ClientHello is out (`pause`), a server reading early data
    /// once its flight is out and early data is waiting or was refused.
    pub(super) fn early_data_pause(st: &mut StateGuard<'_>, client_pause: bool) -> bool {
        if client_pause {
            return true;
        }
        if st.early != EarlyPhase::ServerReading {
            return false;
        }
        let st: &mut super::state::State = st;
        match st.tls.as_deref_mut() {
            Some(rustls::Connection::Server(s)) if s.protocol_version().is_some() => {
                match s.early_data() {
                    Some(mut ed) => {
                        let _ = ed.read_to_end(&mut st.early_received);
                        !st.early_received.is_empty()
                    }
                    None => true,
                }
            }
            _ => false,
        }
    }

    /// `SSL_read_early_data` on a server: the early data waiting, else
    /// "finished" once there is none (refused, or the client ended it).
    pub fn read_early_data(&self, buf: &mut [u8]) -> IoResult<EarlyRead> {
        self.with_state(|st| {
            let r = self.read_early_step(st, buf);
            st.remember_error_kind(r)
        })
    }

    fn read_early_step(&self, st: &mut StateGuard<'_>, buf: &mut [u8]) -> IoResult<EarlyRead> {
        if st.role == Some(Role::Client) {
            return Err(not_now(st, "a client reads no early data"));
        }
        match st.early {
            EarlyPhase::None if st.tls.is_none() && st.accepting.is_none() && !st.finished => {
                st.role = Some(Role::Server);
                st.early = EarlyPhase::ServerReading;
            }
            EarlyPhase::ServerReading => {}
            _ => return Err(not_now(st, "the early data was read")),
        }
        if st.early_received.is_empty() {
            self.run_handshake(st)?;
            // What came with the client's Finished, if the handshake ended.
            Self::early_data_pause(st, false);
        }
        if !st.early_received.is_empty() && !buf.is_empty() {
            let n = buf.len().min(st.early_received.len());
            buf[..n].copy_from_slice(&st.early_received[..n]);
            st.early_received.drain(..n);
            return Ok(EarlyRead::Data(n));
        }
        st.early = EarlyPhase::ServerFinished;
        Ok(EarlyRead::Finished)
    }

    /// `SSL_write_early_data`: a client's early data (its handshake starts
    /// with the first call), or a server's data before the client's Finished.
    pub fn write_early_data(&self, buf: &[u8]) -> IoResult<usize> {
        self.with_state(|st| {
            let r = match st.role {
                Some(Role::Server) => self.write_half_rtt(st, buf),
                _ => self.write_early_step(st, buf),
            };
            st.remember_error_kind(r)
        })
    }

    fn write_early_step(&self, st: &mut StateGuard<'_>, buf: &[u8]) -> IoResult<usize> {
        match st.early {
            EarlyPhase::None => {
                let started = st.tls.is_some() || st.finished;
                let allowed = st.session.as_ref().is_some_and(|s| s.max_early_data() > 0);
                if started || !allowed {
                    return Err(not_now(st, "no early data can be sent"));
                }
                st.role = Some(Role::Client);
                st.early = EarlyPhase::ClientWriting;
                st.early_client_pause = true;
                let r = self.run_handshake(st);
                st.early_client_pause = false;
                r?;
            }
            EarlyPhase::ClientWriting => {}
            _ => return Err(not_now(st, "no early data can be sent")),
        }
        let written = match st.tls.as_deref_mut() {
            Some(rustls::Connection::Client(c)) => c.early_data().map(|mut ed| ed.write(buf)),
            _ => None,
        };
        let n = match written {
            Some(Ok(n)) => n,
            // The session allowed early data but rustls cannot send it (its
            // ticket was spent): as OpenSSL's server refusing it, the data
            // is lost and the status says rejected.
            None if !st.early_data_written && st.early == EarlyPhase::ClientWriting => buf.len(),
            _ => return Err(not_now(st, "no early data can be sent now")),
        };
        st.early_data_written = true;
        st.write_records()?;
        Ok(n)
    }

    /// A server's data sent before the client's Finished (`send_half_rtt_data`).
    fn write_half_rtt(&self, st: &mut StateGuard<'_>, buf: &[u8]) -> IoResult<usize> {
        if st.early == EarlyPhase::None || st.finished {
            return Err(not_now(st, "the server is not reading early data"));
        }
        let n = st
            .tls()?
            .writer()
            .write(buf)
            .map_err(|_| Failure::new(ErrorKind::Ssl))?;
        st.write_records()?;
        Ok(n)
    }

    /// `SSL_get_early_data_status`.
    pub fn early_data_status(&self) -> EarlyDataStatus {
        let mut st = self.state.lock();
        let offered = st.early_data_written
            || (st.role == Some(Role::Server)
                && hello_offers_early_data(st.record_cursor.first_record()));
        if !offered {
            return EarlyDataStatus::NotSent;
        }
        let accepted = match st.tls.as_deref_mut() {
            Some(rustls::Connection::Client(c)) => c.is_early_data_accepted(),
            Some(rustls::Connection::Server(s)) => s.early_data().is_some(),
            None => false,
        };
        if accepted {
            EarlyDataStatus::Accepted
        } else {
            EarlyDataStatus::Rejected
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ClientHello record with the given extensions (type, empty body).
    fn hello_with(extensions: &[u16]) -> Vec<u8> {
        let mut ext = Vec::new();
        for e in extensions {
            ext.extend_from_slice(&e.to_be_bytes());
            ext.extend_from_slice(&[0, 0]);
        }
        let mut body = vec![3, 3];
        body.extend_from_slice(&[0; 32]); // random
        body.push(0); // session id
        body.extend_from_slice(&[0, 2, 0x13, 0x01]); // one suite
        body.extend_from_slice(&[1, 0]); // null compression
        body.extend_from_slice(&(ext.len() as u16).to_be_bytes());
        body.extend_from_slice(&ext);
        let mut hs = vec![1, 0];
        hs.extend_from_slice(&(body.len() as u16).to_be_bytes());
        hs.extend_from_slice(&body);
        let mut record = vec![22, 3, 1];
        record.extend_from_slice(&(hs.len() as u16).to_be_bytes());
        record.extend_from_slice(&hs);
        record
    }

    #[test]
    fn early_data_is_offered_only_with_a_pre_shared_key() {
        assert!(hello_offers_early_data(Some(&hello_with(&[42, 41]))));
        assert!(!hello_offers_early_data(Some(&hello_with(&[42]))));
        assert!(!hello_offers_early_data(Some(&hello_with(&[41]))));
        assert!(!hello_offers_early_data(None));
    }
}
