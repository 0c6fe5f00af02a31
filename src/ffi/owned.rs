//! libcrypto objects sessl owns, each freed by its `Drop` with the right
//! libcrypto call, and the addresses C hands sessl only to get them back
//! (`CArg`). They are what a context or connection keeps in its extras, so
//! each is `Send` (and `Sync`): the objects are libcrypto's reference-counted
//! or read-only ones, and sessl frees its own reference once.

use std::ffi::c_void;
use std::ptr::NonNull;

use openssl_sys::{OPENSSL_STACK, X509_STORE, X509_VERIFY_PARAM};

use super::crypto::x509_vfy;

/// An address C gave sessl to hand back unchanged (a user `void *` argument,
/// a BIO for its getter): never dereferenced nor freed here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CArg(usize);

impl CArg {
    /// Keeps `p` (NULL too).
    pub(crate) fn new<T>(p: *mut T) -> Self {
        CArg(p as usize)
    }

    /// The address as C gave it.
    pub(crate) fn get<T>(self) -> *mut T {
        self.0 as *mut T
    }
}

/// Frees one `X509` of a stack (`OPENSSL_sk_pop_free`'s callback).
pub(crate) unsafe extern "C" fn free_x509(p: *mut c_void) {
    // SAFETY: called by OPENSSL_sk_pop_free on each X509 the stack owns.
    unsafe { openssl_sys::X509_free(p.cast()) }
}

/// Frees one `X509_NAME` of a stack (`OPENSSL_sk_pop_free`'s callback).
unsafe extern "C" fn free_name(p: *mut c_void) {
    // SAFETY: called by OPENSSL_sk_pop_free on each X509_NAME the stack owns.
    unsafe { openssl_sys::X509_NAME_free(p.cast()) }
}

/// One reference to an `X509`.
pub(crate) struct OwnedX509(NonNull<openssl_sys::X509>);

// SAFETY: an X509 is not changed after it is made here and libcrypto counts
// its references atomically; sessl frees its one reference once.
unsafe impl Send for OwnedX509 {}
// SAFETY: as above.
unsafe impl Sync for OwnedX509 {}

impl OwnedX509 {
    /// Takes over a new reference (`None` for NULL).
    pub(crate) fn take(x: *mut openssl_sys::X509) -> Option<Self> {
        NonNull::new(x).map(OwnedX509)
    }

    /// The certificate, borrowed.
    pub(crate) fn ptr(&self) -> *mut openssl_sys::X509 {
        self.0.as_ptr()
    }

    /// The reference handed over to the caller (who `X509_free`s it).
    pub(crate) fn into_ptr(self) -> *mut openssl_sys::X509 {
        let x = self.0.as_ptr();
        std::mem::forget(self);
        x
    }
}

impl Clone for OwnedX509 {
    /// One more reference to the same certificate.
    fn clone(&self) -> Self {
        // SAFETY: we hold a reference, so the certificate is alive; the new
        // one is the clone's, freed by its drop.
        unsafe { openssl_sys::X509_up_ref(self.0.as_ptr()) };
        OwnedX509(self.0)
    }
}

impl Drop for OwnedX509 {
    fn drop(&mut self) {
        // SAFETY: we own one reference.
        unsafe { openssl_sys::X509_free(self.0.as_ptr()) }
    }
}

/// One reference to an `EVP_PKEY`.
pub(crate) struct OwnedPkey(NonNull<openssl_sys::EVP_PKEY>);

// SAFETY: as `OwnedX509`: a key made here and only read, counted atomically.
unsafe impl Send for OwnedPkey {}
// SAFETY: as above.
unsafe impl Sync for OwnedPkey {}

impl OwnedPkey {
    /// Takes over a new reference (`None` for NULL).
    pub(crate) fn take(k: *mut openssl_sys::EVP_PKEY) -> Option<Self> {
        NonNull::new(k).map(OwnedPkey)
    }

    /// The key, borrowed.
    pub(crate) fn ptr(&self) -> *mut openssl_sys::EVP_PKEY {
        self.0.as_ptr()
    }
}

impl Drop for OwnedPkey {
    fn drop(&mut self) {
        // SAFETY: we own one reference.
        unsafe { openssl_sys::EVP_PKEY_free(self.0.as_ptr()) }
    }
}

/// A `STACK_OF(X509)` owning its certificates.
pub(crate) struct OwnedX509Stack(NonNull<OPENSSL_STACK>);

// SAFETY: the stack is changed only by its owner, under the lock of the
// extras it is kept in; C reads what is lent to it, as with OpenSSL's own.
unsafe impl Send for OwnedX509Stack {}
// SAFETY: as above.
unsafe impl Sync for OwnedX509Stack {}

impl OwnedX509Stack {
    /// Takes over a stack and its certificates (`None` for NULL).
    pub(crate) fn take(sk: *mut OPENSSL_STACK) -> Option<Self> {
        NonNull::new(sk).map(OwnedX509Stack)
    }

    /// The stack, borrowed.
    pub(crate) fn ptr(&self) -> *mut OPENSSL_STACK {
        self.0.as_ptr()
    }
}

impl Drop for OwnedX509Stack {
    fn drop(&mut self) {
        // SAFETY: the stack and its certificates are ours.
        unsafe { openssl_sys::OPENSSL_sk_pop_free(self.0.as_ptr(), Some(free_x509)) }
    }
}

/// A `STACK_OF(X509_NAME)` owning its names.
pub(crate) struct OwnedNameStack(NonNull<OPENSSL_STACK>);

// SAFETY: as `OwnedX509Stack`.
unsafe impl Send for OwnedNameStack {}
// SAFETY: as above.
unsafe impl Sync for OwnedNameStack {}

impl OwnedNameStack {
    /// Takes over a stack and its names (`None` for NULL).
    pub(crate) fn take(sk: *mut OPENSSL_STACK) -> Option<Self> {
        NonNull::new(sk).map(OwnedNameStack)
    }

    /// A new, empty stack.
    pub(crate) fn new() -> Option<Self> {
        // SAFETY: a new stack, ours until dropped.
        Self::take(unsafe { openssl_sys::OPENSSL_sk_new_null() })
    }

    /// The stack, borrowed.
    pub(crate) fn ptr(&self) -> *mut OPENSSL_STACK {
        self.0.as_ptr()
    }
}

impl Drop for OwnedNameStack {
    fn drop(&mut self) {
        // SAFETY: the stack and its names are ours.
        unsafe { openssl_sys::OPENSSL_sk_pop_free(self.0.as_ptr(), Some(free_name)) }
    }
}

/// One reference to an `X509_STORE`, dropped with its owner.
pub(crate) struct OwnedStore(*mut X509_STORE);

// SAFETY: X509_STORE locks itself for lookups and additions; sessl only
// passes it to libcrypto and frees its own reference once.
unsafe impl Send for OwnedStore {}
// SAFETY: as above.
unsafe impl Sync for OwnedStore {}

impl OwnedStore {
    /// Takes over the caller's reference.
    pub(crate) fn take(store: *mut X509_STORE) -> Option<Self> {
        (!store.is_null()).then_some(OwnedStore(store))
    }

    /// Adds a reference of our own.
    pub(crate) fn share(store: *mut X509_STORE) -> Option<Self> {
        if store.is_null() {
            return None;
        }
        // SAFETY: a live store from the caller; the reference added is ours.
        unsafe { x509_vfy::X509_STORE_up_ref(store) };
        Some(OwnedStore(store))
    }

    /// The store, borrowed.
    pub(crate) fn ptr(&self) -> *mut X509_STORE {
        self.0
    }
}

impl Clone for OwnedStore {
    fn clone(&self) -> Self {
        OwnedStore::share(self.0).expect("non-null")
    }
}

impl Drop for OwnedStore {
    fn drop(&mut self) {
        // SAFETY: we own one reference.
        unsafe { openssl_sys::X509_STORE_free(self.0) }
    }
}

/// An owned `X509_VERIFY_PARAM`.
pub(crate) struct OwnedVerifyParam(*mut X509_VERIFY_PARAM);

// SAFETY: the parameters are only read by libcrypto during a verification
// and written by the application's own calls, as with OpenSSL's objects.
unsafe impl Send for OwnedVerifyParam {}
// SAFETY: as above.
unsafe impl Sync for OwnedVerifyParam {}

impl Default for OwnedVerifyParam {
    fn default() -> Self {
        // SAFETY: a new parameter set, ours until dropped.
        OwnedVerifyParam(unsafe { openssl_sys::X509_VERIFY_PARAM_new() })
    }
}

impl Drop for OwnedVerifyParam {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: we own it.
            unsafe { openssl_sys::X509_VERIFY_PARAM_free(self.0) }
        }
    }
}

impl OwnedVerifyParam {
    /// The parameters, borrowed.
    pub(crate) fn ptr(&self) -> *mut X509_VERIFY_PARAM {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_comes_back_unchanged() {
        let mut x = 5u8;
        let arg = CArg::new(&mut x as *mut u8);
        assert_eq!(arg.get::<u8>(), &mut x as *mut u8);
        assert!(CArg::default().get::<c_void>().is_null());
    }

    #[test]
    fn owned_objects_free_themselves() {
        assert!(OwnedX509::take(std::ptr::null_mut()).is_none());
        assert!(OwnedPkey::take(std::ptr::null_mut()).is_none());
        let names = OwnedNameStack::new().expect("a stack");
        // SAFETY: a new name pushed onto our stack, which then owns it.
        unsafe {
            let name = openssl_sys::X509_NAME_new();
            assert!(openssl_sys::OPENSSL_sk_push(names.ptr(), name as *const c_void) > 0);
        }
        drop(names);
        // SAFETY: a new store; its one reference is handed over.
        let store = OwnedStore::take(unsafe { openssl_sys::X509_STORE_new() }).unwrap();
        let shared = store.clone();
        assert_eq!(shared.ptr(), store.ptr());
        assert!(!OwnedVerifyParam::default().ptr().is_null());
    }
}
