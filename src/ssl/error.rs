//! Why something failed: the crate's one typed [`Error`] (what a caller reads
//! from the error queue), OpenSSL's `SSL_ERROR_*` kind of a failed I/O call,
//! and the failure such a call returns.

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
    /// The ClientHello callback asked to be called again.
    WantClientHelloCb,
    /// The certificate callback asked to be called again.
    WantX509Lookup,
}

/// What went wrong, in sessl's layers: the crate's one error type. The C
/// layer raises it onto libcrypto's error queue with OpenSSL's library and
/// reason code for it, so callers read what OpenSSL would tell them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The peer's certificate did not verify.
    CertificateVerifyFailed,
    /// The peer sent this fatal alert.
    AlertReceived(u8),
    /// The peer closed the transport in the middle of the protocol.
    UnexpectedEof,
    /// Application data where only a close_notify may come: after this end's
    /// close_notify, while `SSL_shutdown` waits for the peer's.
    ApplicationDataAfterCloseNotify,
    /// A protocol error, described.
    Protocol(String),
    /// The connection could not start: its configuration failed to build.
    Setup(Box<Error>),
    /// The role (client or server) was never set.
    NoRole,
    /// A server with peer verification on was asked to resume a session but
    /// has no session id context.
    SessionIdContextUninitialized,
    /// A server required a client certificate and the client sent none.
    PeerDidNotReturnCertificate,
    /// The peer offered no protocol version this end allows.
    UnsupportedProtocol,
    /// The version bounds and options leave no protocol version.
    NoProtocolsAvailable,
    /// A cipher string selected no suite sessl has.
    NoCipherMatch(String),
    /// A cipher string has a character, keyword or command OpenSSL cannot read.
    InvalidCipherCommand(String),
    /// A TLS 1.3 suite list named a suite sessl does not have.
    UnknownCipherSuite(String),
    /// The suites and groups left no cipher suite to use.
    NoCiphersAvailable,
    /// A group list named a group OpenSSL does not know.
    UnknownGroup(String),
    /// A group list named a group the crypto provider lacks.
    GroupNotAvailable(String),
    /// A group list named no group.
    NoGroups,
    /// The security level refuses the context's own key (`SSL_R_EE_KEY_TOO_SMALL`).
    EeKeyTooSmall,
    /// The security level refuses a key of the context's chain (`SSL_R_CA_KEY_TOO_SMALL`).
    CaKeyTooSmall,
    /// The security level refuses the digest a certificate of the context's
    /// chain is signed with (`SSL_R_CA_MD_TOO_WEAK`).
    CaMdTooWeak,
    /// A list of suites in wire form is empty (`SSL_bytes_to_cipher_list`).
    NoCiphersSpecified,
    /// A list of suites in wire form is cut inside an entry.
    BadCipherListLength,
    /// A server has no certificate to present.
    NoCertificateAssigned,
    /// A server has no private key to sign with.
    NoPrivateKeyAssigned,
    /// The private key cannot be used (unparsable or of an unsupported type).
    BadPrivateKey(String),
    /// The private key does not belong to the certificate.
    KeyMismatch(String),
    /// `SSL_use_cert_and_key`: the key is not the certificate's.
    PrivateKeyMismatch,
    /// `SSL_use_cert_and_key` without override: a certificate is there already.
    NotReplacingCertificate,
    /// Bytes given as a DER certificate or key are not one.
    NotDer(String),
    /// DH parameters weaker than the security level allows.
    DhKeyTooSmall,
    /// A required argument was NULL (`ERR_R_PASSED_NULL_PARAMETER`).
    NullArgument,
    /// A file that should hold certificates holds none.
    NoCertificateInFile(String),
    /// A PEM file read whole holds no item of the kind sought, or one that
    /// does not decode (OpenSSL's `ERR_R_PEM_LIB`).
    BadPem(String),
    /// A file could not be read or parsed.
    File {
        /// The file.
        path: String,
        /// What went wrong.
        why: String,
    },
    /// An `SSL_FILETYPE_*` value OpenSSL does not define.
    BadFileType(i32),
    /// Neither a CA file nor a CA directory was given.
    NoVerifyLocation,
    /// rustls or its crypto provider refused something sessl asked of it.
    Tls(String),
    /// Bytes given as a session are not one (`d2i_SSL_SESSION`, PEM).
    NotASession(String),
    /// A call sessl cannot do (rustls lacks the feature), with why.
    Unsupported(String),
    /// An argument a setter refuses, as OpenSSL refuses it.
    Refused(Refusal),
    /// A bug in sessl caught at the C boundary (a panic), with its message.
    Internal(String),
    /// The application's ClientHello callback failed the handshake.
    CallbackFailed,
    /// The application's certificate callback failed the handshake.
    CertCallbackFailed,
    /// A server found no cipher suite the client offers among its own.
    NoSharedCipher,
    /// A TLS 1.3 server's client signature algorithms name none a TLS 1.3
    /// handshake is signed with, so it cannot ask for a certificate
    /// (`SSL_R_NO_SUITABLE_SIGNATURE_ALGORITHM`, then OpenSSL's internal error).
    NoTls13ClientSigalgs,
    /// No ALPN protocol was agreed where one had to be (the server's ALPN
    /// callback refused the client's list).
    NoApplicationProtocol,
    /// A session store setting sessl refuses (a bad URL, a short fleet secret), with why.
    BadStoreSetting(String),
    /// A handshake message longer than the bound (OpenSSL's
    /// `SSL_R_EXCESSIVE_MESSAGE_SIZE`; rustls' bound is 64 KiB).
    ExcessiveMessageSize,
    /// A record longer than TLS allows (OpenSSL's `SSL_R_PACKET_LENGTH_TOO_LONG`).
    PacketLengthTooLong,
}

/// Why a setter refused its argument, in OpenSSL's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A required argument was NULL.
    NullParameter,
    /// A session id context longer than 32 bytes.
    IdContextTooLong,
    /// A session id longer than 32 bytes.
    SessionIdTooLong,
    /// A server name of a type other than host_name.
    ServerNameType,
    /// A server name that is empty or longer than 255 bytes.
    ServerName,
    /// Ticket keys not 80 bytes long.
    TicketKeysLength,
    /// No certificate to build a chain for.
    NoCertificateSet,
    /// A max_fragment_length mode other than those of RFC 6066.
    MaxFragmentLength,
    /// A list (of groups, ...) given as NULL; OpenSSL's configuration
    /// library reports it.
    NullList,
}

impl Refusal {
    /// OpenSSL's text for the reason.
    pub fn text(self) -> &'static str {
        match self {
            Refusal::NullParameter => "passed a null parameter",
            Refusal::IdContextTooLong => "ssl session id context too long",
            Refusal::SessionIdTooLong => "ssl session id too long",
            Refusal::ServerNameType => "ssl3 ext invalid servername type",
            Refusal::ServerName => "ssl3 ext invalid servername",
            Refusal::TicketKeysLength => "invalid ticket keys length",
            Refusal::NoCertificateSet => "no certificate set",
            Refusal::MaxFragmentLength => "ssl3 ext invalid max fragment length",
            Refusal::NullList => "list cannot be null",
        }
    }
}

impl Error {
    /// A file error for `path`.
    pub fn file(path: &std::path::Path, why: impl std::fmt::Display) -> Self {
        Error::File {
            path: path.display().to_string(),
            why: why.to_string(),
        }
    }

    /// The error of a failed TLS operation, as a caller of OpenSSL sees it.
    pub(super) fn from_tls(e: &rustls::Error) -> Self {
        match e {
            rustls::Error::InvalidCertificate(_) => Error::CertificateVerifyFailed,
            rustls::Error::NoCertificatesPresented => Error::PeerDidNotReturnCertificate,
            rustls::Error::PeerIncompatible(
                rustls::PeerIncompatible::ServerDoesNotSupportTls12Or13
                | rustls::PeerIncompatible::ServerTlsVersionIsDisabledByOurConfig
                | rustls::PeerIncompatible::SupportedVersionsExtensionRequired
                | rustls::PeerIncompatible::Tls12NotOffered
                | rustls::PeerIncompatible::Tls12NotOfferedOrEnabled,
            ) => Error::UnsupportedProtocol,
            rustls::Error::PeerIncompatible(rustls::PeerIncompatible::NoCipherSuitesInCommon) => {
                Error::NoSharedCipher
            }
            rustls::Error::NoApplicationProtocol => Error::NoApplicationProtocol,
            rustls::Error::AlertReceived(a) => Error::AlertReceived(u8::from(*a)),
            rustls::Error::InvalidMessage(rustls::InvalidMessage::HandshakePayloadTooLarge) => {
                Error::ExcessiveMessageSize
            }
            rustls::Error::InvalidMessage(rustls::InvalidMessage::MessageTooLarge)
            | rustls::Error::PeerSentOversizedRecord => Error::PacketLengthTooLong,
            other => Error::Protocol(other.to_string()),
        }
    }
}

impl From<crate::session::DecodeError> for Error {
    fn from(e: crate::session::DecodeError) -> Self {
        Error::NotASession(e.to_string())
    }
}

impl From<rustls::Error> for Error {
    fn from(e: rustls::Error) -> Self {
        Error::Tls(e.to_string())
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::CertificateVerifyFailed => f.write_str("certificate verify failed"),
            Error::AlertReceived(a) => write!(f, "alert {a} received"),
            Error::UnexpectedEof => f.write_str("unexpected end of the transport"),
            Error::ApplicationDataAfterCloseNotify => {
                f.write_str("application data after close notify")
            }
            Error::Protocol(why) | Error::Tls(why) => f.write_str(why),
            Error::Setup(why) => write!(f, "{why}"),
            Error::NoRole => f.write_str("connection type not set"),
            Error::SessionIdContextUninitialized => f.write_str("session id context uninitialized"),
            Error::PeerDidNotReturnCertificate => f.write_str("peer did not return a certificate"),
            Error::UnsupportedProtocol => f.write_str("unsupported protocol"),
            Error::NoProtocolsAvailable => f.write_str("no protocols available"),
            Error::NoCipherMatch(list) => write!(f, "no cipher match in \"{list}\""),
            Error::InvalidCipherCommand(list) => write!(f, "invalid command in \"{list}\""),
            Error::UnknownCipherSuite(name) => write!(f, "unknown TLS 1.3 suite {name}"),
            Error::NoCiphersAvailable => f.write_str("no cipher suites available"),
            Error::UnknownGroup(name) => write!(f, "unknown group {name}"),
            Error::GroupNotAvailable(name) => write!(f, "group {name} not available"),
            Error::NoGroups => f.write_str("no groups"),
            Error::EeKeyTooSmall => f.write_str("ee key too small"),
            Error::CaKeyTooSmall => f.write_str("ca key too small"),
            Error::CaMdTooWeak => f.write_str("ca md too weak"),
            Error::NoCiphersSpecified => f.write_str("no ciphers specified"),
            Error::BadCipherListLength => f.write_str("error in received cipher list"),
            Error::NoCertificateAssigned => f.write_str("no certificate assigned"),
            Error::NoPrivateKeyAssigned => f.write_str("no private key assigned"),
            Error::BadPrivateKey(why) => write!(f, "private key: {why}"),
            Error::KeyMismatch(why) => write!(f, "key values mismatch: {why}"),
            Error::BadPem(why) => write!(f, "PEM lib: {why}"),
            Error::NoCertificateInFile(path) => write!(f, "{path}: no certificate"),
            Error::File { path, why } => write!(f, "{path}: {why}"),
            Error::BadFileType(t) => write!(f, "unknown file type {t}"),
            Error::PrivateKeyMismatch => f.write_str("private key does not match the certificate"),
            Error::NotReplacingCertificate => f.write_str("a certificate is already set"),
            Error::NotDer(what) => write!(f, "not a DER {what}"),
            Error::NullArgument => f.write_str("a required argument is NULL"),
            Error::DhKeyTooSmall => f.write_str("DH key too small"),
            Error::NoVerifyLocation => f.write_str("no location given"),
            Error::Refused(r) => f.write_str(r.text()),
            Error::CallbackFailed => f.write_str("callback failed"),
            Error::CertCallbackFailed => f.write_str("cert cb error"),
            Error::NoSharedCipher => f.write_str("no shared cipher"),
            Error::NoTls13ClientSigalgs => f.write_str("no suitable signature algorithm"),
            Error::NoApplicationProtocol => f.write_str("no application protocol"),
            Error::ExcessiveMessageSize => f.write_str("excessive message size"),
            Error::PacketLengthTooLong => f.write_str("packet length too long"),
            Error::NotASession(why)
            | Error::Unsupported(why)
            | Error::Internal(why)
            | Error::BadStoreSetting(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for Error {}

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
