//! The libcrypto functions sessl needs that `openssl-sys` does not
//! declare. They are part of OpenSSL 3.0's stable ABI (`<openssl/bio.h>`,
//! `<openssl/err.h>`, `<openssl/x509_vfy.h>`); everything else comes from
//! `openssl-sys`. Each name is listed in cbindgen.toml's `exclude`, so that
//! sessl.h does not declare libcrypto's functions.

use std::os::raw::c_int;

use openssl_sys::BIO;

extern "C" {
    /// `BIO_test_flags(3)`: behind the `BIO_should_retry` macro.
    pub(crate) fn BIO_test_flags(b: *const BIO, flags: c_int) -> c_int;
    /// `BIO_up_ref(3)`.
    pub(crate) fn BIO_up_ref(b: *mut BIO) -> c_int;
    /// `BIO_free(3)`: drops one reference.
    pub(crate) fn BIO_free(b: *mut BIO) -> c_int;
    /// `ERR_set_mark(3)`.
    pub(crate) fn ERR_set_mark() -> c_int;
    /// `ERR_set_mark(3)`: `ERR_pop_to_mark`, drops the errors queued since the mark.
    pub(crate) fn ERR_pop_to_mark() -> c_int;
}

/// libcrypto's OSSL_STORE functions (`<openssl/store.h>`) that `openssl-sys`
/// does not declare; all in OpenSSL 3.0's stable ABI.
pub(crate) mod store {
    use std::os::raw::{c_char, c_int, c_void};

    /// `OSSL_STORE_CTX`, opaque.
    #[repr(C)]
    pub(crate) struct OSSL_STORE_CTX {
        _private: [u8; 0],
    }
    /// `OSSL_STORE_INFO`, opaque.
    #[repr(C)]
    pub(crate) struct OSSL_STORE_INFO {
        _private: [u8; 0],
    }
    /// `OSSL_STORE_INFO_NAME`: a name to open in turn (a directory entry).
    pub(crate) const INFO_NAME: c_int = 1;
    /// `OSSL_STORE_INFO_CERT`.
    pub(crate) const INFO_CERT: c_int = 5;

    extern "C" {
        pub(crate) fn OSSL_STORE_open(
            uri: *const c_char,
            ui_method: *const c_void,
            ui_data: *mut c_void,
            post_process: *const c_void,
            post_process_data: *mut c_void,
        ) -> *mut OSSL_STORE_CTX;
        pub(crate) fn OSSL_STORE_load(ctx: *mut OSSL_STORE_CTX) -> *mut OSSL_STORE_INFO;
        pub(crate) fn OSSL_STORE_eof(ctx: *mut OSSL_STORE_CTX) -> c_int;
        pub(crate) fn OSSL_STORE_close(ctx: *mut OSSL_STORE_CTX) -> c_int;
        pub(crate) fn OSSL_STORE_INFO_get_type(info: *const OSSL_STORE_INFO) -> c_int;
        pub(crate) fn OSSL_STORE_INFO_get0_CERT(
            info: *const OSSL_STORE_INFO,
        ) -> *mut openssl_sys::X509;
        pub(crate) fn OSSL_STORE_INFO_get0_NAME(info: *const OSSL_STORE_INFO) -> *const c_char;
        pub(crate) fn OSSL_STORE_INFO_free(info: *mut OSSL_STORE_INFO);
    }
}

/// libcrypto's verification functions (`<openssl/x509_vfy.h>`) that
/// `openssl-sys` does not declare; all in OpenSSL 3.0's stable ABI.
pub(crate) mod x509_vfy {
    use std::os::raw::{c_char, c_int, c_void};

    use openssl_sys::{X509_STORE, X509_STORE_CTX, X509_VERIFY_PARAM};

    /// `X509_STORE_CTX_verify_cb`.
    pub(crate) type VerifyCb = Option<unsafe extern "C" fn(c_int, *mut X509_STORE_CTX) -> c_int>;

    extern "C" {
        pub(crate) fn X509_STORE_CTX_set_ex_data(
            ctx: *mut X509_STORE_CTX,
            idx: c_int,
            data: *mut c_void,
        ) -> c_int;
        pub(crate) fn X509_STORE_CTX_set_default(
            ctx: *mut X509_STORE_CTX,
            name: *const c_char,
        ) -> c_int;
        pub(crate) fn X509_STORE_CTX_get0_param(
            ctx: *const X509_STORE_CTX,
        ) -> *mut X509_VERIFY_PARAM;
        pub(crate) fn X509_STORE_CTX_set_verify_cb(ctx: *mut X509_STORE_CTX, cb: VerifyCb);
        pub(crate) fn X509_VERIFY_PARAM_set1(
            to: *mut X509_VERIFY_PARAM,
            from: *const X509_VERIFY_PARAM,
        ) -> c_int;
        pub(crate) fn X509_VERIFY_PARAM_inherit(
            to: *mut X509_VERIFY_PARAM,
            from: *const X509_VERIFY_PARAM,
        ) -> c_int;
        pub(crate) fn X509_VERIFY_PARAM_move_peername(
            to: *mut X509_VERIFY_PARAM,
            from: *mut X509_VERIFY_PARAM,
        );
        pub(crate) fn X509_VERIFY_PARAM_add1_host(
            param: *mut X509_VERIFY_PARAM,
            name: *const c_char,
            namelen: usize,
        ) -> c_int;
        pub(crate) fn X509_VERIFY_PARAM_get0_peername(
            param: *const X509_VERIFY_PARAM,
        ) -> *mut c_char;
        pub(crate) fn X509_VERIFY_PARAM_set1_ip_asc(
            param: *mut X509_VERIFY_PARAM,
            ipasc: *const c_char,
        ) -> c_int;
        pub(crate) fn X509_VERIFY_PARAM_get1_ip_asc(param: *mut X509_VERIFY_PARAM) -> *mut c_char;
        pub(crate) fn X509_VERIFY_PARAM_get_depth(param: *const X509_VERIFY_PARAM) -> c_int;
        pub(crate) fn X509_VERIFY_PARAM_set_trust(
            param: *mut X509_VERIFY_PARAM,
            trust: c_int,
        ) -> c_int;
        pub(crate) fn X509_STORE_up_ref(store: *mut X509_STORE) -> c_int;
        pub(crate) fn X509_STORE_load_path(store: *mut X509_STORE, path: *const c_char) -> c_int;
        pub(crate) fn X509_LOOKUP_store() -> *mut openssl_sys::X509_LOOKUP_METHOD;
    }
}

/// libcrypto's configuration: loading it, and the `ssl_conf` sections it
/// keeps for libssl (exported by libcrypto.so.3 for libssl's
/// `SSL_CTX_config`; not in OpenSSL's public headers).
pub(crate) mod conf {
    use std::os::raw::{c_char, c_int};

    /// One configured command set (libcrypto's `SSL_CONF_CMD`), opaque.
    #[repr(C)]
    pub(crate) struct SslConfCmd {
        _private: [u8; 0],
    }

    /// `OPENSSL_INIT_ADD_ALL_CIPHERS` / `OPENSSL_INIT_ADD_ALL_DIGESTS`, which
    /// `OPENSSL_init_ssl` adds.
    pub(crate) const INIT_ADD_ALL_CIPHERS: u64 = 0x0000_0004;
    pub(crate) const INIT_ADD_ALL_DIGESTS: u64 = 0x0000_0008;
    /// `OPENSSL_INIT_LOAD_CONFIG`.
    pub(crate) const INIT_LOAD_CONFIG: u64 = 0x0000_0040;
    /// `OPENSSL_INIT_NO_LOAD_CONFIG`.
    pub(crate) const INIT_NO_LOAD_CONFIG: u64 = 0x0000_0080;

    extern "C" {
        pub(crate) fn OPENSSL_init_crypto(
            opts: u64,
            settings: *const openssl_sys::OPENSSL_INIT_SETTINGS,
        ) -> c_int;
        pub(crate) fn conf_ssl_name_find(name: *const c_char, idx: *mut usize) -> c_int;
        pub(crate) fn conf_ssl_get(
            idx: usize,
            name: *mut *const c_char,
            cnt: *mut usize,
        ) -> *const SslConfCmd;
        pub(crate) fn conf_ssl_get_cmd(
            cmd: *const SslConfCmd,
            idx: usize,
            cmdstr: *mut *mut c_char,
            arg: *mut *mut c_char,
        );
    }
}

/// Reading key parameters from a PEM file (`DHParameters`).
pub(crate) mod params {
    use std::os::raw::{c_char, c_int};

    use openssl_sys::{BIO, EVP_PKEY};

    /// `EVP_PKEY_DH`.
    pub(crate) const PKEY_DH: c_int = 28;
    /// `EVP_PKEY_DHX`.
    pub(crate) const PKEY_DHX: c_int = 920;

    extern "C" {
        pub(crate) fn BIO_new_file(filename: *const c_char, mode: *const c_char) -> *mut BIO;
        pub(crate) fn PEM_read_bio_Parameters(bp: *mut BIO, x: *mut *mut EVP_PKEY)
            -> *mut EVP_PKEY;
        pub(crate) fn EVP_PKEY_get_base_id(pkey: *const EVP_PKEY) -> c_int;
    }
}
