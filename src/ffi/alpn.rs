//! SSL_CTX_set_alpn_protos(3) and SSL_get0_alpn_selected(3).

use std::os::raw::{c_int, c_uchar, c_uint};

use super::boundary::{entry, try_ref};
use super::handles::{c_bytes, set_out};
use super::types::*;
use crate::ssl::alpn::{parse_wire, select_next_protocol, NextProtocol};

/// SSL_CTX_set_alpn_protos(3): the protocols to offer, in wire format.
/// Returns 0 on success and 1 on failure, as OpenSSL does.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_alpn_protos(
    ctx: *mut SSL_CTX,
    protos: *const c_uchar,
    protos_len: c_uint,
) -> c_int {
    entry!(fail = 1, {
        let ctx = try_ref!(ctx, 1);
        // NULL clears the list, whatever the length, as in OpenSSL.
        let list = if protos.is_null() {
            Some(Vec::new())
        } else {
            c_bytes(protos, protos_len as usize).and_then(parse_wire)
        };
        let Some(list) = list else {
            return 1;
        };
        ctx.update(|s| s.alpn = list);
        0
    })
}

/// SSL_CTX_set_alpn_protos(3): `SSL_get0_alpn_selected`, the agreed protocol
/// (borrowed from the connection), or NULL and 0.
#[no_mangle]
pub extern "C" fn SSL_get0_alpn_selected(
    ssl: *const SSL,
    data: *mut *const c_uchar,
    len: *mut c_uint,
) {
    entry!({
        set_out(data, std::ptr::null());
        set_out(len, 0);
        let conn = try_ref!(ssl);
        let Some(proto) = conn.alpn_protocol() else {
            return;
        };
        // The bytes must outlive this call: keep them with the connection.
        let (ptr, n) = conn.extras().with(|lent: &mut LentAlpnProtocol| {
            lent.0 = proto;
            (lent.0.as_ptr(), lent.0.len())
        });
        set_out(data, ptr);
        set_out(len, n as c_uint);
    })
}

/// The protocol `SSL_get0_alpn_selected` lends, kept with the connection.
#[derive(Default)]
struct LentAlpnProtocol(Vec<u8>);

/// `OPENSSL_NPN_NEGOTIATED`.
const NPN_NEGOTIATED: c_int = 1;
/// `OPENSSL_NPN_NO_OVERLAP`.
const NPN_NO_OVERLAP: c_int = 2;

/// SSL_CTX_set_alpn_protos(3): `SSL_select_next_proto`: the first protocol of
/// `server` (in server order) that `client` also lists, or the client's first.
#[no_mangle]
pub extern "C" fn SSL_select_next_proto(
    out: *mut *mut c_uchar,
    outlen: *mut c_uchar,
    server: *const c_uchar,
    server_len: c_uint,
    client: *const c_uchar,
    client_len: c_uint,
) -> c_int {
    entry!(fail = NPN_NO_OVERLAP, {
        let s = c_bytes(server, server_len as usize).unwrap_or_default();
        let c = c_bytes(client, client_len as usize).unwrap_or_default();
        let (status, base, name) = match select_next_protocol(s, c) {
            Some(NextProtocol::Agreed(name)) => (NPN_NEGOTIATED, server, name),
            Some(NextProtocol::ClientFirst(name)) => (NPN_NO_OVERLAP, client, name),
            None => {
                // No client name to fall back on: NULL and 0, as OpenSSL 3.0.
                set_out(out, std::ptr::null_mut());
                set_out(outlen, 0);
                return NPN_NO_OVERLAP;
            }
        };
        let (offset, len) = (name.start, name.len());
        // SAFETY: `offset` lies inside the buffer it was computed from.
        set_out(out, unsafe { base.add(offset) } as *mut c_uchar);
        set_out(outlen, len as c_uchar);
        status
    })
}
