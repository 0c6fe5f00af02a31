//! SSL_SESSION_get_ex_data(3): application data on sessions, kept in a
//! libcrypto `CRYPTO_EX_DATA` as OpenSSL keeps it, so the indexes
//! `SSL_SESSION_get_ex_new_index` (a macro over `CRYPTO_get_ex_new_index`)
//! registers work with their new, dup and free callbacks. The block is made
//! on a session's first `SSL_SESSION_set_ex_data` (OpenSSL makes it with the
//! session: the new callbacks run then, a divergence) and freed when the
//! session's last reference goes, which runs the free callbacks;
//! `SSL_SESSION_dup` runs the dup callbacks.

use std::ffi::c_void;
use std::os::raw::c_int;

use openssl_sys::CRYPTO_EX_DATA;

use super::boundary::{entry, try_ref};
use super::handles::lend_ref;
use super::types::*;
use crate::session::{Attachment, Session};

/// `CRYPTO_EX_INDEX_SSL_SESSION`.
const EX_INDEX_SSL_SESSION: c_int = 2;

/// libcrypto's `struct crypto_ex_data_st` (public in `<openssl/crypto.h>`;
/// the owner allocates it): a library context and a stack of pointers.
#[repr(C)]
struct ExDataBlock {
    ctx: *mut c_void,
    sk: *mut c_void,
}

/// libcrypto's ex_data functions (`<openssl/crypto.h>`, OpenSSL 3.0's
/// stable ABI), which `openssl-sys` does not declare; cbindgen.toml excludes them.
mod libcrypto {
    use std::ffi::c_void;
    use std::os::raw::c_int;

    use openssl_sys::CRYPTO_EX_DATA;

    extern "C" {
        pub(super) fn CRYPTO_new_ex_data(
            class_index: c_int,
            obj: *mut c_void,
            ad: *mut CRYPTO_EX_DATA,
        ) -> c_int;
        pub(super) fn CRYPTO_dup_ex_data(
            class_index: c_int,
            to: *mut CRYPTO_EX_DATA,
            from: *const CRYPTO_EX_DATA,
        ) -> c_int;
        pub(super) fn CRYPTO_free_ex_data(
            class_index: c_int,
            obj: *mut c_void,
            ad: *mut CRYPTO_EX_DATA,
        );
        pub(super) fn CRYPTO_set_ex_data(
            ad: *mut CRYPTO_EX_DATA,
            idx: c_int,
            val: *mut c_void,
        ) -> c_int;
        pub(super) fn CRYPTO_get_ex_data(ad: *const CRYPTO_EX_DATA, idx: c_int) -> *mut c_void;
    }
}

/// A session's ex_data block, boxed so its address stays put.
struct SessionExData(Box<ExDataBlock>);

// SAFETY: the block is only touched through libcrypto, which locks its own
// index tables; the session's attachment lock serialises the rest.
unsafe impl Send for SessionExData {}
// SAFETY: as above.
unsafe impl Sync for SessionExData {}

impl SessionExData {
    fn as_ptr(&mut self) -> *mut CRYPTO_EX_DATA {
        (&mut *self.0 as *mut ExDataBlock).cast()
    }

    /// A new block for the session `handle`, running the new callbacks.
    fn new_for(handle: *mut SSL_SESSION) -> Option<Self> {
        let mut block = SessionExData(Box::new(ExDataBlock {
            ctx: std::ptr::null_mut(),
            sk: std::ptr::null_mut(),
        }));
        // SAFETY: a zeroed block owned by us; `handle` is the session it belongs to.
        let ok = unsafe {
            libcrypto::CRYPTO_new_ex_data(EX_INDEX_SSL_SESSION, handle.cast(), block.as_ptr())
        };
        (ok == 1).then_some(block)
    }
}

impl Attachment for SessionExData {
    fn release(mut self: Box<Self>, session: &Session) {
        let handle: *mut SSL_SESSION = lend_ref(session);
        // SAFETY: the block was made by `CRYPTO_new_ex_data` for this session
        // and is freed once; the session is still whole while the
        // application's free callbacks look at it.
        unsafe {
            libcrypto::CRYPTO_free_ex_data(EX_INDEX_SSL_SESSION, handle.cast(), self.as_ptr())
        }
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// The session's block, made (with the new callbacks run, no lock held) if
/// it has none yet; its address stays valid while the session lives.
fn block_of(session: &Session) -> Option<*mut CRYPTO_EX_DATA> {
    if let Some(p) = session.with_attachment(|b: &mut SessionExData| b.as_ptr()) {
        return Some(p);
    }
    let made = SessionExData::new_for(lend_ref(session))?;
    if let Err(spare) = session.attach(made) {
        // Another thread attached one first: free ours, with no lock held.
        Box::new(spare).release(session);
    }
    session.with_attachment(|b: &mut SessionExData| b.as_ptr())
}

/// `SSL_SESSION_dup`'s part: gives `to` a block with `from`'s data, run
/// through the dup callbacks; false if libcrypto fails.
pub(crate) fn duplicate_ex_data(from: &Session, to: &Session) -> bool {
    let Some(src) = from.with_attachment(|b: &mut SessionExData| b.as_ptr()) else {
        return true;
    };
    let Some(dst) = block_of(to) else {
        return false;
    };
    // SAFETY: both blocks were made by `CRYPTO_new_ex_data` and live as long
    // as their sessions, which the caller holds; no sessl lock is held while
    // the dup callbacks run.
    unsafe { libcrypto::CRYPTO_dup_ex_data(EX_INDEX_SSL_SESSION, dst, src) == 1 }
}

/// BIO_get_ex_new_index(3): `SSL_SESSION_set_ex_data`, stores `data` at
/// `idx`; 1, or 0 if libcrypto refuses.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_ex_data(
    ss: *mut SSL_SESSION,
    idx: c_int,
    data: *mut c_void,
) -> c_int {
    entry!({
        let s = try_ref!(ss);
        let Some(block) = block_of(s) else {
            return 0;
        };
        // SAFETY: the session's live block; libcrypto checks the index.
        unsafe { libcrypto::CRYPTO_set_ex_data(block, idx, data) }
    })
}

/// BIO_get_ex_new_index(3): `SSL_SESSION_get_ex_data`, the pointer at `idx`, or NULL.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_ex_data(ss: *const SSL_SESSION, idx: c_int) -> *mut c_void {
    entry!({
        let s = try_ref!(ss);
        match s.with_attachment(|b: &mut SessionExData| b.as_ptr()) {
            // SAFETY: the session's live block; libcrypto checks the index.
            Some(block) => unsafe { libcrypto::CRYPTO_get_ex_data(block, idx) },
            None => std::ptr::null_mut(),
        }
    })
}
