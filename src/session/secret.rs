//! Secret bytes (master keys, resumption PSKs, key-log secrets): wiped from
//! memory when dropped (the `zeroize` crate) and never shown by `Debug`,
//! so a session or capture printed at any `SESSL_LOG` level leaks nothing.

use std::ops::{Deref, DerefMut};

use zeroize::Zeroizing;

/// Bytes that are zeroed on drop and redacted in `Debug`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    /// The secret's own copy of `bytes`.
    pub fn copy_of(bytes: &[u8]) -> Self {
        Secret(Zeroizing::new(bytes.to_vec()))
    }
}

impl From<Vec<u8>> for Secret {
    fn from(bytes: Vec<u8>) -> Self {
        Secret(Zeroizing::new(bytes))
    }
}

impl Deref for Secret {
    type Target = Vec<u8>;

    fn deref(&self) -> &Vec<u8> {
        &self.0
    }
}

impl DerefMut for Secret {
    fn deref_mut(&mut self) -> &mut Vec<u8> {
        &mut self.0
    }
}

impl PartialEq<Vec<u8>> for Secret {
    fn eq(&self, other: &Vec<u8>) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<[u8]> for Secret {
    fn eq(&self, other: &[u8]) -> bool {
        self.0.as_slice() == other
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secret({} bytes)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_length_not_the_bytes() {
        let s = Secret::from(vec![0xab; 48]);
        assert_eq!(format!("{s:?}"), "Secret(48 bytes)");
        assert!(!format!("{s:?}").contains("171"));
        assert_eq!(s, vec![0xab; 48]);
        assert_eq!(&*s, &vec![0xab; 48]);
    }

    #[test]
    fn a_session_printed_with_debug_shows_no_master_key() {
        use crate::session::{Resumption, Session, SessionParameters, Side};
        let key = vec![0x5a_u8; 48];
        let parameters = SessionParameters {
            id: b"id".to_vec(),
            master_key: key.clone().into(),
            ..Default::default()
        };
        let s = Session::new(Side::Server, parameters, 10, Resumption::Server(key.into()));
        let shown = format!("{s:?}");
        assert!(shown.contains("Secret(48 bytes)"), "{shown}");
        assert!(!shown.contains("90, 90"), "{shown}");
        assert!(!shown.to_lowercase().contains("5a5a"), "{shown}");
    }
}
