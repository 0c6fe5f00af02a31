//! Key exchange group names as OpenSSL spells them (`SSL_CTX_set1_groups_list`).

use rustls::crypto::CryptoProvider;
use rustls::NamedGroup;

use super::connection::Connection;
use super::context::Context;
use super::error::Error;
use super::suite_choice::SuiteList;

/// The groups an OpenSSL list such as `"X25519:P-256"` names, in its order.
/// An unknown name fails the list, as in OpenSSL. A group OpenSSL knows but
/// `provider` does not implement (X448, the ffdhe groups; P-521 in rustls'
/// own provider, which a context's adds) is left out
/// with a log line: stunnel's default list `X25519:P-256:X448:P-521:P-384`
/// must load. A list left with no group fails.
pub(super) fn parse_groups_list(
    list: &str,
    provider: &CryptoProvider,
) -> Result<Vec<NamedGroup>, Error> {
    let mut groups = Vec::new();
    let mut missing = None;
    for name in list.split(':').filter(|n| !n.is_empty()) {
        let group = match name.to_ascii_lowercase().as_str() {
            "x25519" => NamedGroup::X25519,
            "p-256" | "prime256v1" | "secp256r1" => NamedGroup::secp256r1,
            "p-384" | "secp384r1" => NamedGroup::secp384r1,
            "p-521" | "secp521r1" => NamedGroup::secp521r1,
            "x25519mlkem768" => NamedGroup::X25519MLKEM768,
            "x448" => NamedGroup::X448,
            "ffdhe2048" => NamedGroup::FFDHE2048,
            "ffdhe3072" => NamedGroup::FFDHE3072,
            "ffdhe4096" => NamedGroup::FFDHE4096,
            "ffdhe6144" => NamedGroup::FFDHE6144,
            "ffdhe8192" => NamedGroup::FFDHE8192,
            _ => return Err(Error::UnknownGroup(name.to_string())),
        };
        if provider.kx_groups.iter().any(|g| g.name() == group) {
            groups.push(group);
        } else {
            log::warn!("groups list: {name} left out: not implemented by the crypto provider");
            missing = Some(name);
        }
    }
    if groups.is_empty() {
        return Err(match missing {
            Some(name) => Error::GroupNotAvailable(name.to_string()),
            None => Error::NoGroups,
        });
    }
    Ok(groups)
}

impl Context {
    /// Sets the key exchange groups by TLS number (`SSL_CTX_set1_groups`);
    /// a group the provider lacks, or none, fails.
    pub fn set_group_ids(&self, ids: &[u16]) -> Result<(), Error> {
        let groups = groups_by_id(ids, &self.provider)?;
        self.update(|s| s.groups = Some(groups));
        Ok(())
    }

    /// The key exchange groups configured, by TLS number, in order.
    pub fn configured_groups(&self) -> Vec<u16> {
        match self.settings().groups {
            Some(g) => g.into_iter().map(u16::from).collect(),
            None => self
                .provider
                .kx_groups
                .iter()
                .map(|g| u16::from(g.name()))
                .collect(),
        }
    }
}

impl Connection {
    /// Sets the connection's own groups from an OpenSSL list
    /// (`SSL_set1_groups_list`); unknown names fail and change nothing.
    pub fn set_groups_list(&self, list: &str) -> Result<(), Error> {
        let groups = parse_groups_list(list, &self.context().provider)?;
        self.set_groups(&groups);
        Ok(())
    }

    /// Sets the connection's own groups by TLS number (`SSL_set1_groups`).
    pub fn set_group_ids(&self, ids: &[u16]) -> Result<(), Error> {
        let groups = groups_by_id(ids, &self.context().provider)?;
        self.set_groups(&groups);
        Ok(())
    }

    fn set_groups(&self, groups: &[NamedGroup]) {
        let ids: Vec<u16> = groups.iter().map(|&g| u16::from(g)).collect();
        self.update_suite_choice(|c| c.groups = Some(SuiteList::new(&ids)));
    }

    /// The connection's groups, by TLS number, in order: its own, else its context's.
    pub fn configured_groups(&self) -> Vec<u16> {
        match self.suite_choice().groups {
            Some(list) => list.as_slice().to_vec(),
            None => self.context().configured_groups(),
        }
    }
}

/// The groups of TLS numbers `ids`, in order; one `provider` lacks, or
/// none, fails.
pub(super) fn groups_by_id(
    ids: &[u16],
    provider: &CryptoProvider,
) -> Result<Vec<NamedGroup>, Error> {
    if ids.is_empty() {
        return Err(Error::NoGroups);
    }
    ids.iter()
        .map(|&id| {
            let group = NamedGroup::from(id);
            if provider.kx_groups.iter().any(|g| g.name() == group) {
                Ok(group)
            } else {
                Err(Error::GroupNotAvailable(format!("{id:#06x}")))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(list: &str) -> Result<Vec<NamedGroup>, Error> {
        parse_groups_list(list, &rustls::crypto::aws_lc_rs::default_provider())
    }

    #[test]
    fn known_names_in_the_lists_order() {
        assert_eq!(
            parse("X25519:P-256:P-384").unwrap(),
            vec![
                NamedGroup::X25519,
                NamedGroup::secp256r1,
                NamedGroup::secp384r1
            ]
        );
        assert_eq!(
            parse("secp384r1:x25519").unwrap(),
            vec![NamedGroup::secp384r1, NamedGroup::X25519]
        );
        assert_eq!(
            parse("X25519MLKEM768").unwrap(),
            vec![NamedGroup::X25519MLKEM768]
        );
    }

    #[test]
    fn the_aliases_openssl_accepts_name_one_group() {
        for name in ["P-256", "prime256v1", "secp256r1", "p-256", "PRIME256V1"] {
            assert_eq!(parse(name).unwrap(), vec![NamedGroup::secp256r1], "{name}");
        }
        for name in ["P-384", "secp384r1"] {
            assert_eq!(parse(name).unwrap(), vec![NamedGroup::secp384r1], "{name}");
        }
    }

    #[test]
    fn an_unknown_name_refuses_the_whole_list() {
        assert_eq!(
            parse("brainpoolP256r1"),
            Err(Error::UnknownGroup("brainpoolP256r1".into()))
        );
        assert_eq!(
            parse("X25519:nope"),
            Err(Error::UnknownGroup("nope".into()))
        );
    }

    #[test]
    fn groups_by_number() {
        let p = rustls::crypto::aws_lc_rs::default_provider();
        assert_eq!(
            groups_by_id(&[23, 29], &p).unwrap(),
            vec![NamedGroup::secp256r1, NamedGroup::X25519]
        );
        assert!(groups_by_id(&[25], &p).is_err());
        assert!(groups_by_id(&[], &p).is_err());
    }

    #[test]
    fn a_known_group_the_provider_lacks_is_left_out() {
        assert_eq!(
            parse("P-521"),
            Err(Error::GroupNotAvailable("P-521".into()))
        );
        assert_eq!(
            parse("X448:ffdhe2048"),
            Err(Error::GroupNotAvailable("ffdhe2048".into()))
        );
        assert_eq!(parse("X25519:secp521r1").unwrap(), vec![NamedGroup::X25519]);
        // stunnel's default list.
        assert_eq!(
            parse("X25519:P-256:X448:P-521:P-384").unwrap(),
            vec![
                NamedGroup::X25519,
                NamedGroup::secp256r1,
                NamedGroup::secp384r1
            ]
        );
    }

    #[test]
    fn an_empty_list_is_refused_and_empty_names_are_skipped() {
        assert!(parse("").is_err());
        assert!(parse(":").is_err());
        assert_eq!(
            parse("X25519::P-256:").unwrap(),
            vec![NamedGroup::X25519, NamedGroup::secp256r1]
        );
    }
}
