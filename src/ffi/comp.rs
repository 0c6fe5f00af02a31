//! Compression (`SSL_COMP_add_compression_method(3)`): rustls never
//! compresses, so there are no methods and none is ever in use.

use std::ffi::c_char;
use std::os::raw::c_int;

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_COMP_add_compression_method(3): rustls never compresses.
#[no_mangle]
pub extern "C" fn SSL_COMP_add_compression_method(_id: c_int, _cm: *mut COMP_METHOD) -> c_int {
    entry!({ unsupported!("rustls never compresses", fail = 1) })
}

/// SSL_COMP_add_compression_method(3): `SSL_COMP_get0_name`: rustls never compresses.
#[no_mangle]
pub extern "C" fn SSL_COMP_get0_name(_comp: *const SSL_COMP) -> *const c_char {
    entry!({ unsupported!("rustls never compresses") })
}

/// SSL_COMP_add_compression_method(3): `SSL_COMP_get_compression_methods`: rustls never compresses.
#[no_mangle]
pub extern "C" fn SSL_COMP_get_compression_methods() -> *mut stack_st_SSL_COMP {
    entry!({ unsupported!("rustls never compresses") })
}

/// SSL_COMP_add_compression_method(3): `SSL_COMP_get_id`: rustls never compresses.
#[no_mangle]
pub extern "C" fn SSL_COMP_get_id(_comp: *const SSL_COMP) -> c_int {
    entry!({ unsupported!("rustls never compresses", fail = -1) })
}

/// `SSL_COMP_get_name` (no man page): rustls never compresses.
#[no_mangle]
pub extern "C" fn SSL_COMP_get_name(_comp: *const COMP_METHOD) -> *const c_char {
    entry!({ unsupported!("rustls never compresses") })
}

/// `SSL_COMP_set0_compression_methods` (no man page): rustls never compresses.
#[no_mangle]
pub extern "C" fn SSL_COMP_set0_compression_methods(
    _meths: *mut stack_st_SSL_COMP,
) -> *mut stack_st_SSL_COMP {
    entry!({ unsupported!("rustls never compresses") })
}

/// `SSL_get_current_compression` (no man page): rustls never compresses.
#[no_mangle]
pub extern "C" fn SSL_get_current_compression(_s: *const SSL) -> *const COMP_METHOD {
    entry!({ unsupported!("rustls never compresses") })
}

/// `SSL_get_current_expansion` (no man page): rustls never compresses.
#[no_mangle]
pub extern "C" fn SSL_get_current_expansion(_s: *const SSL) -> *const COMP_METHOD {
    entry!({ unsupported!("rustls never compresses") })
}
