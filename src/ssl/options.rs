//! OpenSSL option, mode and version constants that change sessl's behaviour.

/// `SSL_OP_IGNORE_UNEXPECTED_EOF`.
pub const OP_IGNORE_UNEXPECTED_EOF: u64 = 1 << 7;
/// `SSL_OP_NO_COMPRESSION`: always so in sessl; on by default in OpenSSL 3.
pub const OP_NO_COMPRESSION: u64 = 1 << 17;
/// `SSL_OP_ENABLE_MIDDLEBOX_COMPAT`: rustls always does it; on by default.
pub const OP_ENABLE_MIDDLEBOX_COMPAT: u64 = 1 << 20;
/// `SSL_OP_CIPHER_SERVER_PREFERENCE`: a server picks the suite by its own order.
pub const OP_CIPHER_SERVER_PREFERENCE: u64 = 1 << 22;
/// The options of a new context, as OpenSSL 3.0 sets them.
pub const DEFAULT_OPTIONS: u64 = OP_ENABLE_MIDDLEBOX_COMPAT | OP_NO_COMPRESSION;
/// `SSL_OP_NO_TICKET`: no stateless tickets; stateful session ids / TLS 1.3 tickets.
pub const OP_NO_TICKET: u64 = 1 << 14;
/// `SSL_OP_NO_ANTI_REPLAY`: a server accepts early data with a ticket used before.
pub const OP_NO_ANTI_REPLAY: u64 = 1 << 24;
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
/// `SSL_SESS_CACHE_UPDATE_TIME`: a session added is stamped with the time.
pub const SESS_CACHE_UPDATE_TIME: u32 = 0x0400;

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

/// `SSL3_RT_MAX_PLAIN_LENGTH`: the largest plaintext of a record, the default
/// `SSL_CTX_set_max_send_fragment`.
pub const MAX_PLAIN_LENGTH: usize = 16384;
/// What a TLS record adds to its plaintext in rustls' reckoning of
/// `max_fragment_size` (the record header).
const RECORD_HEADER: usize = 5;
/// `SSL_MAX_PIPELINES`.
const MAX_PIPELINES: i64 = 32;

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

/// What `SSL_CTX_set_min_proto_version` / `SSL_CTX_set_max_proto_version`
/// do with a number on a TLS context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionBound {
    /// The bound becomes this version (0: none).
    Set(u16),
    /// A DTLS version: OpenSSL answers 1 and leaves a TLS context's bound.
    Unchanged,
    /// A number OpenSSL refuses (0).
    Refused,
}

/// The protocol bound a min/max setting is given.
pub fn proto_version_bound(v: i64) -> VersionBound {
    const DTLS1_BAD_VER: i64 = 0x0100;
    const DTLS_VERSIONS: std::ops::RangeInclusive<i64> = 0xfefd..=0xfeff;
    if is_known_version(v) {
        VersionBound::Set(v as u16)
    } else if v == DTLS1_BAD_VER || DTLS_VERSIONS.contains(&v) {
        VersionBound::Unchanged
    } else {
        VersionBound::Refused
    }
}

/// The size limit `SSL_CTX_sess_set_cache_size` is given (0: no limit), or
/// `None` for a negative one, which OpenSSL refuses (returning 0).
pub fn cache_size_limit(size: i64) -> Option<usize> {
    usize::try_from(size).ok()
}

/// The plaintext size `SSL_CTX_set_max_send_fragment` is given, or `None`
/// outside 512..=16384, which OpenSSL refuses.
pub fn send_fragment_limit(size: i64) -> Option<usize> {
    (512..=MAX_PLAIN_LENGTH as i64)
        .contains(&size)
        .then_some(size as usize)
}

/// Whether `SSL_CTX_set_split_send_fragment` takes `size` under the limit
/// `max_send_fragment`: 1 up to the limit.
pub fn split_fragment_ok(size: i64, max_send_fragment: usize) -> bool {
    size >= 1 && size as u64 <= max_send_fragment as u64
}

/// Whether `SSL_CTX_set_max_pipelines` takes `n`: 1 to `SSL_MAX_PIPELINES`.
pub fn pipelines_ok(n: i64) -> bool {
    (1..=MAX_PIPELINES).contains(&n)
}

/// The block size `SSL_CTX_set_block_padding` asks records to be padded to:
/// `Some(0)` for none (0 and 1), `None` past the largest record, refused.
pub fn block_padding(size: usize) -> Option<usize> {
    match size {
        0 | 1 => Some(0),
        n if n <= MAX_PLAIN_LENGTH => Some(n),
        _ => None,
    }
}

/// The record length a `TLSEXT_max_fragment_length_*` mode asks for:
/// `Some(None)` for `DISABLED`, `None` for a mode RFC 6066 does not define.
pub fn max_fragment_length(mode: u8) -> Option<Option<usize>> {
    match mode {
        0 => Some(None),
        1..=4 => Some(Some(256 << mode)),
        _ => None,
    }
}

/// rustls' `max_fragment_size` for a plaintext limit: the whole record.
pub fn record_size_limit(max_send_fragment: usize) -> Option<usize> {
    (max_send_fragment < MAX_PLAIN_LENGTH).then_some(max_send_fragment + RECORD_HEADER)
}

/// Whether a server with these options chooses the suite by its own order
/// (rustls' `ignore_client_order`).
pub fn server_order_first(options: u64) -> bool {
    options & OP_CIPHER_SERVER_PREFERENCE != 0
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
        use VersionBound::*;
        assert_eq!(proto_version_bound(0), Set(0));
        assert_eq!(proto_version_bound(0x0303), Set(TLS1_2_VERSION));
        assert_eq!(proto_version_bound(0x0304), Set(TLS1_3_VERSION));
        assert_eq!(proto_version_bound(0x0300), Set(0x0300));
        assert_eq!(proto_version_bound(0x0305), Refused);
        assert_eq!(proto_version_bound(0xfefd), Unchanged);
        assert_eq!(proto_version_bound(0x0100), Unchanged);
        assert_eq!(proto_version_bound(0xfefc), Refused);
        assert_eq!(proto_version_bound(-1), Refused);
        assert_eq!(proto_version_bound(0x1_0303), Refused);
    }

    #[test]
    fn a_negative_cache_size_is_refused() {
        assert_eq!(cache_size_limit(0), Some(0));
        assert_eq!(cache_size_limit(20480), Some(20480));
        assert_eq!(cache_size_limit(-1), None);
    }

    #[test]
    fn send_fragments_are_bounded_as_openssl_bounds_them() {
        assert_eq!(send_fragment_limit(511), None);
        assert_eq!(send_fragment_limit(512), Some(512));
        assert_eq!(send_fragment_limit(16384), Some(16384));
        assert_eq!(send_fragment_limit(16385), None);
        assert_eq!(send_fragment_limit(-1), None);
        assert!(split_fragment_ok(1, 512) && split_fragment_ok(512, 512));
        assert!(!split_fragment_ok(0, 512) && !split_fragment_ok(513, 512));
        assert!(!split_fragment_ok(-1, 16384));
        assert!(pipelines_ok(1) && pipelines_ok(32));
        assert!(!pipelines_ok(0) && !pipelines_ok(33) && !pipelines_ok(-1));
        assert_eq!(record_size_limit(MAX_PLAIN_LENGTH), None);
        assert_eq!(record_size_limit(512), Some(517));
    }

    #[test]
    fn padding_and_fragment_length_modes_are_openssls() {
        assert_eq!(block_padding(0), Some(0));
        assert_eq!(block_padding(1), Some(0));
        assert_eq!(block_padding(16384), Some(16384));
        assert_eq!(block_padding(16385), None);
        assert_eq!(max_fragment_length(0), Some(None));
        assert_eq!(max_fragment_length(1), Some(Some(512)));
        assert_eq!(max_fragment_length(4), Some(Some(4096)));
        assert_eq!(max_fragment_length(5), None);
    }

    #[test]
    fn server_preference_is_one_option_bit() {
        assert!(server_order_first(
            DEFAULT_OPTIONS | OP_CIPHER_SERVER_PREFERENCE
        ));
        assert!(!server_order_first(DEFAULT_OPTIONS));
        assert_eq!(DEFAULT_OPTIONS, 0x120000);
    }
}
