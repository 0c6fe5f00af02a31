//! The alerts OpenSSL sends for a ClientHello past its bounds, where rustls
//! sends none or another: a handshake message longer than rustls' 64 KiB
//! (OpenSSL: illegal_parameter, "excessive message size") and a record
//! longer than TLS allows (OpenSSL: record_overflow, "packet length too
//! long"; rustls: decode_error). Before the ClientHello is read every
//! record is plaintext, so the alert is written as a plaintext record.

use std::io::Write;

use super::state_lock::StateGuard;
use super::{Connection, Role};
use crate::ssl::error::{Error, Failure};

impl Connection {
    /// Fails the connection while reading its ClientHello, sending the
    /// alert OpenSSL sends for `why` when it is a size bound (rustls sends
    /// none or another), else rustls' `alert`.
    pub(super) fn refuse_client_hello(
        &self,
        st: &mut StateGuard<'_>,
        why: Error,
        alert: Option<rustls::server::AcceptedAlert>,
    ) -> Failure {
        if let Some(w) = st.writer.as_mut() {
            if let Some(description) = size_alert(&why) {
                let _ = w.write_all(&plaintext_alert(description));
                st.note_alert(true, true, description);
            } else if let Some(mut alert) = alert {
                let _ = alert.write_all(w);
            }
        }
        self.fail_fatally(st, why)
    }

    /// Fails a connection whose peer passed a size bound: a server still
    /// reading the ClientHello sends OpenSSL's alert in place of the one
    /// rustls queued (nothing else is queued before the hello is read);
    /// later, rustls' alert (if any) goes out as it is.
    pub(super) fn refuse_oversized_hello(&self, st: &mut StateGuard<'_>, why: Error) -> Failure {
        let before_hello =
            st.role == Some(Role::Server) && st.capture.lock().client_offers_ticket.is_none();
        if !before_hello {
            let _ = st.flush();
            return self.fail_fatally(st, why);
        }
        let st_inner: &mut super::State = st;
        if let Some(tls) = st_inner.tls.as_deref_mut() {
            st_inner.outgoing.gather(tls);
            st_inner.outgoing.clear();
        }
        self.refuse_client_hello(st, why, None)
    }
}

/// illegal_parameter.
const ILLEGAL_PARAMETER: u8 = 47;
/// record_overflow.
const RECORD_OVERFLOW: u8 = 22;

/// The fatal alert OpenSSL sends for a ClientHello refused as `why`, when
/// it is one of the size failures.
pub(super) fn size_alert(why: &Error) -> Option<u8> {
    match why {
        Error::ExcessiveMessageSize => Some(ILLEGAL_PARAMETER),
        Error::PacketLengthTooLong => Some(RECORD_OVERFLOW),
        _ => None,
    }
}

/// A plaintext fatal alert record with `description`, as OpenSSL writes
/// it before a version is agreed (record version TLS 1.2).
pub(super) fn plaintext_alert(description: u8) -> [u8; 7] {
    [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, description]
}

/// Whether a read refused by rustls' record buffer means the handshake
/// message being joined grew past the bound (rustls fills at most 64 KiB
/// with a message's records, headers included, before refusing to read).
pub(super) fn is_buffer_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::InvalidData
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_failures_get_openssls_alerts() {
        let too_large =
            rustls::Error::InvalidMessage(rustls::InvalidMessage::HandshakePayloadTooLarge);
        let why = Error::from_tls(&too_large);
        assert_eq!(why, Error::ExcessiveMessageSize);
        assert_eq!(size_alert(&why), Some(47));
        let oversized = rustls::Error::InvalidMessage(rustls::InvalidMessage::MessageTooLarge);
        let why = Error::from_tls(&oversized);
        assert_eq!(why, Error::PacketLengthTooLong);
        assert_eq!(size_alert(&why), Some(22));
        assert_eq!(size_alert(&Error::UnexpectedEof), None);
        assert_eq!(plaintext_alert(22), [21, 3, 3, 0, 2, 2, 22]);
    }
}
