//! Facts OpenSSL's getters give from the peer's plaintext hello messages,
//! which rustls keeps to itself: a client's offer (its ClientHello, which a
//! server keeps) and a server's answer (its ServerHello and, in TLS 1.2, its
//! ServerKeyExchange, which a client keeps as read). Bounded parsers: any
//! byte string gives an answer or `None`, never a panic.

use crate::session::ByteCursor;

use super::client_hello::ClientHello;

/// Extension types.
const SERVER_NAME: u16 = 0;
const SUPPORTED_GROUPS: u16 = 10;
const EC_POINT_FORMATS: u16 = 11;
const SIGNATURE_ALGORITHMS: u16 = 13;
const EXTENDED_MASTER_SECRET: u16 = 23;
const SUPPORTED_VERSIONS: u16 = 43;
const KEY_SHARE: u16 = 51;
const RENEGOTIATION_INFO: u16 = 0xff01;
/// `TLS_EMPTY_RENEGOTIATION_INFO_SCSV`.
const RENEGOTIATION_SCSV: [u8; 2] = [0x00, 0xff];
/// Handshake message types.
const SERVER_HELLO: u8 = 2;
const SERVER_KEY_EXCHANGE: u8 = 12;
/// A HelloRetryRequest's random: SHA-256 of "HelloRetryRequest".
const HELLO_RETRY_RANDOM: [u8; 32] = [
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];
/// `ECCurveType.named_curve`.
const NAMED_CURVE: u8 = 3;

/// A list of two-byte values (groups, schemes) after its length.
fn u16_list(data: &[u8]) -> Vec<u16> {
    let mut c = ByteCursor::new(data);
    let Some(list) = c.u16_prefixed() else {
        return Vec::new();
    };
    list.chunks_exact(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]))
        .collect()
}

/// A one-byte-length list (EC point formats).
fn u8_list(data: &[u8]) -> Vec<u8> {
    ByteCursor::new(data)
        .u8_prefixed()
        .map(<[u8]>::to_vec)
        .unwrap_or_default()
}

/// What a client offered.
impl ClientHello {
    /// Its supported_groups, in its order.
    pub fn groups(&self) -> Vec<u16> {
        self.extension(SUPPORTED_GROUPS)
            .map(u16_list)
            .unwrap_or_default()
    }

    /// Its signature_algorithms, in its order.
    pub fn signature_schemes(&self) -> Vec<u16> {
        self.extension(SIGNATURE_ALGORITHMS)
            .map(u16_list)
            .unwrap_or_default()
    }

    /// Its ec_point_formats.
    pub fn ec_point_formats(&self) -> Vec<u8> {
        self.extension(EC_POINT_FORMATS)
            .map(u8_list)
            .unwrap_or_default()
    }

    /// Whether it offers extended_master_secret.
    pub fn offers_extended_master_secret(&self) -> bool {
        self.extension(EXTENDED_MASTER_SECRET).is_some()
    }

    /// Whether it signals secure renegotiation (RFC 5746): the
    /// renegotiation_info extension or the SCSV among its suites.
    pub fn offers_secure_renegotiation(&self) -> bool {
        self.extension(RENEGOTIATION_INFO).is_some()
            || self
                .ciphers()
                .chunks_exact(2)
                .any(|s| s == RENEGOTIATION_SCSV)
    }

    /// The key it shared for `group` (TLS 1.3 key_share).
    pub fn key_share(&self, group: u16) -> Option<Vec<u8>> {
        let mut c = ByteCursor::new(self.extension(KEY_SHARE)?);
        let mut shares = ByteCursor::new(c.u16_prefixed()?);
        while !shares.is_empty() {
            let g = shares.u16()?;
            let key = shares.u16_prefixed()?;
            if g == group {
                return Some(key.to_vec());
            }
        }
        None
    }
}

/// What a server answered, from the plaintext handshake messages a client read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerFlight {
    /// The ServerHello's extensions: type and data.
    extensions: Vec<(u16, Vec<u8>)>,
    /// The ServerKeyExchange's named curve and public point (TLS 1.2 ECDHE).
    key_exchange: Option<(u16, Vec<u8>)>,
}

impl ServerFlight {
    /// The flight in `messages` (handshake messages, concatenated as read).
    pub fn parse(messages: &[u8]) -> Self {
        let mut flight = ServerFlight::default();
        let mut c = ByteCursor::new(messages);
        while let (Some(kind), Some(body)) = (c.u8(), c.u24_prefixed()) {
            match kind {
                SERVER_HELLO => {
                    flight.extensions = server_hello_extensions(body).unwrap_or_default()
                }
                SERVER_KEY_EXCHANGE => flight.key_exchange = ecdhe_params(body),
                _ => {}
            }
        }
        flight
    }

    /// Whether the last ServerHello of `messages` (a flight as read) is a
    /// HelloRetryRequest (RFC 8446 4.1.3: its random is a fixed value): the
    /// ServerHello proper is still to come, in plaintext, after the
    /// ChangeCipherSpec a middlebox-compatible server sends with it.
    pub fn ends_in_hello_retry(messages: &[u8]) -> bool {
        let mut last = None;
        let mut c = ByteCursor::new(messages);
        while let (Some(kind), Some(body)) = (c.u8(), c.u24_prefixed()) {
            if kind == SERVER_HELLO {
                last = body.get(2..34);
            }
        }
        last == Some(&HELLO_RETRY_RANDOM[..])
    }

    fn extension(&self, kind: u16) -> Option<&[u8]> {
        self.extensions
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, d)| d.as_slice())
    }

    /// Whether the server chose TLS 1.3 (its supported_versions extension,
    /// which only a TLS 1.3 ServerHello carries).
    pub fn selected_tls13(&self) -> bool {
        self.extension(SUPPORTED_VERSIONS) == Some(&[0x03, 0x04][..])
    }

    /// Whether the server acknowledged the client's server name (TLS 1.2:
    /// an empty server_name extension in its ServerHello).
    pub fn acknowledged_server_name(&self) -> bool {
        self.extension(SERVER_NAME).is_some()
    }

    /// Whether the server agreed to extended_master_secret.
    pub fn extended_master_secret(&self) -> bool {
        self.extension(EXTENDED_MASTER_SECRET).is_some()
    }

    /// Whether the server sent renegotiation_info (RFC 5746).
    pub fn secure_renegotiation(&self) -> bool {
        self.extension(RENEGOTIATION_INFO).is_some()
    }

    /// The server's ec_point_formats.
    pub fn ec_point_formats(&self) -> Vec<u8> {
        self.extension(EC_POINT_FORMATS)
            .map(u8_list)
            .unwrap_or_default()
    }

    /// The server's key share: its group and public key (TLS 1.3
    /// key_share, else TLS 1.2 ServerKeyExchange).
    pub fn key_share(&self) -> Option<(u16, Vec<u8>)> {
        if let Some(data) = self.extension(KEY_SHARE) {
            let mut c = ByteCursor::new(data);
            let group = c.u16()?;
            return Some((group, c.u16_prefixed()?.to_vec()));
        }
        self.key_exchange.clone()
    }
}

/// A ServerHello body's extensions.
fn server_hello_extensions(body: &[u8]) -> Option<Vec<(u16, Vec<u8>)>> {
    let mut c = ByteCursor::new(body);
    c.bytes(2 + 32)?; // version, random
    c.u8_prefixed()?; // session id
    c.bytes(3)?; // suite, compression
    let mut out = Vec::new();
    if c.is_empty() {
        return Some(out);
    }
    let mut exts = ByteCursor::new(c.u16_prefixed()?);
    while !exts.is_empty() {
        let kind = exts.u16()?;
        out.push((kind, exts.u16_prefixed()?.to_vec()));
    }
    Some(out)
}

/// The named curve and point of an ECDHE ServerKeyExchange.
fn ecdhe_params(body: &[u8]) -> Option<(u16, Vec<u8>)> {
    let mut c = ByteCursor::new(body);
    if c.u8()? != NAMED_CURVE {
        return None;
    }
    let group = c.u16()?;
    Some((group, c.u8_prefixed()?.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server_hello(exts: &[u8]) -> Vec<u8> {
        let mut body = vec![3, 3];
        body.extend([9u8; 32]);
        body.extend([0, 0x13, 0x01, 0]);
        body.extend((exts.len() as u16).to_be_bytes());
        body.extend(exts);
        let mut msg = vec![2, 0, 0, body.len() as u8];
        msg.extend(body);
        msg
    }

    #[test]
    fn a_flight_ending_in_a_hello_retry_request_is_told() {
        let mut flight = server_hello(&[0, 51, 0, 2, 0, 25]);
        assert!(!ServerFlight::ends_in_hello_retry(&flight));
        flight[6..38].copy_from_slice(&HELLO_RETRY_RANDOM);
        assert!(ServerFlight::ends_in_hello_retry(&flight));
        // The ServerHello proper after it: its key share is the server's.
        let mut share = vec![0, 51, 0, 137, 0, 25, 0, 133];
        share.extend([4u8; 133]);
        flight.extend(server_hello(&share));
        assert!(!ServerFlight::ends_in_hello_retry(&flight));
        let parsed = ServerFlight::parse(&flight);
        assert_eq!(parsed.key_share(), Some((25, vec![4u8; 133])));
    }

    #[test]
    fn reads_a_tls13_server_hello() {
        let exts = [0, 51, 0, 8, 0, 0x1d, 0, 4, 1, 2, 3, 4, 0, 43, 0, 2, 3, 4];
        let f = ServerFlight::parse(&server_hello(&exts));
        assert_eq!(f.key_share(), Some((0x1d, vec![1, 2, 3, 4])));
        assert!(f.selected_tls13());
        assert!(!f.extended_master_secret());
        assert!(f.ec_point_formats().is_empty());
    }

    #[test]
    fn sees_the_servers_renegotiation_info() {
        let with = ServerFlight::parse(&server_hello(&[0xff, 0x01, 0, 1, 0]));
        assert!(with.secure_renegotiation());
        let without = ServerFlight::parse(&server_hello(&[0, 23, 0, 0]));
        assert!(!without.acknowledged_server_name());
        assert!(ServerFlight::parse(&server_hello(&[0, 0, 0, 0])).acknowledged_server_name());
        assert!(!without.secure_renegotiation());
    }

    #[test]
    fn reads_a_tls12_flight() {
        let mut flight = server_hello(&[0, 23, 0, 0, 0, 11, 0, 2, 1, 0]);
        flight.extend([11, 0, 0, 2, 0xaa, 0xbb]); // a Certificate, skipped
        flight.extend([12, 0, 0, 7, 3, 0, 23, 3, 4, 5, 6]);
        let f = ServerFlight::parse(&flight);
        assert!(!f.selected_tls13());
        assert!(f.extended_master_secret());
        assert_eq!(f.ec_point_formats(), vec![0]);
        assert_eq!(f.key_share(), Some((23, vec![4, 5, 6])));
    }

    #[test]
    fn no_prefix_or_mutation_panics() {
        let mut flight = server_hello(&[0, 23, 0, 0, 0, 51, 0, 6, 0, 0x17, 0, 2, 7, 8]);
        flight.extend([12, 0, 0, 5, 3, 0, 23, 1, 4]);
        for cut in 0..flight.len() {
            let _ = ServerFlight::parse(&flight[..cut]).key_share();
        }
        let mut m = flight.clone();
        for at in 0..flight.len() {
            for v in [0u8, 1, 0x7f, 0xff] {
                m[at] = v;
                let f = ServerFlight::parse(&m);
                let _ = (f.key_share(), f.ec_point_formats());
            }
            m[at] = flight[at];
        }
    }

    #[test]
    fn reads_a_client_offer() {
        fn record(exts: &[u8]) -> Vec<u8> {
            let mut body = vec![3, 3];
            body.extend([7u8; 32]);
            body.extend([0, 0, 2, 0x13, 0x01, 1, 0]);
            body.extend((exts.len() as u16).to_be_bytes());
            body.extend(exts);
            let mut hs = vec![1, 0, 0, body.len() as u8];
            hs.extend(body);
            let mut rec = vec![22, 3, 1, 0, hs.len() as u8];
            rec.extend(hs);
            rec
        }
        let exts = [
            0, 10, 0, 6, 0, 4, 0, 0x17, 0, 0x1d, // groups
            0, 13, 0, 6, 0, 4, 8, 4, 4, 3, // sigalgs
            0, 11, 0, 2, 1, 0, // point formats
            0, 23, 0, 0, // ems
            0, 51, 0, 10, 0, 8, 0, 0x1d, 0, 4, 1, 2, 3, 4, // key share
        ];
        let h = ClientHello::parse(&record(&exts)).unwrap();
        assert_eq!(h.groups(), vec![0x17, 0x1d]);
        assert_eq!(h.signature_schemes(), vec![0x0804, 0x0403]);
        assert_eq!(h.ec_point_formats(), vec![0]);
        assert!(h.offers_extended_master_secret());
        assert_eq!(h.key_share(0x1d), Some(vec![1, 2, 3, 4]));
        assert_eq!(h.key_share(0x17), None);
    }
}
