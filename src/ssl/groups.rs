//! Key exchange group names as OpenSSL spells them (`SSL_CTX_set1_groups_list`).

use rustls::crypto::CryptoProvider;
use rustls::NamedGroup;

use super::context::ContextError;

/// The groups an OpenSSL list such as `"X25519:P-256"` names, in its order;
/// unknown names, names `provider` does not implement and an empty list fail.
pub(super) fn parse_groups_list(
    list: &str,
    provider: &CryptoProvider,
) -> Result<Vec<NamedGroup>, ContextError> {
    let mut groups = Vec::new();
    for name in list.split(':').filter(|n| !n.is_empty()) {
        let group = match name.to_ascii_lowercase().as_str() {
            "x25519" => NamedGroup::X25519,
            "p-256" | "prime256v1" | "secp256r1" => NamedGroup::secp256r1,
            "p-384" | "secp384r1" => NamedGroup::secp384r1,
            "p-521" | "secp521r1" => NamedGroup::secp521r1,
            "x25519mlkem768" => NamedGroup::X25519MLKEM768,
            _ => return Err(format!("unknown group {name}")),
        };
        if !provider.kx_groups.iter().any(|g| g.name() == group) {
            return Err(format!("group {name} not available"));
        }
        groups.push(group);
    }
    if groups.is_empty() {
        return Err("no groups".into());
    }
    Ok(groups)
}
