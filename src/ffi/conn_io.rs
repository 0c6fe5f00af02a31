//! Connection calls sessl does not have yet (`SSL_peek(3)`, `SSL_read_ex(3)`,
//! `SSL_write_ex(3)`, renegotiation, key update, keying material export, the
//! random and Finished values, ...): each fails with the error.

use std::ffi::{c_char, c_void};
use std::os::raw::{c_int, c_uchar};

use super::boundary::{entry, try_ref};
use super::handles::set_out;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_get_version(3): `SSL_client_version`: rustls does not expose the ClientHello version.
#[no_mangle]
pub extern "C" fn SSL_client_version(_s: *const SSL) -> c_int {
    entry!({ unsupported!("rustls does not expose the ClientHello version") })
}

/// SSL_export_keying_material(3): not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_export_keying_material(
    _s: *mut SSL,
    _out: *mut c_uchar,
    _olen: usize,
    _label: *const c_char,
    _llen: usize,
    _context: *const c_uchar,
    _contextlen: usize,
    _use_context: c_int,
) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
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

/// SSL_get_peer_certificate(3): `SSL_get0_peer_certificate`: not in sessl yet: use SSL_get1_peer_certificate.
#[no_mangle]
pub extern "C" fn SSL_get0_peer_certificate(_s: *const SSL) -> *mut X509 {
    entry!({ unsupported!("not in sessl yet: use SSL_get1_peer_certificate") })
}

/// SSL_get_client_random(3): rustls does not expose the handshake randoms.
#[no_mangle]
pub extern "C" fn SSL_get_client_random(
    _ssl: *const SSL,
    _out: *mut c_uchar,
    _outlen: usize,
) -> usize {
    entry!({ unsupported!("rustls does not expose the handshake randoms") })
}

/// `SSL_get_finished` (no man page): rustls does not expose the Finished messages.
#[no_mangle]
pub extern "C" fn SSL_get_finished(_s: *const SSL, _buf: *mut c_void, _count: usize) -> usize {
    entry!({ unsupported!("rustls does not expose the Finished messages") })
}

/// SSL_key_update(3): `SSL_get_key_update_type`: `SSL_KEY_UPDATE_NONE` (-1): sessl
/// never schedules a key update.
#[no_mangle]
pub extern "C" fn SSL_get_key_update_type(s: *const SSL) -> c_int {
    entry!(fail = -1, {
        try_ref!(s, -1);
        -1
    })
}

/// `SSL_get_peer_finished` (no man page): rustls does not expose the Finished messages.
#[no_mangle]
pub extern "C" fn SSL_get_peer_finished(_s: *const SSL, _buf: *mut c_void, _count: usize) -> usize {
    entry!({ unsupported!("rustls does not expose the Finished messages") })
}

/// SSL_get_client_random(3): `SSL_get_server_random`: rustls does not expose the handshake randoms.
#[no_mangle]
pub extern "C" fn SSL_get_server_random(
    _ssl: *const SSL,
    _out: *mut c_uchar,
    _outlen: usize,
) -> usize {
    entry!({ unsupported!("rustls does not expose the handshake randoms") })
}

/// SSL_key_update(3): not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_key_update(_s: *mut SSL, _updatetype: c_int) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_CTX_set_num_tickets(3): `SSL_new_session_ticket`: rustls 0.23 sends tickets only as a handshake ends.
#[no_mangle]
pub extern "C" fn SSL_new_session_ticket(_s: *mut SSL) -> c_int {
    entry!({ unsupported!("rustls 0.23 sends tickets only as a handshake ends") })
}

/// SSL_read(3): `SSL_peek`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_peek(_ssl: *mut SSL, _buf: *mut c_void, _num: c_int) -> c_int {
    entry!({ unsupported!("not in sessl yet", fail = -1) })
}

/// SSL_read(3): `SSL_peek_ex`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_peek_ex(
    _ssl: *mut SSL,
    _buf: *mut c_void,
    _num: usize,
    _readbytes: *mut usize,
) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_read(3): `SSL_read_ex`: `SSL_read` of at most `INT_MAX` bytes; 1 and the
/// count in `*readbytes` when it read some, 0 otherwise (`SSL_get_error` tells why).
#[no_mangle]
pub extern "C" fn SSL_read_ex(
    ssl: *mut SSL,
    buf: *mut c_void,
    num: usize,
    readbytes: *mut usize,
) -> c_int {
    entry!({
        let n = super::ssl::SSL_read(ssl, buf, c_int::try_from(num).unwrap_or(c_int::MAX));
        set_out(readbytes, usize::try_from(n).unwrap_or(0));
        c_int::from(n > 0)
    })
}

/// SSL_key_update(3): `SSL_renegotiate`: no renegotiation in rustls.
#[no_mangle]
pub extern "C" fn SSL_renegotiate(_s: *mut SSL) -> c_int {
    entry!({ unsupported!("no renegotiation in rustls") })
}

/// SSL_key_update(3): `SSL_renegotiate_abbreviated`: no renegotiation in rustls.
#[no_mangle]
pub extern "C" fn SSL_renegotiate_abbreviated(_s: *mut SSL) -> c_int {
    entry!({ unsupported!("no renegotiation in rustls") })
}

/// SSL_key_update(3): `SSL_renegotiate_pending`: no renegotiation in rustls.
#[no_mangle]
pub extern "C" fn SSL_renegotiate_pending(_s: *const SSL) -> c_int {
    entry!({ unsupported!("no renegotiation in rustls") })
}

/// SSL_CTX_set_verify(3): `SSL_verify_client_post_handshake`: no post-handshake authentication in rustls.
#[no_mangle]
pub extern "C" fn SSL_verify_client_post_handshake(_s: *mut SSL) -> c_int {
    entry!({ unsupported!("no post-handshake authentication in rustls") })
}

/// SSL_write(3): `SSL_write_ex`: `SSL_write` of at most `INT_MAX` bytes; 1 and the
/// count in `*written` when it wrote some, 0 otherwise (`SSL_get_error` tells why).
#[no_mangle]
pub extern "C" fn SSL_write_ex(
    s: *mut SSL,
    buf: *const c_void,
    num: usize,
    written: *mut usize,
) -> c_int {
    entry!({
        let n = super::ssl::SSL_write(s, buf, c_int::try_from(num).unwrap_or(c_int::MAX));
        set_out(written, usize::try_from(n).unwrap_or(0));
        c_int::from(n > 0)
    })
}
