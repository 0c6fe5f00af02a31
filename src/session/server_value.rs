//! Reads the fields sessl needs from rustls' encoded `ServerSessionValue`
//! (server name, version, cipher suite, master secret). rustls exposes the
//! encoding but not these fields; the layout is its `Codec` for that type.

use super::cursor::ByteCursor;

/// The leading fields of an encoded rustls server session value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerValueFields {
    /// Server name the client asked for.
    pub sni: Option<String>,
    /// Wire protocol version.
    pub protocol_version: u16,
    /// IANA cipher suite.
    pub cipher_suite: u16,
    /// Master secret (TLS 1.2) or ticket PSK (TLS 1.3).
    pub master_secret: Vec<u8>,
}

impl ServerValueFields {
    /// Parses the leading fields; `None` when the bytes are not such a value.
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        let mut c = ByteCursor::new(bytes);
        let sni = match c.u8()? {
            0 => None,
            1 => Some(String::from_utf8(c.u8_prefixed()?.to_vec()).ok()?),
            _ => return None,
        };
        let protocol_version = c.u16()?;
        let cipher_suite = c.u16()?;
        let master_secret = c.u8_prefixed()?.to_vec();
        Some(ServerValueFields {
            sni,
            protocol_version,
            cipher_suite,
            master_secret,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_leading_fields() {
        let mut b = vec![1, 3, b'a', b'b', b'c', 0x03, 0x04, 0x13, 0x01, 2, 9, 8, 0];
        let f = ServerValueFields::parse(&b).unwrap();
        assert_eq!(f.sni.as_deref(), Some("abc"));
        assert_eq!(f.protocol_version, 0x0304);
        assert_eq!(f.cipher_suite, 0x1301);
        assert_eq!(f.master_secret, vec![9, 8]);
        b.truncate(7);
        assert_eq!(ServerValueFields::parse(&b), None);
        assert_eq!(ServerValueFields::parse(&[7]), None);
    }

    #[test]
    fn every_truncation_is_refused_and_no_mutation_panics() {
        let b = [1, 3, b'a', b'b', b'c', 0x03, 0x04, 0x13, 0x01, 2, 9, 8];
        assert!(ServerValueFields::parse(&b).is_some());
        for cut in 0..b.len() {
            assert_eq!(ServerValueFields::parse(&b[..cut]), None, "cut at {cut}");
        }
        let mut mutated = b;
        for at in 0..b.len() {
            for value in 0..=u8::MAX {
                mutated[at] = value;
                let _ = ServerValueFields::parse(&mutated);
            }
            mutated[at] = b[at];
        }
    }
}
