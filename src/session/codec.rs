//! sessl's own encoding of a `Session` (what `i2d_SSL_SESSION` writes and
//! `d2i_SSL_SESSION` reads): the parameters, times and, for a server session,
//! rustls' encoded value, so that a server session written out and read back
//! in another process resumes. Bounded and checked field by field: anything
//! malformed, truncated, oversized or of another version is refused.

use super::cursor::ByteCursor;
use super::server_value::ServerValueFields;
use super::session::{Resumption, Session, SessionParameters, Side};

const MAGIC: &[u8; 4] = b"SESL";
/// Version 2 added the peer verification result after the ticket lifetime.
const VERSION: u8 = 2;
/// The largest rustls server value accepted (client certificate chains included).
const MAX_VALUE: usize = 256 * 1024;

/// Why bytes are not a session.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Ended before the session did.
    Truncated,
    /// Not sessl's encoding.
    BadMagic,
    /// A version this sessl does not read.
    UnsupportedVersion(u8),
    /// A field out of range.
    Invalid(&'static str),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Truncated => f.write_str("truncated session"),
            DecodeError::BadMagic => f.write_str("not a session"),
            DecodeError::UnsupportedVersion(v) => write!(f, "unsupported session version {v}"),
            DecodeError::Invalid(what) => write!(f, "invalid session field: {what}"),
        }
    }
}

/// The value read, or `Truncated` when the read passed the end of the input.
fn need<T>(read: Option<T>) -> Result<T, DecodeError> {
    read.ok_or(DecodeError::Truncated)
}

/// A field preceded by its length in one byte, at most `max` bytes: a longer
/// length is `Invalid(what)` even when the bytes are not all there.
fn short_field<'a>(
    r: &mut ByteCursor<'a>,
    max: usize,
    what: &'static str,
) -> Result<&'a [u8], DecodeError> {
    let n = usize::from(need(r.u8())?);
    if n > max {
        return Err(DecodeError::Invalid(what));
    }
    need(r.bytes(n))
}

fn put_short(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(bytes.len().min(255) as u8);
    out.extend_from_slice(&bytes[..bytes.len().min(255)]);
}

impl Session {
    /// The session's encoding (`i2d_SSL_SESSION`).
    pub fn encode(&self) -> Vec<u8> {
        let f = self.parameters();
        let value = self.server_value().unwrap_or_default();
        let mut out = Vec::with_capacity(64 + value.len());
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(u8::from(self.side() == Side::Server));
        out.push(u8::from(f.has_ticket) | (u8::from(self.is_marked_not_resumable()) << 1));
        out.extend_from_slice(&self.protocol_version().to_be_bytes());
        out.extend_from_slice(&self.cipher_suite().to_be_bytes());
        out.extend_from_slice(&self.time().to_be_bytes());
        out.extend_from_slice(&self.timeout().to_be_bytes());
        out.extend_from_slice(&(f.ticket_lifetime_hint as u32).to_be_bytes());
        out.extend_from_slice(&self.verify_result().to_be_bytes());
        put_short(&mut out, &self.id());
        put_short(&mut out, &self.id_context());
        put_short(&mut out, self.hostname().unwrap_or_default().as_bytes());
        put_short(&mut out, &self.master_key());
        out.extend_from_slice(&(value.len() as u32).to_be_bytes());
        out.extend_from_slice(&value);
        out
    }

    /// Reads one session from the start of `bytes` (`d2i_SSL_SESSION`);
    /// returns it and how many bytes it took. A client session comes back
    /// with its parameters but not resumable (rustls cannot export client sessions).
    pub fn decode(bytes: &[u8]) -> Result<(Session, usize), DecodeError> {
        let mut r = ByteCursor::new(bytes);
        if need(r.bytes(4))? != MAGIC {
            return Err(DecodeError::BadMagic);
        }
        let version = match need(r.u8())? {
            v @ (1 | VERSION) => v,
            v => return Err(DecodeError::UnsupportedVersion(v)),
        };
        let side = match need(r.u8())? {
            0 => Side::Client,
            1 => Side::Server,
            _ => return Err(DecodeError::Invalid("side")),
        };
        let flags = need(r.u8())?;
        if flags & !3 != 0 {
            return Err(DecodeError::Invalid("flags"));
        }
        let protocol_version = need(r.u16())?;
        if !matches!(protocol_version, 0x0303 | 0x0304) {
            return Err(DecodeError::Invalid("protocol version"));
        }
        let cipher_suite = need(r.u16())?;
        let time = need(r.i64())?;
        let timeout = need(r.i64())?;
        if timeout < 0 {
            return Err(DecodeError::Invalid("timeout"));
        }
        let lifetime = need(r.u32())?;
        let verify_result = if version >= 2 { need(r.i64())? } else { 0 };
        let id = short_field(&mut r, 32, "session id")?.to_vec();
        let id_context = short_field(&mut r, 32, "session id context")?.to_vec();
        let hostname = short_field(&mut r, 255, "hostname")?;
        let hostname = match hostname {
            [] => None,
            h => Some(String::from_utf8(h.to_vec()).map_err(|_| DecodeError::Invalid("hostname"))?),
        };
        let master_key = short_field(&mut r, 64, "master key")?.to_vec();
        let value_len = need(r.u32())? as usize;
        if value_len > MAX_VALUE {
            return Err(DecodeError::Invalid("value length"));
        }
        let value = need(r.bytes(value_len))?.to_vec();
        let resumption = match side {
            Side::Server => {
                let parsed =
                    ServerValueFields::parse(&value).ok_or(DecodeError::Invalid("server value"))?;
                if parsed.protocol_version != protocol_version
                    || parsed.cipher_suite != cipher_suite
                {
                    return Err(DecodeError::Invalid("server value"));
                }
                Resumption::Server(value)
            }
            Side::Client if value.is_empty() => Resumption::None,
            Side::Client => return Err(DecodeError::Invalid("client value")),
        };
        let parameters = SessionParameters {
            owner: 0,
            protocol_version,
            cipher_suite,
            id,
            id_context,
            hostname,
            master_key,
            has_ticket: flags & 1 != 0,
            ticket_lifetime_hint: u64::from(lifetime),
        };
        let s = Session::new(side, parameters, timeout, resumption);
        s.set_time(time);
        s.set_verify_result(verify_result);
        if flags & 2 != 0 || side == Side::Client {
            s.mark_not_resumable();
        }
        Ok((s, r.position()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server_session() -> Session {
        // sni absent, TLS 1.2, suite c02f, 48-byte master secret, then the rest.
        let mut value = vec![0, 0x03, 0x03, 0xc0, 0x2f, 48];
        value.extend([7u8; 48]);
        value.extend([0, 0, 0, 0, 0]);
        Session::from_server_value(1, vec![9; 32], b"ctx".to_vec(), 300, value)
    }

    #[test]
    fn server_session_round_trips() {
        let s = server_session();
        s.set_time(12345);
        s.set_verify_result(20);
        let bytes = s.encode();
        let (back, used) = Session::decode(&bytes).unwrap();
        assert_eq!(used, bytes.len());
        assert_eq!(back.id(), s.id());
        assert_eq!(&*back.id_context(), b"ctx");
        assert_eq!(back.time(), 12345);
        assert_eq!(back.timeout(), 300);
        assert_eq!(back.master_key(), s.master_key());
        assert_eq!(back.server_value(), s.server_value());
        assert!(back.is_resumable());
        assert_eq!(back.verify_result(), 20);
        assert_eq!(back.encode(), bytes);
    }

    #[test]
    fn malformed_input_is_refused() {
        let bytes = server_session().encode();
        for cut in 0..bytes.len() {
            assert!(Session::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut wrong = bytes.clone();
        wrong[4] = 9;
        assert_eq!(
            Session::decode(&wrong).unwrap_err(),
            DecodeError::UnsupportedVersion(9)
        );
        assert_eq!(
            Session::decode(b"garbage garbage").unwrap_err(),
            DecodeError::BadMagic
        );
        let mut huge = bytes[..bytes.len() - 59].to_vec();
        huge.extend((u32::MAX).to_be_bytes());
        assert!(Session::decode(&huge).is_err());
    }
}

#[cfg(test)]
mod seed_tests {
    use super::*;

    #[test]
    fn the_fuzz_seed_is_a_session() {
        let seed = include_bytes!("../../fuzz/seeds/d2i_session/server-tls12");
        let (s, used) = Session::decode(seed).expect("seed decodes");
        assert_eq!(used, seed.len());
        assert_eq!(&*s.id_context(), b"ctx");
        // A version 1 encoding, from before sessions kept their verify result.
        assert_eq!(seed[4], 1);
        assert_eq!(s.verify_result(), 0);
    }
}

/// Properties over every truncation and every single-byte mutation of valid
/// encodings (a fuzzer-free check of what `fuzz/` checks at random).
#[cfg(test)]
mod property_tests {
    use super::*;

    /// Valid encodings: a TLS 1.2 server session, a TLS 1.3 client session
    /// with a host name, and the version 1 fuzz seed.
    fn valid_encodings() -> Vec<Vec<u8>> {
        let mut value = vec![1, 4, b'h', b'o', b's', b't', 0x03, 0x04, 0x13, 0x01, 32];
        value.extend([5u8; 32]);
        value.extend([0, 0, 0, 0, 0]);
        let server = Session::from_server_value(1, vec![9; 32], b"ctx".to_vec(), 300, value);
        let client = Session::new(
            Side::Client,
            SessionParameters {
                protocol_version: 0x0304,
                cipher_suite: 0x1302,
                id: vec![3; 32],
                hostname: Some("example.test".into()),
                has_ticket: true,
                ticket_lifetime_hint: 7200,
                ..Default::default()
            },
            7200,
            Resumption::None,
        );
        let seed = include_bytes!("../../fuzz/seeds/d2i_session/server-tls12");
        vec![server.encode(), client.encode(), seed.to_vec()]
    }

    /// What the fuzz target asserts: refused, or a session whose own
    /// encoding decodes back whole and re-encodes to the same bytes.
    fn decodes_soundly(bytes: &[u8]) {
        if let Ok((session, used)) = Session::decode(bytes) {
            assert!(used <= bytes.len());
            let again = session.encode();
            let (back, used_again) = Session::decode(&again).expect("own encoding decodes");
            assert_eq!(used_again, again.len());
            assert_eq!(back.encode(), again);
        }
    }

    #[test]
    fn every_truncation_is_refused_without_panic() {
        for bytes in valid_encodings() {
            assert!(Session::decode(&bytes).is_ok());
            for cut in 0..bytes.len() {
                assert!(Session::decode(&bytes[..cut]).is_err(), "cut at {cut}");
            }
        }
    }

    #[test]
    fn every_single_byte_mutation_decodes_soundly_or_is_refused() {
        for bytes in valid_encodings() {
            let mut mutated = bytes.clone();
            for at in 0..bytes.len() {
                for value in 0..=u8::MAX {
                    mutated[at] = value;
                    decodes_soundly(&mutated);
                }
                mutated[at] = bytes[at];
            }
        }
    }

    #[test]
    fn a_valid_encoding_followed_by_more_bytes_decodes_to_its_own_end() {
        for bytes in valid_encodings() {
            let mut longer = bytes.clone();
            longer.extend(b"trailing");
            let (_, used) = Session::decode(&longer).expect("decodes");
            assert_eq!(used, bytes.len());
        }
    }
}
