//! SSL_CIPHER_get_name(3) and the other cipher accessors.

use std::ffi::c_char;
use std::os::raw::c_int;

use super::boundary::{entry, try_ref};
use super::types::*;

/// SSL_CIPHER_get_name(3): OpenSSL's name of the suite; "(NONE)" for NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_name(c: *const SSL_CIPHER) -> *const c_char {
    entry!({
        match super::handles::borrow(c) {
            Some(c) => c.name.as_ptr(),
            None => c"(NONE)".as_ptr(),
        }
    })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_standard_name`, the IETF name.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_standard_name(c: *const SSL_CIPHER) -> *const c_char {
    entry!({ try_ref!(c).standard_name.as_ptr() })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_version`; "(NONE)" for NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_version(c: *const SSL_CIPHER) -> *const c_char {
    entry!({
        match super::handles::borrow(c) {
            Some(c) => c.version.as_ptr(),
            None => c"(NONE)".as_ptr(),
        }
    })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_bits`; stores the algorithm bits too.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_bits(c: *const SSL_CIPHER, alg_bits: *mut c_int) -> c_int {
    entry!({
        let c = try_ref!(c);
        super::handles::set_out(alg_bits, c.bits);
        c.bits
    })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_get_id`, 0x0300 followed by the IANA number.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_id(c: *const SSL_CIPHER) -> u32 {
    entry!({ 0x0300_0000 | u32::from(try_ref!(c).iana) })
}
