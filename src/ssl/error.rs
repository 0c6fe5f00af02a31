//! Why a call on a connection failed: OpenSSL's `SSL_ERROR_*` kind, the
//! reason a caller reads from the error queue, and the failure an I/O call
//! returns.

/// Why an I/O call did not complete (OpenSSL's `SSL_ERROR_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// No error.
    None,
    /// A protocol error; the connection is dead.
    Ssl,
    /// Call again when the transport is readable.
    WantRead,
    /// Call again when the transport is writable.
    WantWrite,
    /// The transport failed or ended without a close_notify.
    Syscall,
    /// The peer closed the connection cleanly.
    ZeroReturn,
}

/// What made a connection fail, for the error queue a caller reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorDetail {
    /// The peer's certificate did not verify.
    CertificateVerifyFailed,
    /// The peer sent this fatal alert.
    AlertReceived(u8),
    /// The peer closed the transport in the middle of the protocol.
    UnexpectedEof,
    /// A protocol error, described.
    Protocol(String),
    /// The connection could not start (no certificate, no protocol, ...).
    Setup(String),
    /// The role (client or server) was never set.
    NoRole,
    /// A server with peer verification on was asked to resume a session but
    /// has no session id context.
    SessionIdContextUninitialized,
    /// A server required a client certificate and the client sent none.
    PeerDidNotReturnCertificate,
    /// The peer offered no protocol version this end allows.
    UnsupportedProtocol,
}

impl ErrorDetail {
    pub(super) fn from_tls(e: &rustls::Error) -> Self {
        match e {
            rustls::Error::InvalidCertificate(_) => ErrorDetail::CertificateVerifyFailed,
            rustls::Error::NoCertificatesPresented => ErrorDetail::PeerDidNotReturnCertificate,
            rustls::Error::PeerIncompatible(
                rustls::PeerIncompatible::ServerDoesNotSupportTls12Or13
                | rustls::PeerIncompatible::ServerTlsVersionIsDisabledByOurConfig
                | rustls::PeerIncompatible::SupportedVersionsExtensionRequired
                | rustls::PeerIncompatible::Tls12NotOffered
                | rustls::PeerIncompatible::Tls12NotOfferedOrEnabled,
            ) => ErrorDetail::UnsupportedProtocol,
            rustls::Error::AlertReceived(a) => ErrorDetail::AlertReceived(u8::from(*a)),
            other => ErrorDetail::Protocol(other.to_string()),
        }
    }
}

/// A failed I/O call: the kind, and the value OpenSSL returns for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The C return value (0 or -1).
    pub ret: i32,
}

impl Failure {
    pub(super) fn new(kind: ErrorKind) -> Self {
        let ret = if kind == ErrorKind::ZeroReturn { 0 } else { -1 };
        Failure { kind, ret }
    }
}

/// The result of an I/O call on a connection.
pub(super) type IoResult<T> = Result<T, Failure>;
