//! Casting between C handles and Rust objects, in one place. `SSL`,
//! `SSL_CTX` and `SSL_SESSION` are `Arc`s turned into raw pointers (the
//! reference count is the Arc's own); `SSL_CONF_CTX` is a `Box` C frees
//! once; `SSL_METHOD` and `SSL_CIPHER` point at statics and are never freed.
//! Each handle type has exactly one ownership kind, so the compiler refuses
//! an `Arc` cast of a `Box` handle and the reverse.

use std::ffi::{c_char, CStr, OsStr};
use std::os::raw::c_int;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::Arc;

use super::types::*;
use crate::session::Session;
use crate::ssl::{Cipher, Connection, Context, ProtocolMethod};

/// How C holds the object behind a handle: one of these per handle type.
pub(crate) mod ownership {
    /// One `Arc` reference per handle C holds.
    pub(crate) struct Shared;
    /// A `Box` C owns and frees once.
    pub(crate) struct Boxed;
    /// A static, never freed.
    pub(crate) struct Static;
}

/// A C handle type, the Rust type it points at, and how C holds it.
pub(crate) trait Handle {
    /// The Rust object behind the handle.
    type Rust;
    /// The ownership kind (`ownership::Shared`, `Boxed` or `Static`).
    type Ownership;
}

/// A handle owning one `Arc` reference.
pub(crate) trait ArcHandle: Handle<Ownership = ownership::Shared> {}
impl<C: Handle<Ownership = ownership::Shared>> ArcHandle for C {}

/// A handle owning a `Box`.
pub(crate) trait BoxHandle: Handle<Ownership = ownership::Boxed> {}
impl<C: Handle<Ownership = ownership::Boxed>> BoxHandle for C {}

/// A handle for a static object.
pub(crate) trait StaticHandle: Handle<Ownership = ownership::Static> {}
impl<C: Handle<Ownership = ownership::Static>> StaticHandle for C {}

impl Handle for SSL {
    type Rust = Connection;
    type Ownership = ownership::Shared;
}
impl Handle for SSL_CTX {
    type Rust = Context;
    type Ownership = ownership::Shared;
}
impl Handle for SSL_SESSION {
    type Rust = Session;
    type Ownership = ownership::Shared;
}
impl Handle for SSL_METHOD {
    type Rust = ProtocolMethod;
    type Ownership = ownership::Static;
}
impl Handle for SSL_CIPHER {
    type Rust = Cipher;
    type Ownership = ownership::Static;
}

/// The object behind a handle, or `None` for NULL.
pub(crate) fn borrow<'a, C: Handle>(p: *const C) -> Option<&'a C::Rust> {
    // SAFETY: a non-NULL handle was made by `to_c`/`lend`/`to_c_box`/`to_static`
    // from a live object of type `C::Rust`; C keeps it alive while it uses it.
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

/// Lends the handle of an object sessl was given by reference (a callback's
/// connection or context): the object lives in the `Arc` C holds a handle to,
/// so its address is that handle. No reference is added.
pub(crate) fn lend_ref<C: ArcHandle>(r: &C::Rust) -> *mut C {
    lend_ptr(r)
}

/// A handle for a static object.
pub(crate) fn to_static<C: StaticHandle>(r: &'static C::Rust) -> *const C {
    r as *const C::Rust as *const C
}

/// Hands a new object to C, which gives it back to `free_box` once.
pub(crate) fn to_c_box<C: BoxHandle>(value: C::Rust) -> *mut C {
    Box::into_raw(Box::new(value)) as *mut C
}

/// The object behind a `Box` handle, to change, or `None` for NULL.
pub(crate) fn borrow_mut<'a, C: BoxHandle>(p: *mut C) -> Option<&'a mut C::Rust> {
    // SAFETY: a non-NULL handle was made by `to_c_box` and is used by one
    // caller at a time, as OpenSSL requires of these objects.
    unsafe { (p as *mut C::Rust).as_mut() }
}

/// Frees the object behind a `Box` handle; NULL is ignored.
pub(crate) fn free_box<C: BoxHandle>(p: *mut C) {
    if !p.is_null() {
        // SAFETY: made by `to_c_box`; C gives it back once.
        drop(unsafe { Box::from_raw(p as *mut C::Rust) });
    }
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

/// An `int` array from a C pointer and count; NULL with count 0 is empty.
pub(crate) fn c_ints<'a>(p: *const c_int, len: usize) -> Option<&'a [c_int]> {
    if len == 0 {
        return Some(&[]);
    }
    if p.is_null() {
        return None;
    }
    // SAFETY: C passes `len` readable ints at `p` for the call.
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::ssl::Method;

    #[test]
    fn a_box_handle_is_made_changed_and_freed() {
        let p = to_c_box::<SSL_CONF_CTX>(crate::ffi::conf::ConfCtx::default());
        assert!(borrow_mut(p).is_some());
        assert!(borrow_mut::<SSL_CONF_CTX>(std::ptr::null_mut()).is_none());
        free_box(p);
        free_box::<SSL_CONF_CTX>(std::ptr::null_mut());
    }

    #[test]
    fn a_lent_reference_is_the_handle_c_holds() {
        let ctx = Arc::new(Context::new(Method::Any).unwrap());
        let handle = lend::<SSL_CTX>(&ctx);
        assert_eq!(lend_ref::<SSL_CTX>(&ctx), handle);
        assert_eq!(Arc::strong_count(&ctx), 1);
        assert!(std::ptr::eq(borrow(handle).unwrap(), &*ctx));
    }
}
