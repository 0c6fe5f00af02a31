//! A server session as a store keeps it (before sealing): its time,
//! timeout, verify result and rustls' server value.

use zeroize::Zeroizing;

use crate::session::Session;

const HEADER: usize = 24;

/// The record of a server session that can be resumed; `None` for a client
/// session, one without a server value, or one not resumable.
pub fn encode(s: &Session) -> Option<Zeroizing<Vec<u8>>> {
    if s.is_marked_not_resumable() {
        return None;
    }
    let value = Zeroizing::new(s.server_value()?);
    let mut out = Zeroizing::new(Vec::with_capacity(HEADER + value.len()));
    out.extend_from_slice(&s.time().to_be_bytes());
    out.extend_from_slice(&s.timeout().to_be_bytes());
    out.extend_from_slice(&s.verify_result().to_be_bytes());
    out.extend_from_slice(&value);
    Some(out)
}

/// The session a record describes, owned by the context `owner`.
pub fn decode(record: &[u8], owner: u64, id: &[u8], id_context: &[u8]) -> Option<Session> {
    if record.len() <= HEADER {
        return None;
    }
    let field = |i: usize| i64::from_be_bytes(record[i * 8..i * 8 + 8].try_into().unwrap());
    let s = Session::from_server_value(
        owner,
        id.to_vec(),
        id_context.to_vec(),
        field(1),
        record[HEADER..].to_vec(),
    );
    s.set_time(field(0));
    s.set_verify_result(field(2));
    Some(s)
}

/// Seconds a session has left at time `now` (0: none).
pub fn seconds_left(s: &Session, now: i64) -> u64 {
    (s.time().saturating_add(s.timeout()) - now).max(0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_gives_back_the_session() {
        let s = Session::from_server_value(1, b"id".to_vec(), b"c".to_vec(), 77, b"val".to_vec());
        s.set_time(1000);
        s.set_verify_result(20);
        let r = encode(&s).unwrap();
        let back = decode(&r, 9, b"id", b"c").unwrap();
        assert_eq!(
            (back.time(), back.timeout(), back.verify_result()),
            (1000, 77, 20)
        );
        assert_eq!((back.owner(), &*back.id()), (9, &b"id"[..]));
        assert_eq!(back.server_value().as_deref(), Some(&b"val"[..]));
        assert_eq!(seconds_left(&s, 1070), 7);
        assert_eq!(seconds_left(&s, 2000), 0);
        s.mark_not_resumable();
        assert!(encode(&s).is_none());
        assert!(decode(&r[..HEADER], 9, b"id", b"c").is_none());
    }
}
