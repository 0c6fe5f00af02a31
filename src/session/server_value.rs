//! Reads the fields sessl needs from rustls' encoded `ServerSessionValue`
//! (server name, version, cipher suite, master secret, then extended master
//! secret, the client's certificate, ALPN and application data). rustls
//! exposes the encoding but not these fields; the layout is its `Codec` for
//! that type. The later fields are optional: a value that ends early keeps
//! their defaults.

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
    pub master_secret: super::Secret,
    /// Whether the extended master secret was used.
    pub extended_ms: bool,
    /// The client's certificate (DER), when it sent one.
    pub client_certificate: Option<Vec<u8>>,
    /// The ALPN protocol selected (empty: none).
    pub alpn: Vec<u8>,
    /// The application data carried with the session.
    pub application_data: Vec<u8>,
}

/// The fields after the master secret.
struct Tail {
    extended_ms: bool,
    client_certificate: Option<Vec<u8>>,
    alpn: Vec<u8>,
    application_data: Vec<u8>,
}

fn tail(c: &mut ByteCursor<'_>) -> Option<Tail> {
    let extended_ms = c.u8()? == 1;
    let client_certificate = match c.u8()? {
        1 => {
            let mut chain = ByteCursor::new(c.u24_prefixed()?);
            (!chain.is_empty())
                .then(|| chain.u24_prefixed().map(<[u8]>::to_vec))
                .flatten()
        }
        _ => None,
    };
    let alpn = match c.u8()? {
        1 => c.u8_prefixed()?.to_vec(),
        _ => Vec::new(),
    };
    let application_data = c.u16_prefixed()?.to_vec();
    Some(Tail {
        extended_ms,
        client_certificate,
        alpn,
        application_data,
    })
}

/// Where the application data lies in an encoded value: its length prefix's
/// offset and the offset just past the data.
fn application_data_span(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut c = ByteCursor::new(bytes);
    if c.u8()? == 1 {
        c.u8_prefixed()?;
    }
    c.u16()?;
    c.u16()?;
    c.u8_prefixed()?;
    c.u8()?;
    if c.u8()? == 1 {
        c.u24_prefixed()?;
    }
    if c.u8()? == 1 {
        c.u8_prefixed()?;
    }
    let start = c.position();
    c.u16_prefixed()?;
    Some((start, c.position()))
}

/// The encoded value with its application data replaced by `data` (which
/// must fit a 16-bit length); `None` when the bytes are not such a value.
pub fn with_application_data(bytes: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    let (start, end) = application_data_span(bytes)?;
    let len = u16::try_from(data.len()).ok()?;
    let mut out = Vec::with_capacity(bytes.len() + data.len());
    out.extend_from_slice(&bytes[..start]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(&bytes[end..]);
    Some(out)
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
        let master_secret = super::Secret::copy_of(c.u8_prefixed()?);
        let mut fields = ServerValueFields {
            sni,
            protocol_version,
            cipher_suite,
            master_secret,
            ..Default::default()
        };
        if let Some(t) = tail(&mut c) {
            fields.extended_ms = t.extended_ms;
            fields.client_certificate = t.client_certificate;
            fields.alpn = t.alpn;
            fields.application_data = t.application_data;
        }
        Some(fields)
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
    fn parses_the_later_fields() {
        let mut b = vec![0, 0x03, 0x03, 0xc0, 0x30, 1, 7, 1];
        b.extend([1, 0, 0, 5, 0, 0, 2, 0xaa, 0xbb]);
        b.extend([1, 2, b'h', b'2', 0, 3, b'x', b'y', b'z']);
        let f = ServerValueFields::parse(&b).unwrap();
        assert!(f.extended_ms);
        assert_eq!(f.client_certificate, Some(vec![0xaa, 0xbb]));
        assert_eq!(f.alpn, b"h2");
        assert_eq!(f.application_data, b"xyz");
        let f = ServerValueFields::parse(&b[..10]).unwrap();
        assert!(!f.extended_ms && f.client_certificate.is_none());
    }

    #[test]
    fn the_application_data_is_replaced_in_place() {
        let mut b = vec![
            0, 0x03, 0x03, 0xc0, 0x30, 1, 7, 1, 0, 1, 2, b'h', b'2', 0, 3,
        ];
        b.extend(b"xyz");
        b.extend([0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 1]);
        let out = with_application_data(&b, b"appdata").unwrap();
        let f = ServerValueFields::parse(&out).unwrap();
        assert_eq!(f.application_data, b"appdata");
        assert_eq!(f.alpn, b"h2");
        assert_eq!(&out[out.len() - 12..], &b[b.len() - 12..]);
        assert_eq!(with_application_data(&b[..10], b"x"), None);
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
