use super::*;

#[test]
fn the_fuzz_seed_is_a_session() {
    let seed = include_bytes!("../../../fuzz/seeds/d2i_session/server-tls12");
    let (s, used) = Session::decode(seed).expect("seed decodes");
    assert_eq!(used, seed.len());
    assert_eq!(&*s.id_context(), b"ctx");
    // A version 1 encoding, from before sessions kept their verify result.
    assert_eq!(seed[4], 1);
    assert_eq!(s.verify_result(), 0);
}

#[test]
fn the_version_3_client_seed_is_a_session_not_resumable_here() {
    let seed = include_bytes!("../../../fuzz/seeds/d2i_session/client-tls13-v3");
    let (s, used) = Session::decode(seed).expect("seed decodes");
    assert_eq!(used, seed.len());
    assert_eq!(seed[4], 3);
    assert_eq!(s.hostname().as_deref(), Some("example.test"));
    assert_eq!(s.ticket_appdata_bytes().as_deref(), Some(&b"appdata"[..]));
    // Its token names no value of this process.
    assert!(!s.is_resumable());
}
