//! What a connection tells of its handshake: `SSL_get0_peer_certificate(3)`,
//! `SSL_get_pending_cipher`, `SSL_client_version(3)`,
//! `SSL_get_default_timeout(3)`, `SSL_get_client_random(3)` and its server
//! twin, the Finished messages, `SSL_group_to_name(3)` and the negotiated
//! group, the peer's signature (`SSL_get_peer_signature_nid(3)`) and
//! `SSL_get_servername_type`.

use std::ffi::{c_char, c_void, CStr};
use std::os::raw::{c_int, c_long, c_uchar};

use super::boundary::{entry, try_ref};
use super::handles::{c_bytes_mut, set_out, to_static};
use super::types::*;
use super::x509_cache::peer_leaf;
use crate::session::DEFAULT_TIMEOUT_SECS;
use crate::ssl::{scheme_nids, Connection};

/// `TLSEXT_NAMETYPE_host_name`.
const NAMETYPE_HOST_NAME: c_int = 0;

/// SSL_get_peer_certificate(3): `SSL_get0_peer_certificate`: the peer's
/// certificate (borrowed, valid while the connection keeps that peer), or
/// NULL; the same `X509` on every call, as `SSL_get1_peer_certificate`'s.
#[no_mangle]
pub extern "C" fn SSL_get0_peer_certificate(s: *const SSL) -> *mut X509 {
    entry!({
        // The connection keeps its reference; this one goes.
        peer_leaf(try_ref!(s)).map_or(std::ptr::null_mut(), |x| x.ptr().cast())
    })
}

/// SSL_get_current_cipher(3): `SSL_get_pending_cipher`: the suite the
/// handshake agreed on (static), or NULL before the server's answer.
#[no_mangle]
pub extern "C" fn SSL_get_pending_cipher(s: *const SSL) -> *const SSL_CIPHER {
    entry!({
        match try_ref!(s).pending_cipher() {
            Some(c) => to_static(c),
            None => std::ptr::null(),
        }
    })
}

/// SSL_get_version(3): `SSL_client_version`: the version in the ClientHello
/// (sent or read), else the method's (`TLS_ANY_VERSION` when flexible).
#[no_mangle]
pub extern "C" fn SSL_client_version(s: *const SSL) -> c_int {
    entry!({ try_ref!(s).client_version() })
}

/// SSL_get_default_timeout(3): the TLS methods' session timeout, 7200 s.
#[no_mangle]
pub extern "C" fn SSL_get_default_timeout(s: *const SSL) -> c_long {
    entry!({
        try_ref!(s);
        DEFAULT_TIMEOUT_SECS as c_long
    })
}

/// Copies what fits of `value` to `out` (`outlen` 0: nothing); its length, or
/// the bytes copied, as OpenSSL's random and key getters return.
fn copy_out(value: &[u8], out: *mut c_uchar, outlen: usize) -> usize {
    if outlen == 0 {
        return value.len();
    }
    let n = outlen.min(value.len());
    match c_bytes_mut(out, n) {
        Some(buf) => {
            buf.copy_from_slice(&value[..n]);
            n
        }
        None => 0,
    }
}

/// SSL_get_client_random(3): the ClientHello's random, once the handshake
/// has derived its keys; 0 before (divergence: OpenSSL gives 32 zero bytes).
#[no_mangle]
pub extern "C" fn SSL_get_client_random(
    ssl: *const SSL,
    out: *mut c_uchar,
    outlen: usize,
) -> usize {
    entry!({
        match try_ref!(ssl).client_random() {
            Some(random) => copy_out(&random, out, outlen),
            None => 0,
        }
    })
}

/// SSL_get_client_random(3): `SSL_get_server_random`: the ServerHello's
/// random once it was sent or read; 0 before (divergence: OpenSSL gives 32
/// zero bytes).
#[no_mangle]
pub extern "C" fn SSL_get_server_random(
    ssl: *const SSL,
    out: *mut c_uchar,
    outlen: usize,
) -> usize {
    entry!({
        match try_ref!(ssl).server_random() {
            Some(random) => copy_out(&random, out, outlen),
            None => 0,
        }
    })
}

/// `SSL_get_finished` (no man page): the verify_data of the last Finished
/// message this end sent, copied up to `count` bytes; its whole length (0
/// before one was sent).
#[no_mangle]
pub extern "C" fn SSL_get_finished(s: *const SSL, buf: *mut c_void, count: usize) -> usize {
    entry!({ copy_finished(try_ref!(s).finished(true), buf, count) })
}

/// `SSL_get_peer_finished` (no man page): as `SSL_get_finished`, for the
/// last Finished message received from the peer.
#[no_mangle]
pub extern "C" fn SSL_get_peer_finished(s: *const SSL, buf: *mut c_void, count: usize) -> usize {
    entry!({ copy_finished(try_ref!(s).finished(false), buf, count) })
}

/// Copies up to `count` bytes of `finished` into `buf`; its whole length.
fn copy_finished(finished: Option<Vec<u8>>, buf: *mut c_void, count: usize) -> usize {
    let Some(f) = finished else {
        return 0;
    };
    let n = f.len().min(count);
    if n > 0 && !buf.is_null() {
        // SAFETY: the caller gives `buf` room for `count` bytes (n <= count).
        unsafe { std::ptr::copy_nonoverlapping(f.as_ptr(), buf.cast::<u8>(), n) };
    }
    f.len()
}

/// `TLSEXT_nid_unknown`: the flag OpenSSL sets on a group it has no NID for,
/// over the group's TLS number.
const NID_UNKNOWN_GROUP: c_int = 0x100_0000;

/// OpenSSL 3.0's TLS groups: TLS number, NID and the name it gives.
const GROUPS: &[(u16, c_int, &CStr)] = &[
    (1, 721, c"sect163k1"),
    (2, 722, c"sect163r1"),
    (3, 723, c"sect163r2"),
    (4, 724, c"sect193r1"),
    (5, 725, c"sect193r2"),
    (6, 726, c"sect233k1"),
    (7, 727, c"sect233r1"),
    (8, 728, c"sect239k1"),
    (9, 729, c"sect283k1"),
    (10, 730, c"sect283r1"),
    (11, 731, c"sect409k1"),
    (12, 732, c"sect409r1"),
    (13, 733, c"sect571k1"),
    (14, 734, c"sect571r1"),
    (15, 708, c"secp160k1"),
    (16, 709, c"secp160r1"),
    (17, 710, c"secp160r2"),
    (18, 711, c"secp192k1"),
    (19, 409, c"secp192r1"),
    (20, 712, c"secp224k1"),
    (21, 713, c"secp224r1"),
    (22, 714, c"secp256k1"),
    (23, 415, c"secp256r1"),
    (24, 715, c"secp384r1"),
    (25, 716, c"secp521r1"),
    (26, 927, c"brainpoolP256r1"),
    (27, 931, c"brainpoolP384r1"),
    (28, 933, c"brainpoolP512r1"),
    (29, 1034, c"x25519"),
    (30, 1035, c"x448"),
    (256, 1126, c"ffdhe2048"),
    (257, 1127, c"ffdhe3072"),
    (258, 1128, c"ffdhe4096"),
    (259, 1129, c"ffdhe6144"),
    (260, 1130, c"ffdhe8192"),
];

/// OpenSSL's name of a group given as `SSL_get_negotiated_group` gives it (a
/// NID, or `TLSEXT_nid_unknown` over its TLS number).
fn group_name(id: c_int) -> Option<&'static CStr> {
    let found = if id & NID_UNKNOWN_GROUP != 0 {
        let tls = u16::try_from(id & 0xffff).ok()?;
        GROUPS.iter().find(|g| g.0 == tls)
    } else {
        GROUPS.iter().find(|g| g.1 == id)
    };
    found.map(|g| g.2)
}

/// A group's NID as OpenSSL gives it: its NID, or `TLSEXT_nid_unknown` over
/// its TLS number.
pub(super) fn group_nid(tls: u16) -> c_int {
    GROUPS
        .iter()
        .find(|g| g.0 == tls)
        .map_or(NID_UNKNOWN_GROUP | c_int::from(tls), |g| g.1)
}

/// The TLS number of a group NID (`SSL_CTX_set1_groups`).
pub(super) fn group_tls(nid: c_int) -> Option<u16> {
    GROUPS.iter().find(|g| g.1 == nid).map(|g| g.0)
}

/// The negotiated group as `SSL_get_negotiated_group` gives it: its NID, or
/// `TLSEXT_nid_unknown` over its TLS number for one OpenSSL has no NID for
/// (0 before the key exchange).
pub(super) fn negotiated_group(conn: &Connection) -> c_int {
    match conn.negotiated_group().map(u16::from) {
        Some(tls) => GROUPS
            .iter()
            .find(|g| g.0 == tls)
            .map_or(NID_UNKNOWN_GROUP | c_int::from(tls), |g| g.1),
        None => 0,
    }
}

/// The key type and hash NIDs of the peer's handshake signature.
fn peer_signature(conn: &Connection) -> Option<(c_int, c_int)> {
    scheme_nids(conn.peer_signature_scheme()?)
}

/// `SSL_get_peer_signature_nid`: the hash NID of the peer's signature into
/// `out`; 1, or 0 when it has not signed (a resumption, a client without a
/// certificate).
pub(super) fn peer_signature_hash(conn: &Connection, out: *mut c_int) -> c_long {
    match peer_signature(conn) {
        Some((_, hash)) => {
            set_out(out, hash);
            1
        }
        None => 0,
    }
}

/// SSL_get_peer_signature_nid(3): `SSL_get_peer_signature_type_nid`: the
/// key type NID of the peer's handshake signature into `*pnid`; 1, or 0 when
/// it has not signed.
#[no_mangle]
pub extern "C" fn SSL_get_peer_signature_type_nid(s: *const SSL, pnid: *mut c_int) -> c_int {
    entry!({
        match peer_signature(try_ref!(s)) {
            Some((kind, _)) => {
                set_out(pnid, kind);
                1
            }
            None => 0,
        }
    })
}

/// SSL_group_to_name(3): OpenSSL's name of a group (static), or NULL.
#[no_mangle]
pub extern "C" fn SSL_group_to_name(s: *mut SSL, id: c_int) -> *const c_char {
    entry!({
        try_ref!(s);
        group_name(id).map_or(std::ptr::null(), CStr::as_ptr)
    })
}

/// SSL_CTX_set_tlsext_servername_callback(3): `SSL_get_servername_type`:
/// `TLSEXT_NAMETYPE_host_name` when a server name is known, else -1.
#[no_mangle]
pub extern "C" fn SSL_get_servername_type(s: *const SSL) -> c_int {
    entry!(fail = -1, {
        if try_ref!(s, -1).has_server_name() {
            NAMETYPE_HOST_NAME
        } else {
            -1
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_named_by_nid_or_tls_number() {
        assert_eq!(group_name(1034), Some(c"x25519"));
        assert_eq!(group_name(415), Some(c"secp256r1"));
        assert_eq!(group_name(NID_UNKNOWN_GROUP | 24), Some(c"secp384r1"));
        assert_eq!(group_name(NID_UNKNOWN_GROUP | 0x11ec), None);
        assert_eq!(group_name(0), None);
        assert_eq!(group_name(-1), None);
    }

    #[test]
    fn values_are_copied_as_far_as_they_fit() {
        let mut out = [0u8; 4];
        assert_eq!(copy_out(b"abcdef", std::ptr::null_mut(), 0), 6);
        assert_eq!(copy_out(b"abcdef", out.as_mut_ptr(), 4), 4);
        assert_eq!(&out, b"abcd");
        assert_eq!(copy_out(b"ab", out.as_mut_ptr(), 4), 2);
        assert_eq!(copy_out(b"ab", std::ptr::null_mut(), 4), 0);
    }
}
