//! The three libcrypto functions sessl needs that `openssl-sys` does not
//! declare. They are part of OpenSSL 3.0's stable ABI (`<openssl/bio.h>`);
//! everything else comes from `openssl-sys`.

use std::os::raw::c_int;

use openssl_sys::BIO;

extern "C" {
    /// `BIO_test_flags(3)`: behind the `BIO_should_retry` macro.
    pub(crate) fn BIO_test_flags(b: *const BIO, flags: c_int) -> c_int;
    /// `BIO_up_ref(3)`.
    pub(crate) fn BIO_up_ref(b: *mut BIO) -> c_int;
    /// `BIO_free(3)`: drops one reference.
    pub(crate) fn BIO_free(b: *mut BIO) -> c_int;
}
