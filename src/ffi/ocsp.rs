//! SSL_CTX_set_tlsext_status_cb(3): the OCSP status commands of `SSL_ctrl`.
//! A sessl client always asks for a stapled response (rustls does), so
//! `SSL_set_tlsext_status_type` is kept and read back; but sessl neither
//! hands the response a server staples to the application nor staples one
//! itself, so a client sees no response and a server's is refused.

use std::ffi::c_void;
use std::os::raw::c_long;

/// `SSL_get_tlsext_status_ocsp_resp`: no response (`*out` NULL), -1.
pub(super) fn no_ocsp_response(out: *mut *const u8) -> c_long {
    if !out.is_null() {
        // SAFETY: `out` is the caller's non-NULL pointer to a byte pointer.
        unsafe { *out = std::ptr::null() };
    }
    -1
}

/// `SSL_set_tlsext_status_ocsp_resp`: the response is taken over (freed, as
/// OpenSSL would free it) and refused: sessl does not staple.
pub(super) fn refuse_ocsp_response(resp: *mut c_void) -> c_long {
    if !resp.is_null() {
        // SAFETY: OpenSSL's contract hands the OPENSSL_malloc'd response over.
        unsafe { openssl_sys::CRYPTO_free(resp, c"ocsp".as_ptr(), 0) };
    }
    super::unsupported::report("SSL_ctrl", "sessl does not staple OCSP responses yet");
    0
}
