//! The fields of a session an application may read and change after it was
//! made (`SSL_SESSION_set1_hostname`, `set1_alpn_selected`, `set_cipher`,
//! `set1_master_key`, `set_max_early_data`, `set1_ticket_appdata`), and what
//! the handshake recorded beside them (ticket, peer certificate, extended
//! master secret). Byte fields are boxed so a C caller can be lent a pointer
//! that stays valid until the field is set again, as with OpenSSL.

use super::session::Session;

/// The longest master key a session holds: OpenSSL 3.0 sizes it for a TLS 1.3
/// resumption PSK (`TLS13_MAX_RESUMPTION_PSK_LENGTH`).
pub const MAX_MASTER_KEY_LENGTH: usize = 512;

/// The changeable fields of a session.
#[derive(Clone, Debug, Default)]
pub struct SessionDetails {
    /// IANA cipher suite number.
    pub cipher_suite: u16,
    /// The server name followed by a NUL byte.
    pub hostname_nul: Option<Box<[u8]>>,
    /// The master key (TLS 1.2) or resumption PSK (TLS 1.3).
    pub master_key: super::Secret,
    /// The ALPN protocol selected (empty: none).
    pub alpn_selected: Box<[u8]>,
    /// The most early data the session allows.
    pub max_early_data: u32,
    /// The ticket a client holds (empty on a server and without a ticket).
    pub ticket: Box<[u8]>,
    /// Application data carried inside the ticket (`SSL_SESSION_set1_ticket_appdata`).
    pub ticket_appdata: Option<Box<[u8]>>,
    /// The peer's certificate (DER), when it sent one.
    pub peer_certificate: Option<Vec<u8>>,
    /// Whether the session used the extended master secret (RFC 7627).
    pub extended_master_secret: bool,
}

/// Why a session refuses a value.
#[derive(Debug, PartialEq, Eq)]
pub enum DetailError {
    /// A master key longer than `MAX_MASTER_KEY_LENGTH`.
    MasterKeyTooLong,
    /// The session resumes through a value rustls sealed, which keeps its own
    /// suite and key: a changed one would be reported but never used.
    SealedResumption(&'static str),
}

impl std::fmt::Display for DetailError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DetailError::MasterKeyTooLong => f.write_str("master key longer than 512 bytes"),
            DetailError::SealedResumption(what) => write!(
                f,
                "the session resumes with the {what} rustls recorded; a new one would not be used"
            ),
        }
    }
}

fn with_nul(s: &str) -> Box<[u8]> {
    s.bytes().chain([0]).collect()
}

impl Session {
    /// A copy of the changeable fields.
    pub fn details(&self) -> SessionDetails {
        self.ticket_facts();
        self.details.read().clone()
    }

    /// Changes the fields with `f` (no other lock is taken meanwhile). The
    /// ticket and the extended master secret of a session made from a
    /// rustls value may not be in place yet: their methods settle them.
    pub(super) fn update_details<R>(&self, f: impl FnOnce(&mut SessionDetails) -> R) -> R {
        f(&mut self.details.write())
    }

    /// The IANA cipher suite number (`SSL_SESSION_get0_cipher`).
    pub fn cipher_suite(&self) -> u16 {
        self.details.read().cipher_suite
    }

    /// `SSL_SESSION_set_cipher`: refused for a session rustls would resume
    /// with its own suite.
    pub fn set_cipher_suite(&self, suite: u16) -> Result<(), DetailError> {
        if self.has_resumption_value() && suite != self.cipher_suite() {
            return Err(DetailError::SealedResumption("cipher suite"));
        }
        self.update_details(|d| d.cipher_suite = suite);
        Ok(())
    }

    /// The server name (`SSL_SESSION_get0_hostname`).
    pub fn hostname(&self) -> Option<String> {
        let d = self.details.read();
        let h = d.hostname_nul.as_deref()?;
        Some(String::from_utf8_lossy(&h[..h.len() - 1]).into_owned())
    }

    /// The server name followed by a NUL byte and where it is kept, for
    /// lending to C (valid until `set_hostname`).
    pub fn hostname_ptr(&self) -> Option<*const u8> {
        self.details
            .read()
            .hostname_nul
            .as_ref()
            .map(|h| h.as_ptr())
    }

    /// `SSL_SESSION_set1_hostname` (`None` clears it).
    pub fn set_hostname(&self, name: Option<&str>) {
        self.update_details(|d| d.hostname_nul = name.map(with_nul));
    }

    /// The master key (`SSL_SESSION_get_master_key`).
    pub fn master_key(&self) -> super::Secret {
        self.details.read().master_key.clone()
    }

    /// `SSL_SESSION_set1_master_key`: at most 512 bytes, and refused for a
    /// session rustls would resume with the key it recorded.
    pub fn set_master_key(&self, key: &[u8]) -> Result<(), DetailError> {
        if key.len() > MAX_MASTER_KEY_LENGTH {
            return Err(DetailError::MasterKeyTooLong);
        }
        if self.has_resumption_value() {
            return Err(DetailError::SealedResumption("master key"));
        }
        self.update_details(|d| d.master_key = super::Secret::copy_of(key));
        Ok(())
    }

    /// The selected ALPN protocol and where it is kept (`SSL_SESSION_get0_alpn_selected`).
    pub fn alpn_selected(&self) -> (*const u8, usize) {
        let d = self.details.read();
        (d.alpn_selected.as_ptr(), d.alpn_selected.len())
    }

    /// `SSL_SESSION_set1_alpn_selected` (empty clears it).
    pub fn set_alpn_selected(&self, alpn: &[u8]) {
        self.update_details(|d| d.alpn_selected = alpn.into());
    }

    /// `SSL_SESSION_get_max_early_data`.
    pub fn max_early_data(&self) -> u32 {
        self.details.read().max_early_data
    }

    /// `SSL_SESSION_set_max_early_data`.
    pub fn set_max_early_data(&self, n: u32) {
        self.update_details(|d| d.max_early_data = n);
    }

    /// The ticket a client holds and where it is kept (`SSL_SESSION_get0_ticket`).
    pub fn ticket(&self) -> (*const u8, usize) {
        self.ticket_facts();
        let d = self.details.read();
        (d.ticket.as_ptr(), d.ticket.len())
    }

    /// Records the ticket bytes a client received.
    pub fn set_ticket(&self, ticket: &[u8]) {
        self.ticket_facts();
        self.update_details(|d| d.ticket = ticket.into());
    }

    /// The ticket's application data and where it is kept
    /// (`SSL_SESSION_get0_ticket_appdata`); `None` when there is none.
    pub fn ticket_appdata(&self) -> Option<(*const u8, usize)> {
        let d = self.details.read();
        d.ticket_appdata.as_ref().map(|a| (a.as_ptr(), a.len()))
    }

    /// A copy of the ticket's application data.
    pub fn ticket_appdata_bytes(&self) -> Option<Vec<u8>> {
        self.details
            .read()
            .ticket_appdata
            .as_deref()
            .map(<[u8]>::to_vec)
    }

    /// `SSL_SESSION_set1_ticket_appdata` (`None` clears it).
    pub fn set_ticket_appdata(&self, data: Option<&[u8]>) {
        self.update_details(|d| d.ticket_appdata = data.map(Into::into));
    }

    /// The peer's certificate, DER (`SSL_SESSION_get0_peer`).
    pub fn peer_certificate(&self) -> Option<Vec<u8>> {
        self.details.read().peer_certificate.clone()
    }

    /// Records the peer's certificate.
    pub fn set_peer_certificate(&self, der: Option<&[u8]>) {
        self.update_details(|d| d.peer_certificate = der.map(<[u8]>::to_vec));
    }

    /// Whether the session used the extended master secret.
    pub fn extended_master_secret(&self) -> bool {
        self.ticket_facts();
        self.details.read().extended_master_secret
    }

    /// Records whether the session used the extended master secret.
    pub fn set_extended_master_secret(&self, yes: bool) {
        self.ticket_facts();
        self.update_details(|d| d.extended_master_secret = yes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Resumption, SessionParameters, Side};

    fn empty() -> Session {
        Session::new(
            Side::Server,
            SessionParameters::default(),
            300,
            Resumption::None,
        )
    }

    #[test]
    fn fields_read_back_what_was_set() {
        let s = empty();
        assert_eq!(s.hostname(), None);
        s.set_hostname(Some("example.com"));
        assert_eq!(s.hostname().as_deref(), Some("example.com"));
        s.set_hostname(None);
        assert!(s.hostname_ptr().is_none());
        s.set_alpn_selected(b"h2");
        assert_eq!(s.alpn_selected().1, 2);
        s.set_alpn_selected(b"");
        assert_eq!(s.alpn_selected().1, 0);
        s.set_max_early_data(1234);
        assert_eq!(s.max_early_data(), 1234);
        assert_eq!(s.set_cipher_suite(0x1301), Ok(()));
        assert_eq!(s.cipher_suite(), 0x1301);
        s.set_ticket_appdata(Some(b"xyz"));
        assert_eq!(s.ticket_appdata_bytes().as_deref(), Some(&b"xyz"[..]));
        s.set_ticket_appdata(None);
        assert!(s.ticket_appdata().is_none());
    }

    #[test]
    fn a_master_key_is_bounded() {
        let s = empty();
        assert_eq!(s.set_master_key(&[7; 512]), Ok(()));
        assert_eq!(s.master_key().len(), 512);
        assert_eq!(
            s.set_master_key(&[7; 513]),
            Err(DetailError::MasterKeyTooLong)
        );
        assert_eq!(s.set_master_key(&[]), Ok(()));
        assert!(s.master_key().is_empty());
    }

    #[test]
    fn a_sealed_session_keeps_its_suite_and_key() {
        let s = Session::new(
            Side::Server,
            SessionParameters {
                cipher_suite: 0x1302,
                ..Default::default()
            },
            300,
            Resumption::Server(vec![0; 8].into()),
        );
        assert!(matches!(
            s.set_master_key(&[1; 32]),
            Err(DetailError::SealedResumption(_))
        ));
        assert!(s.set_cipher_suite(0x1301).is_err());
        assert_eq!(s.set_cipher_suite(0x1302), Ok(()));
    }
}
