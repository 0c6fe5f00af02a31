//! SSL_CIPHER_get_name(3) and the other cipher accessors.

use std::ffi::c_char;
use std::os::raw::c_int;
use std::os::raw::c_uchar;

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

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_description`, one line about the suite
/// in `buf` (or a new `OPENSSL_malloc` buffer of 128 bytes when `buf` is NULL).
#[no_mangle]
pub extern "C" fn SSL_CIPHER_description(
    c: *const SSL_CIPHER,
    buf: *mut c_char,
    size: c_int,
) -> *mut c_char {
    entry!({
        let line = format!("{}\0", crate::ssl::cipher::description(try_ref!(c)));
        let (out, room) = if buf.is_null() {
            // SAFETY: CRYPTO_malloc needs only a size and a NUL-terminated file
            // name (a static literal); NULL is checked below. The caller frees
            // the block with OPENSSL_free.
            let p = unsafe { openssl_sys::CRYPTO_malloc(128, c"sessl".as_ptr(), 0) } as *mut c_char;
            (p, 128usize)
        } else {
            (buf, size.max(0) as usize)
        };
        if out.is_null() || room == 0 {
            return std::ptr::null_mut();
        }
        let n = line.len().min(room);
        // SAFETY: `out` has `room` writable bytes; the copy is NUL-terminated.
        unsafe {
            std::ptr::copy_nonoverlapping(line.as_ptr().cast(), out, n);
            *out.add(n - 1) = 0;
        }
        out
    })
}

/// SSL_CIPHER_get_name(3): `SSL_CIPHER_find`, the suite with the two-byte id at `ptr`, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_find(ssl: *mut SSL, ptr: *const c_uchar) -> *const SSL_CIPHER {
    entry!({
        try_ref!(ssl);
        let Some(id) = super::handles::c_bytes(ptr, 2) else {
            return std::ptr::null();
        };
        match crate::ssl::cipher::by_iana(u16::from_be_bytes([id[0], id[1]])) {
            Some(c) => super::handles::to_static(c),
            None => std::ptr::null(),
        }
    })
}
