//! `BIO_f_ssl(3)`: the SSL filter BIO. Writing to it is `SSL_write` on its
//! connection, reading is `SSL_read`, and a would-block sets the BIO's retry
//! flags as OpenSSL's SSL BIO sets them; `BIO_push` puts the next BIO of the
//! chain under the connection (`SSL_set_bio`). The BIO's own state is a
//! boxed `SslBio` kept in the BIO's data pointer.

use std::ffi::c_void;
use std::os::raw::{c_char, c_int, c_long};
use std::sync::OnceLock;

use openssl_sys::BIO as CBIO;

use super::boundary::entry;
use super::types::*;

/// `BIO_TYPE_SSL`: (7 | BIO_TYPE_FILTER).
const TYPE_SSL: c_int = 7 | 0x0200;
/// `BIO_FLAGS_READ`, `_WRITE`, `_IO_SPECIAL`, `_SHOULD_RETRY`.
const FLAGS_READ: c_int = 0x01;
const FLAGS_WRITE: c_int = 0x02;
const FLAGS_IO_SPECIAL: c_int = 0x04;
const FLAGS_SHOULD_RETRY: c_int = 0x08;
const FLAGS_RETRY_ALL: c_int = FLAGS_READ | FLAGS_WRITE | FLAGS_IO_SPECIAL | FLAGS_SHOULD_RETRY;
/// The `BIO_ctrl` commands the SSL BIO answers itself.
const CTRL_RESET: c_int = 1;
const CTRL_PUSH: c_int = 6;
const CTRL_POP: c_int = 7;
const CTRL_GET_CLOSE: c_int = 8;
const CTRL_SET_CLOSE: c_int = 9;
const CTRL_PENDING: c_int = 10;
const C_DO_STATE_MACHINE: c_int = 101;
const C_SET_SSL: c_int = 109;
const C_GET_SSL: c_int = 110;
const C_SSL_MODE: c_int = 119;
/// `SSL_get_error` answers that ask for a retry.
const ERROR_WANT_READ: c_int = 2;
const ERROR_WANT_WRITE: c_int = 3;
const ERROR_WANT_X509_LOOKUP: c_int = 4;
const ERROR_WANT_CONNECT: c_int = 7;

extern "C" {
    fn BIO_next(b: *mut CBIO) -> *mut CBIO;
    fn BIO_push(b: *mut CBIO, append: *mut CBIO) -> *mut CBIO;
    fn BIO_method_type(b: *const CBIO) -> c_int;
    fn BIO_s_connect() -> *const openssl_sys::BIO_METHOD;
    fn BIO_f_buffer() -> *const openssl_sys::BIO_METHOD;
}

/// What an SSL BIO holds: its connection and whether freeing the BIO frees it.
struct SslBio {
    ssl: *mut SSL,
    close: bool,
}

/// The SSL BIO's state, or None for a BIO that is not one (or not set up).
fn state<'a>(b: *mut CBIO) -> Option<&'a mut SslBio> {
    if b.is_null() {
        return None;
    }
    // SAFETY: `b` is a live BIO; for an SSL BIO its data is the SslBio that
    // `create` boxed, alive until `destroy`.
    unsafe {
        if BIO_method_type(b) != TYPE_SSL {
            return None;
        }
        openssl_sys::BIO_get_data(b).cast::<SslBio>().as_mut()
    }
}

/// The connection of the first SSL BIO in the chain from `b`.
fn chain_ssl(mut b: *mut CBIO) -> *mut SSL {
    while !b.is_null() {
        if let Some(s) = state(b) {
            return s.ssl;
        }
        // SAFETY: `b` is a live BIO of the caller's chain.
        b = unsafe { BIO_next(b) };
    }
    std::ptr::null_mut()
}

/// Sets the retry flags `SSL_get_error`'s answer `err` calls for.
fn set_retry(b: *mut CBIO, err: c_int) {
    let flags = match err {
        ERROR_WANT_READ => FLAGS_READ,
        ERROR_WANT_WRITE => FLAGS_WRITE,
        ERROR_WANT_X509_LOOKUP | ERROR_WANT_CONNECT => FLAGS_IO_SPECIAL,
        _ => return,
    };
    // SAFETY: `b` is the live BIO libcrypto called us with.
    unsafe { openssl_sys::BIO_set_flags(b, flags | FLAGS_SHOULD_RETRY) };
}

/// Runs one SSL call for the BIO `b` with its retry flags cleared first and
/// set from the result, as OpenSSL's SSL BIO does.
fn with_retry(b: *mut CBIO, call: impl FnOnce(*mut SSL) -> c_int) -> c_int {
    let Some(ssl) = state(b).map(|s| s.ssl).filter(|s| !s.is_null()) else {
        return -1;
    };
    // SAFETY: `b` is the live BIO libcrypto called us with.
    unsafe { openssl_sys::BIO_clear_flags(b, FLAGS_RETRY_ALL) };
    let ret = call(ssl);
    if ret <= 0 {
        set_retry(b, super::ssl::SSL_get_error(ssl, ret));
    }
    ret
}

extern "C" fn bio_create(b: *mut CBIO) -> c_int {
    let st = Box::new(SslBio {
        ssl: std::ptr::null_mut(),
        close: false,
    });
    // SAFETY: `b` is the new BIO libcrypto is setting up; its data becomes
    // the boxed state, released in `bio_destroy`.
    unsafe {
        openssl_sys::BIO_set_data(b, Box::into_raw(st).cast());
        openssl_sys::BIO_set_init(b, 1);
    }
    1
}

extern "C" fn bio_destroy(b: *mut CBIO) -> c_int {
    if b.is_null() {
        return 0;
    }
    // SAFETY: the data is the state `bio_create` boxed (or NULL), taken back
    // once here as the BIO goes.
    let st = unsafe {
        let p = openssl_sys::BIO_get_data(b).cast::<SslBio>();
        openssl_sys::BIO_set_data(b, std::ptr::null_mut());
        (!p.is_null()).then(|| Box::from_raw(p))
    };
    if let Some(st) = st {
        if st.close && !st.ssl.is_null() {
            super::ssl::SSL_free(st.ssl);
        }
    }
    1
}

extern "C" fn bio_write(b: *mut CBIO, buf: *const c_char, len: c_int) -> c_int {
    with_retry(b, |ssl| super::ssl::SSL_write(ssl, buf.cast(), len))
}

extern "C" fn bio_read(b: *mut CBIO, buf: *mut c_char, len: c_int) -> c_int {
    with_retry(b, |ssl| super::ssl::SSL_read(ssl, buf.cast(), len))
}

extern "C" fn bio_puts(b: *mut CBIO, text: *const c_char) -> c_int {
    if text.is_null() {
        return -1;
    }
    // SAFETY: `BIO_puts` passes a NUL-terminated string.
    let len = unsafe { std::ffi::CStr::from_ptr(text) }.to_bytes().len();
    bio_write(b, text, c_int::try_from(len).unwrap_or(c_int::MAX))
}

/// Passes a command on to the next BIO of the chain (0 without one).
fn pass_on(b: *mut CBIO, cmd: c_int, num: c_long, ptr: *mut c_void) -> c_long {
    // SAFETY: `b` is live; its next BIO, if any, is a live BIO of the chain.
    unsafe {
        let next = BIO_next(b);
        if next.is_null() {
            0
        } else {
            openssl_sys::BIO_ctrl(next, cmd, num, ptr)
        }
    }
}

extern "C" fn bio_ctrl(b: *mut CBIO, cmd: c_int, num: c_long, ptr: *mut c_void) -> c_long {
    let Some(st) = state(b) else { return 0 };
    match cmd {
        C_SET_SSL => {
            if st.close && !st.ssl.is_null() {
                super::ssl::SSL_free(st.ssl);
            }
            st.ssl = ptr.cast();
            st.close = num != 0;
            1
        }
        C_GET_SSL => {
            if !ptr.is_null() {
                // SAFETY: the caller's `SSL **` out pointer (`BIO_get_ssl`).
                unsafe { *ptr.cast::<*mut SSL>() = st.ssl };
            }
            1
        }
        C_SSL_MODE if !st.ssl.is_null() => {
            if num != 0 {
                super::ssl::SSL_set_connect_state(st.ssl);
            } else {
                super::ssl::SSL_set_accept_state(st.ssl);
            }
            1
        }
        C_DO_STATE_MACHINE => c_long::from(with_retry(b, |ssl| super::ssl::SSL_do_handshake(ssl))),
        CTRL_PUSH if !st.ssl.is_null() => {
            // SAFETY: `b` is live; the next BIO gets one more reference, which
            // SSL_set_bio takes for both directions.
            unsafe {
                let next = BIO_next(b);
                if !next.is_null() && next.cast() != super::bio::SSL_get_rbio(st.ssl) {
                    super::crypto::BIO_up_ref(next);
                    super::bio::SSL_set_bio(st.ssl, next.cast(), next.cast());
                }
            }
            1
        }
        CTRL_POP if !st.ssl.is_null() && ptr.cast() == b => {
            super::bio::SSL_set_bio(st.ssl, std::ptr::null_mut(), std::ptr::null_mut());
            1
        }
        CTRL_GET_CLOSE => c_long::from(st.close),
        CTRL_SET_CLOSE => {
            st.close = num != 0;
            1
        }
        CTRL_PENDING if !st.ssl.is_null() => {
            let own = c_long::from(super::ssl::SSL_pending(st.ssl));
            if own > 0 {
                own
            } else {
                pass_on(b, cmd, num, ptr)
            }
        }
        CTRL_RESET if !st.ssl.is_null() => {
            super::ssl::SSL_clear(st.ssl);
            pass_on(b, cmd, num, ptr);
            1
        }
        _ => pass_on(b, cmd, num, ptr),
    }
}

/// The SSL BIO method, made once per process (libcrypto keeps it).
fn method() -> *const BIO_METHOD {
    static METHOD: OnceLock<usize> = OnceLock::new();
    let m = *METHOD.get_or_init(|| {
        // SAFETY: a new BIO method with sessl's callbacks, never freed.
        unsafe {
            let m = openssl_sys::BIO_meth_new(TYPE_SSL, c"ssl".as_ptr());
            if m.is_null() {
                return 0;
            }
            openssl_sys::BIO_meth_set_write__fixed_rust(m, Some(bio_write));
            openssl_sys::BIO_meth_set_read__fixed_rust(m, Some(bio_read));
            openssl_sys::BIO_meth_set_puts__fixed_rust(m, Some(bio_puts));
            openssl_sys::BIO_meth_set_ctrl__fixed_rust(m, Some(bio_ctrl));
            openssl_sys::BIO_meth_set_create__fixed_rust(m, Some(bio_create));
            openssl_sys::BIO_meth_set_destroy__fixed_rust(m, Some(bio_destroy));
            m as usize
        }
    });
    m as *const BIO_METHOD
}

/// BIO_f_ssl(3): the SSL filter BIO method.
#[no_mangle]
pub extern "C" fn BIO_f_ssl() -> *const BIO_METHOD {
    entry!({ method() })
}

/// BIO_f_ssl(3): `BIO_new_ssl`: an SSL BIO over a new connection of `ctx`
/// (client if `client` is non-zero), freed with the BIO.
#[no_mangle]
pub extern "C" fn BIO_new_ssl(ctx: *mut SSL_CTX, client: c_int) -> *mut BIO {
    entry!({
        let ssl = super::ssl::SSL_new(ctx);
        if ssl.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: a new BIO of sessl's method; the connection is handed to it.
        unsafe {
            let b = openssl_sys::BIO_new(method().cast());
            if b.is_null() {
                super::ssl::SSL_free(ssl);
                return std::ptr::null_mut();
            }
            if client != 0 {
                super::ssl::SSL_set_connect_state(ssl);
            } else {
                super::ssl::SSL_set_accept_state(ssl);
            }
            openssl_sys::BIO_ctrl(b, C_SET_SSL, 1, ssl.cast());
            b.cast()
        }
    })
}

/// BIO_f_ssl(3): `BIO_new_ssl_connect`: a client SSL BIO over a connect BIO.
#[no_mangle]
pub extern "C" fn BIO_new_ssl_connect(ctx: *mut SSL_CTX) -> *mut BIO {
    entry!({
        let ssl_bio: *mut CBIO = BIO_new_ssl(ctx, 1).cast();
        if ssl_bio.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: a new connect BIO pushed under the new SSL BIO (the chain
        // then owns it).
        unsafe {
            let con = openssl_sys::BIO_new(BIO_s_connect());
            if con.is_null() {
                openssl_sys::BIO_free_all(ssl_bio);
                return std::ptr::null_mut();
            }
            BIO_push(ssl_bio, con).cast()
        }
    })
}

/// BIO_f_ssl(3): `BIO_new_buffer_ssl_connect`: a buffer BIO over
/// `BIO_new_ssl_connect`.
#[no_mangle]
pub extern "C" fn BIO_new_buffer_ssl_connect(ctx: *mut SSL_CTX) -> *mut BIO {
    entry!({
        let ssl_bio: *mut CBIO = BIO_new_ssl_connect(ctx).cast();
        if ssl_bio.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: a new buffer BIO on top of the new SSL chain.
        unsafe {
            let buf = openssl_sys::BIO_new(BIO_f_buffer());
            if buf.is_null() {
                openssl_sys::BIO_free_all(ssl_bio);
                return std::ptr::null_mut();
            }
            BIO_push(buf, ssl_bio).cast()
        }
    })
}

/// BIO_f_ssl(3): `BIO_ssl_copy_session_id`: `SSL_copy_session_id` between
/// the connections of the first SSL BIOs of two chains; 0 without them.
#[no_mangle]
pub extern "C" fn BIO_ssl_copy_session_id(to: *mut BIO, from: *mut BIO) -> c_int {
    entry!({
        let (to, from) = (chain_ssl(to.cast()), chain_ssl(from.cast()));
        if to.is_null() || from.is_null() {
            return 0;
        }
        super::session::SSL_copy_session_id(to, from)
    })
}

/// BIO_f_ssl(3): `BIO_ssl_shutdown`: `SSL_shutdown` on the connection of
/// every SSL BIO of the chain.
#[no_mangle]
pub extern "C" fn BIO_ssl_shutdown(ssl_bio: *mut BIO) {
    entry!({
        let mut b: *mut CBIO = ssl_bio.cast();
        while !b.is_null() {
            if let Some(st) = state(b) {
                if !st.ssl.is_null() {
                    super::ssl::SSL_shutdown(st.ssl);
                }
            }
            // SAFETY: `b` is a live BIO of the caller's chain.
            b = unsafe { BIO_next(b) };
        }
    })
}
