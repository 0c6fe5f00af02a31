//! DANE (`SSL_CTX_dane_enable(3)`): not in sessl; enabling it fails, so no
//! program believes a DANE check happened.

use std::ffi::c_char;
use std::os::raw::{c_int, c_uchar, c_ulong};

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_dane_enable(3): `SSL_CTX_dane_clear_flags`: no DANE in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_dane_clear_flags(_ctx: *mut SSL_CTX, _flags: c_ulong) -> c_ulong {
    entry!({ unsupported!("no DANE in sessl") })
}

/// SSL_CTX_dane_enable(3): no DANE in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_dane_enable(_ctx: *mut SSL_CTX) -> c_int {
    entry!({ unsupported!("no DANE in sessl") })
}

/// SSL_CTX_dane_enable(3): `SSL_CTX_dane_mtype_set`: no DANE in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_dane_mtype_set(
    _ctx: *mut SSL_CTX,
    _md: *const EVP_MD,
    _mtype: u8,
    _ord: u8,
) -> c_int {
    entry!({ unsupported!("no DANE in sessl") })
}

/// SSL_CTX_dane_enable(3): `SSL_CTX_dane_set_flags`: no DANE in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_dane_set_flags(_ctx: *mut SSL_CTX, _flags: c_ulong) -> c_ulong {
    entry!({ unsupported!("no DANE in sessl") })
}

/// SSL_CTX_dane_enable(3): `SSL_dane_clear_flags`: no DANE in sessl.
#[no_mangle]
pub extern "C" fn SSL_dane_clear_flags(_ssl: *mut SSL, _flags: c_ulong) -> c_ulong {
    entry!({ unsupported!("no DANE in sessl") })
}

/// SSL_CTX_dane_enable(3): `SSL_dane_enable`: no DANE in sessl.
#[no_mangle]
pub extern "C" fn SSL_dane_enable(_s: *mut SSL, _basedomain: *const c_char) -> c_int {
    entry!({ unsupported!("no DANE in sessl") })
}

/// SSL_CTX_dane_enable(3): `SSL_dane_set_flags`: no DANE in sessl.
#[no_mangle]
pub extern "C" fn SSL_dane_set_flags(_ssl: *mut SSL, _flags: c_ulong) -> c_ulong {
    entry!({ unsupported!("no DANE in sessl") })
}

/// SSL_CTX_dane_enable(3): `SSL_dane_tlsa_add`: no DANE in sessl.
#[no_mangle]
pub extern "C" fn SSL_dane_tlsa_add(
    _s: *mut SSL,
    _usage: u8,
    _selector: u8,
    _mtype: u8,
    _data: *const c_uchar,
    _dlen: usize,
) -> c_int {
    entry!({ unsupported!("no DANE in sessl", fail = -1) })
}

/// `SSL_get0_dane` (no man page): no DANE in sessl.
#[no_mangle]
pub extern "C" fn SSL_get0_dane(_ssl: *mut SSL) -> *mut SSL_DANE {
    entry!({ unsupported!("no DANE in sessl") })
}

/// SSL_CTX_dane_enable(3): `SSL_get0_dane_authority`: no DANE in sessl.
#[no_mangle]
pub extern "C" fn SSL_get0_dane_authority(
    _s: *mut SSL,
    _mcert: *mut *mut X509,
    _mspki: *mut *mut EVP_PKEY,
) -> c_int {
    entry!({ unsupported!("no DANE in sessl", fail = -1) })
}

/// SSL_CTX_dane_enable(3): `SSL_get0_dane_tlsa`: no DANE in sessl.
#[no_mangle]
pub extern "C" fn SSL_get0_dane_tlsa(
    _s: *mut SSL,
    _usage: *mut u8,
    _selector: *mut u8,
    _mtype: *mut u8,
    _data: *mut *const c_uchar,
    _dlen: *mut usize,
) -> c_int {
    entry!({ unsupported!("no DANE in sessl", fail = -1) })
}
