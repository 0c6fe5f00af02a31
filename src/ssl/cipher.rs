//! Cipher suites as OpenSSL names them (`SSL_CIPHER`): a static table, so a
//! cipher handle is a `&'static Cipher` that never needs freeing.

use std::ffi::CStr;

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
