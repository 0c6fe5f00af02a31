//! Unit tests of `ctrl.rs`: how calls decode.

use super::*;

const NULL: *mut c_void = std::ptr::null_mut();

#[test]
fn context_commands_decode() {
    use CtxCommand::*;
    assert_eq!(
        CtxCommand::decode(44, 0x302, NULL),
        SetSessionCacheMode(0x302)
    );
    assert_eq!(CtxCommand::decode(42, 10, NULL), SetSessionCacheSize(10));
    assert_eq!(CtxCommand::decode(42, -1, NULL), Refused(42));
    assert_eq!(
        CtxCommand::decode(123, 0x0303, NULL),
        SetProtoVersion(Bound::Min, 0x0303)
    );
    assert_eq!(CtxCommand::decode(124, 0x0305, NULL), Refused(124));
    assert_eq!(
        CtxCommand::decode(131, 0, NULL),
        GetProtoVersion(Bound::Max)
    );
    assert_eq!(CtxCommand::decode(33, 0x10, NULL), SetMode(0x10));
    assert_eq!(
        CtxCommand::decode(89, 1, NULL),
        AddChainCert {
            cert: NULL,
            take: false
        }
    );
    assert_eq!(
        CtxCommand::decode(14, 1, NULL),
        AddChainCert {
            cert: NULL,
            take: true
        }
    );
    assert_eq!(CtxCommand::decode(26, 0, NULL), RenegotiationCount);
    assert_eq!(CtxCommand::decode(9999, 0, NULL), Unknown(9999));
    assert_eq!(
        CtxCommand::decode(106, 1, NULL),
        Store(StoreCommand::Set {
            kind: StoreKind::Verify,
            store: NULL.cast(),
            share: true
        })
    );
    assert_eq!(
        CtxCommand::decode(138, 0, NULL),
        Store(StoreCommand::Get {
            kind: StoreKind::Chain,
            out: NULL.cast()
        })
    );
}

#[test]
fn a_counter_reads_its_own_statistic() {
    use CtxCommand::*;
    let stats = CacheStats::default();
    CacheStats::bump(&stats.misses);
    assert_eq!(CtxCommand::decode(29, 0, NULL), Statistic(Counter::Misses));
    assert_eq!(CacheStats::read(Counter::Misses.of(&stats)), 1);
    assert_eq!(CtxCommand::decode(27, 0, NULL), Statistic(Counter::Hits));
    assert_eq!(CacheStats::read(Counter::Hits.of(&stats)), 0);
}

#[test]
fn certificate_and_ticket_key_commands_decode() {
    use CtxCommand::*;
    assert_eq!(CtxCommand::decode(115, 0, NULL), GetChainCerts(NULL.cast()));
    assert_eq!(CtxCommand::decode(117, 1, NULL), SetCurrentCert(1));
    assert_eq!(
        CtxCommand::decode(83, 0, NULL),
        SetChain {
            stack: NULL,
            take: false
        }
    );
    assert_eq!(CtxCommand::decode(59, 0, NULL), Answer(80));
    let keys = [0u8; 80];
    let keys = keys.as_ptr() as *mut c_void;
    assert_eq!(
        CtxCommand::decode(59, 10, keys),
        Refuse(Refusal::TicketKeysLength)
    );
    assert_eq!(CtxCommand::decode(59, 80, keys), SetTicketKeys(keys.cast()));
    assert_eq!(CtxCommand::decode(58, 80, keys), GetTicketKeys(keys.cast()));
    assert_eq!(CtxCommand::decode(123, 0x0100, NULL), Answer(1));
}

#[test]
fn connection_commands_decode() {
    use SslCommand::*;
    assert_eq!(
        SslCommand::decode(55, 0, NULL),
        SetHostName(std::ptr::null())
    );
    assert_eq!(
        SslCommand::decode(55, 1, NULL),
        Refuse(Refusal::ServerNameType)
    );
    assert_eq!(SslCommand::decode(123, 0xfefd, NULL), Answer(1));
    assert_eq!(
        SslCommand::decode(70, 0, NULL),
        GetOcspResponse(NULL.cast())
    );
    assert_eq!(SslCommand::decode(78, 4, NULL), ClearMode(4));
    assert_eq!(
        SslCommand::decode(124, 0, NULL),
        SetProtoVersion(Bound::Max, 0)
    );
    assert_eq!(SslCommand::decode(42, 1, NULL), Unknown(42));
    assert!(matches!(
        CallbackCommand::decode(63, None),
        CallbackCommand::SetStatusCallback(None)
    ));
    assert!(matches!(
        CallbackCommand::decode(53, None),
        CallbackCommand::SetServerNameCallback(None)
    ));
    assert!(matches!(
        CallbackCommand::decode(1, None),
        CallbackCommand::Unknown(1)
    ));
}
