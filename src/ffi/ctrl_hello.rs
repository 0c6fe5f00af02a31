//! SSL_CTX_ctrl(3) and SSL_ctrl(3): the signature algorithm and group
//! commands (`SSL_CTX_set1_sigalgs_list`, `SSL_CTX_set1_groups`, ...) and
//! the facts of the peer's hello messages (`SSL_get_peer_tmp_key`,
//! `SSL_get0_raw_cipherlist`, `SSL_get_extms_support`, `SSL_get1_groups`,
//! `SSL_get_shared_group`, `SSL_get0_ec_point_formats`,
//! `SSL_get_signature_nid`), answered as OpenSSL 3.0 answers them.

use std::ffi::{c_char, c_void};
use std::os::raw::{c_int, c_long, c_uchar};

use super::conn_facts::{group_nid, group_tls};
use super::ctrl_common::Target;
use super::handles::{c_str, set_out};
use crate::ssl::options::{TLS1_2_VERSION, TLS1_3_VERSION};
use crate::ssl::{sigalgs, Connection, Role, SigAlgKind};

const GET_GROUPS: c_int = 90;
const SET_GROUPS: c_int = 91;
const SET_GROUPS_LIST: c_int = 92;
const GET_SHARED_GROUP: c_int = 93;
const SET_SIGALGS: c_int = 97;
const SET_SIGALGS_LIST: c_int = 98;
const SET_CLIENT_SIGALGS: c_int = 101;
const SET_CLIENT_SIGALGS_LIST: c_int = 102;
const GET_PEER_TMP_KEY: c_int = 109;
const GET_RAW_CIPHERLIST: c_int = 110;
const GET_EC_POINT_FORMATS: c_int = 111;
const GET_EXTMS_SUPPORT: c_int = 122;
const GET_RI_SUPPORT: c_int = 76;
const GET_SIGNATURE_NID: c_int = 132;
/// The length of one suite in the raw list (`TLS_CIPHER_LEN`).
const CIPHER_LEN: c_long = 2;

/// A command of this file, decoded.
#[derive(Debug, PartialEq)]
pub(super) enum HelloCommand {
    /// `set1_sigalgs` (NID pairs) or `set1_client_sigalgs`.
    SetSigAlgs(SigAlgKind, *const c_int, c_long),
    /// `set1_sigalgs_list` or `set1_client_sigalgs_list`.
    SetSigAlgsList(SigAlgKind, *const c_char),
    /// `SSL_CTX_set1_groups`: NIDs.
    SetGroups(*const c_int, c_long),
    /// `SSL_set1_groups_list` (a context's is `ctrl.rs`'s).
    SetGroupsList(*const c_char),
    GetGroups(*mut c_int),
    SharedGroup(c_long),
    PeerTmpKey(*mut *mut c_void),
    RawCipherList(*mut *const c_uchar),
    EcPointFormats(*mut *const c_uchar),
    ExtmsSupport,
    /// `SSL_get_secure_renegotiation_support`.
    RiSupport,
    SignatureNid(*mut c_int),
}

impl HelloCommand {
    /// Decodes a context command of this file, or `None` for another.
    pub(super) fn decode_for_context(cmd: c_int, larg: c_long, parg: *mut c_void) -> Option<Self> {
        use HelloCommand::*;
        Some(match cmd {
            SET_SIGALGS => SetSigAlgs(SigAlgKind::Main, parg.cast(), larg),
            SET_CLIENT_SIGALGS => SetSigAlgs(SigAlgKind::Client, parg.cast(), larg),
            SET_SIGALGS_LIST => SetSigAlgsList(SigAlgKind::Main, parg.cast()),
            SET_CLIENT_SIGALGS_LIST => SetSigAlgsList(SigAlgKind::Client, parg.cast()),
            SET_GROUPS => SetGroups(parg.cast(), larg),
            _ => return None,
        })
    }

    /// Decodes a connection command of this file, or `None` for another.
    pub(super) fn decode_for_connection(
        cmd: c_int,
        larg: c_long,
        parg: *mut c_void,
    ) -> Option<Self> {
        use HelloCommand::*;
        if let Some(c) = Self::decode_for_context(cmd, larg, parg) {
            return Some(c);
        }
        Some(match cmd {
            SET_GROUPS_LIST => SetGroupsList(parg.cast()),
            GET_GROUPS => GetGroups(parg.cast()),
            GET_SHARED_GROUP => SharedGroup(larg),
            GET_PEER_TMP_KEY => PeerTmpKey(parg.cast()),
            GET_RAW_CIPHERLIST => RawCipherList(parg.cast()),
            GET_EC_POINT_FORMATS => EcPointFormats(parg.cast()),
            GET_EXTMS_SUPPORT => ExtmsSupport,
            GET_RI_SUPPORT => RiSupport,
            GET_SIGNATURE_NID => SignatureNid(parg.cast()),
            _ => return None,
        })
    }

    /// Applies the command; the result of the ctrl call.
    pub(super) fn apply(self, target: Target<'_>) -> c_long {
        use HelloCommand::*;
        let conn = match target {
            Target::Connection(c) => Some(c),
            Target::Context(_) => None,
        };
        match self {
            SetSigAlgs(kind, nids, n) => {
                let pairs = usize::try_from(n)
                    .ok()
                    .and_then(|n| super::handles::c_ints(nids, n))
                    .and_then(sigalgs::from_nid_pairs);
                set_sigalgs(target, kind, pairs)
            }
            SetSigAlgsList(kind, list) => {
                let parsed = c_str(list).and_then(|l| sigalgs::parse_list(&l.to_string_lossy()));
                set_sigalgs(target, kind, parsed)
            }
            SetGroups(nids, n) => set_groups(target, nids, n),
            SetGroupsList(list) => set_groups_list(target, list),
            GetGroups(out) => conn.map_or(0, |c| get_groups(c, out)),
            SharedGroup(n) => conn.map_or(0, |c| shared_group(c, n)),
            PeerTmpKey(out) => conn.map_or(0, |c| peer_tmp_key(c, out)),
            RawCipherList(out) => conn.map_or(0, |c| raw_cipher_list(c, out)),
            EcPointFormats(out) => conn.map_or(0, |c| ec_point_formats(c, out)),
            ExtmsSupport => conn.map_or(-1, extms_support),
            RiSupport => conn.map_or(0, ri_support),
            SignatureNid(out) => conn.map_or(0, |c| match own_signature(c) {
                Some((_, hash)) => {
                    set_out(out, hash);
                    1
                }
                None => 0,
            }),
        }
    }
}

/// Keeps a parsed list on the target; 0 (nothing queued, as OpenSSL) when
/// the list was refused.
fn set_sigalgs(target: Target<'_>, kind: SigAlgKind, list: Option<Vec<u16>>) -> c_long {
    let Some(list) = list else {
        return 0;
    };
    match target {
        Target::Context(ctx) => ctx.set_sigalgs(kind, list),
        Target::Connection(conn) => conn.set_sigalgs(kind, list),
    }
    1
}

/// `SSL_CTX_set1_groups` / `SSL_set1_groups`: the groups of the NIDs.
fn set_groups(target: Target<'_>, nids: *const c_int, n: c_long) -> c_long {
    let func = match target {
        Target::Context(_) => "SSL_CTX_set1_groups",
        Target::Connection(_) => "SSL_set1_groups",
    };
    if n == 0 {
        // As OpenSSL's tls1_set_groups: an empty array is a bad length.
        super::err::raise_ssl_reason(func, super::err::reason::BAD_LENGTH);
        return 0;
    }
    let ids: Option<Vec<u16>> = usize::try_from(n)
        .ok()
        .and_then(|n| super::handles::c_ints(nids, n))
        .and_then(|nids| nids.iter().map(|&nid| group_tls(nid)).collect());
    let Some(ids) = ids else {
        return 0;
    };
    let set = match target {
        Target::Context(ctx) => ctx.set_group_ids(&ids),
        Target::Connection(conn) => conn.set_group_ids(&ids),
    };
    c_long::from(super::err::int_result(func, set))
}

/// `SSL_set1_groups_list` on a connection.
fn set_groups_list(target: Target<'_>, list: *const c_char) -> c_long {
    let Target::Connection(conn) = target else {
        return 0;
    };
    let Some(list) = c_str(list) else {
        return c_long::from(super::err::refuse(
            "SSL_ctrl",
            crate::ssl::Refusal::NullList,
        ));
    };
    let set = conn.set_groups_list(&list.to_string_lossy());
    c_long::from(super::err::int_result("SSL_set1_groups_list", set))
}

/// Whether the handshake is over, as OpenSSL's hello getters require.
fn handshaken(conn: &Connection) -> bool {
    conn.is_init_finished()
}

/// `SSL_get1_groups`: a server's client's groups as NIDs.
fn get_groups(conn: &Connection, out: *mut c_int) -> c_long {
    let Some(hello) = conn.peer_client_hello() else {
        return 0;
    };
    let groups = hello.groups();
    if !out.is_null() {
        for (i, g) in groups.iter().enumerate() {
            // SAFETY: OpenSSL's contract: `out` has room for the count a NULL call returned.
            unsafe { out.add(i).write(group_nid(*g)) };
        }
    }
    groups.len() as c_long
}

/// `SSL_get_shared_group`: on a server, the groups both ends have, in the
/// client's order (the server's with `SSL_OP_CIPHER_SERVER_PREFERENCE`);
/// -1 gives their count.
fn shared_group(conn: &Connection, n: c_long) -> c_long {
    let Some(hello) = conn.peer_client_hello() else {
        return 0;
    };
    let ours = conn.configured_groups();
    let theirs = hello.groups();
    let server_first = conn.options() & crate::ssl::options::OP_CIPHER_SERVER_PREFERENCE != 0;
    let (first, second) = if server_first {
        (&ours, &theirs)
    } else {
        (&theirs, &ours)
    };
    let shared: Vec<u16> = first
        .iter()
        .copied()
        .filter(|g| second.contains(g))
        .collect();
    if n == -1 {
        return shared.len() as c_long;
    }
    usize::try_from(n)
        .ok()
        .and_then(|i| shared.get(i))
        .map_or(0, |g| c_long::from(group_nid(*g)))
}

/// `SSL_get_peer_tmp_key`: the peer's key share as an `EVP_PKEY` (a TLS 1.2
/// server has none, as in OpenSSL).
fn peer_tmp_key(conn: &Connection, out: *mut *mut c_void) -> c_long {
    if !handshaken(conn) {
        return 0;
    }
    let share = match conn.role() {
        Some(Role::Client) => conn.server_flight().and_then(|f| f.key_share()),
        Some(Role::Server) if conn.protocol_version() == Some(TLS1_3_VERSION) => {
            let group = conn.negotiated_group().map(u16::from);
            group.and_then(|g| Some((g, conn.peer_client_hello()?.key_share(g)?)))
        }
        _ => None,
    };
    let lib = super::lib_context::of_connection(conn);
    let Some(key) = share.and_then(|(g, k)| super::key_share::public_key(g, &k, lib)) else {
        return 0;
    };
    set_out(out, key);
    1
}

/// A byte list kept on the connection for a getter that hands out a
/// pointer into it (valid until the getter is called again).
#[derive(Default)]
struct KeptBytes<const N: usize>(Vec<u8>);

fn keep<const N: usize>(conn: &Connection, bytes: Vec<u8>, out: *mut *const c_uchar) -> c_long {
    let len = bytes.len() as c_long;
    let ptr = conn.extras().with(|k: &mut KeptBytes<N>| {
        k.0 = bytes;
        k.0.as_ptr()
    });
    set_out(out, ptr);
    len
}

/// `SSL_get0_raw_cipherlist`: the suites a server's client offered, as sent.
fn raw_cipher_list(conn: &Connection, out: *mut *const c_uchar) -> c_long {
    if out.is_null() {
        return CIPHER_LEN;
    }
    match conn.peer_client_hello() {
        Some(hello) => keep::<0>(conn, hello.ciphers().to_vec(), out),
        None => 0,
    }
}

/// `SSL_get0_ec_point_formats`: the peer's, in a TLS 1.2 handshake.
fn ec_point_formats(conn: &Connection, out: *mut *const c_uchar) -> c_long {
    if !handshaken(conn) || conn.protocol_version() == Some(TLS1_3_VERSION) {
        return 0;
    }
    let formats = match conn.role() {
        Some(Role::Client) => conn.server_flight().map(|f| f.ec_point_formats()),
        _ => conn.peer_client_hello().map(|h| h.ec_point_formats()),
    };
    match formats.filter(|f| !f.is_empty()) {
        Some(f) => keep::<1>(conn, f, out),
        None => 0,
    }
}

/// `SSL_get_extms_support`: -1 until the handshake ends, 0 for TLS 1.3,
/// else whether both ends used extended master secret.
fn extms_support(conn: &Connection) -> c_long {
    if !handshaken(conn) {
        return -1;
    }
    if conn.protocol_version() == Some(TLS1_3_VERSION) {
        return 0;
    }
    let used = match conn.role() {
        Some(Role::Client) => conn
            .server_flight()
            .is_some_and(|f| f.extended_master_secret()),
        _ => conn
            .peer_client_hello()
            .is_some_and(|h| h.offers_extended_master_secret()),
    };
    c_long::from(used)
}

/// `SSL_get_secure_renegotiation_support`: whether the peer signalled secure
/// renegotiation (RFC 5746), as OpenSSL records it: a server, the client's
/// renegotiation_info extension or SCSV (whatever the version); a client, the
/// server's renegotiation_info in TLS 1.2 (TLS 1.3 has none); 0 before.
fn ri_support(conn: &Connection) -> c_long {
    if !handshaken(conn) {
        return 0;
    }
    let signalled = match conn.role() {
        Some(Role::Client) => {
            conn.protocol_version() == Some(TLS1_2_VERSION)
                && conn
                    .server_flight()
                    .is_some_and(|f| f.secure_renegotiation())
        }
        _ => conn
            .peer_client_hello()
            .is_some_and(|h| h.offers_secure_renegotiation()),
    };
    c_long::from(signalled)
}

/// The key type and hash NIDs of this end's handshake signature.
pub(super) fn own_signature(conn: &Connection) -> Option<(c_int, c_int)> {
    crate::ssl::scheme_nids(conn.own_signature_scheme()?)
}
