//! SSL_CTX_set_tmp_dh_callback(3)'s `SSL_CTX_set0_tmp_dh_pkey` /
//! `SSL_set0_tmp_dh_pkey`: DH parameters only add finite-field DHE suites,
//! which rustls does not have. The key is taken (and freed) as OpenSSL takes
//! it, after OpenSSL's check of its strength; it has no effect, logged.

use std::os::raw::c_int;

use super::boundary::{entry, function_name, try_ref};
use super::err;
use super::owned::OwnedPkey;
use super::types::*;
use super::unsupported::unsupported;
use crate::ssl::Error;

/// The fewest bits of security level 2 allows: the level of the system's
/// configuration, which sessl holds peers to as well (docs/divergences.md).
const MIN_SECURITY_BITS: c_int = 112;

/// Takes the key over; whether OpenSSL at level 2 would have taken it.
fn take_dh_key(key: *mut EVP_PKEY) -> Result<(), Error> {
    let Some(key) = OwnedPkey::take(key.cast()) else {
        return Err(Error::DhKeyTooSmall);
    };
    // SAFETY: a live key, now ours.
    let bits = unsafe { openssl_sys::EVP_PKEY_get_security_bits(key.ptr()) };
    if bits < MIN_SECURITY_BITS {
        // OpenSSL leaves the key with the caller when it refuses it.
        std::mem::forget(key);
        return Err(Error::DhKeyTooSmall);
    }
    Ok(())
}

/// SSL_CTX_set_tmp_dh_callback(3): `SSL_CTX_set0_tmp_dh_pkey`: takes the key
/// (freed here); 1, without effect: rustls has no finite-field DH.
#[no_mangle]
pub extern "C" fn SSL_CTX_set0_tmp_dh_pkey(ctx: *mut SSL_CTX, dhpkey: *mut EVP_PKEY) -> c_int {
    entry!({
        try_ref!(ctx);
        let r = take_dh_key(dhpkey);
        if r.is_ok() {
            unsupported!(
                accepted,
                "rustls has no finite-field DH: the parameters are not used"
            );
        }
        err::int_result(function_name!(), r)
    })
}

/// SSL_CTX_set_tmp_dh_callback(3): `SSL_set0_tmp_dh_pkey`, as the context's.
#[no_mangle]
pub extern "C" fn SSL_set0_tmp_dh_pkey(s: *mut SSL, dhpkey: *mut EVP_PKEY) -> c_int {
    entry!({
        try_ref!(s);
        let r = take_dh_key(dhpkey);
        if r.is_ok() {
            unsupported!(
                accepted,
                "rustls has no finite-field DH: the parameters are not used"
            );
        }
        err::int_result(function_name!(), r)
    })
}
