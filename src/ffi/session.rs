//! SSL_get_session(3) and the `SSL_SESSION` accessors.
//!
//! `get`/`get0` lend the connection's session (no count change), `get1` and
//! `SSL_SESSION_up_ref` add a reference, `SSL_SESSION_free` drops one.

use std::os::raw::{c_int, c_long, c_uchar, c_uint, c_ulong};

use super::boundary::{entry, function_name, try_ref};
use super::err;
use super::unsupported::unsupported;
use std::sync::Arc;

use super::handles::{
    c_bytes, c_bytes_mut, clone_arc, lend_ptr, release, set_out, to_c, to_static, up_ref,
};
use super::session_ex_data::duplicate_ex_data;
use super::types::*;
use crate::session::{
    id_context, Resumption, Session, SessionParameters, Side, MAX_ID_CONTEXT_LEN,
};
use crate::ssl::cipher;
use crate::ssl::Refusal;

/// SSL_get_session(3): the connection's session, borrowed; NULL if none.
#[no_mangle]
pub extern "C" fn SSL_get_session(ssl: *const SSL) -> *mut SSL_SESSION {
    entry!({ lend_ptr(try_ref!(ssl).session_ptr()) })
}

/// SSL_get_session(3): `SSL_get0_session`, the same as `SSL_get_session`.
#[no_mangle]
pub extern "C" fn SSL_get0_session(ssl: *const SSL) -> *mut SSL_SESSION {
    SSL_get_session(ssl)
}

/// SSL_get_session(3): `SSL_get1_session`, the session with one more reference
/// (release it with `SSL_SESSION_free`); NULL if none.
#[no_mangle]
pub extern "C" fn SSL_get1_session(ssl: *mut SSL) -> *mut SSL_SESSION {
    entry!({
        match try_ref!(ssl).session() {
            Some(s) => to_c(s),
            None => std::ptr::null_mut(),
        }
    })
}

/// SSL_set_session(3): offer `session` on the next handshake (NULL clears); 1.
/// A session made by another context is offered too, as OpenSSL does.
#[no_mangle]
pub extern "C" fn SSL_set_session(ssl: *mut SSL, session: *mut SSL_SESSION) -> c_int {
    entry!({
        log::debug!("SSL_set_session({ssl:p}, {session:p})");
        try_ref!(ssl).set_session(clone_arc(session));
        1
    })
}

/// `SSL_copy_session_id` (no man page): gives `to` the session (a reference
/// of its own) and session id context of `from`; 1. OpenSSL also makes `to`
/// share `from`'s certificates; sessl's come from the connection's context,
/// so connections of different contexts are refused (0 and an error).
#[no_mangle]
pub extern "C" fn SSL_copy_session_id(to: *mut SSL, from: *const SSL) -> c_int {
    entry!({
        let (to, from) = (try_ref!(to), try_ref!(from));
        if !Arc::ptr_eq(to.context(), from.context()) {
            unsupported!("the connections' certificates come from different contexts");
        }
        to.set_session(from.session());
        c_int::from(to.set_id_context(&from.id_context()))
    })
}

/// SSL_session_reused(3): 1 if the handshake resumed a session.
#[no_mangle]
pub extern "C" fn SSL_session_reused(ssl: *const SSL) -> c_int {
    entry!({ c_int::from(try_ref!(ssl).session_reused()) })
}

/// SSL_SESSION_free(3): drops one reference.
#[no_mangle]
pub extern "C" fn SSL_SESSION_free(session: *mut SSL_SESSION) {
    entry!({ release(session) })
}

/// SSL_SESSION_free(3): `SSL_SESSION_up_ref` adds one reference; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_SESSION_up_ref(session: *mut SSL_SESSION) -> c_int {
    entry!({ c_int::from(up_ref(session)) })
}

/// SSL_SESSION_is_resumable(3): 1 if the session can be offered for resumption.
#[no_mangle]
pub extern "C" fn SSL_SESSION_is_resumable(session: *const SSL_SESSION) -> c_int {
    entry!({ c_int::from(try_ref!(session).is_resumable()) })
}

/// SSL_SESSION_get_id(3): the session id (owned by the session) and its length.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_id(
    session: *const SSL_SESSION,
    len: *mut c_uint,
) -> *const c_uchar {
    entry!({
        let s = try_ref!(session);
        set_out(len, s.id().len() as c_uint);
        s.id_bytes_ptr()
    })
}

/// SSL_SESSION_get0_id_context(3): the session id context and its length.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_id_context(
    session: *const SSL_SESSION,
    len: *mut c_uint,
) -> *const c_uchar {
    entry!({
        let s = try_ref!(session);
        set_out(len, s.id_context().len() as c_uint);
        s.id_context_bytes_ptr()
    })
}

/// SSL_SESSION_get_time(3): creation time, seconds since the epoch.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_time(session: *const SSL_SESSION) -> c_long {
    entry!({ try_ref!(session).time() as c_long })
}

/// SSL_SESSION_get_time(3): `SSL_SESSION_set_time`; returns `t`.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_time(session: *mut SSL_SESSION, t: c_long) -> c_long {
    entry!({
        try_ref!(session).set_time(i64::from(t));
        t
    })
}

/// SSL_SESSION_get_time(3): `SSL_SESSION_get_timeout`, seconds.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_timeout(session: *const SSL_SESSION) -> c_long {
    entry!({ try_ref!(session).timeout() as c_long })
}

/// SSL_SESSION_get_time(3): `SSL_SESSION_set_timeout`; 1, or 0 for a negative timeout.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_timeout(session: *mut SSL_SESSION, t: c_long) -> c_long {
    entry!({
        let session = try_ref!(session);
        if t < 0 {
            return 0;
        }
        session.set_timeout(i64::from(t));
        1
    })
}

/// SSL_SESSION_get_protocol_version(3): e.g. `TLS1_3_VERSION`.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_protocol_version(session: *const SSL_SESSION) -> c_int {
    entry!({ c_int::from(try_ref!(session).protocol_version()) })
}

/// SSL_SESSION_get0_cipher(3): the session's suite (static), or NULL.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_cipher(session: *const SSL_SESSION) -> *const SSL_CIPHER {
    entry!({
        match cipher::by_iana(try_ref!(session).cipher_suite()) {
            Some(c) => to_static(c),
            None => std::ptr::null(),
        }
    })
}

/// SSL_SESSION_has_ticket(3): 1 if the session carries a ticket.
#[no_mangle]
pub extern "C" fn SSL_SESSION_has_ticket(session: *const SSL_SESSION) -> c_int {
    entry!({ c_int::from(try_ref!(session).has_ticket()) })
}

/// SSL_SESSION_has_ticket(3): `SSL_SESSION_get_ticket_lifetime_hint`, seconds.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_ticket_lifetime_hint(session: *const SSL_SESSION) -> c_ulong {
    entry!({ try_ref!(session).ticket_lifetime_hint() as c_ulong })
}

/// SSL_get_client_random(3): `SSL_SESSION_get_master_key`; with `outlen` 0
/// the key's length, else the bytes copied into `out`.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_master_key(
    session: *const SSL_SESSION,
    out: *mut c_uchar,
    outlen: usize,
) -> usize {
    entry!({
        let key = try_ref!(session).master_key();
        if outlen == 0 {
            return key.len();
        }
        let n = outlen.min(key.len());
        let Some(out) = c_bytes_mut(out, n) else {
            return 0;
        };
        out.copy_from_slice(&key[..n]);
        n
    })
}

/// SSL_SESSION_free(3): `SSL_SESSION_dup`, a deep copy of `src` with one
/// reference (the caller's): its own fields, the application's ex_data run
/// through the dup callbacks, resumable as the original is. A TLS 1.3 client
/// ticket is shared, as rustls lets it be offered once (see divergences).
#[no_mangle]
pub extern "C" fn SSL_SESSION_dup(src: *const SSL_SESSION) -> *mut SSL_SESSION {
    entry!({
        let src = try_ref!(src);
        let copy = Arc::new(src.duplicate());
        if !duplicate_ex_data(src, &copy) {
            return std::ptr::null_mut();
        }
        to_c(copy)
    })
}

/// OpenSSL's timeout of a session made by `SSL_SESSION_new` (5 minutes and 4 seconds).
const NEW_SESSION_TIMEOUT_SECS: i64 = 304;
/// `X509_V_ERR_UNSPECIFIED`: the verification result of a session made by `SSL_SESSION_new`.
const NEW_SESSION_VERIFY_RESULT: i64 = 1;

/// SSL_SESSION_new(3): an empty session (one reference, the caller's), with
/// OpenSSL's timeout (304 s) and verification result (`X509_V_ERR_UNSPECIFIED`).
#[no_mangle]
pub extern "C" fn SSL_SESSION_new() -> *mut SSL_SESSION {
    entry!({
        let s = Session::new(
            Side::Server,
            SessionParameters::default(),
            NEW_SESSION_TIMEOUT_SECS,
            Resumption::None,
        );
        s.set_verify_result(NEW_SESSION_VERIFY_RESULT);
        to_c(Arc::new(s))
    })
}

/// SSL_SESSION_set1_id(3): sets the session id (at most 32 bytes); 1 on success.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_id(
    session: *mut SSL_SESSION,
    sid: *const c_uchar,
    sid_len: c_uint,
) -> c_int {
    entry!({
        let s = try_ref!(session);
        let Some(id) = c_bytes(sid, sid_len as usize) else {
            return 0;
        };
        if !s.set_id(id) {
            return err::refuse(function_name!(), Refusal::SessionIdTooLong);
        }
        1
    })
}

/// SSL_SESSION_set1_id_context(3): sets the session id context (at most 32 bytes); 1 on success.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_id_context(
    session: *mut SSL_SESSION,
    sid_ctx: *const c_uchar,
    sid_ctx_len: c_uint,
) -> c_int {
    entry!({
        let s = try_ref!(session);
        if sid_ctx_len as usize > MAX_ID_CONTEXT_LEN {
            return err::refuse(function_name!(), Refusal::IdContextTooLong);
        }
        let Some(id_context) = c_bytes(sid_ctx, sid_ctx_len as usize).and_then(id_context) else {
            return 0;
        };
        c_int::from(s.set_id_context(&id_context))
    })
}

/// SSL_SESSION_get_protocol_version(3): `SSL_SESSION_set_protocol_version`; 1.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_protocol_version(
    session: *mut SSL_SESSION,
    version: c_int,
) -> c_int {
    entry!({
        let s = try_ref!(session);
        let Ok(v) = u16::try_from(version) else {
            return 0;
        };
        s.set_protocol_version(v);
        1
    })
}
