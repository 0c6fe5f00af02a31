//! Cipher suites as OpenSSL names them (`SSL_CIPHER`): a static table, so a
//! cipher handle is a `&'static Cipher` that never needs freeing.

use std::ffi::CStr;

use super::error::Error;

/// One cipher suite: its IANA number, OpenSSL name and protocol.
#[derive(Debug)]
pub struct Cipher {
    /// IANA cipher suite number.
    pub iana: u16,
    /// OpenSSL's name (`SSL_CIPHER_get_name`).
    pub name: &'static CStr,
    /// IETF name (`SSL_CIPHER_standard_name`).
    pub standard_name: &'static CStr,
    /// Lowest protocol it runs on (`SSL_CIPHER_get_version`).
    pub version: &'static CStr,
    /// Secret key bits.
    pub bits: i32,
}

macro_rules! ciphers {
    ($( $iana:literal, $name:literal, $std:literal, $ver:literal, $bits:literal; )*) => {
        /// Every suite rustls (aws-lc-rs) can negotiate.
        pub static CIPHERS: &[Cipher] = &[
            $( Cipher { iana: $iana, name: $name, standard_name: $std, version: $ver, bits: $bits }, )*
        ];
    };
}

ciphers! {
    0x1302, c"TLS_AES_256_GCM_SHA384", c"TLS_AES_256_GCM_SHA384", c"TLSv1.3", 256;
    0x1301, c"TLS_AES_128_GCM_SHA256", c"TLS_AES_128_GCM_SHA256", c"TLSv1.3", 128;
    0x1303, c"TLS_CHACHA20_POLY1305_SHA256", c"TLS_CHACHA20_POLY1305_SHA256", c"TLSv1.3", 256;
    0xc02c, c"ECDHE-ECDSA-AES256-GCM-SHA384", c"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", c"TLSv1.2", 256;
    0xc02b, c"ECDHE-ECDSA-AES128-GCM-SHA256", c"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", c"TLSv1.2", 128;
    0xcca9, c"ECDHE-ECDSA-CHACHA20-POLY1305", c"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", c"TLSv1.2", 256;
    0xc030, c"ECDHE-RSA-AES256-GCM-SHA384", c"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", c"TLSv1.2", 256;
    0xc02f, c"ECDHE-RSA-AES128-GCM-SHA256", c"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", c"TLSv1.2", 128;
    0xcca8, c"ECDHE-RSA-CHACHA20-POLY1305", c"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", c"TLSv1.2", 256;
}

/// OpenSSL 3.0's default TLS 1.2 cipher string (`OSSL_default_cipher_list`).
pub const DEFAULT_CIPHER_LIST: &CStr = c"ALL:!COMPLEMENTOFDEFAULT:!eNULL";

/// OpenSSL 3.0's default TLS 1.3 suites (`OSSL_default_ciphersuites`).
pub const DEFAULT_CIPHERSUITES: &CStr =
    c"TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";

/// The suite with this standard (RFC) name, if rustls can run it.
pub fn by_standard_name(name: &CStr) -> Option<&'static Cipher> {
    CIPHERS.iter().find(|c| c.standard_name == name)
}

/// The suite with this IANA number, if rustls can run it.
pub fn by_iana(iana: u16) -> Option<&'static Cipher> {
    CIPHERS.iter().find(|c| c.iana == iana)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rustls_suite_has_a_name() {
        for s in rustls::crypto::aws_lc_rs::ALL_CIPHER_SUITES {
            let iana = u16::from(s.suite());
            assert!(super::by_iana(iana).is_some(), "{:?}", s.suite());
        }
    }
}

/// How a suite exchanges keys (`SSL_CIPHER_get_kx_nid`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyExchange {
    /// Ephemeral ECDH (TLS 1.2).
    Ecdhe,
    /// Chosen by the handshake (TLS 1.3).
    Any,
}

/// How a suite authenticates the server (`SSL_CIPHER_get_auth_nid`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Authentication {
    /// An RSA signature.
    Rsa,
    /// An ECDSA signature.
    Ecdsa,
    /// Chosen by the handshake (TLS 1.3).
    Any,
}

/// A suite's AEAD (`SSL_CIPHER_get_cipher_nid`); every suite sessl runs has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encryption {
    /// AES-128-GCM.
    Aes128Gcm,
    /// AES-256-GCM.
    Aes256Gcm,
    /// ChaCha20-Poly1305.
    ChaCha20Poly1305,
}

/// The hash of a suite's handshake (`SSL_CIPHER_get_handshake_digest`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandshakeDigest {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
}

impl Cipher {
    /// Whether the suite is a TLS 1.3 one.
    pub fn is_tls13(&self) -> bool {
        self.version.to_bytes() == b"TLSv1.3"
    }

    /// Its key exchange, read from its name.
    pub fn key_exchange(&self) -> KeyExchange {
        if self.is_tls13() {
            KeyExchange::Any
        } else {
            KeyExchange::Ecdhe
        }
    }

    /// Its server authentication, read from its name.
    pub fn authentication(&self) -> Authentication {
        if self.is_tls13() {
            Authentication::Any
        } else if self.name.to_bytes().windows(5).any(|w| w == b"ECDSA") {
            Authentication::Ecdsa
        } else {
            Authentication::Rsa
        }
    }

    /// Its AEAD, read from its name and key size.
    pub fn encryption(&self) -> Encryption {
        if self.name.to_bytes().windows(8).any(|w| w == b"CHACHA20") {
            Encryption::ChaCha20Poly1305
        } else if self.bits == 256 {
            Encryption::Aes256Gcm
        } else {
            Encryption::Aes128Gcm
        }
    }

    /// The hash its handshake uses (the name's last part).
    pub fn handshake_digest(&self) -> HandshakeDigest {
        if self.name.to_bytes().ends_with(b"SHA384") {
            HandshakeDigest::Sha384
        } else {
            HandshakeDigest::Sha256
        }
    }
}

/// The line `SSL_CIPHER_description` gives for `c`, newline included: its
/// name, protocol, key exchange, authentication, encryption and MAC (every
/// suite sessl runs is ECDHE with AES-GCM or ChaCha20-Poly1305; TLS 1.3 ones
/// leave Kx and Au to the handshake).
pub fn description(c: &Cipher) -> String {
    let kx = match c.key_exchange() {
        KeyExchange::Any => "any",
        KeyExchange::Ecdhe => "ECDH",
    };
    let au = match c.authentication() {
        Authentication::Any => "any",
        Authentication::Ecdsa => "ECDSA",
        Authentication::Rsa => "RSA",
    };
    let enc = match c.encryption() {
        Encryption::ChaCha20Poly1305 => format!("CHACHA20/POLY1305({})", c.bits),
        Encryption::Aes128Gcm | Encryption::Aes256Gcm => format!("AESGCM({})", c.bits),
    };
    format!(
        "{:<30} {:<7} Kx={:<8} Au={:<5} Enc={:<22} Mac={:<4}\n",
        c.name.to_string_lossy(),
        c.version.to_string_lossy(),
        kx,
        au,
        enc,
        "AEAD"
    )
}

/// The TLS 1.2 suites an OpenSSL cipher list selects (`SSL_CTX_set_cipher_list`),
/// in OpenSSL's order: the cipher-string language of `man 1 ciphers`, read by
/// [`super::cipher_string::parse`]. Selecting nothing is an error, as in OpenSSL.
/// An `@SECLEVEL=n` is dropped here: the setters read it from the parse.
pub fn parse_cipher_list(list: &str) -> Result<Vec<u16>, Error> {
    super::cipher_string::parse(list).map(|parsed| parsed.suites)
}

/// The TLS 1.3 suites of a `:`-separated list (`SSL_CTX_set_ciphersuites`).
/// An empty list is allowed (no TLS 1.3 suite); an unknown name is an error.
pub fn parse_ciphersuites(list: &str) -> Result<Vec<u16>, Error> {
    list.split(':')
        .filter(|w| !w.is_empty())
        .map(|w| {
            CIPHERS
                .iter()
                .find(|c| c.is_tls13() && c.name.to_bytes() == w.as_bytes())
                .map(|c| c.iana)
                .ok_or_else(|| Error::UnknownCipherSuite(w.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod list_tests {
    use super::*;

    #[test]
    fn cipher_lists() {
        let all = parse_cipher_list("ALL").unwrap();
        assert_eq!(all.len(), 6);
        let gcm_rsa =
            parse_cipher_list("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384").unwrap();
        assert_eq!(gcm_rsa, vec![0xc02f, 0xc030]);
        assert_eq!(parse_cipher_list("HIGH:!aRSA").unwrap().len(), 3);
        assert!(parse_cipher_list("RC4-SHA").is_err());
        assert!(parse_cipher_list("").is_err());
        assert_eq!(
            parse_cipher_list("ECDHE+AESGCM+aRSA").unwrap(),
            vec![0xc030, 0xc02f]
        );
    }

    #[test]
    fn descriptions() {
        // OpenSSL's columns, as `openssl ciphers -v` prints them.
        let line = |iana| description(by_iana(iana).unwrap());
        assert_eq!(
            line(0x1301),
            "TLS_AES_128_GCM_SHA256         TLSv1.3 Kx=any      Au=any   \
             Enc=AESGCM(128)            Mac=AEAD\n"
        );
        assert_eq!(
            line(0xcca8),
            "ECDHE-RSA-CHACHA20-POLY1305    TLSv1.2 Kx=ECDH     Au=RSA   \
             Enc=CHACHA20/POLY1305(256) Mac=AEAD\n"
        );
        assert_eq!(
            line(0xc02c),
            "ECDHE-ECDSA-AES256-GCM-SHA384  TLSv1.2 Kx=ECDH     Au=ECDSA \
             Enc=AESGCM(256)            Mac=AEAD\n"
        );
    }

    #[test]
    fn ciphersuites() {
        assert_eq!(
            parse_ciphersuites("TLS_AES_128_GCM_SHA256").unwrap(),
            vec![0x1301]
        );
        assert_eq!(parse_ciphersuites("").unwrap(), Vec::<u16>::new());
        assert!(parse_ciphersuites("TLS_NOPE").is_err());
        assert!(parse_ciphersuites("ECDHE-RSA-AES128-GCM-SHA256").is_err());
    }
}
