//! Failures pushed onto libcrypto's error queue, so `ERR_get_error` and
//! `ERR_error_string` tell a caller what went wrong, as with OpenSSL.

use std::ffi::CString;
use std::os::raw::c_int;

use crate::ssl::Error;

/// `ERR_LIB_SSL`.
const ERR_LIB_SSL: c_int = 20;

/// OpenSSL's `SSL_R_*` reason codes sessl reports.
pub(crate) mod reason {
    use std::os::raw::c_int;
    /// `SSL_R_CERTIFICATE_VERIFY_FAILED`.
    pub const CERTIFICATE_VERIFY_FAILED: c_int = 134;
    /// `SSL_R_UNEXPECTED_EOF_WHILE_READING`.
    pub const UNEXPECTED_EOF_WHILE_READING: c_int = 294;
    /// `SSL_R_CONNECTION_TYPE_NOT_SET`.
    pub const CONNECTION_TYPE_NOT_SET: c_int = 144;
    /// `SSL_R_NO_PROTOCOLS_AVAILABLE`.
    pub const NO_PROTOCOLS_AVAILABLE: c_int = 191;
    /// `SSL_R_NO_CIPHER_MATCH`.
    pub const NO_CIPHER_MATCH: c_int = 185;
    /// `SSL_R_APPLICATION_DATA_AFTER_CLOSE_NOTIFY`.
    pub const APPLICATION_DATA_AFTER_CLOSE_NOTIFY: c_int = 291;
    /// `SSL_R_UNEXPECTED_MESSAGE`, for protocol errors without a closer code.
    pub const UNEXPECTED_MESSAGE: c_int = 244;
    /// `SSL_R_SSL_HANDSHAKE_FAILURE`.
    pub const HANDSHAKE_FAILURE: c_int = 229;
    /// `SSL_R_BAD_VALUE`: for input that is not a session.
    pub const BAD_VALUE: c_int = 384;
    /// `SSL_R_INVALID_NULL_CMD_NAME`.
    pub const INVALID_NULL_CMD_NAME: c_int = 385;
    /// `SSL_R_UNKNOWN_CMD_NAME`.
    pub const UNKNOWN_CMD_NAME: c_int = 386;
    /// `SSL_R_INVALID_CONFIGURATION_NAME`.
    pub const INVALID_CONFIGURATION_NAME: c_int = 113;
    /// `SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED`.
    pub const SESSION_ID_CONTEXT_UNINITIALIZED: c_int = 277;
    /// `SSL_AD_REASON_OFFSET`: a received alert's reason is this plus its code.
    pub const ALERT_OFFSET: c_int = 1000;
    /// `SSL_R_UNSUPPORTED_PROTOCOL`.
    pub const UNSUPPORTED_PROTOCOL: c_int = 258;
    /// `SSL_R_EE_KEY_TOO_SMALL`.
    pub const EE_KEY_TOO_SMALL: c_int = 399;
    /// `SSL_R_CA_KEY_TOO_SMALL`.
    pub const CA_KEY_TOO_SMALL: c_int = 397;
    /// `SSL_R_CA_MD_TOO_WEAK`.
    pub const CA_MD_TOO_WEAK: c_int = 398;
    /// `SSL_R_INVALID_COMMAND`: a cipher string OpenSSL cannot read.
    pub const INVALID_COMMAND: c_int = 280;
    /// `SSL_R_NO_CIPHERS_SPECIFIED`.
    pub const NO_CIPHERS_SPECIFIED: c_int = 183;
    /// `SSL_R_ERROR_IN_RECEIVED_CIPHER_LIST`.
    pub const ERROR_IN_RECEIVED_CIPHER_LIST: c_int = 151;
    /// `SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE`.
    pub const PEER_DID_NOT_RETURN_A_CERTIFICATE: c_int = 199;
    /// `ERR_R_FATAL`: the flags of libcrypto's common fatal reasons, which
    /// libcrypto words the same under every library.
    const COMMON_FATAL: c_int = 0x3 << 18;
    /// `ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED`: what libssl queues for a function
    /// its method cannot do (its `ssl_undefined_function`).
    pub const SHOULD_NOT_HAVE_BEEN_CALLED: c_int = 257 | COMMON_FATAL;
    /// `ERR_R_INTERNAL_ERROR`: for a panic caught at the boundary.
    pub const INTERNAL_ERROR: c_int = 259 | COMMON_FATAL;
    /// `ERR_RFLAG_COMMON`: libcrypto's common reasons, worded the same under every library.
    const COMMON: c_int = 0x2 << 18;
    /// `ERR_R_PASSED_INVALID_ARGUMENT`: what OpenSSL queues for a group list it refuses.
    pub const PASSED_INVALID_ARGUMENT: c_int = 262 | COMMON;
    /// `ERR_R_SYS_LIB`: a file could not be read.
    pub const SYS_LIB: c_int = 2 | COMMON;
    /// `ERR_R_PEM_LIB`: a PEM file held nothing usable.
    pub const PEM_LIB: c_int = 9 | COMMON;
    /// `SSL_R_NO_CIPHERS_AVAILABLE`.
    pub const NO_CIPHERS_AVAILABLE: c_int = 181;
    /// `SSL_R_NO_CERTIFICATE_ASSIGNED`.
    pub const NO_CERTIFICATE_ASSIGNED: c_int = 177;
    /// `SSL_R_NO_PRIVATE_KEY_ASSIGNED`.
    pub const NO_PRIVATE_KEY_ASSIGNED: c_int = 190;
    /// `ERR_R_ASN1_LIB`: DER that did not decode.
    pub const ASN1_LIB: c_int = 13 | COMMON;
    /// `ERR_R_PASSED_NULL_PARAMETER`.
    pub const PASSED_NULL_PARAMETER: c_int = 258 | COMMON_FATAL;
    /// `SSL_R_PRIVATE_KEY_MISMATCH`.
    pub const PRIVATE_KEY_MISMATCH: c_int = 288;
    /// `SSL_R_NOT_REPLACING_CERTIFICATE`.
    pub const NOT_REPLACING_CERTIFICATE: c_int = 289;
    /// `SSL_R_DH_KEY_TOO_SMALL`.
    pub const DH_KEY_TOO_SMALL: c_int = 394;
    /// `SSL_R_BAD_SSL_FILETYPE`.
    pub const BAD_SSL_FILETYPE: c_int = 124;

    /// OpenSSL's reason for an argument a setter refuses.
    pub fn refusal(r: crate::ssl::Refusal) -> c_int {
        use crate::ssl::Refusal::*;
        match r {
            // `ERR_R_PASSED_NULL_PARAMETER`.
            NullParameter => 258 | COMMON_FATAL,
            IdContextTooLong => 273,
            SessionIdTooLong => 408,
            ServerNameType => 320,
            ServerName => 319,
            TicketKeysLength => 325,
            NoCertificateSet => 179,
            MaxFragmentLength => 232,
            NullList => 115,
        }
    }
    /// `SSL_R_CALLBACK_FAILED`: the ClientHello callback failed the handshake.
    pub const CALLBACK_FAILED: c_int = 234;
    /// `SSL_R_BAD_LENGTH`: an empty list where one is needed.
    pub const BAD_LENGTH: c_int = 271;
    /// `SSL_R_NO_SHARED_CIPHER`: no suite of the client's is the server's.
    pub const NO_SHARED_CIPHER: c_int = 193;
    /// `SSL_R_NO_SUITABLE_SIGNATURE_ALGORITHM`: no signature scheme will do.
    pub const NO_SUITABLE_SIGNATURE_ALGORITHM: c_int = 118;
    /// `SSL_R_NO_APPLICATION_PROTOCOL`: the ALPN callback refused.
    pub const NO_APPLICATION_PROTOCOL: c_int = 235;
    /// `SSL_R_EXCESSIVE_MESSAGE_SIZE`: a handshake message past the bound.
    pub const EXCESSIVE_MESSAGE_SIZE: c_int = 152;
    /// `SSL_R_PACKET_LENGTH_TOO_LONG`: a record longer than TLS allows.
    pub const PACKET_LENGTH_TOO_LONG: c_int = 198;
    /// `SSL_R_CERT_CB_ERROR`: the certificate callback failed the handshake.
    pub const CERT_CB_ERROR: c_int = 377;
}

/// The table libcrypto reads the reason texts from, kept for the life of the process.
struct ReasonTable(Vec<openssl_sys::ERR_STRING_DATA>);

// SAFETY: the table's pointers are to static strings; it is written once,
// under the lock, before libcrypto gets it.
unsafe impl Send for ReasonTable {}

static REASON_TABLE: parking_lot::Mutex<Option<ReasonTable>> = parking_lot::Mutex::new(None);

/// Registers the text of every SSL reason with libcrypto once, so that
/// `ERR_error_string_n`, `ERR_reason_error_string` and `ERR_print_errors`
/// print OpenSSL's words for sessl's errors (libssl registers them in its
/// own initialisation, which sessl replaces).
pub(crate) fn load_reason_strings() {
    static LOADED: std::sync::Once = std::sync::Once::new();
    LOADED.call_once(|| {
        let mut entries: Vec<openssl_sys::ERR_STRING_DATA> = super::reasons::SSL_REASONS
            .iter()
            .map(|(code, text)| openssl_sys::ERR_STRING_DATA {
                error: *code as std::os::raw::c_ulong,
                string: text.as_ptr(),
            })
            .collect();
        entries.push(openssl_sys::ERR_STRING_DATA {
            error: 0,
            string: std::ptr::null(),
        });
        let mut table = REASON_TABLE.lock();
        let table = table.insert(ReasonTable(entries));
        // SAFETY: a NUL-terminated table of static strings that is never
        // freed or moved; libcrypto adds the library code to each entry and
        // indexes it.
        unsafe {
            openssl_sys::ERR_load_strings(ERR_LIB_SSL, table.0.as_mut_ptr());
        }
    });
}

/// Pushes one error of `library` with a description.
fn push_in(library: c_int, reason: c_int, func: &str, detail: &str) {
    let func = CString::new(func).unwrap_or_default();
    let detail = CString::new(detail.replace('%', "%%")).unwrap_or_default();
    load_reason_strings();
    // SAFETY: plain libcrypto calls with NUL-terminated strings that outlive
    // them; the format string has no conversions left (`%` escaped above).
    unsafe {
        openssl_sys::ERR_new();
        openssl_sys::ERR_set_debug(c"sessl".as_ptr(), 0, func.as_ptr());
        openssl_sys::ERR_set_error(library, reason, detail.as_ptr());
    }
}

/// `ERR_LIB_CONF`, where OpenSSL reports a NULL list.
const ERR_LIB_CONF: c_int = 14;
/// `ERR_LIB_X509`, where OpenSSL reports a key that does not match its certificate.
const ERR_LIB_X509: c_int = 11;
/// `X509_R_KEY_VALUES_MISMATCH`.
const X509_KEY_VALUES_MISMATCH: c_int = 116;

/// OpenSSL's library and reason code for an error, and the detail text queued with it.
fn openssl_code(e: &Error) -> (c_int, c_int, String) {
    // OpenSSL queues the handshake's own failures without text.
    let detail = match e {
        Error::CertificateVerifyFailed
        | Error::AlertReceived(_)
        | Error::UnexpectedEof
        | Error::ApplicationDataAfterCloseNotify
        | Error::NoRole
        | Error::SessionIdContextUninitialized
        | Error::PeerDidNotReturnCertificate
        | Error::UnsupportedProtocol
        | Error::Refused(_)
        | Error::EeKeyTooSmall
        | Error::CaKeyTooSmall
        | Error::CaMdTooWeak
        | Error::NoCiphersSpecified
        | Error::BadCipherListLength => String::new(),
        Error::CallbackFailed
        | Error::CertCallbackFailed
        | Error::NoSharedCipher
        | Error::NoTls13ClientSigalgs
        | Error::NoApplicationProtocol
        | Error::ExcessiveMessageSize
        | Error::PacketLengthTooLong => String::new(),
        other => other.to_string(),
    };
    let (library, code) = match e {
        Error::CertificateVerifyFailed => (ERR_LIB_SSL, reason::CERTIFICATE_VERIFY_FAILED),
        Error::AlertReceived(a) => (ERR_LIB_SSL, reason::ALERT_OFFSET + c_int::from(*a)),
        Error::UnexpectedEof => (ERR_LIB_SSL, reason::UNEXPECTED_EOF_WHILE_READING),
        Error::ApplicationDataAfterCloseNotify => {
            (ERR_LIB_SSL, reason::APPLICATION_DATA_AFTER_CLOSE_NOTIFY)
        }
        Error::NoRole => (ERR_LIB_SSL, reason::CONNECTION_TYPE_NOT_SET),
        Error::SessionIdContextUninitialized => {
            (ERR_LIB_SSL, reason::SESSION_ID_CONTEXT_UNINITIALIZED)
        }
        Error::PeerDidNotReturnCertificate => {
            (ERR_LIB_SSL, reason::PEER_DID_NOT_RETURN_A_CERTIFICATE)
        }
        Error::UnsupportedProtocol => (ERR_LIB_SSL, reason::UNSUPPORTED_PROTOCOL),
        Error::Protocol(_) => (ERR_LIB_SSL, reason::UNEXPECTED_MESSAGE),
        // A handshake that cannot start: OpenSSL names a missing protocol,
        // and sessl reports anything else as a handshake failure.
        Error::Setup(inner) if **inner == Error::NoProtocolsAvailable => {
            (ERR_LIB_SSL, reason::NO_PROTOCOLS_AVAILABLE)
        }
        Error::Setup(inner)
            if matches!(
                **inner,
                Error::EeKeyTooSmall | Error::CaKeyTooSmall | Error::CaMdTooWeak
            ) =>
        {
            return openssl_code(inner);
        }
        Error::Setup(_) => (ERR_LIB_SSL, reason::HANDSHAKE_FAILURE),
        Error::NoProtocolsAvailable => (ERR_LIB_SSL, reason::NO_PROTOCOLS_AVAILABLE),
        Error::NoCipherMatch(_) | Error::UnknownCipherSuite(_) => {
            (ERR_LIB_SSL, reason::NO_CIPHER_MATCH)
        }
        Error::InvalidCipherCommand(_) => (ERR_LIB_SSL, reason::INVALID_COMMAND),
        Error::NoCiphersAvailable => (ERR_LIB_SSL, reason::NO_CIPHERS_AVAILABLE),
        Error::UnknownGroup(_)
        | Error::GroupNotAvailable(_)
        | Error::NoGroups
        | Error::BadStoreSetting(_) => (ERR_LIB_SSL, reason::PASSED_INVALID_ARGUMENT),
        Error::EeKeyTooSmall => (ERR_LIB_SSL, reason::EE_KEY_TOO_SMALL),
        Error::CaKeyTooSmall => (ERR_LIB_SSL, reason::CA_KEY_TOO_SMALL),
        Error::CaMdTooWeak => (ERR_LIB_SSL, reason::CA_MD_TOO_WEAK),
        Error::NoCiphersSpecified => (ERR_LIB_SSL, reason::NO_CIPHERS_SPECIFIED),
        Error::BadCipherListLength => (ERR_LIB_SSL, reason::ERROR_IN_RECEIVED_CIPHER_LIST),
        Error::NoCertificateAssigned => (ERR_LIB_SSL, reason::NO_CERTIFICATE_ASSIGNED),
        Error::NoPrivateKeyAssigned => (ERR_LIB_SSL, reason::NO_PRIVATE_KEY_ASSIGNED),
        Error::KeyMismatch(_) => (ERR_LIB_X509, X509_KEY_VALUES_MISMATCH),
        Error::BadFileType(_) => (ERR_LIB_SSL, reason::BAD_SSL_FILETYPE),
        Error::PrivateKeyMismatch => (ERR_LIB_SSL, reason::PRIVATE_KEY_MISMATCH),
        Error::NotReplacingCertificate => (ERR_LIB_SSL, reason::NOT_REPLACING_CERTIFICATE),
        Error::NotDer(_) => (ERR_LIB_SSL, reason::ASN1_LIB),
        Error::NullArgument => (ERR_LIB_SSL, reason::PASSED_NULL_PARAMETER),
        Error::DhKeyTooSmall => (ERR_LIB_SSL, reason::DH_KEY_TOO_SMALL),
        Error::NoCertificateInFile(_) | Error::BadPrivateKey(_) | Error::BadPem(_) => {
            (ERR_LIB_SSL, reason::PEM_LIB)
        }
        Error::File { .. } | Error::NoVerifyLocation => (ERR_LIB_SSL, reason::SYS_LIB),
        Error::Tls(_) => (ERR_LIB_SSL, reason::INTERNAL_ERROR),
        Error::NotASession(_) => (ERR_LIB_SSL, reason::BAD_VALUE),
        Error::Unsupported(_) => (ERR_LIB_SSL, reason::SHOULD_NOT_HAVE_BEEN_CALLED),
        Error::Internal(_) => (ERR_LIB_SSL, reason::INTERNAL_ERROR),
        // `CONF_R_LIST_CANNOT_BE_NULL`, from the configuration library.
        Error::Refused(crate::ssl::Refusal::NullList) => (ERR_LIB_CONF, 115),
        Error::Refused(r) => (ERR_LIB_SSL, reason::refusal(*r)),
        Error::CallbackFailed => (ERR_LIB_SSL, reason::CALLBACK_FAILED),
        Error::CertCallbackFailed => (ERR_LIB_SSL, reason::CERT_CB_ERROR),
        Error::NoSharedCipher => (ERR_LIB_SSL, reason::NO_SHARED_CIPHER),
        Error::NoTls13ClientSigalgs => (ERR_LIB_SSL, reason::NO_SUITABLE_SIGNATURE_ALGORITHM),
        Error::NoApplicationProtocol => (ERR_LIB_SSL, reason::NO_APPLICATION_PROTOCOL),
        Error::ExcessiveMessageSize => (ERR_LIB_SSL, reason::EXCESSIVE_MESSAGE_SIZE),
        Error::PacketLengthTooLong => (ERR_LIB_SSL, reason::PACKET_LENGTH_TOO_LONG),
    };
    (library, code, detail)
}

/// Raises one of sessl's errors onto libcrypto's queue, with OpenSSL's
/// library and reason for it, as failing in `func`.
pub(crate) fn raise(func: &str, e: &Error) {
    let (library, code, detail) = openssl_code(e);
    push_in(library, code, func, &detail);
    // OpenSSL's SSLfatal over the failed CertificateRequest adds its own.
    if *e == Error::NoTls13ClientSigalgs {
        push_in(ERR_LIB_SSL, reason::INTERNAL_ERROR, func, "");
    }
}

/// Refuses an argument as OpenSSL does: the reason queued, as failing in
/// `func`, and 0 for the C caller.
pub(crate) fn refuse(func: &str, r: crate::ssl::Refusal) -> c_int {
    log::debug!("{func}: {}", r.text());
    raise(func, &Error::Refused(r));
    0
}

/// Raises the SSL library's reason `reason` with no text, as OpenSSL queues
/// the failure of its own argument and state checks.
pub(crate) fn raise_ssl_reason(func: &str, reason: c_int) {
    push_in(ERR_LIB_SSL, reason, func, "");
}

/// Raises the SSL library's reason `reason` with `detail` as its text, as
/// OpenSSL's `ERR_raise_data`.
pub(crate) fn raise_ssl_reason_with(func: &str, reason: c_int, detail: &str) {
    push_in(ERR_LIB_SSL, reason, func, detail);
}

/// The C result of a call that returns 1 or 0: 1, or 0 with the error raised.
pub(crate) fn int_result(func: &str, r: Result<(), Error>) -> c_int {
    match r {
        Ok(()) => 1,
        Err(e) => {
            log::debug!("{func}: {e}");
            raise(func, &e);
            0
        }
    }
}

/// The first error queued on this thread (library, reason, function), and
/// the queue emptied; for tests.
#[cfg(test)]
pub(crate) fn take_first_error() -> Option<(c_int, c_int, String)> {
    let (mut file, mut line, mut func) = (std::ptr::null(), 0, std::ptr::null());
    // SAFETY: libcrypto's thread-local queue; the strings it lends are
    // copied before the queue is cleared.
    unsafe {
        let code = openssl_sys::ERR_get_error_all(
            &mut file,
            &mut line,
            &mut func,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        );
        let func = if func.is_null() {
            String::new()
        } else {
            std::ffi::CStr::from_ptr(func)
                .to_string_lossy()
                .into_owned()
        };
        openssl_sys::ERR_clear_error();
        (code != 0).then(|| {
            (
                openssl_sys::ERR_GET_LIB(code),
                openssl_sys::ERR_GET_REASON(code),
                func,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_raised_with_openssl_library_and_reason() {
        let cases = [
            (
                Error::NoCipherMatch("NOPE".into()),
                ERR_LIB_SSL,
                reason::NO_CIPHER_MATCH,
            ),
            (
                Error::KeyMismatch("x".into()),
                ERR_LIB_X509,
                X509_KEY_VALUES_MISMATCH,
            ),
            (
                Error::NoProtocolsAvailable,
                ERR_LIB_SSL,
                reason::NO_PROTOCOLS_AVAILABLE,
            ),
            (
                Error::Setup(Box::new(Error::NoProtocolsAvailable)),
                ERR_LIB_SSL,
                reason::NO_PROTOCOLS_AVAILABLE,
            ),
            (
                Error::Setup(Box::new(Error::NoCiphersAvailable)),
                ERR_LIB_SSL,
                reason::HANDSHAKE_FAILURE,
            ),
            (
                Error::AlertReceived(42),
                ERR_LIB_SSL,
                reason::ALERT_OFFSET + 42,
            ),
        ];
        for (error, library, code) in cases {
            raise("SSL_test_function", &error);
            let (got_library, got_code, func) = take_first_error().expect("queued");
            assert_eq!(
                (got_library, got_code),
                (library, code & 0x7fffff),
                "{error:?}"
            );
            assert_eq!(func, "SSL_test_function");
        }
    }

    #[test]
    fn int_result_queues_only_failures() {
        assert_eq!(int_result("SSL_test_function", Ok(())), 1);
        assert_eq!(take_first_error(), None);
        assert_eq!(int_result("SSL_test_function", Err(Error::NoGroups)), 0);
        assert_eq!(
            take_first_error().map(|e| e.1),
            Some(reason::PASSED_INVALID_ARGUMENT & 0x7fffff)
        );
    }
}
