//! The name lists of OpenSSL's configuration commands `Protocol`, `Options`
//! and `VerifyMode` (SSL_CONF_cmd(3)), and the bits each name turns on or
//! off. A list is parsed as OpenSSL's `CONF_parse_list` with `,` and
//! blanks trimmed; each element may start with `+` (on) or `-` (off).

use super::conf_table::{FLAG_CLIENT, FLAG_SERVER};

/// What a name's bits are: options, certificate flags or verify mode bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagKind {
    /// `SSL_OP_*` options.
    Option,
    /// `SSL_CERT_FLAG_*` (only `SSL_CERT_FLAG_TLS_STRICT` is named).
    Cert,
    /// `SSL_VERIFY_*` mode bits.
    Verify,
}

/// One change a command makes: `bits` of `kind` set (`on`) or cleared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlagChange {
    pub kind: FlagKind,
    pub bits: u64,
    pub on: bool,
}

/// A name of a list: the sides it is recognised for, whether it clears the
/// bits it names when turned on (`inverted`, e.g. `SessionTicket` clears
/// `SSL_OP_NO_TICKET`), and the bits.
#[derive(Clone, Copy, Debug)]
struct ListName {
    name: &'static str,
    sides: u32,
    inverted: bool,
    kind: FlagKind,
    bits: u64,
}

const BOTH: u32 = FLAG_CLIENT | FLAG_SERVER;

const fn name(name: &'static str, sides: u32, inverted: bool, bits: u64) -> ListName {
    ListName {
        name,
        sides,
        inverted,
        kind: FlagKind::Option,
        bits,
    }
}

const fn verify(name: &'static str, sides: u32, bits: u64) -> ListName {
    ListName {
        name,
        sides,
        inverted: false,
        kind: FlagKind::Verify,
        bits,
    }
}

/// OpenSSL 3.0's `SSL_OP_*` bits the commands name.
pub mod op {
    pub const NO_EXTENDED_MASTER_SECRET: u64 = 1 << 0;
    pub const LEGACY_SERVER_CONNECT: u64 = 1 << 2;
    pub const ENABLE_KTLS: u64 = 1 << 3;
    pub const TLSEXT_PADDING: u64 = 1 << 4;
    pub const SAFARI_ECDHE_ECDSA_BUG: u64 = 1 << 6;
    pub const ALLOW_CLIENT_RENEGOTIATION: u64 = 1 << 8;
    pub const DISABLE_TLSEXT_CA_NAMES: u64 = 1 << 9;
    pub const ALLOW_NO_DHE_KEX: u64 = 1 << 10;
    pub const DONT_INSERT_EMPTY_FRAGMENTS: u64 = 1 << 11;
    pub const NO_TICKET: u64 = 1 << 14;
    pub const NO_SESSION_RESUMPTION_ON_RENEGOTIATION: u64 = 1 << 16;
    pub const NO_COMPRESSION: u64 = 1 << 17;
    pub const ALLOW_UNSAFE_LEGACY_RENEGOTIATION: u64 = 1 << 18;
    pub const NO_ENCRYPT_THEN_MAC: u64 = 1 << 19;
    pub const ENABLE_MIDDLEBOX_COMPAT: u64 = 1 << 20;
    pub const PRIORITIZE_CHACHA: u64 = 1 << 21;
    pub const CIPHER_SERVER_PREFERENCE: u64 = 1 << 22;
    pub const NO_ANTI_REPLAY: u64 = 1 << 24;
    pub const NO_SSLV3: u64 = 1 << 25;
    pub const NO_TLSV1: u64 = 1 << 26;
    pub const NO_TLSV1_2: u64 = 1 << 27;
    pub const NO_TLSV1_1: u64 = 1 << 28;
    pub const NO_TLSV1_3: u64 = 1 << 29;
    pub const NO_DTLSV1: u64 = NO_TLSV1;
    pub const NO_DTLSV1_2: u64 = NO_TLSV1_2;
    pub const NO_RENEGOTIATION: u64 = 1 << 30;
    pub const CRYPTOPRO_TLSEXT_BUG: u64 = 1 << 31;
    /// `SSL_OP_SINGLE_DH_USE`, `SSL_OP_SINGLE_ECDH_USE`, `SSL_OP_NO_SSLv2`: 0 in 3.0.
    pub const NONE: u64 = 0;
    /// `SSL_OP_NO_SSL_MASK`.
    pub const NO_SSL_MASK: u64 = NO_SSLV3 | NO_TLSV1 | NO_TLSV1_1 | NO_TLSV1_2 | NO_TLSV1_3;
    /// `SSL_OP_ALL` (without `SSL_OP_LEGACY_SERVER_CONNECT` since 3.0).
    pub const ALL: u64 = CRYPTOPRO_TLSEXT_BUG
        | DONT_INSERT_EMPTY_FRAGMENTS
        | TLSEXT_PADDING
        | SAFARI_ECDHE_ECDSA_BUG;
}

/// `SSL_CERT_FLAG_TLS_STRICT`.
pub const CERT_FLAG_TLS_STRICT: u64 = 1;

/// The names of `Protocol`.
const PROTOCOLS: &[ListName] = &[
    name("ALL", BOTH, true, op::NO_SSL_MASK),
    name("SSLv2", BOTH, true, op::NONE),
    name("SSLv3", BOTH, true, op::NO_SSLV3),
    name("TLSv1", BOTH, true, op::NO_TLSV1),
    name("TLSv1.1", BOTH, true, op::NO_TLSV1_1),
    name("TLSv1.2", BOTH, true, op::NO_TLSV1_2),
    name("TLSv1.3", BOTH, true, op::NO_TLSV1_3),
    name("DTLSv1", BOTH, true, op::NO_DTLSV1),
    name("DTLSv1.2", BOTH, true, op::NO_DTLSV1_2),
];

/// The names of `Options`.
const OPTIONS: &[ListName] = &[
    name("SessionTicket", BOTH, true, op::NO_TICKET),
    name(
        "EmptyFragments",
        BOTH,
        true,
        op::DONT_INSERT_EMPTY_FRAGMENTS,
    ),
    name("Bugs", BOTH, false, op::ALL),
    name("Compression", BOTH, true, op::NO_COMPRESSION),
    name(
        "ServerPreference",
        FLAG_SERVER,
        false,
        op::CIPHER_SERVER_PREFERENCE,
    ),
    name(
        "NoResumptionOnRenegotiation",
        FLAG_SERVER,
        false,
        op::NO_SESSION_RESUMPTION_ON_RENEGOTIATION,
    ),
    name("DHSingle", FLAG_SERVER, false, op::NONE),
    name("ECDHSingle", FLAG_SERVER, false, op::NONE),
    name(
        "UnsafeLegacyRenegotiation",
        BOTH,
        false,
        op::ALLOW_UNSAFE_LEGACY_RENEGOTIATION,
    ),
    name(
        "UnsafeLegacyServerConnect",
        BOTH,
        false,
        op::LEGACY_SERVER_CONNECT,
    ),
    name(
        "ClientRenegotiation",
        BOTH,
        false,
        op::ALLOW_CLIENT_RENEGOTIATION,
    ),
    name("EncryptThenMac", BOTH, true, op::NO_ENCRYPT_THEN_MAC),
    name("NoRenegotiation", BOTH, false, op::NO_RENEGOTIATION),
    name("AllowNoDHEKEX", BOTH, false, op::ALLOW_NO_DHE_KEX),
    name("PrioritizeChaCha", BOTH, false, op::PRIORITIZE_CHACHA),
    name("MiddleboxCompat", BOTH, false, op::ENABLE_MIDDLEBOX_COMPAT),
    name("AntiReplay", BOTH, true, op::NO_ANTI_REPLAY),
    name(
        "ExtendedMasterSecret",
        BOTH,
        true,
        op::NO_EXTENDED_MASTER_SECRET,
    ),
    name("CANames", BOTH, true, op::DISABLE_TLSEXT_CA_NAMES),
    name("KTLS", BOTH, false, op::ENABLE_KTLS),
];

/// The names of `VerifyMode`.
const VERIFY_MODES: &[ListName] = &[
    verify("Peer", FLAG_CLIENT, 0x1),
    verify("Request", FLAG_SERVER, 0x1),
    verify("Require", FLAG_SERVER, 0x1 | 0x2),
    verify("Once", FLAG_SERVER, 0x1 | 0x4),
    verify("RequestPostHandshake", FLAG_SERVER, 0x1 | 0x8),
    verify("RequirePostHandshake", FLAG_SERVER, 0x1 | 0x8 | 0x2),
];

/// The lists a command parses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameList {
    Protocol,
    Options,
    VerifyMode,
}

impl NameList {
    fn names(self) -> &'static [ListName] {
        match self {
            NameList::Protocol => PROTOCOLS,
            NameList::Options => OPTIONS,
            NameList::VerifyMode => VERIFY_MODES,
        }
    }
}

/// A parsed list: the changes of its elements in order up to the first
/// element OpenSSL refuses (OpenSSL applies those before failing), and
/// whether every element was taken.
#[derive(Debug, PartialEq, Eq)]
pub struct ParsedList {
    pub changes: Vec<FlagChange>,
    pub complete: bool,
}

/// The change `element` names in `list` for a configuration context whose
/// flags are `conf_flags` (a name for the other side is not recognised).
fn element_change(list: NameList, element: &str, conf_flags: u32) -> Option<FlagChange> {
    let (on, bare) = match element.as_bytes().first() {
        Some(b'+') => (true, &element[1..]),
        Some(b'-') => (false, &element[1..]),
        _ => (true, element),
    };
    let entry = list
        .names()
        .iter()
        .filter(|n| conf_flags & n.sides & BOTH != 0)
        .find(|n| n.name.eq_ignore_ascii_case(bare))?;
    Some(FlagChange {
        kind: entry.kind,
        bits: entry.bits,
        on: on != entry.inverted,
    })
}

/// Parses `value` as `list` for a context with `conf_flags`, as OpenSSL's
/// `CONF_parse_list(value, ',', 1, ...)`: an empty element is refused.
pub fn parse_list(list: NameList, value: &str, conf_flags: u32) -> ParsedList {
    let mut changes = Vec::new();
    for element in value.split(',') {
        let element = element.trim_matches(|c: char| c.is_ascii_whitespace());
        if element.is_empty() {
            return ParsedList {
                changes,
                complete: false,
            };
        }
        match element_change(list, element, conf_flags) {
            Some(c) => changes.push(c),
            None => {
                return ParsedList {
                    changes,
                    complete: false,
                }
            }
        }
    }
    ParsedList {
        changes,
        complete: true,
    }
}

/// Applies `change` to `bits`.
pub fn apply_change(bits: u64, change: &FlagChange) -> u64 {
    if change.on {
        bits | change.bits
    } else {
        bits & !change.bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVER: u32 = FLAG_SERVER;

    fn option(bits: u64, on: bool) -> FlagChange {
        FlagChange {
            kind: FlagKind::Option,
            bits,
            on,
        }
    }

    #[test]
    fn an_inverted_name_clears_its_bits_when_turned_on() {
        let p = parse_list(NameList::Options, "SessionTicket,-Compression", SERVER);
        assert!(p.complete);
        assert_eq!(
            p.changes,
            vec![
                option(op::NO_TICKET, false),
                option(op::NO_COMPRESSION, true)
            ]
        );
    }

    #[test]
    fn names_match_without_case_and_with_blanks_trimmed() {
        let p = parse_list(NameList::Protocol, " -tlsv1.2 , +ALL", FLAG_CLIENT);
        assert!(p.complete);
        assert_eq!(
            p.changes,
            vec![option(op::NO_TLSV1_2, true), option(op::NO_SSL_MASK, false)]
        );
    }

    #[test]
    fn elements_before_a_bad_one_are_kept_and_the_list_fails() {
        let p = parse_list(NameList::Options, "-SessionTicket,Nope,Bugs", SERVER);
        assert!(!p.complete);
        assert_eq!(p.changes, vec![option(op::NO_TICKET, true)]);
        assert!(!parse_list(NameList::Options, "Bugs,,Bugs", SERVER).complete);
        assert!(!parse_list(NameList::Options, "", SERVER).complete);
    }

    #[test]
    fn a_name_for_the_other_side_or_no_side_is_not_recognised() {
        assert!(!parse_list(NameList::Options, "ServerPreference", FLAG_CLIENT).complete);
        assert!(parse_list(NameList::Options, "ServerPreference", SERVER).complete);
        assert!(!parse_list(NameList::Options, "Bugs", 0).complete);
        assert!(!parse_list(NameList::VerifyMode, "Peer", SERVER).complete);
        let p = parse_list(NameList::VerifyMode, "Request,Once", SERVER);
        assert_eq!(p.changes[1].bits, 0x5);
        assert_eq!(p.changes[1].kind, FlagKind::Verify);
    }

    #[test]
    fn a_change_sets_or_clears_its_bits() {
        assert_eq!(apply_change(0b100, &option(0b011, true)), 0b111);
        assert_eq!(apply_change(0b111, &option(0b011, false)), 0b100);
    }
}
