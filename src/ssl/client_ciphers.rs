//! The suites a client offered (`SSL_get_client_ciphers(3)`,
//! `SSL_get_shared_ciphers(3)`), read from the ClientHello a server
//! connection keeps, and OpenSSL's list of suites in wire form
//! (`SSL_bytes_to_cipher_list(3)`).

use super::cipher::{by_iana, Cipher};
use super::connection::{Connection, Role};
use super::error::Error;
use crate::session::ByteCursor;

/// The cipher suite numbers of the ClientHello in `record` (one TLS
/// record), in the client's order; `None` when it is not a whole one.
pub fn offered_suites(record: &[u8]) -> Option<Vec<u16>> {
    let mut c = ByteCursor::new(super::client_hello::hello_body(record)?);
    c.bytes(2 + 32)?; // version, random
    c.u8_prefixed()?; // session id
    let mut suites = ByteCursor::new(c.u16_prefixed()?);
    let mut out = Vec::new();
    while !suites.is_empty() {
        out.push(suites.u16()?);
    }
    Some(out)
}

/// The suites of a wire-form list sessl knows (two bytes each, or three in
/// the SSLv2 format, whose entries with a first byte other than 0 are
/// SSLv2 suites and skipped), in order; OpenSSL's errors for a list that
/// is empty or cut short.
pub fn suites_from_bytes(bytes: &[u8], sslv2_format: bool) -> Result<Vec<&'static Cipher>, Error> {
    let width = if sslv2_format { 3 } else { 2 };
    if bytes.is_empty() {
        return Err(Error::NoCiphersSpecified);
    }
    if !bytes.len().is_multiple_of(width) {
        return Err(Error::BadCipherListLength);
    }
    Ok(bytes
        .chunks(width)
        .filter(|e| width == 2 || e[0] == 0)
        .filter_map(|e| by_iana(u16::from_be_bytes([e[width - 2], e[width - 1]])))
        .collect())
}

impl Connection {
    /// On a server, the suites the client offered that sessl knows, in the
    /// client's order (`None` on a client, or before the ClientHello).
    pub fn client_ciphers(&self) -> Option<Vec<&'static Cipher>> {
        if self.role() != Some(Role::Server) {
            return None;
        }
        let offered = offered_suites(&self.client_hello_record()?)?;
        Some(offered.into_iter().filter_map(by_iana).collect())
    }

    /// On a server, the names of the client's suites this connection also
    /// has, in the client's order (`SSL_get_shared_ciphers`).
    pub fn shared_cipher_names(&self) -> Option<Vec<&'static str>> {
        let ours = self.ciphers();
        let theirs = self.client_ciphers()?;
        Some(
            theirs
                .into_iter()
                .filter(|c| ours.iter().any(|o| o.iana == c.iana))
                .filter_map(|c| c.name.to_str().ok())
                .collect(),
        )
    }
}

/// `SSL_get_shared_ciphers`' text: the names joined by `:` in at most
/// `size` bytes with the NUL, ending at the last name that fits whole
/// (OpenSSL's truncation); `None` when `size` is below 2 or no name fits.
pub fn shared_ciphers_text(names: &[&str], size: usize) -> Option<String> {
    if size < 2 || names.is_empty() {
        return None;
    }
    let mut out = String::new();
    let mut room = size;
    for name in names {
        if name.len() >= room {
            break;
        }
        out.push_str(name);
        out.push(':');
        room -= name.len() + 1;
    }
    // Nothing that fits is no answer (OpenSSL 3.0.19 as observed).
    out.pop().map(|_| out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hello(suites: &[u16]) -> Vec<u8> {
        let mut body = vec![3, 3];
        body.extend([0u8; 32]);
        body.push(0);
        body.extend(((suites.len() * 2) as u16).to_be_bytes());
        for s in suites {
            body.extend(s.to_be_bytes());
        }
        body.extend([1, 0]);
        let mut hs = vec![1, 0, 0, body.len() as u8];
        hs.extend(body);
        let mut rec = vec![22, 3, 1, 0, hs.len() as u8];
        rec.extend(hs);
        rec
    }

    #[test]
    fn reads_the_offered_suites() {
        let h = hello(&[0x1301, 0xc02f, 0x00ff]);
        assert_eq!(offered_suites(&h), Some(vec![0x1301, 0xc02f, 0x00ff]));
        for cut in 0..44 {
            assert_eq!(offered_suites(&h[..cut]), None, "cut at {cut}");
        }
        assert_eq!(offered_suites(&[23, 3, 3, 0, 1, 0]), None);
    }

    #[test]
    fn wire_lists_keep_the_known_suites() {
        let names = |bytes: &[u8], v2| {
            suites_from_bytes(bytes, v2)
                .unwrap()
                .iter()
                .map(|c| c.iana)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(&[0x13, 0x01, 0x00, 0xff, 0xc0, 0x2f], false),
            [0x1301, 0xc02f]
        );
        assert_eq!(names(&[0, 0x13, 0x02, 1, 0xc0, 0x2f], true), [0x1302]);
        assert_eq!(
            suites_from_bytes(&[], false).err(),
            Some(Error::NoCiphersSpecified)
        );
        assert_eq!(
            suites_from_bytes(&[0x13], false).err(),
            Some(Error::BadCipherListLength)
        );
    }

    #[test]
    fn shared_text_is_cut_at_a_whole_name() {
        let names = ["TLS_AES_256_GCM_SHA384", "ECDHE-RSA-AES128-GCM-SHA256"];
        assert_eq!(
            shared_ciphers_text(&names, 100).as_deref(),
            Some("TLS_AES_256_GCM_SHA384:ECDHE-RSA-AES128-GCM-SHA256")
        );
        assert_eq!(
            shared_ciphers_text(&names, 30).as_deref(),
            Some("TLS_AES_256_GCM_SHA384")
        );
        assert_eq!(shared_ciphers_text(&names, 22), None);
        assert_eq!(
            shared_ciphers_text(&names, 23).as_deref(),
            Some("TLS_AES_256_GCM_SHA384")
        );
        assert_eq!(shared_ciphers_text(&names, 1), None);
        assert_eq!(shared_ciphers_text(&[], 100), None);
    }
}
