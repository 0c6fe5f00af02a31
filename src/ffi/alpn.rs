//! SSL_CTX_set_alpn_protos(3) and SSL_get0_alpn_selected(3).

use std::os::raw::{c_int, c_uchar, c_uint};

use super::boundary::{entry, try_ref};
use super::handles::{c_bytes, set_out};
use super::types::*;

/// Splits ALPN wire format (length-prefixed names) into names; `None` if malformed.
fn parse_wire(mut wire: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    while let Some((&n, rest)) = wire.split_first() {
        if n == 0 || rest.len() < n as usize {
            return None;
        }
        out.push(rest[..n as usize].to_vec());
        wire = &rest[n as usize..];
    }
    Some(out)
}

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
        let Some(list) = c_bytes(protos, protos_len as usize).and_then(parse_wire) else {
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
        let ptr = conn.extras().with(|kept: &mut Vec<u8>| {
            *kept = proto;
            kept.as_ptr()
        });
        set_out(data, ptr);
        set_out(
            len,
            conn.extras().with(|kept: &mut Vec<u8>| kept.len()) as c_uint,
        );
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn wire_format() {
        assert_eq!(
            super::parse_wire(b"\x02h2\x08http/1.1"),
            Some(vec![b"h2".to_vec(), b"http/1.1".to_vec()])
        );
        assert_eq!(super::parse_wire(b"\x05h2"), None);
        assert_eq!(super::parse_wire(b""), Some(vec![]));
    }
}
