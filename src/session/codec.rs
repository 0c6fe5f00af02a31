//! sessl's own encoding of a `Session` (what `i2d_SSL_SESSION` writes and
//! `d2i_SSL_SESSION` reads): the parameters, times, the fields an application
//! reads (ALPN, ticket, ticket appdata, peer certificate, ...) and, for a
//! server session, rustls' encoded value, so that a server session written
//! out and read back in another process resumes. A client session carries a
//! token naming its live rustls value in this process (`exported.rs`): read
//! back in the same process it resumes, elsewhere it does not. Bounded and
//! checked field by field: anything malformed, truncated, oversized or of
//! another version is refused.

use super::clock::now_secs;
use super::cursor::ByteCursor;
use super::details::SessionDetails;
use super::exported::{ExportKey, ExportToken, ExportedValues, TOKEN_LEN};
use super::server_value::ServerValueFields;
use super::session::{Resumption, Session, SessionParameters, Side};

const MAGIC: &[u8; 4] = b"SESL";
/// Version 2 added the peer verification result after the ticket lifetime;
/// version 3 the fields after the rustls value (`Extras`).
const VERSION: u8 = 3;
/// The largest rustls server value accepted (client certificate chains included).
const MAX_VALUE: usize = 256 * 1024;
/// The largest ticket, ticket appdata or peer certificate accepted.
const MAX_EXTRA: usize = 64 * 1024;

/// The bits of the version 3 extras' flags byte.
const EXTRA_EXTENDED_MS: u8 = 1;
const EXTRA_APPDATA: u8 = 2;
const EXTRA_PEER: u8 = 4;
const EXTRA_TOKEN: u8 = 8;

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

/// A field preceded by its length in four bytes, at most `max` bytes.
fn long_field<'a>(
    r: &mut ByteCursor<'a>,
    max: usize,
    what: &'static str,
) -> Result<&'a [u8], DecodeError> {
    let n = need(r.u32())? as usize;
    if n > max {
        return Err(DecodeError::Invalid(what));
    }
    need(r.bytes(n))
}

fn put_short(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(bytes.len().min(255) as u8);
    out.extend_from_slice(&bytes[..bytes.len().min(255)]);
}

fn put_long(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}

/// What version 3 writes after the rustls value.
#[derive(Default)]
struct Extras {
    extended_ms: bool,
    alpn: Vec<u8>,
    max_early_data: u32,
    ticket: Vec<u8>,
    ticket_appdata: Option<Vec<u8>>,
    peer_certificate: Option<Vec<u8>>,
    token: Option<ExportToken>,
}

impl Extras {
    fn of(d: &SessionDetails, token: Option<ExportToken>) -> Self {
        Extras {
            extended_ms: d.extended_master_secret,
            alpn: d.alpn_selected.to_vec(),
            max_early_data: d.max_early_data,
            ticket: d.ticket.to_vec(),
            ticket_appdata: d.ticket_appdata.as_deref().map(<[u8]>::to_vec),
            peer_certificate: d.peer_certificate.clone(),
            token,
        }
    }

    /// What versions 1 and 2 knew of them: a server value's own fields.
    fn of_server_value(value: &[u8]) -> Self {
        let parsed = ServerValueFields::parse(value).unwrap_or_default();
        Extras {
            extended_ms: parsed.extended_ms,
            alpn: parsed.alpn,
            ticket_appdata: (!parsed.application_data.is_empty())
                .then_some(parsed.application_data),
            peer_certificate: parsed.client_certificate,
            ..Default::default()
        }
    }

    fn write(&self, out: &mut Vec<u8>) {
        let bit = |on: bool, bit: u8| if on { bit } else { 0 };
        let flags = bit(self.extended_ms, EXTRA_EXTENDED_MS)
            | bit(self.ticket_appdata.is_some(), EXTRA_APPDATA)
            | bit(self.peer_certificate.is_some(), EXTRA_PEER)
            | bit(self.token.is_some(), EXTRA_TOKEN);
        out.push(flags);
        put_short(out, &self.alpn);
        out.extend_from_slice(&self.max_early_data.to_be_bytes());
        put_long(out, &self.ticket[..self.ticket.len().min(MAX_EXTRA)]);
        let optional = [&self.ticket_appdata, &self.peer_certificate];
        for bytes in optional.into_iter().flatten() {
            put_long(out, &bytes[..bytes.len().min(MAX_EXTRA)]);
        }
        if let Some(token) = &self.token {
            out.extend_from_slice(token);
        }
    }

    fn read(r: &mut ByteCursor<'_>) -> Result<Self, DecodeError> {
        let flags = need(r.u8())?;
        if flags & !(EXTRA_EXTENDED_MS | EXTRA_APPDATA | EXTRA_PEER | EXTRA_TOKEN) != 0 {
            return Err(DecodeError::Invalid("extras flags"));
        }
        let alpn = short_field(r, 255, "alpn")?.to_vec();
        let max_early_data = need(r.u32())?;
        let ticket = long_field(r, MAX_EXTRA, "ticket")?.to_vec();
        let mut optional = |bit: u8, what| -> Result<Option<Vec<u8>>, DecodeError> {
            if flags & bit == 0 {
                return Ok(None);
            }
            Ok(Some(long_field(r, MAX_EXTRA, what)?.to_vec()))
        };
        let ticket_appdata = optional(EXTRA_APPDATA, "ticket appdata")?;
        let peer_certificate = optional(EXTRA_PEER, "peer certificate")?;
        let token = match flags & EXTRA_TOKEN {
            0 => None,
            _ => Some(need(r.bytes(TOKEN_LEN))?.try_into().expect("16 bytes")),
        };
        Ok(Extras {
            extended_ms: flags & EXTRA_EXTENDED_MS != 0,
            alpn,
            max_early_data,
            ticket,
            ticket_appdata,
            peer_certificate,
            token,
        })
    }

    fn apply(self, s: &Session) {
        s.update_details(|d| {
            d.extended_master_secret = self.extended_ms;
            d.alpn_selected = self.alpn.into();
            d.max_early_data = self.max_early_data;
            d.ticket = self.ticket.into();
            d.ticket_appdata = self.ticket_appdata.map(Into::into);
            d.peer_certificate = self.peer_certificate;
        });
    }
}

/// What comes before the rustls value.
struct Header {
    version: u8,
    side: Side,
    flags: u8,
    parameters: SessionParameters,
    time: i64,
    timeout: i64,
    verify_result: i64,
}

impl Header {
    fn read(r: &mut ByteCursor<'_>) -> Result<Self, DecodeError> {
        if need(r.bytes(4))? != MAGIC {
            return Err(DecodeError::BadMagic);
        }
        let version = match need(r.u8())? {
            v @ 1..=VERSION => v,
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
        let id = short_field(r, 32, "session id")?.to_vec();
        let id_context = short_field(r, 32, "session id context")?.to_vec();
        let hostname = match short_field(r, 255, "hostname")? {
            [] => None,
            h => Some(String::from_utf8(h.to_vec()).map_err(|_| DecodeError::Invalid("hostname"))?),
        };
        let master_key = short_field(r, 64, "master key")?.to_vec();
        let parameters = SessionParameters {
            owner: 0,
            protocol_version,
            cipher_suite,
            id,
            id_context,
            hostname,
            master_key: master_key.into(),
            has_ticket: flags & 1 != 0,
            ticket_lifetime_hint: u64::from(lifetime),
        };
        Ok(Header {
            version,
            side,
            flags,
            parameters,
            time,
            timeout,
            verify_result,
        })
    }

    fn export_key(&self) -> ExportKey {
        ExportKey {
            protocol_version: self.parameters.protocol_version,
            cipher_suite: self.parameters.cipher_suite,
        }
    }
}

impl Session {
    /// The session's encoding (`i2d_SSL_SESSION`). A client session's live
    /// rustls value is kept in the process's table under the token written.
    /// Versions 1 and 2 wrote the not-resumable mark (flags bit 1); it is
    /// still read, never written.
    pub fn encode(&self) -> Vec<u8> {
        let value = self.server_value().unwrap_or_default();
        let mut out = Vec::with_capacity(128 + value.len());
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(u8::from(self.side() == Side::Server));
        // As in OpenSSL's encoding, a session marked not resumable (after an
        // unclean end) is written without the mark: the copy read back resumes.
        out.push(u8::from(self.has_ticket()));
        out.extend_from_slice(&self.protocol_version().to_be_bytes());
        out.extend_from_slice(&self.cipher_suite().to_be_bytes());
        out.extend_from_slice(&self.time().to_be_bytes());
        out.extend_from_slice(&self.timeout().to_be_bytes());
        out.extend_from_slice(&(self.ticket_lifetime_hint() as u32).to_be_bytes());
        out.extend_from_slice(&self.verify_result().to_be_bytes());
        put_short(&mut out, &self.id());
        put_short(&mut out, &self.id_context());
        put_short(&mut out, self.hostname().unwrap_or_default().as_bytes());
        put_short(&mut out, &self.master_key());
        put_long(&mut out, &value);
        Extras::of(&self.details(), self.export_client_value()).write(&mut out);
        out
    }

    /// Keeps a client session's rustls value in the process's table and
    /// gives the token naming it; `None` for other sessions.
    fn export_client_value(&self) -> Option<ExportToken> {
        if self.side() != Side::Client || !self.has_resumption_value() {
            return None;
        }
        let shared = self.shared_resumption();
        let token = shared.export_token()?;
        let key = ExportKey {
            protocol_version: self.protocol_version(),
            cipher_suite: self.cipher_suite(),
        };
        let expires_at = self.time().saturating_add(self.timeout());
        ExportedValues::process().keep(token, shared.clone(), key, expires_at, now_secs());
        Some(token)
    }

    /// Reads one session from the start of `bytes` (`d2i_SSL_SESSION`);
    /// returns it and how many bytes it took. A client session resumes only
    /// when its token names a live value of this process.
    pub fn decode(bytes: &[u8]) -> Result<(Session, usize), DecodeError> {
        let mut r = ByteCursor::new(bytes);
        let h = Header::read(&mut r)?;
        let value = long_field(&mut r, MAX_VALUE, "value length")?.to_vec();
        if h.side == Side::Server {
            let parsed =
                ServerValueFields::parse(&value).ok_or(DecodeError::Invalid("server value"))?;
            if parsed.protocol_version != h.parameters.protocol_version
                || parsed.cipher_suite != h.parameters.cipher_suite
            {
                return Err(DecodeError::Invalid("server value"));
            }
        } else if !value.is_empty() {
            return Err(DecodeError::Invalid("client value"));
        }
        let extras = match h.version {
            3.. => Extras::read(&mut r)?,
            _ if h.side == Side::Server => Extras::of_server_value(&value),
            _ => Extras::default(),
        };
        let shared = match (h.side, &extras.token) {
            (Side::Client, Some(token)) => {
                ExportedValues::process().find(token, h.export_key(), now_secs())
            }
            _ => None,
        };
        if h.side == Side::Client && extras.token.is_some() {
            log::debug!(
                "d2i: a client session whose rustls value is {}",
                if shared.is_some() {
                    "live in this process"
                } else {
                    "not in this process"
                }
            );
        }
        let resumable_here = shared.is_some() || h.side == Side::Server;
        let s = match shared {
            Some(shared) => {
                Session::with_shared_resumption(h.side, h.parameters, h.timeout, shared)
            }
            None if h.side == Side::Server => Session::new(
                h.side,
                h.parameters,
                h.timeout,
                Resumption::Server(value.into()),
            ),
            None => Session::new(h.side, h.parameters, h.timeout, Resumption::None),
        };
        extras.apply(&s);
        s.set_time(h.time);
        s.set_verify_result(h.verify_result);
        if h.flags & 2 != 0 || !resumable_here {
            s.mark_not_resumable();
        }
        Ok((s, r.position()))
    }
}

#[cfg(test)]
mod property_tests;
#[cfg(test)]
mod seed_tests;
#[cfg(test)]
mod tests;
