//! `SSL_get_shared_sigalgs`: the signature schemes both ends accept, as
//! OpenSSL 3.0 computes them (`tls1_set_shared_sigalgs`): the peer's list in
//! its order, kept where ours has the scheme (ours first under
//! `SSL_OP_CIPHER_SERVER_PREFERENCE`), less the schemes OpenSSL does not
//! allow there (unknown ones, SHA-1 from security level 1, DSA in TLS 1.3,
//! SHA-1 and SHA-224 for a TLS 1.3 client).

use super::connection::Connection;
use super::options::OP_CIPHER_SERVER_PREFERENCE;
use super::sigalgs::{self, SigAlg};

/// OpenSSL 3.0's own list (`tls12_sigalgs`), used when none is set.
const DEFAULT: [u16; 23] = [
    0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401,
    0x0501, 0x0601, 0x0303, 0x0203, 0x0301, 0x0201, 0x0302, 0x0202, 0x0402, 0x0502, 0x0602,
];

/// `NID_sha1`, `NID_sha224`, `EVP_PKEY_DSA`.
const SHA1: i32 = 64;
const SHA224: i32 = 675;
const DSA: i32 = 116;
const TLS1_3: u16 = 0x0304;

/// Where the shared list is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SharedRules {
    /// This end is the server.
    pub server: bool,
    /// TLS 1.3 was negotiated.
    pub tls13: bool,
    /// The security level.
    pub security_level: i32,
    /// `SSL_OP_CIPHER_SERVER_PREFERENCE`: our order rather than the peer's.
    pub our_order: bool,
}

impl SharedRules {
    /// Whether OpenSSL allows `alg` in the shared list.
    fn allows(&self, alg: &SigAlg) -> bool {
        if alg.hash == SHA1 && self.security_level >= 1 {
            return false;
        }
        if self.tls13 && alg.sig == DSA {
            return false;
        }
        !(self.tls13 && !self.server && (alg.hash == SHA1 || alg.hash == SHA224))
    }
}

/// The shared schemes of `peer` and `ours` (OpenSSL's list when `None`).
pub fn shared(peer: &[u16], ours: Option<&[u16]>, rules: SharedRules) -> Vec<SigAlg> {
    let ours = ours.unwrap_or(&DEFAULT);
    let (pref, allow) = if rules.our_order {
        (ours, peer)
    } else {
        (peer, ours)
    };
    pref.iter()
        .filter(|s| allow.contains(s))
        .filter_map(|&s| sigalgs::lookup(s))
        .filter(|a| rules.allows(a))
        .collect()
}

impl Connection {
    /// `SSL_get_shared_sigalgs`: a server's shared list from its client's
    /// signature_algorithms, a client's from its server's certificate
    /// request (none without one).
    pub fn shared_signature_schemes(&self) -> Vec<SigAlg> {
        let (peer, server) = match self.peer_client_hello() {
            Some(hello) => (hello.signature_schemes(), true),
            None => (self.requested_signature_schemes(), false),
        };
        if peer.is_empty() {
            return Vec::new();
        }
        let lists = self.sigalg_lists();
        let ours = if server {
            lists.main()
        } else {
            lists.client_auth()
        };
        let rules = SharedRules {
            server,
            tls13: self.protocol_version() == Some(TLS1_3),
            security_level: self.security_level(),
            our_order: self.options() & OP_CIPHER_SERVER_PREFERENCE != 0,
        };
        shared(&peer, ours.as_deref(), rules)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVER12: SharedRules = SharedRules {
        server: true,
        tls13: false,
        security_level: 1,
        our_order: false,
    };

    fn schemes(v: &[SigAlg]) -> Vec<u16> {
        v.iter().map(|a| a.scheme).collect()
    }

    #[test]
    fn keeps_the_peers_order_against_ours() {
        let peer = [0x0804, 0x0403, 0x0401, 0x0805];
        assert_eq!(schemes(&shared(&peer, None, SERVER12)), peer);
        let ours = [0x0805, 0x0401, 0x0804];
        assert_eq!(
            schemes(&shared(&peer, Some(&ours), SERVER12)),
            [0x0804, 0x0401, 0x0805]
        );
        let mine_first = SharedRules {
            our_order: true,
            ..SERVER12
        };
        assert_eq!(
            schemes(&shared(&peer, Some(&ours), mine_first)),
            [0x0805, 0x0401, 0x0804]
        );
    }

    #[test]
    fn drops_what_openssl_does_not_allow() {
        let peer = [0x0201, 0x0402, 0x0303, 0x0804, 0x1234];
        assert_eq!(
            schemes(&shared(&peer, None, SERVER12)),
            [0x0402, 0x0303, 0x0804]
        );
        let level0 = SharedRules {
            security_level: 0,
            ..SERVER12
        };
        assert_eq!(schemes(&shared(&peer, None, level0)).len(), 4);
        let server13 = SharedRules {
            tls13: true,
            ..SERVER12
        };
        assert_eq!(schemes(&shared(&peer, None, server13)), [0x0303, 0x0804]);
        let client13 = SharedRules {
            server: false,
            ..server13
        };
        assert_eq!(schemes(&shared(&peer, None, client13)), [0x0804]);
    }
}
