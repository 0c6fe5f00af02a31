//! What an OpenSSL method (`SSL_METHOD`) decides: the sides it handshakes
//! for and, for the deprecated version-specific methods (`TLSv1_2_method`
//! and friends), the one protocol version it speaks. A version-specific
//! method ignores the protocol bounds and the `SSL_OP_NO_TLSv1_*` options,
//! as OpenSSL's do; one for TLS 1.0 or 1.1 can never handshake with rustls.

use super::connection::Role;
use super::context::Method;
use super::options::{TLS1_2_VERSION, TLS1_3_VERSION};

/// An `SSL_METHOD`: its sides and, when version-specific, its version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProtocolMethod {
    /// The side(s) it handshakes for.
    pub side: Method,
    /// The one version of a version-specific method; `None` for the
    /// version-flexible ones (`TLS_method`).
    pub version: Option<u16>,
}

impl ProtocolMethod {
    /// A version-flexible method (`TLS_method`, `TLS_client_method`, ...).
    pub const fn flexible(side: Method) -> Self {
        ProtocolMethod {
            side,
            version: None,
        }
    }

    /// A version-specific method (`TLSv1_2_method`, ...).
    pub const fn pinned(side: Method, version: u16) -> Self {
        ProtocolMethod {
            side,
            version: Some(version),
        }
    }

    /// Whether a connection of this method may play `role` (OpenSSL's
    /// client methods have no accept function and server methods no
    /// connect function).
    pub fn plays(self, role: Role) -> bool {
        match self.side {
            Method::Any => true,
            Method::Client => role == Role::Client,
            Method::Server => role == Role::Server,
        }
    }

    /// The method a connection has once its handshake agreed on `version`:
    /// OpenSSL replaces the method by that version's own method for the
    /// connection's role (until `SSL_clear`), unless it is that version's
    /// already.
    pub fn after_handshake(self, role: Role, version: u16) -> Self {
        let agreed = matches!(version, TLS1_2_VERSION | TLS1_3_VERSION);
        if self.version == Some(version) || !agreed {
            return self;
        }
        let side = match role {
            Role::Client => Method::Client,
            Role::Server => Method::Server,
        };
        ProtocolMethod::pinned(side, version)
    }

    /// The protocol bounds a connection of this method handshakes with,
    /// given the bounds set on it (`min`, `max`): a version-specific
    /// method's own version, else the bounds.
    pub fn bounds(self, min: u16, max: u16) -> (u16, u16) {
        match self.version {
            Some(v) => (v, v),
            None => (min, max),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_method_plays_its_sides() {
        let any = ProtocolMethod::flexible(Method::Any);
        assert!(any.plays(Role::Client) && any.plays(Role::Server));
        let client = ProtocolMethod::pinned(Method::Client, TLS1_2_VERSION);
        assert!(client.plays(Role::Client) && !client.plays(Role::Server));
        let server = ProtocolMethod::flexible(Method::Server);
        assert!(!server.plays(Role::Client) && server.plays(Role::Server));
    }

    #[test]
    fn a_flexible_method_becomes_the_agreed_versions_own() {
        let any = ProtocolMethod::flexible(Method::Any);
        assert_eq!(
            any.after_handshake(Role::Client, TLS1_2_VERSION),
            ProtocolMethod::pinned(Method::Client, TLS1_2_VERSION)
        );
        assert_eq!(
            any.after_handshake(Role::Server, TLS1_3_VERSION),
            ProtocolMethod::pinned(Method::Server, TLS1_3_VERSION)
        );
        let pinned = ProtocolMethod::pinned(Method::Any, TLS1_2_VERSION);
        assert_eq!(pinned.after_handshake(Role::Server, TLS1_2_VERSION), pinned);
        assert_eq!(
            pinned.after_handshake(Role::Client, TLS1_3_VERSION),
            ProtocolMethod::pinned(Method::Client, TLS1_3_VERSION)
        );
    }

    #[test]
    fn a_version_specific_method_overrides_the_bounds() {
        let any = ProtocolMethod::flexible(Method::Any);
        assert_eq!(any.bounds(0, TLS1_2_VERSION), (0, TLS1_2_VERSION));
        let v11 = ProtocolMethod::pinned(Method::Any, 0x0302);
        assert_eq!(v11.bounds(0, TLS1_3_VERSION), (0x0302, 0x0302));
    }
}
