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

/// `struct bio_method_st`: libcrypto's BIO method.
pub struct bio_method_st {
    _private: [u8; 0],
}
/// `union bio_addr_st`: libcrypto's socket address (declared in cbindgen.toml:
/// cbindgen cannot declare an opaque union).
pub struct bio_addr_st {
    _private: [u8; 0],
}
/// `struct _IO_FILE`: the C library's `FILE` (glibc's tag).
pub struct _IO_FILE {
    _private: [u8; 0],
}
/// `struct evp_md_st`: libcrypto's digest.
pub struct evp_md_st {
    _private: [u8; 0],
}
/// `struct comp_method_st`: libcrypto's compression method.
pub struct comp_method_st {
    _private: [u8; 0],
}
/// `struct ssl_comp_st`: a compression method entry.
pub struct ssl_comp_st {
    _private: [u8; 0],
}
/// `struct ctlog_store_st`: libcrypto's CT log store.
pub struct ctlog_store_st {
    _private: [u8; 0],
}
/// `struct ct_policy_eval_ctx_st`: libcrypto's CT policy context.
pub struct ct_policy_eval_ctx_st {
    _private: [u8; 0],
}
/// `struct engine_st`: libcrypto's engine.
pub struct engine_st {
    _private: [u8; 0],
}
/// `struct ossl_lib_ctx_st`: libcrypto's library context.
pub struct ossl_lib_ctx_st {
    _private: [u8; 0],
}
/// `struct dh_st`: libcrypto's DH key.
pub struct dh_st {
    _private: [u8; 0],
}
/// `struct rsa_st`: libcrypto's RSA key.
pub struct rsa_st {
    _private: [u8; 0],
}
/// `struct ssl_dane_st`: a connection's DANE state.
pub struct ssl_dane_st {
    _private: [u8; 0],
}
/// `struct bignum_st`: libcrypto's big number.
pub struct bignum_st {
    _private: [u8; 0],
}
/// `struct srtp_protection_profile_st`: an SRTP protection profile.
pub struct srtp_protection_profile_st {
    _private: [u8; 0],
}
/// `struct stack_st_SSL_CIPHER`: `STACK_OF(SSL_CIPHER)`.
pub struct stack_st_SSL_CIPHER {
    _private: [u8; 0],
}
/// `struct stack_st_SSL_COMP`: `STACK_OF(SSL_COMP)`.
pub struct stack_st_SSL_COMP {
    _private: [u8; 0],
}
/// `struct stack_st_SCT`: libcrypto's `STACK_OF(SCT)`.
pub struct stack_st_SCT {
    _private: [u8; 0],
}
/// `struct stack_st_SRTP_PROTECTION_PROFILE`: `STACK_OF(SRTP_PROTECTION_PROFILE)`.
pub struct stack_st_SRTP_PROTECTION_PROFILE {
    _private: [u8; 0],
}
/// `struct lhash_st_SSL_SESSION`: `LHASH_OF(SSL_SESSION)`, the session hash table.
pub struct lhash_st_SSL_SESSION {
    _private: [u8; 0],
}
/// `struct openssl_ssl_test_functions`: libssl's internal test hooks.
pub struct openssl_ssl_test_functions {
    _private: [u8; 0],
}

/// libcrypto's `BIO_METHOD`.
pub type BIO_METHOD = bio_method_st;
/// libcrypto's `BIO_ADDR`.
pub type BIO_ADDR = bio_addr_st;
/// The C library's `FILE`.
pub type FILE = _IO_FILE;
/// libcrypto's `EVP_MD`.
pub type EVP_MD = evp_md_st;
/// libcrypto's `COMP_METHOD`.
pub type COMP_METHOD = comp_method_st;
/// OpenSSL's `SSL_COMP`.
pub type SSL_COMP = ssl_comp_st;
/// libcrypto's `CTLOG_STORE`.
pub type CTLOG_STORE = ctlog_store_st;
/// libcrypto's `CT_POLICY_EVAL_CTX`.
pub type CT_POLICY_EVAL_CTX = ct_policy_eval_ctx_st;
/// libcrypto's `ENGINE`.
pub type ENGINE = engine_st;
/// libcrypto's `OSSL_LIB_CTX`.
pub type OSSL_LIB_CTX = ossl_lib_ctx_st;
/// libcrypto's `DH`.
pub type DH = dh_st;
/// libcrypto's `RSA`.
pub type RSA = rsa_st;
/// OpenSSL's `SSL_DANE`.
pub type SSL_DANE = ssl_dane_st;
/// libcrypto's `BIGNUM`.
pub type BIGNUM = bignum_st;
/// OpenSSL's `SRTP_PROTECTION_PROFILE`.
pub type SRTP_PROTECTION_PROFILE = srtp_protection_profile_st;

/// OpenSSL's `DTLS_timer_cb`.
pub type DTLS_timer_cb = Option<unsafe extern "C" fn(s: *mut SSL, timer_us: c_uint) -> c_uint>;

/// OpenSSL's `GEN_SESSION_CB`.
pub type GEN_SESSION_CB =
    Option<unsafe extern "C" fn(ssl: *mut SSL, id: *mut c_uchar, id_len: *mut c_uint) -> c_int>;

/// OpenSSL's `SSL_CTX_decrypt_session_ticket_fn`.
pub type SSL_CTX_decrypt_session_ticket_fn = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        ss: *mut SSL_SESSION,
        keyname: *const c_uchar,
        keyname_length: usize,
        status: c_int,
        arg: *mut c_void,
    ) -> c_int,
>;

/// OpenSSL's `SSL_CTX_generate_session_ticket_fn`.
pub type SSL_CTX_generate_session_ticket_fn =
    Option<unsafe extern "C" fn(s: *mut SSL, arg: *mut c_void) -> c_int>;

/// OpenSSL's `SSL_CTX_npn_advertised_cb_func`.
pub type SSL_CTX_npn_advertised_cb_func = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        out: *mut *const c_uchar,
        outlen: *mut c_uint,
        arg: *mut c_void,
    ) -> c_int,
>;

/// OpenSSL's `SSL_CTX_npn_select_cb_func`.
pub type SSL_CTX_npn_select_cb_func = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        out: *mut *mut c_uchar,
        outlen: *mut c_uchar,
        in_: *const c_uchar,
        inlen: c_uint,
        arg: *mut c_void,
    ) -> c_int,
>;

/// OpenSSL's `SSL_allow_early_data_cb_fn`.
pub type SSL_allow_early_data_cb_fn =
    Option<unsafe extern "C" fn(s: *mut SSL, arg: *mut c_void) -> c_int>;

/// OpenSSL's `SSL_async_callback_fn`.
pub type SSL_async_callback_fn =
    Option<unsafe extern "C" fn(s: *mut SSL, arg: *mut c_void) -> c_int>;

/// OpenSSL's `SSL_client_hello_cb_fn`.
pub type SSL_client_hello_cb_fn =
    Option<unsafe extern "C" fn(s: *mut SSL, al: *mut c_int, arg: *mut c_void) -> c_int>;

/// OpenSSL's `SSL_custom_ext_add_cb_ex`.
pub type SSL_custom_ext_add_cb_ex = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        ext_type: c_uint,
        context: c_uint,
        out: *mut *const c_uchar,
        outlen: *mut usize,
        x: *mut X509,
        chainidx: usize,
        al: *mut c_int,
        add_arg: *mut c_void,
    ) -> c_int,
>;

/// OpenSSL's `SSL_custom_ext_free_cb_ex`.
pub type SSL_custom_ext_free_cb_ex = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        ext_type: c_uint,
        context: c_uint,
        out: *const c_uchar,
        add_arg: *mut c_void,
    ),
>;

/// OpenSSL's `SSL_custom_ext_parse_cb_ex`.
pub type SSL_custom_ext_parse_cb_ex = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        ext_type: c_uint,
        context: c_uint,
        in_: *const c_uchar,
        inlen: usize,
        x: *mut X509,
        chainidx: usize,
        al: *mut c_int,
        parse_arg: *mut c_void,
    ) -> c_int,
>;

/// OpenSSL's `SSL_psk_client_cb_func`.
pub type SSL_psk_client_cb_func = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        hint: *const c_char,
        identity: *mut c_char,
        max_identity_len: c_uint,
        psk: *mut c_uchar,
        max_psk_len: c_uint,
    ) -> c_uint,
>;

/// OpenSSL's `SSL_psk_find_session_cb_func`.
pub type SSL_psk_find_session_cb_func = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        identity: *const c_uchar,
        identity_len: usize,
        sess: *mut *mut SSL_SESSION,
    ) -> c_int,
>;

/// OpenSSL's `SSL_psk_server_cb_func`.
pub type SSL_psk_server_cb_func = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        identity: *const c_char,
        psk: *mut c_uchar,
        max_psk_len: c_uint,
    ) -> c_uint,
>;

/// OpenSSL's `SSL_psk_use_session_cb_func`.
pub type SSL_psk_use_session_cb_func = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        md: *const EVP_MD,
        id: *mut *const c_uchar,
        idlen: *mut usize,
        sess: *mut *mut SSL_SESSION,
    ) -> c_int,
>;

/// OpenSSL's `custom_ext_add_cb`.
pub type custom_ext_add_cb = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        ext_type: c_uint,
        out: *mut *const c_uchar,
        outlen: *mut usize,
        al: *mut c_int,
        add_arg: *mut c_void,
    ) -> c_int,
>;

/// OpenSSL's `custom_ext_free_cb`.
pub type custom_ext_free_cb = Option<
    unsafe extern "C" fn(s: *mut SSL, ext_type: c_uint, out: *const c_uchar, add_arg: *mut c_void),
>;

/// OpenSSL's `custom_ext_parse_cb`.
pub type custom_ext_parse_cb = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        ext_type: c_uint,
        in_: *const c_uchar,
        inlen: usize,
        al: *mut c_int,
        parse_arg: *mut c_void,
    ) -> c_int,
>;

/// OpenSSL's `ssl_ct_validation_cb`.
pub type ssl_ct_validation_cb = Option<
    unsafe extern "C" fn(
        ctx: *const CT_POLICY_EVAL_CTX,
        scts: *const stack_st_SCT,
        arg: *mut c_void,
    ) -> c_int,
>;

/// OpenSSL's `tls_session_secret_cb_fn`.
pub type tls_session_secret_cb_fn = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        secret: *mut c_void,
        secret_len: *mut c_int,
        peer_ciphers: *mut stack_st_SSL_CIPHER,
        cipher: *mut *const SSL_CIPHER,
        arg: *mut c_void,
    ) -> c_int,
>;

/// OpenSSL's `tls_session_ticket_ext_cb_fn`.
pub type tls_session_ticket_ext_cb_fn = Option<
    unsafe extern "C" fn(s: *mut SSL, data: *const c_uchar, len: c_int, arg: *mut c_void) -> c_int,
>;

/// The client certificate callback (`SSL_CTX_set_client_cert_cb`).
pub type sessl_client_cert_cb = Option<
    unsafe extern "C" fn(ssl: *mut SSL, x509: *mut *mut X509, pkey: *mut *mut EVP_PKEY) -> c_int,
>;

/// The DTLS cookie generation callback (`SSL_CTX_set_cookie_generate_cb`).
pub type sessl_cookie_generate_cb = Option<
    unsafe extern "C" fn(ssl: *mut SSL, cookie: *mut c_uchar, cookie_len: *mut c_uint) -> c_int,
>;

/// The DTLS cookie verification callback (`SSL_CTX_set_cookie_verify_cb`).
pub type sessl_cookie_verify_cb = Option<
    unsafe extern "C" fn(ssl: *mut SSL, cookie: *const c_uchar, cookie_len: c_uint) -> c_int,
>;

/// The not-resumable callback (`SSL_CTX_set_not_resumable_session_callback`).
pub type sessl_not_resumable_cb =
    Option<unsafe extern "C" fn(ssl: *mut SSL, is_forward_secure: c_int) -> c_int>;

/// The record padding callback (`SSL_CTX_set_record_padding_callback`).
pub type sessl_record_padding_cb = Option<
    unsafe extern "C" fn(ssl: *mut SSL, type_: c_int, len: usize, arg: *mut c_void) -> usize,
>;

/// The security callback (`SSL_CTX_set_security_callback`).
pub type sessl_security_cb = Option<
    unsafe extern "C" fn(
        s: *const SSL,
        ctx: *const SSL_CTX,
        op: c_int,
        bits: c_int,
        nid: c_int,
        other: *mut c_void,
        ex: *mut c_void,
    ) -> c_int,
>;

/// The SRP client password callback (`SSL_CTX_set_srp_client_pwd_callback`).
pub type sessl_srp_client_pwd_cb =
    Option<unsafe extern "C" fn(arg0: *mut SSL, arg1: *mut c_void) -> *mut c_char>;

/// The SRP username callback (`SSL_CTX_set_srp_username_callback`).
pub type sessl_srp_username_cb =
    Option<unsafe extern "C" fn(arg0: *mut SSL, arg1: *mut c_int, arg2: *mut c_void) -> c_int>;

/// The SRP parameter check callback (`SSL_CTX_set_srp_verify_param_callback`).
pub type sessl_srp_verify_param_cb =
    Option<unsafe extern "C" fn(arg0: *mut SSL, arg1: *mut c_void) -> c_int>;

/// The stateless cookie generation callback (`SSL_CTX_set_stateless_cookie_generate_cb`).
pub type sessl_stateless_cookie_generate_cb = Option<
    unsafe extern "C" fn(ssl: *mut SSL, cookie: *mut c_uchar, cookie_len: *mut usize) -> c_int,
>;

/// The stateless cookie verification callback (`SSL_CTX_set_stateless_cookie_verify_cb`).
pub type sessl_stateless_cookie_verify_cb =
    Option<unsafe extern "C" fn(ssl: *mut SSL, cookie: *const c_uchar, cookie_len: usize) -> c_int>;

/// The DH parameter callback (`SSL_CTX_set_tmp_dh_callback`).
pub type sessl_tmp_dh_cb =
    Option<unsafe extern "C" fn(ssl: *mut SSL, is_export: c_int, keylength: c_int) -> *mut DH>;
