//! The session fields beyond SSL_get_session(3)'s accessors: the peer's
//! certificate, the ticket and its application data, ALPN, the host name,
//! master key and suite an application sets (`SSL_SESSION_get0_peer(3)`,
//! `SSL_SESSION_get0_hostname(3)`, `SSL_SESSION_set1_master_key(3)`, ...).
//! Pointers lent to C stay valid until the field is set again or the
//! session is freed, as with OpenSSL.

use std::ffi::{c_char, c_void};
use std::os::raw::{c_int, c_uchar, c_uint};

use super::boundary::{entry, try_ref};
use super::handles::{borrow, c_bytes, c_str, set_out};
use super::lib_context::Lib;
use super::types::*;
use super::unsupported::unsupported;
use super::x509_cache::{taken_x509, PeerX509};
use crate::session::DetailError;

/// SSL_SESSION_get0_peer(3): the peer's certificate, owned by the session
/// (no reference added), or NULL when the peer sent none.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_peer(s: *mut SSL_SESSION) -> *mut X509 {
    entry!({
        let s = try_ref!(s);
        let der = s.peer_certificate();
        let make = || {
            der.as_deref()
                .and_then(|d| taken_x509(d, Lib::DEFAULT))
                .map(PeerX509)
        };
        s.with_attachment_or(make, |x: &mut PeerX509| x.0.ptr().cast())
            .unwrap_or(std::ptr::null_mut())
    })
}

/// SSL_SESSION_has_ticket(3): `SSL_SESSION_get0_ticket`, the ticket a client
/// holds (owned by the session); NULL and 0 on a server or without a ticket.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_ticket(
    s: *const SSL_SESSION,
    tick: *mut *const c_uchar,
    len: *mut usize,
) {
    entry!({
        let s = try_ref!(s);
        let (p, n) = s.ticket();
        set_out(tick, if n == 0 { std::ptr::null() } else { p });
        set_out(len, n);
    })
}

/// SSL_CTX_set_session_ticket_cb(3): `SSL_SESSION_get0_ticket_appdata`, the
/// application data of the session's ticket (owned by the session; NULL and
/// 0 when there is none); 1.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_ticket_appdata(
    ss: *mut SSL_SESSION,
    data: *mut *mut c_void,
    len: *mut usize,
) -> c_int {
    entry!({
        let (p, n) = try_ref!(ss)
            .ticket_appdata()
            .unwrap_or((std::ptr::null(), 0));
        set_out(data, p.cast_mut().cast());
        set_out(len, n);
        1
    })
}

/// SSL_CTX_set_session_ticket_cb(3): `SSL_SESSION_set1_ticket_appdata`, a
/// copy of `data` (NULL or empty clears it); 1.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_ticket_appdata(
    ss: *mut SSL_SESSION,
    data: *const c_void,
    len: usize,
) -> c_int {
    entry!({
        let s = try_ref!(ss);
        let bytes = if data.is_null() {
            None
        } else {
            c_bytes(data.cast(), len).filter(|b| !b.is_empty())
        };
        s.set_ticket_appdata(bytes);
        1
    })
}

/// SSL_SESSION_get0_hostname(3): `SSL_SESSION_get0_alpn_selected`, the ALPN
/// protocol recorded (owned by the session); NULL and 0 when none.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_alpn_selected(
    s: *const SSL_SESSION,
    alpn: *mut *const c_uchar,
    len: *mut usize,
) {
    entry!({
        let (p, n) = try_ref!(s).alpn_selected();
        set_out(alpn, if n == 0 { std::ptr::null() } else { p });
        set_out(len, n);
    })
}

/// SSL_SESSION_get0_hostname(3): `SSL_SESSION_set1_alpn_selected`, a copy of
/// `alpn` (NULL clears it); 1. A resumption negotiates ALPN afresh.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_alpn_selected(
    s: *mut SSL_SESSION,
    alpn: *const c_uchar,
    len: usize,
) -> c_int {
    entry!({
        let s = try_ref!(s);
        s.set_alpn_selected(c_bytes(alpn, len).unwrap_or_default());
        1
    })
}

/// SSL_SESSION_get0_hostname(3): `SSL_SESSION_set1_hostname`, a copy of
/// `hostname` (NULL clears it); 1. A client's resumption sends the name its
/// connection was given, as OpenSSL does.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_hostname(s: *mut SSL_SESSION, hostname: *const c_char) -> c_int {
    entry!({
        let s = try_ref!(s);
        let name = c_str(hostname).map(|n| n.to_string_lossy());
        s.set_hostname(name.as_deref());
        1
    })
}

/// SSL_SESSION_get0_hostname(3): the server name (owned by the session), or NULL.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_hostname(session: *const SSL_SESSION) -> *const c_char {
    entry!({
        match try_ref!(session).hostname_ptr() {
            Some(h) => h.cast(),
            None => std::ptr::null(),
        }
    })
}

/// SSL_SESSION_set1_master_key(3): sets the master key (at most 512 bytes);
/// 1, or 0. A session that resumes through rustls' sealed value keeps its
/// key there, so sessl refuses a new one (0 and an error) instead of
/// reporting a key the resumption would not use.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_master_key(
    sess: *mut SSL_SESSION,
    in_: *const c_uchar,
    len: usize,
) -> c_int {
    entry!({
        let s = try_ref!(sess);
        let Some(key) = c_bytes(in_, len) else {
            return 0;
        };
        match s.set_master_key(key) {
            Ok(()) => 1,
            Err(DetailError::MasterKeyTooLong) => 0,
            Err(e) => unsupported!(&e.to_string()),
        }
    })
}

/// SSL_SESSION_get0_cipher(3): `SSL_SESSION_set_cipher`; 1. A session that
/// resumes through rustls' sealed value keeps its suite: another one is
/// refused (0 and an error), as it would not be used.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_cipher(s: *mut SSL_SESSION, cipher: *const SSL_CIPHER) -> c_int {
    entry!({
        let s = try_ref!(s);
        let suite = borrow(cipher).map_or(0, |c| c.iana);
        match s.set_cipher_suite(suite) {
            Ok(()) => 1,
            Err(e) => unsupported!(&e.to_string()),
        }
    })
}

/// SSL_read_early_data(3): `SSL_SESSION_get_max_early_data`, as recorded or
/// set (sessl sends and accepts no early data: 0 from its handshakes).
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_max_early_data(s: *const SSL_SESSION) -> u32 {
    entry!({ try_ref!(s).max_early_data() })
}

/// SSL_read_early_data(3): `SSL_SESSION_set_max_early_data`; 1. The value is
/// kept and printed; it never lets early data be sent or accepted, which
/// sessl does not do.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_max_early_data(
    s: *mut SSL_SESSION,
    max_early_data: u32,
) -> c_int {
    entry!({
        try_ref!(s).set_max_early_data(max_early_data);
        1
    })
}

/// SSL_SESSION_get_compress_id(3): 0, as rustls never compresses.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_compress_id(s: *const SSL_SESSION) -> c_uint {
    entry!({
        try_ref!(s);
        0
    })
}
