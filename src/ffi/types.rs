//! The opaque C types, with OpenSSL's struct tags so that `<openssl/ssl.h>`
//! and `<sessl.h>` declare the very same types. Their layout is never seen
//! from C; each handle points at the Rust object named in `handles.rs`.

#![allow(non_camel_case_types)]

use std::ffi::{c_char, c_void};
use std::os::raw::{c_int, c_uchar, c_uint};

/// `struct ssl_st`: a connection.
pub struct ssl_st {
    _private: [u8; 0],
}
/// `struct ssl_ctx_st`: a context.
pub struct ssl_ctx_st {
    _private: [u8; 0],
}
/// `struct ssl_session_st`: a session.
pub struct ssl_session_st {
    _private: [u8; 0],
}
/// `struct ssl_method_st`: a method.
pub struct ssl_method_st {
    _private: [u8; 0],
}
/// `struct ssl_cipher_st`: a cipher suite.
pub struct ssl_cipher_st {
    _private: [u8; 0],
}
/// `struct x509_store_ctx_st`: libcrypto's verification context.
pub struct x509_store_ctx_st {
    _private: [u8; 0],
}
/// `struct ossl_init_settings_st`: libcrypto's init settings.
pub struct ossl_init_settings_st {
    _private: [u8; 0],
}

/// `struct bio_st`: libcrypto's I/O abstraction.
pub struct bio_st {
    _private: [u8; 0],
}
/// `struct x509_st`: libcrypto's certificate.
pub struct x509_st {
    _private: [u8; 0],
}
/// `struct evp_pkey_st`: libcrypto's key.
pub struct evp_pkey_st {
    _private: [u8; 0],
}
/// `struct x509_store_st`: libcrypto's trust store.
pub struct x509_store_st {
    _private: [u8; 0],
}
/// `struct X509_VERIFY_PARAM_st`: libcrypto's verification parameters.
pub struct X509_VERIFY_PARAM_st {
    _private: [u8; 0],
}
/// `struct stack_st_X509`: libcrypto's `STACK_OF(X509)`.
pub struct stack_st_X509 {
    _private: [u8; 0],
}

/// `struct stack_st_X509_NAME`: libcrypto's `STACK_OF(X509_NAME)`.
pub struct stack_st_X509_NAME {
    _private: [u8; 0],
}
/// `struct ssl_conf_ctx_st`: a configuration context.
pub struct ssl_conf_ctx_st {
    _private: [u8; 0],
}
/// `struct evp_cipher_ctx_st`: libcrypto's cipher context.
pub struct evp_cipher_ctx_st {
    _private: [u8; 0],
}
/// `struct evp_mac_ctx_st`: libcrypto's MAC context.
pub struct evp_mac_ctx_st {
    _private: [u8; 0],
}

/// OpenSSL's `SSL_CONF_CTX`.
pub type SSL_CONF_CTX = ssl_conf_ctx_st;
/// libcrypto's `EVP_CIPHER_CTX`.
pub type EVP_CIPHER_CTX = evp_cipher_ctx_st;
/// libcrypto's `EVP_MAC_CTX`.
pub type EVP_MAC_CTX = evp_mac_ctx_st;

/// OpenSSL's `SSL`.
pub type SSL = ssl_st;
/// OpenSSL's `SSL_CTX`.
pub type SSL_CTX = ssl_ctx_st;
/// OpenSSL's `SSL_SESSION`.
pub type SSL_SESSION = ssl_session_st;
/// OpenSSL's `SSL_METHOD`.
pub type SSL_METHOD = ssl_method_st;
/// OpenSSL's `SSL_CIPHER`.
pub type SSL_CIPHER = ssl_cipher_st;
/// OpenSSL's `X509_STORE_CTX`.
pub type X509_STORE_CTX = x509_store_ctx_st;
/// OpenSSL's `OPENSSL_INIT_SETTINGS`.
pub type OPENSSL_INIT_SETTINGS = ossl_init_settings_st;

/// libcrypto's `BIO`.
pub type BIO = bio_st;
/// libcrypto's `X509`.
pub type X509 = x509_st;
/// libcrypto's `EVP_PKEY`.
pub type EVP_PKEY = evp_pkey_st;
/// libcrypto's `X509_STORE`.
pub type X509_STORE = x509_store_st;
/// libcrypto's `X509_VERIFY_PARAM`.
pub type X509_VERIFY_PARAM = X509_VERIFY_PARAM_st;

/// The application's replacement for `X509_verify_cert`
/// (`SSL_CTX_set_cert_verify_callback`).
pub type sessl_cert_verify_cb =
    Option<unsafe extern "C" fn(x509_ctx: *mut X509_STORE_CTX, arg: *mut c_void) -> c_int>;

/// OpenSSL's `SSL_verify_cb`: may be NULL.
pub type SSL_verify_cb =
    Option<unsafe extern "C" fn(preverify_ok: c_int, x509_ctx: *mut X509_STORE_CTX) -> c_int>;

/// The new-session callback (`SSL_CTX_sess_set_new_cb`): returns 1 if it kept the session.
pub type sessl_new_session_cb =
    Option<unsafe extern "C" fn(ssl: *mut ssl_st, sess: *mut SSL_SESSION) -> c_int>;

/// The password callback (`SSL_CTX_set_default_passwd_cb`, OpenSSL's `pem_password_cb *`).
pub type sessl_pem_password_cb = Option<
    unsafe extern "C" fn(
        buf: *mut c_char,
        size: c_int,
        rwflag: c_int,
        userdata: *mut c_void,
    ) -> c_int,
>;

/// OpenSSL's `SSL_CTX_keylog_cb_func`: receives one NSS key log line.
pub type SSL_CTX_keylog_cb_func =
    Option<unsafe extern "C" fn(ssl: *const SSL, line: *const c_char)>;

/// The message callback (`SSL_CTX_set_msg_callback`).
pub type sessl_msg_cb = Option<
    unsafe extern "C" fn(
        write_p: c_int,
        version: c_int,
        content_type: c_int,
        buf: *const c_void,
        len: usize,
        ssl: *mut SSL,
        arg: *mut c_void,
    ),
>;

/// The get-session callback (`SSL_CTX_sess_set_get_cb`): returns a session for
/// `data`/`len`; leaving `*copy` non-zero means the library takes its own reference.
pub type sessl_get_session_cb = Option<
    unsafe extern "C" fn(
        ssl: *mut ssl_st,
        data: *const c_uchar,
        len: c_int,
        copy: *mut c_int,
    ) -> *mut SSL_SESSION,
>;

/// The remove-session callback (`SSL_CTX_sess_set_remove_cb`): the session is lent.
pub type sessl_remove_session_cb =
    Option<unsafe extern "C" fn(ctx: *mut ssl_ctx_st, sess: *mut SSL_SESSION)>;

/// OpenSSL's `SSL_CTX_alpn_select_cb_func`.
pub type SSL_CTX_alpn_select_cb_func = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        out: *mut *const c_uchar,
        outlen: *mut c_uchar,
        input: *const c_uchar,
        inlen: c_uint,
        arg: *mut c_void,
    ) -> c_int,
>;

/// The info callback (`SSL_CTX_set_info_callback`).
pub type sessl_info_cb = Option<unsafe extern "C" fn(ssl: *const SSL, kind: c_int, val: c_int)>;

/// The certificate callback (`SSL_CTX_set_cert_cb`).
pub type sessl_cert_cb = Option<unsafe extern "C" fn(ssl: *mut SSL, arg: *mut c_void) -> c_int>;

/// A callback given to `SSL_CTX_callback_ctrl`, to be cast by command.
pub type sessl_generic_cb = Option<unsafe extern "C" fn()>;

/// The ticket key callback with libcrypto MAC contexts (`SSL_CTX_set_tlsext_ticket_key_evp_cb`).
pub type sessl_ticket_key_evp_cb = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        key_name: *mut c_uchar,
        iv: *mut c_uchar,
        ctx: *mut EVP_CIPHER_CTX,
        hctx: *mut EVP_MAC_CTX,
        enc: c_int,
    ) -> c_int,
>;
