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

use super::cipher_keywords::{keyword, Selector, ANY};
use super::error::Error;

/// What a cipher string asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CipherString {
    /// The TLS 1.2 suites selected (IANA numbers), in order.
    pub suites: Vec<u16>,
    /// The level of the last `@SECLEVEL=n`, if any.
    pub security_level: Option<u8>,
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
pub(super) const PREFERENCE: [u16; 6] = [0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc02b, 0xc02f];

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

/// Reads a cipher string (see the module's documentation); one that
/// selects no suite is an error.
pub fn parse(list: &str) -> Result<CipherString, Error> {
    let parsed = parse_rules(list)?;
    if parsed.suites.is_empty() {
        return Err(Error::NoCipherMatch(list.to_string()));
    }
    Ok(parsed)
}

/// Reads a cipher string that may select no suite: OpenSSL's setters take
/// such a list (leaving no TLS 1.2 suite) and then report it; only a
/// malformed string leaves the list as it was.
pub fn parse_rules(list: &str) -> Result<CipherString, Error> {
    let fail = || Error::InvalidCipherCommand(list.to_string());
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
            let end = word_end(bytes, at);
            match &rules[at..end] {
                "STRENGTH" => selection.sort_by_strength(),
                command => security_level = Some(security_level_of(command).ok_or_else(fail)?),
            }
            at = next_separator(bytes, end);
            continue;
        };
        let (selector, end) = joined_keywords(rules, at).ok_or_else(fail)?;
        at = end;
        if let Some(selector) = selector {
            selection.apply(op, &selector);
        }
    }
    Ok(CipherString {
        suites: selection.chosen,
        security_level,
    })
}

/// The keywords joined by `+` from `at`: what they select together (`None`
/// when one is unknown, which drops the rest of the word) and where they end;
/// `None` for an empty keyword, which makes the whole string fail.
fn joined_keywords(rules: &str, mut at: usize) -> Option<(Option<Selector>, usize)> {
    let bytes = rules.as_bytes();
    let mut selector = Some(ANY);
    loop {
        let end = word_end(bytes, at);
        if end == at {
            return None;
        }
        selector = selector
            .zip(keyword(&rules[at..end]))
            .and_then(|(s, k)| s.and(k));
        at = end;
        if selector.is_none() {
            return Some((None, next_separator(bytes, at)));
        }
        if bytes.get(at) != Some(&b'+') {
            return Some((selector, at));
        }
        at += 1;
    }
}

/// Where the word starting at `from` ends.
fn word_end(bytes: &[u8], from: usize) -> usize {
    (from..bytes.len())
        .find(|&i| !is_word_byte(bytes[i]))
        .unwrap_or(bytes.len())
}

/// The first separator at or after `from` (or the end).
fn next_separator(bytes: &[u8], from: usize) -> usize {
    (from..bytes.len())
        .find(|&i| is_separator(bytes[i]))
        .unwrap_or(bytes.len())
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
        let mut table: Vec<u16> = crate::ssl::cipher_keywords::tls12_suites()
            .map(|c| c.iana)
            .collect();
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
    fn a_string_selecting_nothing_parses_as_rules_only() {
        assert_eq!(parse_rules("NOPE").unwrap().suites, Vec::<u16>::new());
        assert_eq!(parse_rules("").unwrap().suites, Vec::<u16>::new());
        assert!(parse("NOPE").is_err());
        assert!(parse_rules("ALL:$").is_err());
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
