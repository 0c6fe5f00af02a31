//! The client's first record, read before rustls answers it: the
//! ClientHello's fields as OpenSSL's `SSL_client_hello_get0_*` give them
//! (the ClientHello callback reads them before anything is decided), and
//! whether it offers TLS 1.2 session tickets (OpenSSL gives a client that does
//! not a session id instead; rustls decides that before telling the server
//! store anything about the client, so the connection looks first).

use std::ops::Range;

use crate::session::ByteCursor;

/// The record content type of handshake messages.
const HANDSHAKE: u8 = 22;
/// The handshake message type of a ClientHello.
const CLIENT_HELLO: u8 = 1;
/// The extension type of `session_ticket` (RFC 5077).
const SESSION_TICKET: u16 = 0x0023;
/// The extension type of `supported_versions` (RFC 8446).
const SUPPORTED_VERSIONS: u16 = 43;

/// The extension types OpenSSL 3.0 knows in a ClientHello (its table of
/// extension definitions): its getters list and return only these.
const KNOWN_TO_OPENSSL: [u16; 26] = [
    0xff01, 0, 1, 12, 11, 10, 35, 5, 13172, 16, 14, 22, 18, 23, 50, 49, 13, 43, 45, 51, 44, 0xfde8,
    42, 47, 21, 41,
];

/// A ClientHello as the client sent it: its fields are ranges of the
/// message's body, owned (`Vec<u8>`) or read in place (`&[u8]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientHello<B = Vec<u8>> {
    /// The handshake message's body.
    body: B,
    legacy_version: u16,
    random: Range<usize>,
    session_id: Range<usize>,
    ciphers: Range<usize>,
    compression_methods: Range<usize>,
    /// The extensions' block (each extension's type and data in the order
    /// the client sent them), checked whole by `parse`, read on demand.
    extensions: Range<usize>,
}

/// The body of the ClientHello in `record` (one TLS record holding all of it).
pub(super) fn hello_body(record: &[u8]) -> Option<&[u8]> {
    let mut c = ByteCursor::new(record);
    if c.u8()? != HANDSHAKE {
        return None;
    }
    c.bytes(4)?; // record version, record length
    if c.u8()? != CLIENT_HELLO {
        return None;
    }
    let len = usize::try_from(c.u24()?).ok()?;
    c.bytes(len)
}

impl ClientHello {
    /// The ClientHello in `record` (one TLS record holding all of it), or
    /// `None` when the record is not a whole, well-formed ClientHello.
    pub fn parse(record: &[u8]) -> Option<Self> {
        ClientHello::parse_body(hello_body(record)?.to_vec())
    }
}

impl<'a> ClientHello<&'a [u8]> {
    /// As `parse`, read in place (no copy of the message).
    pub fn parse_in_place(record: &'a [u8]) -> Option<Self> {
        ClientHello::parse_body(hello_body(record)?)
    }
}

impl<B: AsRef<[u8]>> ClientHello<B> {
    fn parse_body(body: B) -> Option<Self> {
        let mut c = ByteCursor::new(body.as_ref());
        let legacy_version = c.u16()?;
        let random = span(&mut c, |c| c.bytes(32))?;
        let session_id = span(&mut c, ByteCursor::u8_prefixed)?;
        let ciphers = span(&mut c, ByteCursor::u16_prefixed)?;
        let compression_methods = span(&mut c, ByteCursor::u8_prefixed)?;
        let mut extensions = c.position()..c.position();
        if !c.is_empty() {
            extensions = span(&mut c, ByteCursor::u16_prefixed)?;
            let mut each = Extensions::new(body.as_ref(), extensions.clone());
            each.by_ref().for_each(drop);
            if !each.whole {
                return None;
            }
        }
        Some(ClientHello {
            legacy_version,
            random,
            session_id,
            ciphers,
            compression_methods,
            extensions,
            body,
        })
    }

    /// `SSL_client_hello_get0_legacy_version`.
    pub fn legacy_version(&self) -> u16 {
        self.legacy_version
    }

    /// `SSL_client_hello_get0_random`: 32 bytes.
    pub fn random(&self) -> &[u8] {
        &self.body.as_ref()[self.random.clone()]
    }

    /// `SSL_client_hello_get0_session_id`.
    pub fn session_id(&self) -> &[u8] {
        &self.body.as_ref()[self.session_id.clone()]
    }

    /// `SSL_client_hello_get0_ciphers`: the suites, two bytes each, as sent.
    pub fn ciphers(&self) -> &[u8] {
        &self.body.as_ref()[self.ciphers.clone()]
    }

    /// `SSL_client_hello_get0_compression_methods`.
    pub fn compression_methods(&self) -> &[u8] {
        &self.body.as_ref()[self.compression_methods.clone()]
    }

    /// Each extension's type and the place of its data in the body.
    fn extensions(&self) -> Extensions<'_> {
        Extensions::new(self.body.as_ref(), self.extensions.clone())
    }

    /// `SSL_client_hello_get0_ext`: the data of an extension of type `kind`
    /// that OpenSSL knows, if the client sent it.
    pub fn extension(&self, kind: u16) -> Option<&[u8]> {
        self.extensions()
            .find(|(k, _)| *k == kind && KNOWN_TO_OPENSSL.contains(k))
            .map(|(_, data)| &self.body.as_ref()[data.clone()])
    }

    /// `SSL_client_hello_get1_extensions_present`: the types OpenSSL knows,
    /// in the order the client sent them.
    pub fn extensions_present(&self) -> Vec<u16> {
        self.extensions()
            .map(|(k, _)| k)
            .filter(|k| KNOWN_TO_OPENSSL.contains(k))
            .collect()
    }

    /// Whether the client offers protocol `version` in its
    /// supported_versions extension (only TLS 1.3 clients send one).
    pub fn offers_version(&self, version: u16) -> bool {
        let Some((_, data)) = self.extensions().find(|(k, _)| *k == SUPPORTED_VERSIONS) else {
            return false;
        };
        let mut list = ByteCursor::new(&self.body.as_ref()[data.clone()]);
        let Some(versions) = list.u8_prefixed() else {
            return false;
        };
        versions
            .chunks_exact(2)
            .any(|v| u16::from_be_bytes([v[0], v[1]]) == version)
    }

    /// Whether the client offers TLS 1.2 session tickets.
    pub fn offers_session_ticket(&self) -> bool {
        self.extensions().any(|(k, _)| k == SESSION_TICKET)
    }

    /// Whether the client offers TLS 1.2 session tickets without one.
    pub fn offers_empty_session_ticket(&self) -> bool {
        self.extensions()
            .any(|(k, d)| k == SESSION_TICKET && d.is_empty())
    }
}

/// The extensions of a ClientHello's body, in order: each one's type and
/// the place of its data in the body.
struct Extensions<'a> {
    body: &'a [u8],
    /// The place in `body` of what is left of the block.
    rest: Range<usize>,
    /// False once an extension ran past the block (the walk then stops).
    whole: bool,
}

impl<'a> Extensions<'a> {
    fn new(body: &'a [u8], block: Range<usize>) -> Self {
        Extensions {
            body,
            rest: block,
            whole: true,
        }
    }
}

impl Iterator for Extensions<'_> {
    type Item = (u16, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() || !self.whole {
            return None;
        }
        let start = self.rest.start;
        let mut c = ByteCursor::new(&self.body[self.rest.clone()]);
        let one = c
            .u16()
            .and_then(|kind| Some((kind, span(&mut c, ByteCursor::u16_prefixed)?)));
        let Some((kind, data)) = one else {
            self.whole = false;
            return None;
        };
        self.rest.start = start + c.position();
        Some((kind, start + data.start..start + data.end))
    }
}

/// Reads one field with `read` and gives its place in the cursor's bytes.
fn span<'a>(
    c: &mut ByteCursor<'a>,
    read: impl FnOnce(&mut ByteCursor<'a>) -> Option<&'a [u8]>,
) -> Option<Range<usize>> {
    let field = read(c)?;
    let end = c.position();
    Some(end - field.len()..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the ClientHello in `record` (one TLS record) carries the
    /// `session_ticket` extension; `None` when the record is not a whole ClientHello.
    fn offers_session_ticket(record: &[u8]) -> Option<bool> {
        ClientHello::parse(record).map(|h| h.offers_session_ticket())
    }

    fn hello(exts: &[u8]) -> Vec<u8> {
        let mut body = vec![3, 3];
        body.extend([7u8; 32]);
        body.extend([2, 0xaa, 0xbb, 0, 4, 0x13, 0x01, 0x13, 0x02, 1, 0]);
        body.extend((exts.len() as u16).to_be_bytes());
        body.extend(exts);
        let mut hs = vec![1, 0, 0, body.len() as u8];
        hs.extend(body);
        let mut rec = vec![22, 3, 1, 0, hs.len() as u8];
        rec.extend(hs);
        rec
    }

    #[test]
    fn finds_the_ticket_extension() {
        assert_eq!(offers_session_ticket(&hello(&[0, 0x23, 0, 0])), Some(true));
        assert_eq!(
            offers_session_ticket(&hello(&[0, 0x0a, 0, 2, 0, 0x1d])),
            Some(false)
        );
        let h = hello(&[0, 0x23, 0, 0]);
        assert_eq!(offers_session_ticket(&h[..h.len() - 3]), None);
        assert_eq!(offers_session_ticket(&[23, 3, 3, 0, 1, 0]), None);
    }

    #[test]
    fn gives_each_field_and_the_extensions_openssl_knows() {
        // server_name, an unknown type, padding, compress_certificate (unknown to 3.0).
        let exts = [
            0, 0, 0, 2, 0xde, 0xad, 0x12, 0x34, 0, 1, 9, 0, 21, 0, 0, 0, 27, 0, 1, 2,
        ];
        let h = ClientHello::parse(&hello(&exts)).expect("a ClientHello");
        assert_eq!(h.legacy_version(), 0x0303);
        assert_eq!(h.random(), &[7u8; 32]);
        assert_eq!(h.session_id(), &[0xaa, 0xbb]);
        assert_eq!(h.ciphers(), &[0x13, 0x01, 0x13, 0x02]);
        assert_eq!(h.compression_methods(), &[0]);
        assert_eq!(h.extensions_present(), vec![0, 21]);
        assert_eq!(h.extension(0), Some(&[0xde, 0xad][..]));
        assert_eq!(h.extension(21), Some(&[][..]));
        assert_eq!(h.extension(0x1234), None);
        assert_eq!(h.extension(27), None);
        assert_eq!(h.extension(16), None);
        assert!(!h.offers_session_ticket());
        assert!(!h.offers_version(0x0304));
    }

    #[test]
    fn a_hello_read_in_place_reads_as_a_copy_does() {
        // supported_versions (TLS 1.3, TLS 1.2), then an empty session_ticket.
        let exts = [0, 43, 0, 5, 4, 3, 4, 3, 3, 0, 35, 0, 0];
        let record = hello(&exts);
        let (copy, in_place) = (
            ClientHello::parse(&record).expect("a ClientHello"),
            ClientHello::parse_in_place(&record).expect("a ClientHello"),
        );
        for v in [0x0304, 0x0303, 0x0302] {
            assert_eq!(in_place.offers_version(v), copy.offers_version(v));
        }
        assert!(in_place.offers_version(0x0304) && !in_place.offers_version(0x0302));
        assert!(in_place.offers_empty_session_ticket());
        assert_eq!(in_place.extensions_present(), copy.extensions_present());
        assert!(ClientHello::parse_in_place(&record[..record.len() - 1]).is_none());
    }

    #[test]
    fn reads_the_supported_versions() {
        let h = ClientHello::parse(&hello(&[0, 43, 0, 5, 4, 0x03, 0x04, 0x03, 0x03])).unwrap();
        assert!(h.offers_version(0x0304) && h.offers_version(0x0303));
        assert!(!h.offers_version(0x0302));
        let odd = ClientHello::parse(&hello(&[0, 43, 0, 2, 3, 0x03])).unwrap();
        assert!(!odd.offers_version(0x0304));
    }

    #[test]
    fn a_hello_without_extensions_has_none() {
        let mut rec = hello(&[]);
        rec.truncate(rec.len() - 2);
        rec[4] -= 2;
        rec[8] -= 2;
        let h = ClientHello::parse(&rec).expect("a ClientHello");
        assert!(h.extensions_present().is_empty());
        assert_eq!(h.ciphers().len(), 4);
    }

    #[test]
    fn truncations_are_refused_and_no_mutation_panics() {
        let exts = [0, 0x0a, 0, 2, 0, 0x1d, 0, 0x23, 0, 1, 7];
        let h = hello(&exts);
        assert_eq!(offers_session_ticket(&h), Some(true));
        for cut in 0..h.len() {
            assert_eq!(offers_session_ticket(&h[..cut]), None, "cut at {cut}");
        }
        let mut mutated = h.clone();
        for at in 0..h.len() {
            for value in 0..=u8::MAX {
                mutated[at] = value;
                if let Some(parsed) = ClientHello::parse(&mutated) {
                    let _ = (parsed.extensions_present(), parsed.random().len());
                }
            }
            mutated[at] = h[at];
        }
    }
}
