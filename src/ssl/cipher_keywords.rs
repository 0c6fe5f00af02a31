//! What each keyword of OpenSSL's cipher-string language selects among
//! sessl's TLS 1.2 suites: OpenSSL 3.0's keyword table, and the kinds (key
//! exchange, authentication, encryption, ...) of each suite it matches on.

use super::cipher::{Cipher, CIPHERS};

/// The suites one keyword (or `+`-joined keywords) selects: per attribute,
/// the kinds allowed (0: any), as bit sets; a suite matches when each of its
/// attributes is among the allowed kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Selector {
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

pub(super) const ANY: Selector = Selector {
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
pub(super) fn keyword(word: &str) -> Option<Selector> {
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

pub(super) fn tls12_suites() -> impl Iterator<Item = &'static Cipher> {
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
    pub(super) fn and(self, other: Selector) -> Option<Selector> {
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

    pub(super) fn selects(&self, iana: u16) -> bool {
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
