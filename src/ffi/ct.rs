//! Certificate Transparency (`SSL_CTX_enable_ct(3)`): rustls does not check
//! SCTs, so enabling CT fails (never a silent no-op) and there are no SCTs.
//! Loading a log list is only configuration: it is read and checked through
//! libcrypto as OpenSSL does, and succeeds or fails as there.

use std::ffi::{c_char, c_void};
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::lib_context::LibraryContext;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_set_ct_validation_callback(3): `SSL_CTX_ct_is_enabled`: no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_ct_is_enabled(_ctx: *const SSL_CTX) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// SSL_CTX_set_ct_validation_callback(3): `SSL_CTX_enable_ct`: no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_enable_ct(_ctx: *mut SSL_CTX, _validation_mode: c_int) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// `SSL_CTX_get0_ctlog_store` (no man page): no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_ctlog_store(_ctx: *const SSL_CTX) -> *const CTLOG_STORE {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// `SSL_CTX_set0_ctlog_store` (no man page): no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set0_ctlog_store(_ctx: *mut SSL_CTX, _logs: *mut CTLOG_STORE) {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// SSL_CTX_set_ct_validation_callback(3): no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ct_validation_callback(
    _ctx: *mut SSL_CTX,
    _callback: ssl_ct_validation_cb,
    _arg: *mut c_void,
) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// libcrypto's `CTLOG_STORE`, opaque (`<openssl/ct.h>`).
#[repr(C)]
struct LogStore {
    _private: [u8; 0],
}

extern "C" {
    fn CTLOG_STORE_new_ex(libctx: *mut c_void, propq: *const c_char) -> *mut LogStore;
    fn CTLOG_STORE_free(store: *mut LogStore);
    fn CTLOG_STORE_load_file(store: *mut LogStore, file: *const c_char) -> c_int;
    fn CTLOG_STORE_load_default_file(store: *mut LogStore) -> c_int;
}

/// Loads a log list into a scratch store of the context's library context,
/// as OpenSSL loads the context's: 1 when libcrypto reads it, else 0 with
/// libcrypto's error queued.
fn load_log_list(ctx: &crate::ssl::Context, path: Option<*const c_char>) -> c_int {
    ctx.extras().with(|lib: &mut LibraryContext| {
        let (libctx, propq) = lib.pointers();
        // SAFETY: a fresh store, loaded and freed here, in the library
        // context the application gave (or the default, NULL); `path` is
        // the caller's C string (libcrypto checks it), or the default file
        // is loaded.
        unsafe {
            let store = CTLOG_STORE_new_ex(libctx, propq);
            if store.is_null() {
                return 0;
            }
            let ok = match path {
                Some(path) => CTLOG_STORE_load_file(store, path),
                None => CTLOG_STORE_load_default_file(store),
            };
            CTLOG_STORE_free(store);
            ok
        }
    })
}

/// SSL_CTX_set_ctlog_list_file(3): the list is read and checked as OpenSSL does; no Certificate Transparency checks in rustls use it.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ctlog_list_file(ctx: *mut SSL_CTX, path: *const c_char) -> c_int {
    entry!({
        let ctx = try_ref!(ctx, 0);
        load_log_list(ctx, Some(path))
    })
}

/// SSL_CTX_set_ctlog_list_file(3): `SSL_CTX_set_default_ctlog_list_file`: the default list (`CTLOG_FILE`) is read and checked as OpenSSL does; no Certificate Transparency checks in rustls use it.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_ctlog_list_file(ctx: *mut SSL_CTX) -> c_int {
    entry!({
        let ctx = try_ref!(ctx, 0);
        load_log_list(ctx, None)
    })
}

/// SSL_CTX_set_ct_validation_callback(3): `SSL_ct_is_enabled`: no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_ct_is_enabled(_s: *const SSL) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// SSL_CTX_set_ct_validation_callback(3): `SSL_enable_ct`: no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_enable_ct(_s: *mut SSL, _validation_mode: c_int) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// SSL_get0_peer_scts(3): no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_get0_peer_scts(_s: *mut SSL) -> *const stack_st_SCT {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}

/// SSL_CTX_set_ct_validation_callback(3): `SSL_set_ct_validation_callback`: no Certificate Transparency checks in rustls.
#[no_mangle]
pub extern "C" fn SSL_set_ct_validation_callback(
    _s: *mut SSL,
    _callback: ssl_ct_validation_cb,
    _arg: *mut c_void,
) -> c_int {
    entry!({ unsupported!("no Certificate Transparency checks in rustls") })
}
