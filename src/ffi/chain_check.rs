//! Peer chains verified as OpenSSL verifies them (its `ssl_verify_cert_chain`):
//! libcrypto's `X509_verify_cert` on the connection's verify store (else the
//! cert store of its context), with the connection's `X509_VERIFY_PARAM`,
//! the purpose of the peer's role, and the application's verify callback,
//! which finds the `SSL *` under `SSL_get_ex_data_X509_STORE_CTX_idx`.

use std::ffi::c_void;
use std::os::raw::c_int;
use std::sync::{Arc, OnceLock};

use rustls_pki_types::CertificateDer;

use super::boundary::entry;
use super::crypto::x509_vfy;
use super::handles::lend_ref;
use super::owned::{free_x509, CArg, OwnedStore};
use super::store::cert_store;
use super::types::SSL;
use super::verify::{ConnectionVerify, ContextVerify};
use super::x509::{new_stack, stack_of, x509_der};
use super::x509_cache::peer_x509s;
use crate::ssl::{ChainValidator, ChainVerdict, Connection, Context, Role};

/// `CRYPTO_EX_INDEX_X509_STORE_CTX`.
const EX_INDEX_X509_STORE_CTX: c_int = 5;

/// The ex_data index of the connection on a verification's `X509_STORE_CTX`.
pub(crate) fn store_ctx_ssl_index() -> c_int {
    static INDEX: OnceLock<c_int> = OnceLock::new();
    *INDEX.get_or_init(|| {
        // SAFETY: registers a new index with no callbacks; libcrypto only keeps
        // the argument pointer, a static NUL-terminated literal.
        unsafe {
            openssl_sys::CRYPTO_get_ex_new_index(
                EX_INDEX_X509_STORE_CTX,
                0,
                c"SSL for verify callback".as_ptr() as *mut c_void,
                None,
                None,
                None,
            )
        }
    })
}

/// Installs libcrypto verification for every connection of the process.
pub(crate) fn install() {
    crate::ssl::install_chain_validator(Arc::new(LibcryptoValidator));
}

struct LibcryptoValidator;

/// What one verification needs from the connection and its context.
struct Inputs {
    store: OwnedStore,
    param: *mut openssl_sys::X509_VERIFY_PARAM,
    callback: x509_vfy::VerifyCb,
    app_verify: super::types::sessl_cert_verify_cb,
    app_verify_arg: CArg,
}

fn inputs(conn: &Connection) -> Option<Inputs> {
    // OpenSSL verifies with the context the connection now belongs to
    // (SSL_set_SSL_CTX) for its cert store and the replacement callback.
    let ctx = conn
        .switched_context()
        .unwrap_or_else(|| conn.context().clone());
    let (callback, param, own_store) = conn
        .extras()
        .with(|v: &mut ConnectionVerify| (v.callback, v.param.ptr(), v.stores.verify.clone()));
    let (app_verify, app_verify_arg) = ctx
        .extras()
        .with(|v: &mut ContextVerify| (v.app_verify, v.app_verify_arg));
    let store = match own_store {
        Some(s) => s,
        None => OwnedStore::share(cert_store(&ctx))?,
    };
    // SAFETY: the two callback types differ only in how the store context
    // type is named (sessl's opaque one, openssl-sys' own); same C ABI.
    let callback =
        unsafe { std::mem::transmute::<super::types::SSL_verify_cb, x509_vfy::VerifyCb>(callback) };
    Some(Inputs {
        store,
        param,
        callback,
        app_verify,
        app_verify_arg,
    })
}

impl ChainValidator for LibcryptoValidator {
    fn validate(&self, conn: &Connection, chain: &[CertificateDer<'_>]) -> ChainVerdict {
        let failed = ChainVerdict {
            code: 1, // X509_V_ERR_UNSPECIFIED
            accepted: false,
            verified_chain: Vec::new(),
        };
        let Some(inp) = inputs(conn) else {
            return failed;
        };
        let purpose = if conn.role() == Some(Role::Server) {
            c"ssl_client"
        } else {
            c"ssl_server"
        };
        let ssl: *mut SSL = lend_ref::<SSL>(conn);
        // The connection's X509s of the chain, which its getters hand out
        // afterwards (one parse of each, shared through the cache).
        // A verify callback sees them: from now on they are the application's.
        let seen = inp.callback.is_some() || inp.app_verify.is_some();
        let Some(x509s) = peer_x509s(conn, chain, seen) else {
            return failed;
        };
        // SAFETY: every object made here is freed here; the store, the
        // parameters and the connection outlive the call; the callbacks are
        // the application's, called as libssl calls them.
        unsafe {
            super::crypto::ERR_set_mark();
            let lib = super::lib_context::of_connection(conn);
            let sk = stack_of(x509s);
            let leaf = openssl_sys::OPENSSL_sk_value(sk, 0) as *mut openssl_sys::X509;
            let sctx = super::lib_context::new_store_ctx(lib);
            if sk.is_null() || leaf.is_null() || sctx.is_null() {
                openssl_sys::X509_STORE_CTX_free(sctx);
                openssl_sys::OPENSSL_sk_pop_free(sk, Some(free_x509));
                super::crypto::ERR_pop_to_mark();
                return failed;
            }
            let mut verdict = failed.clone();
            if openssl_sys::X509_STORE_CTX_init(sctx, inp.store.ptr(), leaf, sk.cast()) == 1 {
                let vp = x509_vfy::X509_STORE_CTX_get0_param(sctx);
                // The connection's security level rules the peer's keys and digests.
                openssl_sys::X509_VERIFY_PARAM_set_auth_level(vp, conn.security_level());
                x509_vfy::X509_STORE_CTX_set_ex_data(sctx, store_ctx_ssl_index(), ssl.cast());
                x509_vfy::X509_STORE_CTX_set_default(sctx, purpose.as_ptr());
                x509_vfy::X509_VERIFY_PARAM_set1(vp, inp.param);
                if inp.callback.is_some() {
                    x509_vfy::X509_STORE_CTX_set_verify_cb(sctx, inp.callback);
                }
                let ok = match inp.app_verify {
                    Some(app) => app(sctx.cast(), inp.app_verify_arg.get()),
                    None => openssl_sys::X509_verify_cert(sctx),
                };
                verdict.accepted = ok > 0;
                verdict.code = i64::from(openssl_sys::X509_STORE_CTX_get_error(sctx));
                verdict.verified_chain = built_chain(sctx);
                x509_vfy::X509_VERIFY_PARAM_move_peername(inp.param, vp);
            }
            openssl_sys::X509_STORE_CTX_free(sctx);
            openssl_sys::OPENSSL_sk_pop_free(sk, Some(free_x509));
            // What libcrypto queued while verifying goes; OpenSSL keeps only
            // the result (and the application's own errors stay).
            super::crypto::ERR_pop_to_mark();
            verdict
        }
    }

    fn complete_chain(
        &self,
        ctx: &Context,
        leaf: &CertificateDer<'_>,
    ) -> Vec<CertificateDer<'static>> {
        let own = ctx
            .extras()
            .with(|v: &mut ContextVerify| v.stores.chain.clone());
        let Some(store) = own.or_else(|| OwnedStore::share(cert_store(ctx))) else {
            return Vec::new();
        };
        // SAFETY: every object made here is freed here; the store is ours for the call.
        unsafe {
            super::crypto::ERR_set_mark();
            let lib = super::lib_context::of(ctx);
            let sk = new_stack(std::slice::from_ref(leaf), lib);
            let x = openssl_sys::OPENSSL_sk_value(sk, 0) as *mut openssl_sys::X509;
            let sctx = super::lib_context::new_store_ctx(lib);
            let mut rest = Vec::new();
            if !x.is_null()
                && !sctx.is_null()
                && openssl_sys::X509_STORE_CTX_init(sctx, store.ptr(), x, std::ptr::null_mut()) == 1
            {
                // Whatever the result, OpenSSL sends the chain it could build.
                openssl_sys::X509_verify_cert(sctx);
                rest = built_chain(sctx).into_iter().skip(1).collect();
            }
            openssl_sys::X509_STORE_CTX_free(sctx);
            openssl_sys::OPENSSL_sk_pop_free(sk, Some(free_x509));
            super::crypto::ERR_pop_to_mark();
            rest
        }
    }
}

/// The chain the verification built, leaf first.
fn built_chain(sctx: *mut openssl_sys::X509_STORE_CTX) -> Vec<CertificateDer<'static>> {
    // SAFETY: the chain is borrowed from the live store context for the loop.
    unsafe {
        let sk = openssl_sys::X509_STORE_CTX_get0_chain(sctx) as *const openssl_sys::OPENSSL_STACK;
        if sk.is_null() {
            return Vec::new();
        }
        (0..openssl_sys::OPENSSL_sk_num(sk))
            .filter_map(|i| x509_der(openssl_sys::OPENSSL_sk_value(sk, i).cast()))
            .map(CertificateDer::from)
            .collect()
    }
}

/// SSL_get_ex_data_X509_STORE_CTX_idx(3): the index under which a verify
/// callback finds the connection (`X509_STORE_CTX_get_ex_data`).
#[no_mangle]
pub extern "C" fn SSL_get_ex_data_X509_STORE_CTX_idx() -> c_int {
    entry!({ store_ctx_ssl_index() })
}
