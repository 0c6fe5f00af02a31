//! SSL_CTX_set_alpn_protos(3)'s connection form, `SSL_set_alpn_protos`.

use std::os::raw::{c_int, c_uchar, c_uint};

use super::boundary::{entry, try_ref};
use super::handles::c_bytes;
use super::types::*;
use crate::ssl::alpn::parse_wire;

/// SSL_CTX_set_alpn_protos(3): `SSL_set_alpn_protos`: the protocols this
/// client offers, in wire format, replacing its context's (NULL or empty:
/// none). Returns 0 on success and 1 on failure, as OpenSSL does.
#[no_mangle]
pub extern "C" fn SSL_set_alpn_protos(
    ssl: *mut SSL,
    protos: *const c_uchar,
    protos_len: c_uint,
) -> c_int {
    entry!(fail = 1, {
        let conn = try_ref!(ssl, 1);
        let list = if protos.is_null() {
            Some(Vec::new())
        } else {
            c_bytes(protos, protos_len as usize).and_then(parse_wire)
        };
        let Some(list) = list else {
            return 1;
        };
        conn.set_alpn_protocols(list);
        0
    })
}
