//! Failures pushed onto libcrypto's error queue, so `ERR_get_error` and
//! `ERR_error_string` tell a caller what went wrong, as with OpenSSL.

use std::ffi::CString;
use std::os::raw::c_int;

use crate::ssl::ErrorDetail;

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
    /// `SSL_R_UNEXPECTED_MESSAGE`, for protocol errors without a closer code.
    pub const UNEXPECTED_MESSAGE: c_int = 244;
    /// `SSL_R_SSL_HANDSHAKE_FAILURE`.
    pub const HANDSHAKE_FAILURE: c_int = 229;
    /// `SSL_R_BAD_VALUE`: for input that is not a session.
    pub const BAD_VALUE: c_int = 384;
    /// `SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED`.
    pub const SESSION_ID_CONTEXT_UNINITIALIZED: c_int = 277;
    /// `SSL_AD_REASON_OFFSET`: a received alert's reason is this plus its code.
    pub const ALERT_OFFSET: c_int = 1000;
    /// `SSL_R_UNSUPPORTED_PROTOCOL`.
    pub const UNSUPPORTED_PROTOCOL: c_int = 258;
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

/// Pushes one SSL-library error with a description.
pub(crate) fn push(reason: c_int, func: &str, detail: &str) {
    let func = CString::new(func).unwrap_or_default();
    let detail = CString::new(detail.replace('%', "%%")).unwrap_or_default();
    load_reason_strings();
    // SAFETY: plain libcrypto calls with NUL-terminated strings that outlive
    // them; the format string has no conversions left (`%` escaped above).
    unsafe {
        openssl_sys::ERR_new();
        openssl_sys::ERR_set_debug(c"sessl".as_ptr(), 0, func.as_ptr());
        openssl_sys::ERR_set_error(ERR_LIB_SSL, reason, detail.as_ptr());
    }
}

/// Pushes the error for a connection failure.
pub(crate) fn push_detail(func: &str, detail: &ErrorDetail) {
    let (code, text) = match detail {
        ErrorDetail::CertificateVerifyFailed => (reason::CERTIFICATE_VERIFY_FAILED, String::new()),
        ErrorDetail::AlertReceived(a) => (reason::ALERT_OFFSET + c_int::from(*a), String::new()),
        ErrorDetail::UnexpectedEof => (reason::UNEXPECTED_EOF_WHILE_READING, String::new()),
        ErrorDetail::NoRole => (reason::CONNECTION_TYPE_NOT_SET, String::new()),
        ErrorDetail::SessionIdContextUninitialized => {
            (reason::SESSION_ID_CONTEXT_UNINITIALIZED, String::new())
        }
        ErrorDetail::PeerDidNotReturnCertificate => {
            (reason::PEER_DID_NOT_RETURN_A_CERTIFICATE, String::new())
        }
        ErrorDetail::UnsupportedProtocol => (reason::UNSUPPORTED_PROTOCOL, String::new()),
        ErrorDetail::Setup(why) if why.contains("protocols") => {
            (reason::NO_PROTOCOLS_AVAILABLE, why.clone())
        }
        ErrorDetail::Setup(why) => (reason::HANDSHAKE_FAILURE, why.clone()),
        ErrorDetail::Protocol(why) => (reason::UNEXPECTED_MESSAGE, why.clone()),
    };
    push(code, func, &text);
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
