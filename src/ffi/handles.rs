//! Casting between C handles and Rust objects, in one place. `SSL`,
//! `SSL_CTX` and `SSL_SESSION` are `Arc`s turned into raw pointers (the
//! reference count is the Arc's own); `SSL_METHOD` and `SSL_CIPHER` point at
//! statics and are never freed.

use std::ffi::{c_char, CStr, OsStr};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::Arc;

use super::types::*;
use crate::session::Session;
use crate::ssl::{Cipher, Connection, Context, Method};

/// A C handle type and the Rust type it points at.
pub(crate) trait Handle {
    /// The Rust object behind the handle.
    type Rust;
}

/// A handle owning one `Arc` reference.
pub(crate) trait ArcHandle: Handle {}

impl Handle for SSL {
    type Rust = Connection;
}
impl ArcHandle for SSL {}
impl Handle for SSL_CTX {
    type Rust = Context;
}
impl ArcHandle for SSL_CTX {}
impl Handle for SSL_SESSION {
    type Rust = Session;
}
impl ArcHandle for SSL_SESSION {}
impl Handle for SSL_METHOD {
    type Rust = Method;
}
impl Handle for SSL_CIPHER {
    type Rust = Cipher;
}

/// The object behind a handle, or `None` for NULL.
pub(crate) fn borrow<'a, C: Handle>(p: *const C) -> Option<&'a C::Rust> {
    // SAFETY: a non-NULL handle was made by `to_c`/`lend`/`to_static` from a
    // live object of type `C::Rust`; C keeps it alive while it uses it.
    unsafe { (p as *const C::Rust).as_ref() }
}

/// A new `Arc` reference to the object behind a handle (count + 1).
pub(crate) fn clone_arc<C: ArcHandle>(p: *const C) -> Option<Arc<C::Rust>> {
    if p.is_null() {
        return None;
    }
    let p = p as *const C::Rust;
    // SAFETY: `p` came from `Arc::into_raw` and C holds a reference, so the
    // Arc is alive; we add the reference the new Arc will own.
    unsafe {
        Arc::increment_strong_count(p);
        Some(Arc::from_raw(p))
    }
}

/// Takes over the reference C holds (the C pointer must not be used again by C).
pub(crate) fn take_arc<C: ArcHandle>(p: *const C) -> Option<Arc<C::Rust>> {
    if p.is_null() {
        return None;
    }
    // SAFETY: `p` came from `Arc::into_raw` and C hands its reference over.
    Some(unsafe { Arc::from_raw(p as *const C::Rust) })
}

/// Hands one reference to C.
pub(crate) fn to_c<C: ArcHandle>(a: Arc<C::Rust>) -> *mut C {
    Arc::into_raw(a) as *mut C
}

/// Lends a pointer without a reference (OpenSSL's `get0`).
pub(crate) fn lend<C: ArcHandle>(a: &Arc<C::Rust>) -> *mut C {
    Arc::as_ptr(a) as *mut C
}

/// Lends an object known only by address (its owner keeps it alive).
pub(crate) fn lend_ptr<C: ArcHandle>(p: *const C::Rust) -> *mut C {
    p as *mut C
}

/// A handle for a static object.
pub(crate) fn to_static<C: Handle>(r: &'static C::Rust) -> *const C {
    r as *const C::Rust as *const C
}

/// Drops the reference C held; NULL is ignored.
pub(crate) fn release<C: ArcHandle>(p: *const C) {
    drop(take_arc(p));
}

/// Adds one reference that C will release later; false for NULL.
pub(crate) fn up_ref<C: ArcHandle>(p: *const C) -> bool {
    match clone_arc(p) {
        Some(a) => {
            std::mem::forget(a);
            true
        }
        None => false,
    }
}

/// A borrowed C string, or `None` for NULL.
pub(crate) fn c_str<'a>(p: *const c_char) -> Option<&'a CStr> {
    if p.is_null() {
        return None;
    }
    // SAFETY: C passes a NUL-terminated string that outlives the call.
    Some(unsafe { CStr::from_ptr(p) })
}

/// A file path from a C string, or `None` for NULL.
pub(crate) fn c_path<'a>(p: *const c_char) -> Option<&'a Path> {
    c_str(p).map(|s| Path::new(OsStr::from_bytes(s.to_bytes())))
}

/// A byte slice from a C pointer and length; NULL with length 0 is empty.
pub(crate) fn c_bytes<'a>(p: *const u8, len: usize) -> Option<&'a [u8]> {
    if len == 0 {
        return Some(&[]);
    }
    if p.is_null() {
        return None;
    }
    // SAFETY: C passes `len` readable bytes at `p` for the call.
    Some(unsafe { std::slice::from_raw_parts(p, len) })
}

/// A writable byte slice from a C pointer and length.
pub(crate) fn c_bytes_mut<'a>(p: *mut u8, len: usize) -> Option<&'a mut [u8]> {
    if len == 0 {
        return Some(&mut []);
    }
    if p.is_null() {
        return None;
    }
    // SAFETY: C passes `len` writable bytes at `p` for the call.
    Some(unsafe { std::slice::from_raw_parts_mut(p, len) })
}

/// Stores `v` through an optional out-pointer.
pub(crate) fn set_out<T>(out: *mut T, v: T) {
    if !out.is_null() {
        // SAFETY: a non-NULL out-pointer from C points at writable storage for a `T`.
        unsafe { out.write(v) }
    }
}
