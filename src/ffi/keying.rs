//! SSL_export_keying_material(3), SSL_key_update(3) and renegotiation, which
//! rustls never does: OpenSSL's results and `SSL_R_*` reasons for each refusal.

use std::ffi::c_char;
use std::os::raw::{c_int, c_uchar};

use super::boundary::{entry, try_ref};
use super::err::raise_ssl_reason;
use super::handles::{c_bytes, c_bytes_mut};
use super::types::*;
use super::unsupported::unsupported;
use crate::ssl::CallRefused;

/// The `SSL_R_*` reason OpenSSL queues for a refusal (none for `NoKeys`).
fn reason(refused: CallRefused) -> Option<c_int> {
    match refused {
        CallRefused::WrongVersion => Some(266),
        CallRefused::InvalidKeyUpdateType => Some(120),
        CallRefused::StillInInit => Some(121),
        CallRefused::NoRenegotiation => Some(339),
        CallRefused::IllegalExporterLabel => Some(367),
        CallRefused::NoKeys | CallRefused::Unsupported => None,
        CallRefused::NotServer => Some(284),
        CallRefused::ExtensionNotReceived => Some(279),
        CallRefused::BadWriteRetry => Some(127),
    }
}

/// Queues the reason of a refusal, as failing in `func`.
pub(super) fn refuse(func: &str, refused: CallRefused) {
    if let Some(r) = reason(refused) {
        raise_ssl_reason(func, r);
    }
}

/// SSL_export_keying_material(3): `olen` bytes from the exporter secret for
/// `label` and, when `use_context` is set, `context`; 1, 0 with an error,
/// or -1 before the handshake is done.
#[no_mangle]
pub extern "C" fn SSL_export_keying_material(
    s: *mut SSL,
    out: *mut c_uchar,
    olen: usize,
    label: *const c_char,
    llen: usize,
    context: *const c_uchar,
    contextlen: usize,
    use_context: c_int,
) -> c_int {
    entry!(fail = -1, {
        let conn = try_ref!(s, -1);
        let (Some(out), Some(label)) = (c_bytes_mut(out, olen), c_bytes(label.cast(), llen)) else {
            return -1;
        };
        let context = if use_context != 0 {
            match c_bytes(context, contextlen) {
                Some(c) => Some(c),
                None => return -1,
            }
        } else {
            None
        };
        match conn.export_keying_material(out, label, context) {
            Ok(()) => 1,
            Err(CallRefused::NoKeys) => -1,
            Err(refused) => {
                refuse("SSL_export_keying_material", refused);
                0
            }
        }
    })
}

/// SSL_export_keying_material(3): `SSL_export_keying_material_early`: no early data in sessl.
#[no_mangle]
pub extern "C" fn SSL_export_keying_material_early(
    _s: *mut SSL,
    _out: *mut c_uchar,
    _olen: usize,
    _label: *const c_char,
    _llen: usize,
    _context: *const c_uchar,
    _contextlen: usize,
) -> c_int {
    entry!({ unsupported!("no early data in sessl") })
}

/// SSL_key_update(3): schedules a TLS 1.3 key update, sent with the next
/// write; with `SSL_KEY_UPDATE_NOT_REQUESTED` rustls still asks the peer to
/// update its keys too (docs/divergences.md).
#[no_mangle]
pub extern "C" fn SSL_key_update(s: *mut SSL, updatetype: c_int) -> c_int {
    entry!({
        match try_ref!(s).key_update(updatetype) {
            Ok(()) => 1,
            Err(refused) => {
                refuse("SSL_key_update", refused);
                0
            }
        }
    })
}

/// SSL_key_update(3): `SSL_get_key_update_type`: the update scheduled and not
/// yet sent, else `SSL_KEY_UPDATE_NONE` (-1).
#[no_mangle]
pub extern "C" fn SSL_get_key_update_type(s: *const SSL) -> c_int {
    entry!(fail = -1, {
        try_ref!(s, -1).key_update_type().map_or(-1, |k| k as c_int)
    })
}

/// SSL_key_update(3): `SSL_renegotiate`: 0, as OpenSSL with TLS 1.3
/// (`SSL_R_WRONG_SSL_VERSION`) or `SSL_OP_NO_RENEGOTIATION`
/// (`SSL_R_NO_RENEGOTIATION`): rustls never renegotiates.
#[no_mangle]
pub extern "C" fn SSL_renegotiate(s: *mut SSL) -> c_int {
    entry!({
        refuse("SSL_renegotiate", try_ref!(s).renegotiate());
        0
    })
}

/// SSL_key_update(3): `SSL_renegotiate_abbreviated`: refused as `SSL_renegotiate`.
#[no_mangle]
pub extern "C" fn SSL_renegotiate_abbreviated(s: *mut SSL) -> c_int {
    entry!({
        refuse("SSL_renegotiate_abbreviated", try_ref!(s).renegotiate());
        0
    })
}

/// SSL_key_update(3): `SSL_renegotiate_pending`: 0: no renegotiation is ever pending.
#[no_mangle]
pub extern "C" fn SSL_renegotiate_pending(s: *const SSL) -> c_int {
    entry!({
        try_ref!(s);
        0
    })
}
