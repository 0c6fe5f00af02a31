//! Compression (`SSL_COMP_add_compression_method(3)`): rustls never
//! compresses, so sessl answers as an OpenSSL built without compression
//! methods: an empty list of methods, none ever in use, none can be added.

use std::ffi::c_char;
use std::os::raw::c_int;
use std::sync::atomic::{AtomicPtr, Ordering};

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

/// The process's list of compression methods (empty unless the application
/// puts its own there with `SSL_COMP_set0_compression_methods`).
static METHODS: AtomicPtr<stack_st_SSL_COMP> = AtomicPtr::new(std::ptr::null_mut());

/// SSL_COMP_add_compression_method(3): `SSL_COMP_get_compression_methods`:
/// the list (empty: no method is built in), owned by the library, as OpenSSL's.
#[no_mangle]
pub extern "C" fn SSL_COMP_get_compression_methods() -> *mut stack_st_SSL_COMP {
    entry!({
        let now = METHODS.load(Ordering::Acquire);
        if !now.is_null() {
            return now;
        }
        // SAFETY: a new empty libcrypto stack, kept for the process.
        let empty: *mut stack_st_SSL_COMP = unsafe { openssl_sys::OPENSSL_sk_new_null() }.cast();
        match METHODS.compare_exchange(
            std::ptr::null_mut(),
            empty,
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => empty,
            Err(other) => {
                // SAFETY: `empty` was made above and never shared.
                unsafe { openssl_sys::OPENSSL_sk_free(empty.cast()) };
                other
            }
        }
    })
}

/// SSL_COMP_add_compression_method(3): `SSL_COMP_get_id`: rustls never compresses.
#[no_mangle]
pub extern "C" fn SSL_COMP_get_id(_comp: *const SSL_COMP) -> c_int {
    entry!({ unsupported!("rustls never compresses", fail = -1) })
}

/// `SSL_COMP_get_name` (no man page): NULL for no method (what
/// `SSL_get_current_compression` gives); sessl has no other.
#[no_mangle]
pub extern "C" fn SSL_COMP_get_name(comp: *const COMP_METHOD) -> *const c_char {
    entry!({
        if !comp.is_null() {
            unsupported!(
                accepted,
                "rustls never compresses: not a method sessl knows"
            );
        }
        std::ptr::null()
    })
}

/// `SSL_COMP_set0_compression_methods` (no man page): replaces the list and
/// returns the previous one, as OpenSSL (the methods are never used).
#[no_mangle]
pub extern "C" fn SSL_COMP_set0_compression_methods(
    meths: *mut stack_st_SSL_COMP,
) -> *mut stack_st_SSL_COMP {
    entry!({ METHODS.swap(meths, Ordering::AcqRel) })
}

/// SSL_get_current_compression(3): NULL: no compression is ever in use.
#[no_mangle]
pub extern "C" fn SSL_get_current_compression(_s: *const SSL) -> *const COMP_METHOD {
    entry!({ std::ptr::null() })
}

/// `SSL_get_current_expansion` (no man page): NULL: no compression is ever in use.
#[no_mangle]
pub extern "C" fn SSL_get_current_expansion(_s: *const SSL) -> *const COMP_METHOD {
    entry!({ std::ptr::null() })
}
