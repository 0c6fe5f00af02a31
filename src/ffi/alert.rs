//! SSL_alert_type_string(3): alert descriptions as OpenSSL words them.

use std::ffi::{c_char, CStr};
use std::os::raw::c_int;

use super::boundary::entry;

fn describe(code: u8) -> &'static CStr {
    match code {
        0 => c"close notify",
        10 => c"unexpected_message",
        20 => c"bad record mac",
        21 => c"decryption failed",
        22 => c"record overflow",
        30 => c"decompression failure",
        40 => c"handshake failure",
        41 => c"no certificate",
        42 => c"bad certificate",
        43 => c"unsupported certificate",
        44 => c"certificate revoked",
        45 => c"certificate expired",
        46 => c"certificate unknown",
        47 => c"illegal parameter",
        48 => c"unknown CA",
        49 => c"access denied",
        50 => c"decode error",
        51 => c"decrypt error",
        60 => c"export restriction",
        70 => c"protocol version",
        71 => c"insufficient security",
        80 => c"internal error",
        86 => c"inappropriate fallback",
        90 => c"user canceled",
        100 => c"no renegotiation",
        109 => c"missing extension",
        110 => c"unsupported extension",
        111 => c"certificate unobtainable",
        112 => c"unrecognized name",
        113 => c"bad certificate status response",
        114 => c"bad certificate hash value",
        115 => c"unknown PSK identity",
        116 => c"certificate required",
        120 => c"no application protocol",
        _ => c"unknown",
    }
}

/// SSL_alert_type_string(3): `SSL_alert_desc_string_long`, the alert's description.
#[no_mangle]
pub extern "C" fn SSL_alert_desc_string_long(value: c_int) -> *const c_char {
    entry!({ describe((value & 0xff) as u8).as_ptr() })
}

/// SSL_alert_type_string(3): `SSL_alert_type_string_long`: "warning", "fatal" or "unknown".
#[no_mangle]
pub extern "C" fn SSL_alert_type_string_long(value: c_int) -> *const c_char {
    entry!({
        match value >> 8 {
            1 => c"warning".as_ptr(),
            2 => c"fatal".as_ptr(),
            _ => c"unknown".as_ptr(),
        }
    })
}
