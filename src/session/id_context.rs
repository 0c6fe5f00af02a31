//! The session id context (`SSL_CTX_set_session_id_context`,
//! `SSL_set_session_id_context`, `SSL_SESSION_set1_id_context`): the bytes
//! that tie a session to the application context it may be resumed in.

use super::SessionId;

/// OpenSSL's longest session id context (`SSL_MAX_SID_CTX_LENGTH`).
pub const MAX_ID_CONTEXT_LEN: usize = 32;

/// A session id context, or `None` when `bytes` are longer than OpenSSL
/// allows (it then refuses the call).
pub fn id_context(bytes: &[u8]) -> Option<SessionId> {
    if bytes.len() > MAX_ID_CONTEXT_LEN {
        return None;
    }
    SessionId::new(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_32_bytes() {
        assert_eq!(id_context(b"").as_deref(), Some(&b""[..]));
        assert_eq!(id_context(&[7; 32]).as_deref(), Some(&[7u8; 32][..]));
        assert_eq!(id_context(&[7; 33]), None);
        assert_eq!(id_context(b"nginx").as_deref(), Some(&b"nginx"[..]));
    }
}
