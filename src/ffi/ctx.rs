//! SSL_CTX_new(3) and the context settings: certificates and keys, options,
//! cipher lists and the session id context (trust is in `store.rs`,
//! verification in `verify.rs`).

use std::ffi::c_char;
use std::os::raw::{c_int, c_uchar, c_uint};
use std::sync::Arc;

use super::boundary::{entry, function_name, try_ref};
use super::err;
use super::handles::{c_bytes, c_path, c_str, clone_arc, release, to_c, up_ref};
use super::method::init_logging;
use super::types::*;
use super::unsupported::unsupported;
use crate::session::{id_context, MAX_ID_CONTEXT_LEN};
use crate::ssl::options::{clear_bits, set_bits};
use crate::ssl::{Context, Error, Refusal};

/// SSL_CTX_new(3): a context for `method`, or NULL; loads the configuration
/// (once; NULL if libcrypto refuses it) and applies its `system_default`
/// section, as OpenSSL does.
#[no_mangle]
pub extern "C" fn SSL_CTX_new(method: *const SSL_METHOD) -> *mut SSL_CTX {
    entry!({
        init_logging();
        super::chain_check::install();
        super::err::load_reason_strings();
        // As OpenSSL's `OPENSSL_init_ssl`: the configuration, once; a
        // configuration libcrypto refuses fails every new context.
        if !super::ssl_config::load_config(0, std::ptr::null()) {
            return std::ptr::null_mut();
        }
        let method = *try_ref!(method);
        match Context::new(method.side) {
            Ok(ctx) => {
                if method.version.is_some() {
                    ctx.set_protocol_method(method);
                }
                ctx.cache()
                    .set_store(crate::ssl::fleet::environment_store());
                let ptr = to_c(Arc::new(ctx));
                super::ssl_config::apply_system_config(ptr);
                ptr
            }
            Err(e) => {
                log::error!("SSL_CTX_new: {e}");
                std::ptr::null_mut()
            }
        }
    })
}

/// SSL_CTX_free(3): drops one reference; the last one first empties the session cache,
/// telling the remove callback of each session, as OpenSSL does.
#[no_mangle]
pub extern "C" fn SSL_CTX_free(ctx: *mut SSL_CTX) {
    entry!({
        if let Some(held) = clone_arc(ctx) {
            // The caller's reference and `held`: no connection or other owner is left.
            if Arc::strong_count(&held) == 2 {
                held.removed(held.cache().flush_expired(0));
            }
        }
        release(ctx)
    })
}

/// SSL_CTX_new(3): `SSL_CTX_up_ref` adds one reference; 1 on success.
#[no_mangle]
pub extern "C" fn SSL_CTX_up_ref(ctx: *mut SSL_CTX) -> c_int {
    entry!({ c_int::from(up_ref(ctx)) })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_certificate_chain_file` (PEM, leaf first).
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate_chain_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        let Some(path) = c_path(file) else { return 0 };
        err::int_result(
            "SSL_CTX_use_certificate_chain_file",
            ctx.use_certificate_chain_file(path),
        )
    })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_certificate_file` (the leaf only).
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
    filetype: c_int,
) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        let Some(path) = c_path(file) else { return 0 };
        err::int_result(
            "SSL_CTX_use_certificate_file",
            ctx.use_certificate_file(path, filetype),
        )
    })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_use_PrivateKey_file`.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_PrivateKey_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
    filetype: c_int,
) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        let Some(path) = c_path(file) else { return 0 };
        match ctx.use_private_key_file(path, filetype) {
            Ok(()) => 1,
            // An encrypted PEM key: libcrypto decrypts it with the password callback.
            Err(e) => match std::fs::read(path)
                .ok()
                .and_then(|pem| super::x509::decrypt_pem_key(ctx, &pem))
            {
                Some(key) => {
                    err::int_result("SSL_CTX_use_PrivateKey_file", ctx.use_private_key(key))
                }
                None => err::int_result("SSL_CTX_use_PrivateKey_file", Err(e)),
            },
        }
    })
}

/// SSL_CTX_use_certificate(3): `SSL_CTX_check_private_key`; 1 if the key matches.
#[no_mangle]
pub extern "C" fn SSL_CTX_check_private_key(ctx: *const SSL_CTX) -> c_int {
    entry!({
        err::int_result(
            "SSL_CTX_check_private_key",
            try_ref!(ctx).check_private_key(),
        )
    })
}

/// SSL_CTX_set_options(3): adds option bits; returns the new options.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_options(ctx: *mut SSL_CTX, op: u64) -> u64 {
    entry!({ try_ref!(ctx).update(|s| set_bits(&mut s.options, op)) })
}

/// SSL_CTX_set_options(3): `SSL_CTX_clear_options`; returns the new options.
#[no_mangle]
pub extern "C" fn SSL_CTX_clear_options(ctx: *mut SSL_CTX, op: u64) -> u64 {
    entry!({ try_ref!(ctx).update(|s| clear_bits(&mut s.options, op)) })
}

/// SSL_CTX_set_options(3): `SSL_CTX_get_options`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_options(ctx: *const SSL_CTX) -> u64 {
    entry!({ try_ref!(ctx).with_settings(|s| s.options) })
}

/// SSL_CTX_set_session_id_context(3): at most 32 bytes; 1 on success.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_session_id_context(
    ctx: *mut SSL_CTX,
    sid_ctx: *const c_uchar,
    sid_ctx_len: c_uint,
) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        if sid_ctx_len as usize > MAX_ID_CONTEXT_LEN {
            return err::refuse(function_name!(), Refusal::IdContextTooLong);
        }
        let Some(id_context) = c_bytes(sid_ctx, sid_ctx_len as usize).and_then(id_context) else {
            return 0;
        };
        ctx.update(|s| s.id_context = id_context.to_vec());
        1
    })
}

/// Applies a cipher list with `set`; 0 (with an error queued) when it is refused.
fn cipher_list(
    ctx: &Context,
    list: *const c_char,
    func: &str,
    set: fn(&Context, &str) -> Result<(), Error>,
) -> c_int {
    let Some(list) = c_str(list) else { return 0 };
    err::int_result(func, set(ctx, &list.to_string_lossy()))
}

/// SSL_CTX_set_cipher_list(3): the TLS 1.2 suites, from an OpenSSL cipher
/// string; 0 (with an error queued) if it selects none.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cipher_list(ctx: *mut SSL_CTX, list: *const c_char) -> c_int {
    entry!({
        cipher_list(
            try_ref!(ctx),
            list,
            "SSL_CTX_set_cipher_list",
            Context::set_cipher_list,
        )
    })
}

/// SSL_CTX_set_cipher_list(3): `SSL_CTX_set_ciphersuites`, the TLS 1.3 suites
/// (`:`-separated names); 0 if a name is unknown.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ciphersuites(ctx: *mut SSL_CTX, list: *const c_char) -> c_int {
    entry!({
        cipher_list(
            try_ref!(ctx),
            list,
            "SSL_CTX_set_ciphersuites",
            Context::set_ciphersuites,
        )
    })
}

/// SSL_CTX_set_post_handshake_auth(3): accepted; rustls clients do not offer
/// post-handshake authentication, so a server never asks for it.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_post_handshake_auth(ctx: *mut SSL_CTX, _val: c_int) {
    entry!({
        try_ref!(ctx);
        if _val != 0 {
            unsupported!(
                accepted,
                "rustls does not offer post-handshake authentication"
            );
        }
    })
}

/// SSL_CTX_set_srp_password(3): `SSL_CTX_set_srp_username`; SRP is not
/// supported (rustls has none): 0.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_username(ctx: *mut SSL_CTX, _name: *mut c_char) -> c_int {
    entry!({
        try_ref!(ctx);
        unsupported!("rustls has no SRP")
    })
}

/// SSL_CTX_set_srp_password(3): SRP is not supported: 0.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_password(ctx: *mut SSL_CTX, _password: *mut c_char) -> c_int {
    entry!({
        try_ref!(ctx);
        unsupported!("rustls has no SRP")
    })
}
