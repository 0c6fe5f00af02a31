//! OpenSSL option, mode and version constants that change sessl's behaviour.

/// `SSL_OP_NO_TICKET`: no stateless tickets; stateful session ids / TLS 1.3 tickets.
pub const OP_NO_TICKET: u64 = 1 << 14;
/// `SSL_OP_NO_TLSv1_2`.
pub const OP_NO_TLSV1_2: u64 = 1 << 27;
/// `SSL_OP_NO_TLSv1_3`.
pub const OP_NO_TLSV1_3: u64 = 1 << 29;

/// `SSL_SESS_CACHE_CLIENT`.
pub const SESS_CACHE_CLIENT: u32 = 0x0001;
/// `SSL_SESS_CACHE_SERVER`.
pub const SESS_CACHE_SERVER: u32 = 0x0002;
/// `SSL_SESS_CACHE_NO_AUTO_CLEAR`.
pub const SESS_CACHE_NO_AUTO_CLEAR: u32 = 0x0080;
/// `SSL_SESS_CACHE_NO_INTERNAL_LOOKUP`.
pub const SESS_CACHE_NO_INTERNAL_LOOKUP: u32 = 0x0100;
/// `SSL_SESS_CACHE_NO_INTERNAL_STORE`.
pub const SESS_CACHE_NO_INTERNAL_STORE: u32 = 0x0200;

/// `SSL_VERIFY_PEER`.
pub const VERIFY_PEER: i32 = 0x01;
/// `SSL_VERIFY_FAIL_IF_NO_PEER_CERT`.
pub const VERIFY_FAIL_IF_NO_PEER_CERT: i32 = 0x02;
/// `SSL_VERIFY_CLIENT_ONCE`.
pub const VERIFY_CLIENT_ONCE: i32 = 0x04;

/// `SSL_MODE_AUTO_RETRY`, on by default in OpenSSL 3.
pub const MODE_AUTO_RETRY: u64 = 0x4;
/// `SSL_MODE_NO_AUTO_CHAIN`: send a leaf given alone without completing its chain.
pub const MODE_NO_AUTO_CHAIN: u64 = 0x8;

/// `TLS1_2_VERSION`.
pub const TLS1_2_VERSION: u16 = 0x0303;
/// `TLS1_3_VERSION`.
pub const TLS1_3_VERSION: u16 = 0x0304;

/// Whether `v` is a version a min/max setting accepts (0: no bound).
pub fn is_known_version(v: i64) -> bool {
    matches!(v, 0 | 0x0300 | 0x0301 | 0x0302 | 0x0303 | 0x0304)
}
