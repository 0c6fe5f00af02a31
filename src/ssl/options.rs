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

/// Sets `bits` in an option or mode word (`SSL_CTX_set_options`,
/// `SSL_CTX_set_mode`); returns the new word, as OpenSSL does.
pub fn set_bits(word: &mut u64, bits: u64) -> u64 {
    *word |= bits;
    *word
}

/// Clears `bits` in an option or mode word (`SSL_CTX_clear_options`,
/// `SSL_CTX_clear_mode`); returns the new word.
pub fn clear_bits(word: &mut u64, bits: u64) -> u64 {
    *word &= !bits;
    *word
}

/// The protocol bound `SSL_CTX_set_min_proto_version` /
/// `SSL_CTX_set_max_proto_version` is given (0: none), or `None` for a number
/// OpenSSL refuses.
pub fn proto_version_bound(v: i64) -> Option<u16> {
    is_known_version(v).then_some(v as u16)
}

/// The size limit `SSL_CTX_sess_set_cache_size` is given (0: no limit), or
/// `None` for a negative one, which OpenSSL refuses (returning 0).
pub fn cache_size_limit(size: i64) -> Option<usize> {
    usize::try_from(size).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_are_set_and_cleared_and_the_new_word_returned() {
        let mut word = MODE_AUTO_RETRY;
        assert_eq!(set_bits(&mut word, MODE_NO_AUTO_CHAIN), 0xc);
        assert_eq!(clear_bits(&mut word, MODE_AUTO_RETRY), MODE_NO_AUTO_CHAIN);
        assert_eq!(clear_bits(&mut word, OP_NO_TICKET), MODE_NO_AUTO_CHAIN);
        assert_eq!(word, MODE_NO_AUTO_CHAIN);
    }

    #[test]
    fn only_protocol_versions_are_bounds() {
        assert_eq!(proto_version_bound(0), Some(0));
        assert_eq!(proto_version_bound(0x0303), Some(TLS1_2_VERSION));
        assert_eq!(proto_version_bound(0x0304), Some(TLS1_3_VERSION));
        assert_eq!(proto_version_bound(0x0300), Some(0x0300));
        assert_eq!(proto_version_bound(0x0305), None);
        assert_eq!(proto_version_bound(0xfeff), None);
        assert_eq!(proto_version_bound(-1), None);
        assert_eq!(proto_version_bound(0x1_0303), None);
    }

    #[test]
    fn a_negative_cache_size_is_refused() {
        assert_eq!(cache_size_limit(0), Some(0));
        assert_eq!(cache_size_limit(20480), Some(20480));
        assert_eq!(cache_size_limit(-1), None);
    }
}
