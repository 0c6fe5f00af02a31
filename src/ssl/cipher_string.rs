//! OpenSSL 3.0's cipher-string language (`man 1 ciphers`), as
//! `SSL_CTX_set_cipher_list` reads it, over sessl's TLS 1.2 suites.
//!
//! The behaviour, order included, is OpenSSL's as its `openssl ciphers`
//! command shows it, restricted to the suites in [`super::cipher::CIPHERS`]:
//! - words are separated by `:`, `,`, `;` or spaces; a word is letters,
//!   digits, `-`, `.` and `=`; `+` joins keywords that must all match;
//! - `!` removes for good, `-` removes (a later word may add back; the most
//!   recently removed come first when it does), `+` moves to the end,
//!   `@STRENGTH` sorts by secret key bits (stable), `@SECLEVEL=n` (0 to 5);
//! - a string that begins with `DEFAULT` starts from the default list, and
//!   one that begins with a `SUITEB` keyword is replaced by its Suite B list;
//! - a keyword OpenSSL does not know is skipped up to the next separator;
//!   any other character, an empty keyword or an unknown `@` command makes
//!   the whole string fail, and so does a selection with no suite.
//!
//! One divergence, in malformed strings only: OpenSSL's suite names that sessl
//! lacks (`AES128-SHA`, ...) are unknown here, so `AES128-SHA+!x` or
//! `AES128-SHA$` is skipped where OpenSSL refuses the whole string.

use super::cipher::{Cipher, CIPHERS};
use super::error::Error;

/// What a cipher string asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CipherString {
    /// The TLS 1.2 suites selected (IANA numbers), in order.
    pub suites: Vec<u16>,
    /// The level of the last `@SECLEVEL=n`, if any.
    pub security_level: Option<u8>,
}

/// The suites one keyword (or `+`-joined keywords) selects: per attribute,
/// the kinds allowed (0: any), as bit sets; a suite matches when each of its
/// attributes is among the allowed kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Selector {
    key_exchange: u32,
    auth: u32,
    encryption: u32,
    mac: u32,
    strength: u32,
    /// Only suites outside OpenSSL's default list (`COMPLEMENTOFDEFAULT`).
    not_default: bool,
    protocol: u32,
    iana: Option<u16>,
}

// Key exchange kinds.
const KX_ECDHE: u32 = 1;
const KX_RSA: u32 = 1 << 1;
const KX_DHE: u32 = 1 << 2;
const KX_PSK: u32 = 1 << 3;
const KX_ECDHE_PSK: u32 = 1 << 4;
const KX_DHE_PSK: u32 = 1 << 5;
const KX_RSA_PSK: u32 = 1 << 6;
const KX_SRP: u32 = 1 << 7;
// Authentication kinds.
const AU_RSA: u32 = 1;
const AU_ECDSA: u32 = 1 << 1;
const AU_DSS: u32 = 1 << 2;
const AU_NULL: u32 = 1 << 3;
const AU_PSK: u32 = 1 << 4;
const AU_SRP: u32 = 1 << 5;
// Encryption kinds.
const EN_AES128_GCM: u32 = 1;
const EN_AES256_GCM: u32 = 1 << 1;
const EN_CHACHA20: u32 = 1 << 2;
const EN_AES128_CBC: u32 = 1 << 3;
const EN_AES256_CBC: u32 = 1 << 4;
const EN_AES_CCM: u32 = 1 << 5;
const EN_AES_CCM8: u32 = 1 << 6;
const EN_ARIA: u32 = 1 << 7;
const EN_CAMELLIA128: u32 = 1 << 8;
const EN_CAMELLIA256: u32 = 1 << 9;
const EN_3DES: u32 = 1 << 10;
const EN_NULL: u32 = 1 << 11;
const EN_AES128: u32 = EN_AES128_GCM | EN_AES128_CBC;
const EN_AES256: u32 = EN_AES256_GCM | EN_AES256_CBC;
const EN_AESGCM: u32 = EN_AES128_GCM | EN_AES256_GCM;
const EN_AESCCM: u32 = EN_AES_CCM | EN_AES_CCM8;
const EN_NOT_NULL: u32 = !EN_NULL;
// MAC kinds.
const MAC_AEAD: u32 = 1;
const MAC_SHA1: u32 = 1 << 1;
const MAC_SHA256: u32 = 1 << 2;
const MAC_SHA384: u32 = 1 << 3;
const MAC_MD5: u32 = 1 << 4;
// Strength classes.
const ST_HIGH: u32 = 1;
const ST_MEDIUM: u32 = 1 << 1;
const ST_LOW: u32 = 1 << 2;
const ST_FIPS: u32 = 1 << 3;
// Lowest protocol.
const PR_TLS12: u32 = 1;
const PR_TLS10: u32 = 1 << 1;
const PR_SSL3: u32 = 1 << 2;

const ANY: Selector = Selector {
    key_exchange: 0,
    auth: 0,
    encryption: 0,
    mac: 0,
    strength: 0,
    not_default: false,
    protocol: 0,
    iana: None,
};

const fn kx(key_exchange: u32) -> Selector {
    Selector {
        key_exchange,
        ..ANY
    }
}
const fn au(auth: u32) -> Selector {
    Selector { auth, ..ANY }
}
const fn en(encryption: u32) -> Selector {
    Selector { encryption, ..ANY }
}
const fn mac(mac: u32) -> Selector {
    Selector { mac, ..ANY }
}
const fn strength(strength: u32, encryption: u32) -> Selector {
    Selector {
        strength,
        encryption,
        ..ANY
    }
}
const fn kx_au(key_exchange: u32, auth: u32) -> Selector {
    Selector {
        key_exchange,
        auth,
        ..ANY
    }
}
const fn protocol(protocol: u32) -> Selector {
    Selector { protocol, ..ANY }
}

/// OpenSSL 3.0's keywords (those its default provider keeps), each with what
/// it selects. Many select none of sessl's suites; they are known all the same,
/// so that a string using them parses as OpenSSL parses it.
const KEYWORDS: &[(&str, Selector)] = &[
    ("ALL", en(EN_NOT_NULL)),
    ("COMPLEMENTOFALL", en(EN_NULL)),
    (
        "COMPLEMENTOFDEFAULT",
        Selector {
            not_default: true,
            ..ANY
        },
    ),
    ("HIGH", strength(ST_HIGH, 0)),
    ("MEDIUM", strength(ST_MEDIUM, 0)),
    ("LOW", strength(ST_LOW, 0)),
    ("FIPS", strength(ST_FIPS, EN_NOT_NULL)),
    ("eNULL", en(EN_NULL)),
    ("NULL", en(EN_NULL)),
    ("aNULL", au(AU_NULL)),
    ("kRSA", kx(KX_RSA)),
    ("RSA", kx(KX_RSA)),
    ("aRSA", au(AU_RSA)),
    ("kDHE", kx(KX_DHE)),
    ("kEDH", kx(KX_DHE)),
    ("DH", kx(KX_DHE | KX_DHE_PSK)),
    ("DHE", kx_au(KX_DHE, !AU_NULL)),
    ("EDH", kx_au(KX_DHE, !AU_NULL)),
    ("ADH", kx_au(KX_DHE, AU_NULL)),
    ("kECDHE", kx(KX_ECDHE)),
    ("kEECDH", kx(KX_ECDHE)),
    ("ECDH", kx(KX_ECDHE | KX_ECDHE_PSK)),
    ("ECDHE", kx_au(KX_ECDHE, !AU_NULL)),
    ("EECDH", kx_au(KX_ECDHE, !AU_NULL)),
    ("AECDH", kx_au(KX_ECDHE, AU_NULL)),
    ("aDSS", au(AU_DSS)),
    ("DSS", au(AU_DSS)),
    ("aECDSA", au(AU_ECDSA)),
    ("ECDSA", au(AU_ECDSA)),
    ("PSK", kx(KX_PSK | KX_ECDHE_PSK | KX_DHE_PSK | KX_RSA_PSK)),
    ("kPSK", kx(KX_PSK)),
    ("kECDHEPSK", kx(KX_ECDHE_PSK)),
    ("kDHEPSK", kx(KX_DHE_PSK)),
    ("kRSAPSK", kx(KX_RSA_PSK)),
    ("aPSK", au(AU_PSK)),
    ("SRP", kx(KX_SRP)),
    ("kSRP", kx(KX_SRP)),
    ("aSRP", au(AU_SRP)),
    ("TLSv1.2", protocol(PR_TLS12)),
    ("TLSv1.0", protocol(PR_TLS10)),
    ("TLSv1", protocol(PR_TLS10)),
    ("SSLv3", protocol(PR_SSL3)),
    ("AES", en(EN_AES128 | EN_AES256 | EN_AESCCM)),
    ("AES128", en(EN_AES128)),
    ("AES256", en(EN_AES256)),
    ("AESGCM", en(EN_AESGCM)),
    ("AESCCM", en(EN_AESCCM)),
    ("AESCCM8", en(EN_AES_CCM8)),
    ("CHACHA20", en(EN_CHACHA20)),
    ("CAMELLIA", en(EN_CAMELLIA128 | EN_CAMELLIA256)),
    ("CAMELLIA128", en(EN_CAMELLIA128)),
    ("CAMELLIA256", en(EN_CAMELLIA256)),
    ("ARIA", en(EN_ARIA)),
    ("ARIA128", en(EN_ARIA)),
    ("ARIA256", en(EN_ARIA)),
    ("ARIAGCM", en(EN_ARIA)),
    ("3DES", en(EN_3DES)),
    (
        "CBC",
        en(EN_AES128_CBC | EN_AES256_CBC | EN_CAMELLIA128 | EN_CAMELLIA256 | EN_3DES),
    ),
    ("MD5", mac(MAC_MD5)),
    ("SHA1", mac(MAC_SHA1)),
    ("SHA", mac(MAC_SHA1)),
    ("SHA256", mac(MAC_SHA256)),
    ("SHA384", mac(MAC_SHA384)),
];

/// What a keyword selects: an alias above or the OpenSSL name of one of
/// sessl's TLS 1.2 suites. OpenSSL's other suite names are unknown here.
fn keyword(word: &str) -> Option<Selector> {
    KEYWORDS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, selector)| *selector)
        .or_else(|| {
            tls12_suites()
                .find(|c| c.name.to_bytes() == word.as_bytes())
                .map(suite_kinds)
        })
}

fn tls12_suites() -> impl Iterator<Item = &'static Cipher> {
    CIPHERS
        .iter()
        .filter(|c| c.version.to_bytes() == b"TLSv1.2")
}

/// A suite's kinds, read from its OpenSSL name: every TLS 1.2 suite sessl
/// runs is ECDHE, RSA or ECDSA signed, AES-GCM or ChaCha20-Poly1305, strong.
fn suite_kinds(c: &Cipher) -> Selector {
    let name = c.name.to_str().unwrap_or("");
    let (encryption, strength) = if name.contains("CHACHA20") {
        (EN_CHACHA20, ST_HIGH)
    } else if c.bits == 256 {
        (EN_AES256_GCM, ST_HIGH | ST_FIPS)
    } else {
        (EN_AES128_GCM, ST_HIGH | ST_FIPS)
    };
    Selector {
        key_exchange: KX_ECDHE,
        auth: if name.contains("-ECDSA-") {
            AU_ECDSA
        } else {
            AU_RSA
        },
        encryption,
        mac: MAC_AEAD,
        strength,
        not_default: false,
        protocol: PR_TLS12,
        iana: Some(c.iana),
    }
}

/// Both sets of kinds (0 allows any); `None` when they share none.
fn both(a: u32, b: u32) -> Option<u32> {
    match (a, b) {
        (0, x) | (x, 0) => Some(x),
        _ => Some(a & b).filter(|x| *x != 0),
    }
}

impl Selector {
    /// What `self+other` selects; `None` when the two exclude each other,
    /// which OpenSSL treats as an unknown keyword.
    fn and(self, other: Selector) -> Option<Selector> {
        let iana = match (self.iana, other.iana) {
            (Some(a), Some(b)) if a != b => return None,
            (a, b) => a.or(b),
        };
        Some(Selector {
            key_exchange: both(self.key_exchange, other.key_exchange)?,
            auth: both(self.auth, other.auth)?,
            encryption: both(self.encryption, other.encryption)?,
            mac: both(self.mac, other.mac)?,
            strength: both(self.strength, other.strength)?,
            not_default: self.not_default || other.not_default,
            protocol: both(self.protocol, other.protocol)?,
            iana,
        })
    }

    fn selects(&self, iana: u16) -> bool {
        let Some(c) = tls12_suites().find(|c| c.iana == iana) else {
            return false;
        };
        let kinds = suite_kinds(c);
        let allows = |allowed: u32, kind: u32| allowed == 0 || allowed & kind != 0;
        allows(self.key_exchange, kinds.key_exchange)
            && allows(self.auth, kinds.auth)
            && allows(self.encryption, kinds.encryption)
            && allows(self.mac, kinds.mac)
            && allows(self.strength, kinds.strength)
            && !self.not_default
            && allows(self.protocol, kinds.protocol)
            && self.iana.is_none_or(|i| i == iana)
    }
}

/// What a word does with the suites it selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operator {
    /// No prefix: appends those not yet chosen (nor banned).
    Add,
    /// `-`: takes them out; a later word may add them back.
    Remove,
    /// `!`: takes them out for good.
    Ban,
    /// `+`: moves the chosen ones to the end.
    MoveToEnd,
}

/// The suites chosen so far, in order, and those that may still be added,
/// in the order a keyword adds them.
#[derive(Debug)]
struct Selection {
    chosen: Vec<u16>,
    available: Vec<u16>,
}

/// OpenSSL's own preference among sessl's suites, the order in which a
/// keyword adds them (`openssl ciphers -v ALL`): ECDHE first, then by
/// strength with AES-GCM before ChaCha20 at 256 bits, ECDSA before RSA.
const PREFERENCE: [u16; 6] = [0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc02b, 0xc02f];

impl Selection {
    fn new() -> Selection {
        Selection {
            chosen: Vec::new(),
            available: PREFERENCE.to_vec(),
        }
    }

    fn apply(&mut self, op: Operator, selector: &Selector) {
        let hit = |iana: &u16| selector.selects(*iana);
        match op {
            Operator::Add => {
                let (added, left): (Vec<u16>, Vec<u16>) =
                    self.available.iter().copied().partition(hit);
                self.chosen.extend(added);
                self.available = left;
            }
            Operator::Remove => {
                // The most recently removed are the first a later word adds back.
                let (removed, kept): (Vec<u16>, Vec<u16>) =
                    self.chosen.iter().copied().partition(hit);
                self.chosen = kept;
                self.available.splice(0..0, removed);
            }
            Operator::Ban => {
                self.chosen.retain(|i| !hit(i));
                self.available.retain(|i| !hit(i));
            }
            Operator::MoveToEnd => {
                let (moved, kept): (Vec<u16>, Vec<u16>) =
                    self.chosen.iter().copied().partition(hit);
                self.chosen = kept.into_iter().chain(moved).collect();
            }
        }
    }

    /// `@STRENGTH`: the strongest first, ties kept in order.
    fn sort_by_strength(&mut self) {
        let bits = |iana: &u16| super::cipher::by_iana(*iana).map_or(0, |c| c.bits);
        self.chosen.sort_by_key(|i| std::cmp::Reverse(bits(i)));
    }
}

/// The list a string starting with a Suite B keyword stands for (the rest of
/// the string is ignored, as OpenSSL ignores it). OpenSSL's Suite B mode also
/// restricts curves and signature algorithms; sessl does not.
fn suite_b_list(list: &str) -> Option<&'static str> {
    const P256: &str = "ECDHE-ECDSA-AES128-GCM-SHA256";
    const P384: &str = "ECDHE-ECDSA-AES256-GCM-SHA384";
    [
        ("SUITEB128ONLY", P256),
        ("SUITEB128C2", P384),
        (
            "SUITEB128",
            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384",
        ),
        ("SUITEB192", P384),
    ]
    .into_iter()
    .find(|(prefix, _)| list.starts_with(prefix))
    .map(|(_, suites)| suites)
}

fn is_separator(b: u8) -> bool {
    matches!(b, b':' | b',' | b';' | b' ')
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'=')
}

/// Reads a cipher string (see the module's documentation).
pub fn parse(list: &str) -> Result<CipherString, Error> {
    let fail = || Error::NoCipherMatch(list.to_string());
    let text = suite_b_list(list).unwrap_or(list);
    let mut selection = Selection::new();
    let mut security_level = None;
    let rules = match text.strip_prefix("DEFAULT") {
        Some(rest) => {
            // OpenSSL's default, `ALL:!COMPLEMENTOFDEFAULT:!eNULL`, is ALL here.
            selection.apply(Operator::Add, &ANY);
            rest
        }
        None => text,
    };
    let bytes = rules.as_bytes();
    let mut at = 0;
    let word_end = |from: usize| {
        (from..bytes.len())
            .find(|&i| !is_word_byte(bytes[i]))
            .unwrap_or(bytes.len())
    };
    let skip_to_separator = |from: usize| {
        (from..bytes.len())
            .find(|&i| is_separator(bytes[i]))
            .unwrap_or(bytes.len())
    };
    while at < bytes.len() {
        if is_separator(bytes[at]) {
            at += 1;
            continue;
        }
        let op = match bytes[at] {
            b'!' => Some(Operator::Ban),
            b'-' => Some(Operator::Remove),
            b'+' => Some(Operator::MoveToEnd),
            b'@' => None,
            _ => Some(Operator::Add),
        };
        if op != Some(Operator::Add) {
            at += 1;
        }
        let Some(op) = op else {
            let end = word_end(at);
            match &rules[at..end] {
                "STRENGTH" => selection.sort_by_strength(),
                command => security_level = Some(security_level_of(command).ok_or_else(fail)?),
            }
            at = skip_to_separator(end);
            continue;
        };
        // Keywords joined by `+`; an unknown one drops the rest of the word.
        let mut selector = Some(ANY);
        loop {
            let end = word_end(at);
            if end == at {
                return Err(fail());
            }
            selector = selector
                .zip(keyword(&rules[at..end]))
                .and_then(|(s, k)| s.and(k));
            at = end;
            if selector.is_none() {
                at = skip_to_separator(at);
                break;
            }
            if bytes.get(at) != Some(&b'+') {
                break;
            }
            at += 1;
        }
        if let Some(selector) = selector {
            selection.apply(op, &selector);
        }
    }
    if selection.chosen.is_empty() {
        return Err(fail());
    }
    Ok(CipherString {
        suites: selection.chosen,
        security_level,
    })
}

/// The level of `SECLEVEL=n`, n a single digit from 0 to 5.
fn security_level_of(command: &str) -> Option<u8> {
    match command.strip_prefix("SECLEVEL=")?.as_bytes() {
        [digit @ b'0'..=b'5'] => Some(digit - b'0'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const E256: u16 = 0xc02c;
    const R256: u16 = 0xc030;
    const ECHACHA: u16 = 0xcca9;
    const RCHACHA: u16 = 0xcca8;
    const E128: u16 = 0xc02b;
    const R128: u16 = 0xc02f;

    fn suites(list: &str) -> Vec<u16> {
        parse(list).unwrap().suites
    }

    #[test]
    fn preference_is_the_whole_table() {
        let mut table: Vec<u16> = tls12_suites().map(|c| c.iana).collect();
        let mut preference = PREFERENCE.to_vec();
        table.sort_unstable();
        preference.sort_unstable();
        assert_eq!(table, preference);
    }

    #[test]
    fn add_follows_openssl_preference() {
        assert_eq!(suites("ALL"), PREFERENCE.to_vec());
        assert_eq!(
            suites("CHACHA20:AES"),
            [ECHACHA, RCHACHA, E256, R256, E128, R128]
        );
        assert_eq!(
            suites("aRSA:aECDSA"),
            [R256, RCHACHA, R128, E256, ECHACHA, E128]
        );
        assert_eq!(suites("AES:AES"), [E256, R256, E128, R128]);
    }

    #[test]
    fn remove_lets_a_later_word_add_back_most_recent_first() {
        assert_eq!(suites("AES128:-AESGCM:AESGCM"), [E128, R128, E256, R256]);
        assert_eq!(
            suites("ALL:-ECDSA:-CHACHA20:ALL"),
            [R256, R128, RCHACHA, E256, ECHACHA, E128]
        );
    }

    #[test]
    fn ban_is_for_good() {
        assert_eq!(suites("ALL:!ECDSA:ECDSA"), [R256, RCHACHA, R128]);
        assert_eq!(suites("!ECDSA:ALL"), [R256, RCHACHA, R128]);
        assert!(parse("ALL:!ALL").is_err());
    }

    #[test]
    fn move_to_end_keeps_order() {
        assert_eq!(
            suites("ALL:+AES+ECDSA"),
            [R256, ECHACHA, RCHACHA, R128, E256, E128]
        );
        assert!(parse("+AES").is_err(), "+ only moves what is chosen");
    }

    #[test]
    fn strength_sort_is_stable() {
        assert_eq!(
            suites("AES128:CHACHA20:AES256:@STRENGTH"),
            [ECHACHA, RCHACHA, E256, R256, E128, R128]
        );
        assert_eq!(suites("ALL:AES128@STRENGTH"), PREFERENCE.to_vec());
        assert!(parse("@STRENGTH").is_err());
    }

    #[test]
    fn joined_keywords_all_match() {
        assert_eq!(suites("ECDHE+AESGCM+aRSA"), [R256, R128]);
        assert_eq!(suites("FIPS+AES128"), [E128, R128]);
        assert!(parse("HIGH+FIPS").is_err());
        assert!(parse("aRSA+aECDSA").is_err());
        assert_eq!(suites("ECDHE-RSA-AES128-GCM-SHA256+aRSA"), [R128]);
    }

    #[test]
    fn security_level_is_recorded() {
        let parsed = parse("@SECLEVEL=2:ALL").unwrap();
        assert_eq!(parsed.security_level, Some(2));
        for bad in [
            "@SECLEVEL=6:ALL",
            "@SECLEVEL=02:ALL",
            "@SECLEVEL:ALL",
            "@FOO:ALL",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse("ALL:@SECLEVEL=3+AES$").unwrap().security_level,
            Some(3)
        );
    }

    #[test]
    fn default_and_suite_b_prefixes() {
        assert_eq!(suites("DEFAULT:!AES"), [ECHACHA, RCHACHA]);
        assert_eq!(suites("DEFAULT!AES"), [ECHACHA, RCHACHA]);
        assert_eq!(suites("ECDSA:DEFAULT"), [E256, ECHACHA, E128]);
        assert!(parse(":DEFAULT").is_err());
        assert_eq!(suites("SUITEB128:ALL"), [E128, E256]);
        assert_eq!(suites("SUITEB192"), [E256]);
        assert_eq!(suites("SUITEB128ONLY"), [E128]);
    }

    #[test]
    fn unknown_words_are_skipped_bad_characters_fail() {
        assert_eq!(suites("NOPE:AES"), [E256, R256, E128, R128]);
        assert_eq!(suites("ALL:NOPE$:RC4+"), PREFERENCE.to_vec());
        assert!(parse("kRSA").is_err());
        assert!(parse("").is_err());
        for bad in [
            "ALL:$",
            "ALL:AES$",
            "ALL:AES+",
            "ALL:!",
            "ALL:-!AES",
            "ALL\tAES",
            "ALL:DHE_",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(suites("ALL;!ECDSA"), [R256, RCHACHA, R128]);
        assert_eq!(
            suites("AES CHACHA20"),
            [E256, R256, E128, R128, ECHACHA, RCHACHA]
        );
    }
}
