//! SSL_alert_type_string(3): the short forms, two letters for a description
//! and one for a level, as OpenSSL 3.0 spells them (checked against it).

use std::ffi::{c_char, CStr};
use std::os::raw::c_int;

use super::boundary::entry;

fn abbreviate(code: u8) -> &'static CStr {
    match code {
        0 => c"CN",
        10 => c"UM",
        20 => c"BM",
        21 => c"DC",
        22 => c"RO",
        30 => c"DF",
        40 => c"HF",
        41 => c"NC",
        42 => c"BC",
        43 => c"UC",
        44 => c"CR",
        45 => c"CE",
        46 => c"CU",
        47 => c"IP",
        48 => c"CA",
        49 => c"AD",
        50 => c"DE",
        51 => c"CY",
        60 => c"ER",
        70 => c"PV",
        71 => c"IS",
        80 => c"IE",
        90 => c"US",
        100 => c"NR",
        110 => c"UE",
        111 => c"CO",
        112 => c"UN",
        113 => c"BR",
        114 => c"BH",
        115 => c"UP",
        _ => c"UK",
    }
}

/// SSL_alert_type_string(3): `SSL_alert_desc_string`: the description's two-letter code ("UK" if unknown).
#[no_mangle]
pub extern "C" fn SSL_alert_desc_string(value: c_int) -> *const c_char {
    entry!({ abbreviate((value & 0xff) as u8).as_ptr() })
}

/// SSL_alert_type_string(3): the level's letter: "W" warning, "F" fatal, "U" unknown.
#[no_mangle]
pub extern "C" fn SSL_alert_type_string(value: c_int) -> *const c_char {
    entry!({
        match value >> 8 {
            1 => c"W",
            2 => c"F",
            _ => c"U",
        }
        .as_ptr()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(p: *const c_char) -> String {
        // SAFETY: both functions return pointers to static NUL-terminated strings.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }

    #[test]
    fn alerts_are_abbreviated_as_openssl_does() {
        assert_eq!(text(SSL_alert_desc_string(0)), "CN");
        assert_eq!(text(SSL_alert_desc_string(2 << 8 | 40)), "HF");
        assert_eq!(text(SSL_alert_desc_string(112)), "UN");
        assert_eq!(text(SSL_alert_desc_string(86)), "UK");
        assert_eq!(text(SSL_alert_type_string(1 << 8)), "W");
        assert_eq!(text(SSL_alert_type_string(2 << 8 | 40)), "F");
        assert_eq!(text(SSL_alert_type_string(0)), "U");
    }
}
