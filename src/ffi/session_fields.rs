//! Session fields and calls sessl does not have (`SSL_SESSION_get0_peer(3)`,
//! `SSL_SESSION_set1_hostname(3)`, printing, PEM files, ex_data, ...): each
//! fails with the error.

use std::ffi::{c_char, c_void};
use std::os::raw::{c_int, c_uchar};

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// PEM_read_CMS(3): `PEM_read_SSL_SESSION`: no FILE I/O in sessl: use PEM_read_bio_SSL_SESSION.
#[no_mangle]
pub extern "C" fn PEM_read_SSL_SESSION(
    _out: *mut FILE,
    _x: *mut *mut SSL_SESSION,
    _cb: sessl_pem_password_cb,
    _u: *mut c_void,
) -> *mut SSL_SESSION {
    entry!({ unsupported!("no FILE I/O in sessl: use PEM_read_bio_SSL_SESSION") })
}

/// PEM_read_CMS(3): `PEM_write_SSL_SESSION`: no FILE I/O in sessl: use PEM_write_bio_SSL_SESSION.
#[no_mangle]
pub extern "C" fn PEM_write_SSL_SESSION(_out: *mut FILE, _x: *const SSL_SESSION) -> c_int {
    entry!({ unsupported!("no FILE I/O in sessl: use PEM_write_bio_SSL_SESSION") })
}

/// SSL_SESSION_free(3): `SSL_SESSION_dup`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_SESSION_dup(_src: *const SSL_SESSION) -> *mut SSL_SESSION {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_SESSION_get0_hostname(3): `SSL_SESSION_get0_alpn_selected`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_alpn_selected(
    _s: *const SSL_SESSION,
    _alpn: *mut *const c_uchar,
    _len: *mut usize,
) {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_SESSION_get0_peer(3): sessions keep no libcrypto X509 of the peer.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_peer(_s: *mut SSL_SESSION) -> *mut X509 {
    entry!({ unsupported!("sessions keep no libcrypto X509 of the peer") })
}

/// SSL_SESSION_has_ticket(3): `SSL_SESSION_get0_ticket`: rustls does not expose the ticket.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_ticket(
    _s: *const SSL_SESSION,
    _tick: *mut *const c_uchar,
    _len: *mut usize,
) {
    entry!({ unsupported!("rustls does not expose the ticket") })
}

/// SSL_CTX_set_session_ticket_cb(3): `SSL_SESSION_get0_ticket_appdata`: no ticket application data in sessl.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_ticket_appdata(
    _ss: *mut SSL_SESSION,
    _data: *mut *mut c_void,
    _len: *mut usize,
) -> c_int {
    entry!({ unsupported!("no ticket application data in sessl") })
}

/// BIO_get_ex_new_index(3): `SSL_SESSION_get_ex_data`: no ex_data on sessions in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_ex_data(_ss: *const SSL_SESSION, _idx: c_int) -> *mut c_void {
    entry!({ unsupported!("no ex_data on sessions in sessl yet") })
}

/// SSL_SESSION_print(3): not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_SESSION_print(_fp: *mut BIO, _ses: *const SSL_SESSION) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_SESSION_print(3): `SSL_SESSION_print_fp`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_SESSION_print_fp(_fp: *mut FILE, _ses: *const SSL_SESSION) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_SESSION_print(3): `SSL_SESSION_print_keylog`: rustls does not expose the master key.
#[no_mangle]
pub extern "C" fn SSL_SESSION_print_keylog(_bp: *mut BIO, _x: *const SSL_SESSION) -> c_int {
    entry!({ unsupported!("rustls does not expose the master key") })
}

/// SSL_SESSION_get0_hostname(3): `SSL_SESSION_set1_alpn_selected`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_alpn_selected(
    _s: *mut SSL_SESSION,
    _alpn: *const c_uchar,
    _len: usize,
) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_SESSION_get0_hostname(3): `SSL_SESSION_set1_hostname`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_hostname(
    _s: *mut SSL_SESSION,
    _hostname: *const c_char,
) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// SSL_get_client_random(3): `SSL_SESSION_set1_master_key`: rustls does not take a master key.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_master_key(
    _sess: *mut SSL_SESSION,
    _in_: *const c_uchar,
    _len: usize,
) -> c_int {
    entry!({ unsupported!("rustls does not take a master key") })
}

/// SSL_CTX_set_session_ticket_cb(3): `SSL_SESSION_set1_ticket_appdata`: no ticket application data in sessl.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_ticket_appdata(
    _ss: *mut SSL_SESSION,
    _data: *const c_void,
    _len: usize,
) -> c_int {
    entry!({ unsupported!("no ticket application data in sessl") })
}

/// SSL_SESSION_get0_cipher(3): `SSL_SESSION_set_cipher`: not in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_cipher(
    _s: *mut SSL_SESSION,
    _cipher: *const SSL_CIPHER,
) -> c_int {
    entry!({ unsupported!("not in sessl yet") })
}

/// BIO_get_ex_new_index(3): `SSL_SESSION_set_ex_data`: no ex_data on sessions in sessl yet.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_ex_data(
    _ss: *mut SSL_SESSION,
    _idx: c_int,
    _data: *mut c_void,
) -> c_int {
    entry!({ unsupported!("no ex_data on sessions in sessl yet") })
}
