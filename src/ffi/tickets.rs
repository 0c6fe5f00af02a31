//! SSL_CTX_set_tlsext_ticket_key_evp_cb(3) and its older form
//! (`SSL_CTX_set_tlsext_ticket_key_cb`, through `SSL_CTX_callback_ctrl`):
//! the application chooses the ticket keys, so servers sharing them resume
//! each other's tickets. Here the callback is called through libcrypto; the
//! ticket's layout (OpenSSL's) is `crate::ssl::ticket_layout`.

use std::os::raw::{c_int, c_uchar, c_uint};
use std::sync::Arc;

use super::boundary::{entry, try_ref};
use super::types::*;
use crate::ssl::ticket_keys::TICKET_KEYS_LEN;
use crate::ssl::ticket_layout::{self, TicketCipher, TicketKeyId, KEY_NAME_LEN, MAX_IV_LEN};
use crate::ssl::{Connection, Context, TicketKeyHook};

/// `EVP_MAX_MD_SIZE`.
const MAX_MD: usize = 64;

/// The older callback's MAC context.
type HmacCb = unsafe extern "C" fn(
    *mut SSL,
    *mut c_uchar,
    *mut c_uchar,
    *mut openssl_sys::EVP_CIPHER_CTX,
    *mut openssl_sys::HMAC_CTX,
    c_int,
) -> c_int;
/// The OpenSSL 3 callback's MAC context.
type EvpCb = unsafe extern "C" fn(
    *mut SSL,
    *mut c_uchar,
    *mut c_uchar,
    *mut openssl_sys::EVP_CIPHER_CTX,
    *mut openssl_sys::EVP_MAC_CTX,
    c_int,
) -> c_int;

#[derive(Clone, Copy)]
enum Callback {
    Hmac(HmacCb),
    Evp(EvpCb),
}

/// The cipher and MAC contexts of one ticket operation, freed on drop.
struct Contexts {
    cipher: *mut openssl_sys::EVP_CIPHER_CTX,
    hmac: *mut openssl_sys::HMAC_CTX,
    mac: *mut openssl_sys::EVP_MAC,
    mac_ctx: *mut openssl_sys::EVP_MAC_CTX,
}

impl Drop for Contexts {
    fn drop(&mut self) {
        // SAFETY: each pointer is NULL or was made in `Contexts::new`, freed once here.
        unsafe {
            openssl_sys::EVP_CIPHER_CTX_free(self.cipher);
            if !self.hmac.is_null() {
                openssl_sys::HMAC_CTX_free(self.hmac);
            }
            if !self.mac_ctx.is_null() {
                openssl_sys::EVP_MAC_CTX_free(self.mac_ctx);
            }
            if !self.mac.is_null() {
                openssl_sys::EVP_MAC_free(self.mac);
            }
        }
    }
}

impl Callback {
    /// Runs the callback; returns its result and the contexts it set up.
    fn call(
        &self,
        conn: &Connection,
        name: &mut [u8; KEY_NAME_LEN],
        iv: &mut [u8; MAX_IV_LEN],
        enc: bool,
    ) -> Option<(c_int, Contexts)> {
        let ssl = super::handles::lend_ref::<SSL>(conn);
        // SAFETY: new libcrypto contexts, owned by `Contexts`; the callback
        // was registered by C for this signature and gets buffers of the
        // sizes OpenSSL gives it. No sessl lock is held.
        unsafe {
            let mut ctxs = Contexts {
                cipher: openssl_sys::EVP_CIPHER_CTX_new(),
                hmac: std::ptr::null_mut(),
                mac: std::ptr::null_mut(),
                mac_ctx: std::ptr::null_mut(),
            };
            let r = match self {
                Callback::Hmac(cb) => {
                    ctxs.hmac = openssl_sys::HMAC_CTX_new();
                    cb(
                        ssl,
                        name.as_mut_ptr(),
                        iv.as_mut_ptr(),
                        ctxs.cipher,
                        ctxs.hmac,
                        c_int::from(enc),
                    )
                }
                Callback::Evp(cb) => {
                    // In the library context of the connection's context, as OpenSSL.
                    ctxs.mac =
                        super::lib_context::fetch_hmac(super::lib_context::of(conn.context()));
                    if ctxs.mac.is_null() {
                        return None;
                    }
                    ctxs.mac_ctx = openssl_sys::EVP_MAC_CTX_new(ctxs.mac);
                    cb(
                        ssl,
                        name.as_mut_ptr(),
                        iv.as_mut_ptr(),
                        ctxs.cipher,
                        ctxs.mac_ctx,
                        c_int::from(enc),
                    )
                }
            };
            Some((r, ctxs))
        }
    }
}

impl TicketCipher for Contexts {
    /// The MAC of `data` with the key the callback set.
    fn mac(&self, data: &[u8]) -> Option<Vec<u8>> {
        let mut out = [0u8; MAX_MD];
        // SAFETY: the contexts were initialised by the callback; `out` has room
        // for any digest.
        unsafe {
            if !self.hmac.is_null() {
                let mut len: c_uint = 0;
                let ok = openssl_sys::HMAC_Init_ex(
                    self.hmac,
                    std::ptr::null(),
                    0,
                    std::ptr::null(),
                    std::ptr::null_mut(),
                ) == 1
                    && openssl_sys::HMAC_Update(self.hmac, data.as_ptr(), data.len()) == 1
                    && openssl_sys::HMAC_Final(self.hmac, out.as_mut_ptr(), &mut len) == 1;
                ok.then(|| out[..len as usize].to_vec())
            } else {
                let mut len = 0usize;
                let ok =
                    openssl_sys::EVP_MAC_init(self.mac_ctx, std::ptr::null(), 0, std::ptr::null())
                        == 1
                        && openssl_sys::EVP_MAC_update(self.mac_ctx, data.as_ptr(), data.len())
                            == 1
                        && openssl_sys::EVP_MAC_final(
                            self.mac_ctx,
                            out.as_mut_ptr(),
                            &mut len,
                            out.len(),
                        ) == 1;
                ok.then(|| out[..len].to_vec())
            }
        }
    }

    fn iv_len(&self) -> usize {
        // SAFETY: the cipher context was initialised by the callback.
        unsafe { openssl_sys::EVP_CIPHER_CTX_get_iv_length(self.cipher) }
            .clamp(0, MAX_IV_LEN as c_int) as usize
    }

    /// Runs the cipher the callback set up over `data`.
    fn crypt(&self, data: &[u8], encrypt: bool) -> Option<Vec<u8>> {
        let mut out = vec![0u8; data.len() + 32];
        let (mut n, mut m) = (0 as c_int, 0 as c_int);
        let len = c_int::try_from(data.len()).ok()?;
        // SAFETY: `out` has room for the input plus a final block.
        let ok = unsafe {
            if encrypt {
                openssl_sys::EVP_EncryptUpdate(
                    self.cipher,
                    out.as_mut_ptr(),
                    &mut n,
                    data.as_ptr(),
                    len,
                ) == 1
                    && openssl_sys::EVP_EncryptFinal_ex(
                        self.cipher,
                        out.as_mut_ptr().add(n as usize),
                        &mut m,
                    ) == 1
            } else {
                openssl_sys::EVP_DecryptUpdate(
                    self.cipher,
                    out.as_mut_ptr(),
                    &mut n,
                    data.as_ptr(),
                    len,
                ) == 1
                    && openssl_sys::EVP_DecryptFinal_ex(
                        self.cipher,
                        out.as_mut_ptr().add(n as usize),
                        &mut m,
                    ) == 1
            }
        };
        ok.then(|| {
            out.truncate((n + m) as usize);
            out
        })
    }
}

impl TicketKeyHook for Callback {
    fn encrypt(&self, conn: &Connection, plain: &[u8]) -> Option<Vec<u8>> {
        let mut key = TicketKeyId::default();
        let (r, ctxs) = self.call(conn, &mut key.name, &mut key.iv, true)?;
        if r <= 0 {
            return None;
        }
        ticket_layout::build_ticket(&key, &ctxs, plain)
    }

    fn decrypt(&self, conn: &Connection, ticket: &[u8]) -> Option<(Vec<u8>, bool)> {
        let mut key = TicketKeyId::read(ticket)?;
        let (r, ctxs) = self.call(conn, &mut key.name, &mut key.iv, false)?;
        if r <= 0 {
            return None;
        }
        let plain = ticket_layout::open_ticket(ticket, &ctxs)?;
        Some((plain, r == 2))
    }
}

fn set_ticket_key_callback(ctx: &Context, cb: Option<Callback>) {
    ctx.set_ticket_key_hook(cb.map(|c| Arc::new(c) as _));
}

/// The older form, set through `SSL_CTX_callback_ctrl`; 1.
pub(crate) fn set_hmac_callback(ctx: &Context, fp: sessl_generic_cb) -> bool {
    // SAFETY: the command promises a callback of the HMAC_CTX form.
    let cb = fp.map(|f| unsafe { std::mem::transmute::<unsafe extern "C" fn(), HmacCb>(f) });
    set_ticket_key_callback(ctx, cb.map(Callback::Hmac));
    true
}

/// SSL_CTX_set_tlsext_ticket_key_cb(3): `SSL_CTX_set_tlsext_ticket_key_evp_cb`;
/// the callback chooses the key of each ticket (return values as in OpenSSL:
/// 1 use it, 2 use it and renew the ticket, 0 unknown key, <0 error); 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_tlsext_ticket_key_evp_cb(
    ctx: *mut SSL_CTX,
    fp: sessl_ticket_key_evp_cb,
) -> c_int {
    entry!({
        let ctx = try_ref!(ctx);
        // SAFETY: the same signature, spelled with libcrypto's own types.
        let cb = fp.map(|f| unsafe { std::mem::transmute::<_, EvpCb>(f) });
        set_ticket_key_callback(ctx, cb.map(Callback::Evp));
        1
    })
}

/// `SSL_CTX_get_tlsext_ticket_keys`: the context's 80 bytes of keys into `out`; 1.
pub(crate) fn get_ticket_keys(ctx: &Context, out: *mut u8) -> std::os::raw::c_long {
    let keys = ctx.ticket_key_bytes();
    // SAFETY: the caller checked `out` is not null and that the application
    // gave its length as TICKET_KEYS_LEN (SSL_CTX_ctrl's contract).
    unsafe { std::ptr::copy_nonoverlapping(keys.as_ptr(), out, keys.len()) };
    1
}

/// `SSL_CTX_set_tlsext_ticket_keys`: the context's keys from `keys`' 80 bytes; 1.
pub(crate) fn set_ticket_keys(ctx: &Context, keys: *const u8) -> std::os::raw::c_long {
    let mut bytes = [0u8; TICKET_KEYS_LEN];
    // SAFETY: as in `get_ticket_keys`, `keys` is not null and holds
    // TICKET_KEYS_LEN bytes.
    unsafe { std::ptr::copy_nonoverlapping(keys, bytes.as_mut_ptr(), bytes.len()) };
    ctx.set_ticket_key_bytes(bytes);
    1
}
