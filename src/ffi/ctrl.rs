//! SSL_CTX_ctrl(3) and SSL_ctrl(3): the commands behind OpenSSL's macros
//! (cache size and mode, statistics, protocol bounds, mode bits, SNI, stores).
//! Each call is decoded into a command in one function and applied in
//! another; the rules themselves live in `crate::ssl::options`. Unknown
//! commands return 0, as OpenSSL returns for a command it does not know.

use std::ffi::{c_char, c_void};
use std::os::raw::{c_int, c_long};
use std::sync::atomic::AtomicU64;

use super::boundary::{entry, try_ref};
use super::cert_key_variants::set_current_cert;
use super::ctrl_common::Target;
use super::handles::c_str;
use super::types::*;
use super::verify::{self, StoreCommand, StoreKind};
use super::x509;
use crate::session::CacheStats;
use crate::ssl::options::{
    cache_size_limit, clear_bits, proto_version_bound, set_bits, VersionBound,
};
use crate::ssl::{Connection, Context, Refusal};

const SESS_NUMBER: c_int = 20;
const SESS_CONNECT: c_int = 21;
const SESS_CONNECT_GOOD: c_int = 22;
const SESS_CONNECT_RENEGOTIATE: c_int = 23;
const SESS_ACCEPT: c_int = 24;
const SESS_ACCEPT_GOOD: c_int = 25;
const SESS_ACCEPT_RENEGOTIATE: c_int = 26;
const SESS_HIT: c_int = 27;
const SESS_CB_HIT: c_int = 28;
const SESS_MISSES: c_int = 29;
const SESS_TIMEOUTS: c_int = 30;
const SESS_CACHE_FULL: c_int = 31;
const MODE: c_int = 33;
const SET_SESS_CACHE_SIZE: c_int = 42;
const GET_SESS_CACHE_SIZE: c_int = 43;
const SET_SESS_CACHE_MODE: c_int = 44;
const GET_SESS_CACHE_MODE: c_int = 45;
const SET_TLSEXT_SERVERNAME_ARG: c_int = 54;
const SET_TLSEXT_HOSTNAME: c_int = 55;
const CLEAR_MODE: c_int = 78;
const EXTRA_CHAIN_CERT: c_int = 14;
const GET_READ_AHEAD: c_int = 40;
const SET_READ_AHEAD: c_int = 41;
const CHAIN: c_int = 88;
const CHAIN_CERT: c_int = 89;
const SET_GROUPS_LIST: c_int = 92;
const SET_VERIFY_CERT_STORE: c_int = 106;
const SET_CHAIN_CERT_STORE: c_int = 107;
const SET_MIN_PROTO_VERSION: c_int = 123;
const SET_MAX_PROTO_VERSION: c_int = 124;
const GET_MIN_PROTO_VERSION: c_int = 130;
const GET_MAX_PROTO_VERSION: c_int = 131;
const GET_VERIFY_CERT_STORE: c_int = 137;
const GET_CHAIN_CERT_STORE: c_int = 138;
const GET_PEER_SIGNATURE_NID: c_int = 108;
const GET_NEGOTIATED_GROUP: c_int = 134;
const TLSEXT_NAMETYPE_HOST_NAME: c_long = 0;
const GET_NUM_RENEGOTIATIONS: c_int = 10;
const CLEAR_NUM_RENEGOTIATIONS: c_int = 11;
const GET_TOTAL_RENEGOTIATIONS: c_int = 12;
const SET_TLSEXT_DEBUG_ARG: c_int = 57;
const GET_TLSEXT_TICKET_KEYS: c_int = 58;
const SET_TLSEXT_TICKET_KEYS: c_int = 59;
const SET_TLSEXT_STATUS_REQ_CB_ARG: c_int = 64;
const GET_TLSEXT_STATUS_REQ_CB: c_int = 128;
const GET_TLSEXT_STATUS_REQ_CB_ARG: c_int = 129;
const GET_TLSEXT_STATUS_REQ_OCSP_RESP: c_int = 70;
const SET_TLSEXT_STATUS_REQ_OCSP_RESP: c_int = 71;
const GET_EXTRA_CHAIN_CERTS: c_int = 82;
const CLEAR_EXTRA_CHAIN_CERTS: c_int = 83;
const BUILD_CERT_CHAIN: c_int = 105;
const GET_CHAIN_CERTS: c_int = 115;
const SELECT_CURRENT_CERT: c_int = 116;
const SET_CURRENT_CERT: c_int = 117;
/// The length of the keys `SSL_CTX_set_tlsext_ticket_keys` takes.
const TICKET_KEYS_LENGTH: c_long = 80;

const SET_TLSEXT_SERVERNAME_CB: c_int = 53;
const SET_TLSEXT_TICKET_KEY_CB: c_int = 72;
const SET_TLSEXT_STATUS_REQ_CB: c_int = 63;

/// Which protocol bound a command is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bound {
    Min,
    Max,
}

/// One of the `SSL_CTX_sess_*` counters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Counter {
    Connect,
    ConnectGood,
    Accept,
    AcceptGood,
    Hits,
    CallbackHits,
    Misses,
    Timeouts,
    CacheFull,
}

impl Counter {
    /// The counter among a context's statistics.
    fn of(self, stats: &CacheStats) -> &AtomicU64 {
        match self {
            Counter::Connect => &stats.connect,
            Counter::ConnectGood => &stats.connect_good,
            Counter::Accept => &stats.accept,
            Counter::AcceptGood => &stats.accept_good,
            Counter::Hits => &stats.hits,
            Counter::CallbackHits => &stats.cb_hits,
            Counter::Misses => &stats.misses,
            Counter::Timeouts => &stats.timeouts,
            Counter::CacheFull => &stats.cache_full,
        }
    }
}

/// A command of `SSL_CTX_ctrl`, decoded.
#[derive(Debug, PartialEq)]
enum CtxCommand {
    /// `SSL_CTX_sess_number`.
    SessionCount,
    /// One of the `SSL_CTX_sess_*` counters.
    Statistic(Counter),
    /// The renegotiation counters: always 0 (sessl never renegotiates).
    RenegotiationCount,
    SetMode(u64),
    ClearMode(u64),
    SetSessionCacheSize(usize),
    GetSessionCacheSize,
    SetSessionCacheMode(u32),
    GetSessionCacheMode,
    SetProtoVersion(Bound, u16),
    GetProtoVersion(Bound),
    GetReadAhead,
    SetReadAhead(bool),
    /// The certificates sent after the leaf; `take` hands the stack over.
    SetChain {
        stack: *mut c_void,
        take: bool,
    },
    /// One more certificate after the leaf; `take` hands it over.
    AddChainCert {
        cert: *mut c_void,
        take: bool,
    },
    SetServerNameArg(*mut c_void),
    SetGroupsList(*const c_char),
    Hello(super::ctrl_hello::HelloCommand),
    Store(StoreCommand),
    Common(super::ctrl_common::Common),
    /// `SSL_CTX_get0_chain_certs` / `SSL_CTX_get_extra_chain_certs`.
    GetChainCerts(*mut *mut stack_st_X509),
    /// `SSL_CTX_set_current_cert`: 1 (first) 2 (next) 3 (the server's).
    SetCurrentCert(c_long),
    /// `SSL_CTX_select_current_cert`.
    SelectCurrentCert(*mut c_void),
    BuildCertChain(c_long),
    /// `SSL_CTX_get_tlsext_ticket_keys`: where to put the 80 bytes.
    GetTicketKeys(*mut u8),
    /// `SSL_CTX_set_tlsext_ticket_keys`: the 80 bytes.
    SetTicketKeys(*const u8),
    /// `SSL_CTX_set_tlsext_status_arg`.
    SetStatusArg(*mut c_void),
    /// `SSL_CTX_get_tlsext_status_cb`: where to put it.
    GetStatusCallback(*mut c_void),
    /// `SSL_CTX_get_tlsext_status_arg`: where to put it.
    GetStatusArg(*mut c_void),
    /// A known command with a fixed answer.
    Answer(c_long),
    /// A known command with an argument OpenSSL refuses with an error.
    Refuse(Refusal),
    /// A known command with an argument OpenSSL refuses: 0.
    Refused(c_int),
    Unknown(c_int),
}

/// The store commands both ctrl functions share.
fn store_command(cmd: c_int, larg: c_long, parg: *mut c_void) -> Option<StoreCommand> {
    let (kind, set) = match cmd {
        SET_VERIFY_CERT_STORE => (StoreKind::Verify, true),
        SET_CHAIN_CERT_STORE => (StoreKind::Chain, true),
        GET_VERIFY_CERT_STORE => (StoreKind::Verify, false),
        GET_CHAIN_CERT_STORE => (StoreKind::Chain, false),
        _ => return None,
    };
    Some(if set {
        // `larg` 1 (`set1`) adds a reference, 0 (`set0`) takes the caller's.
        StoreCommand::Set {
            kind,
            store: parg.cast(),
            share: larg != 0,
        }
    } else {
        StoreCommand::Get {
            kind,
            out: parg.cast(),
        }
    })
}

/// The protocol bound of a set command and what it does with the number.
fn proto_bound(cmd: c_int, larg: c_long) -> Option<(Bound, VersionBound)> {
    let bound = match cmd {
        SET_MIN_PROTO_VERSION => Bound::Min,
        SET_MAX_PROTO_VERSION => Bound::Max,
        _ => return None,
    };
    Some((bound, proto_version_bound(i64::from(larg))))
}

impl CtxCommand {
    /// Decodes an `SSL_CTX_ctrl` call.
    fn decode(cmd: c_int, larg: c_long, parg: *mut c_void) -> Self {
        use CtxCommand::*;
        if let Some(store) = store_command(cmd, larg, parg) {
            return Store(store);
        }
        if let Some(common) = super::ctrl_common::Common::decode(cmd, larg, parg) {
            return CtxCommand::Common(common);
        }
        if let Some((bound, version)) = proto_bound(cmd, larg) {
            return match version {
                VersionBound::Set(v) => SetProtoVersion(bound, v),
                VersionBound::Unchanged => Answer(1),
                VersionBound::Refused => Refused(cmd),
            };
        }
        if let Some(command) = Self::decode_certs(cmd, larg, parg) {
            return command;
        }
        if let Some(hello) = super::ctrl_hello::HelloCommand::decode_for_context(cmd, larg, parg) {
            return Hello(hello);
        }
        match cmd {
            SESS_NUMBER => SessionCount,
            SESS_CONNECT => Statistic(Counter::Connect),
            SESS_CONNECT_GOOD => Statistic(Counter::ConnectGood),
            SESS_ACCEPT => Statistic(Counter::Accept),
            SESS_ACCEPT_GOOD => Statistic(Counter::AcceptGood),
            SESS_CONNECT_RENEGOTIATE | SESS_ACCEPT_RENEGOTIATE => RenegotiationCount,
            SESS_HIT => Statistic(Counter::Hits),
            SESS_CB_HIT => Statistic(Counter::CallbackHits),
            SESS_MISSES => Statistic(Counter::Misses),
            SESS_TIMEOUTS => Statistic(Counter::Timeouts),
            SESS_CACHE_FULL => Statistic(Counter::CacheFull),
            MODE => SetMode(larg as u64),
            CLEAR_MODE => ClearMode(larg as u64),
            SET_SESS_CACHE_SIZE => {
                cache_size_limit(i64::from(larg)).map_or(Refused(cmd), SetSessionCacheSize)
            }
            GET_SESS_CACHE_SIZE => GetSessionCacheSize,
            SET_SESS_CACHE_MODE => SetSessionCacheMode(larg as u32),
            GET_SESS_CACHE_MODE => GetSessionCacheMode,
            GET_MIN_PROTO_VERSION => GetProtoVersion(Bound::Min),
            GET_MAX_PROTO_VERSION => GetProtoVersion(Bound::Max),
            GET_READ_AHEAD => GetReadAhead,
            SET_READ_AHEAD => SetReadAhead(larg != 0),
            SET_TLSEXT_SERVERNAME_ARG => SetServerNameArg(parg),
            SET_GROUPS_LIST => SetGroupsList(parg.cast()),
            GET_TLSEXT_TICKET_KEYS | SET_TLSEXT_TICKET_KEYS if parg.is_null() => {
                Answer(TICKET_KEYS_LENGTH)
            }
            GET_TLSEXT_TICKET_KEYS | SET_TLSEXT_TICKET_KEYS if larg != TICKET_KEYS_LENGTH => {
                Refuse(Refusal::TicketKeysLength)
            }
            GET_TLSEXT_TICKET_KEYS => GetTicketKeys(parg.cast()),
            SET_TLSEXT_TICKET_KEYS => SetTicketKeys(parg.cast()),
            SET_TLSEXT_STATUS_REQ_CB_ARG => SetStatusArg(parg),
            GET_TLSEXT_STATUS_REQ_CB => GetStatusCallback(parg),
            GET_TLSEXT_STATUS_REQ_CB_ARG => GetStatusArg(parg),
            _ => Unknown(cmd),
        }
    }

    /// Decodes the certificate chain commands.
    fn decode_certs(cmd: c_int, larg: c_long, parg: *mut c_void) -> Option<Self> {
        use CtxCommand::*;
        Some(match cmd {
            CHAIN => SetChain {
                stack: parg,
                take: larg == 0,
            },
            CHAIN_CERT | EXTRA_CHAIN_CERT => AddChainCert {
                cert: parg,
                take: cmd == EXTRA_CHAIN_CERT || larg == 0,
            },
            CLEAR_EXTRA_CHAIN_CERTS => SetChain {
                stack: std::ptr::null_mut(),
                take: false,
            },
            GET_EXTRA_CHAIN_CERTS | GET_CHAIN_CERTS => GetChainCerts(parg.cast()),
            SET_CURRENT_CERT => SetCurrentCert(larg),
            SELECT_CURRENT_CERT => SelectCurrentCert(parg),
            BUILD_CERT_CHAIN => BuildCertChain(larg),
            _ => return None,
        })
    }

    /// Applies the command to a context; the result of the ctrl call.
    fn apply(self, ctx: &Context) -> c_long {
        use CtxCommand::*;
        match self {
            SessionCount => ctx.cache().len() as c_long,
            Statistic(counter) => CacheStats::read(counter.of(ctx.stats())) as c_long,
            RenegotiationCount => 0,
            SetMode(bits) => ctx.update(|s| set_bits(&mut s.mode, bits)) as c_long,
            ClearMode(bits) => ctx.update(|s| clear_bits(&mut s.mode, bits)) as c_long,
            SetSessionCacheSize(size) => {
                let previous = ctx.cache().size_limit() as c_long;
                ctx.cache().set_size_limit(size);
                previous
            }
            GetSessionCacheSize => ctx.cache().size_limit() as c_long,
            SetSessionCacheMode(mode) => {
                ctx.update(|s| std::mem::replace(&mut s.cache_mode, mode)) as c_long
            }
            GetSessionCacheMode => ctx.with_settings(|s| s.cache_mode) as c_long,
            // A version-specific method ignores the bounds, as in OpenSSL.
            SetProtoVersion(_, _) if ctx.protocol_method().version.is_some() => 1,
            SetProtoVersion(bound, version) => {
                ctx.update(|s| match bound {
                    Bound::Min => s.min_version = version,
                    Bound::Max => s.max_version = version,
                });
                1
            }
            GetProtoVersion(Bound::Min) => ctx.with_settings(|s| s.min_version) as c_long,
            GetProtoVersion(Bound::Max) => ctx.with_settings(|s| s.max_version) as c_long,
            // sessl always reads one record at a time; read-ahead is accepted and off.
            GetReadAhead => 0,
            SetReadAhead(on) => {
                if on {
                    super::unsupported::accepted("SSL_CTX_ctrl", "read-ahead stays off");
                }
                0
            }
            SetChain { stack, take } => {
                ctx.set_chain_tail(x509::stack_ders(stack, take));
                1
            }
            AddChainCert { cert, take } => match x509::cert_der(cert, take) {
                Some(der) => {
                    ctx.add_chain_cert(der);
                    1
                }
                None => 0,
            },
            SetServerNameArg(arg) => {
                c_long::from(super::client_hello::set_servername_arg(ctx, arg))
            }
            SetGroupsList(list) => {
                let Some(list) = c_str(list) else {
                    return c_long::from(super::err::refuse("SSL_CTX_ctrl", Refusal::NullList));
                };
                let groups = ctx.set_groups_list(&list.to_string_lossy());
                c_long::from(super::err::int_result("SSL_CTX_set1_groups_list", groups))
            }
            Hello(command) => command.apply(Target::Context(ctx)),
            Store(command) => verify::context_store_ctrl(ctx, command),
            Common(common) => common.apply(Target::Context(ctx)),
            GetChainCerts(out) => super::ctrl_certs::get_chain_certs(ctx, out),
            SetCurrentCert(which) => super::ctrl_certs::set_current_cert(ctx, which),
            SelectCurrentCert(cert) => super::ctrl_certs::select_current_cert(ctx, cert),
            BuildCertChain(flags) => {
                super::ctrl_certs::build_cert_chain("SSL_CTX_ctrl", ctx, None, flags)
            }
            GetTicketKeys(out) => super::tickets::get_ticket_keys(ctx, out),
            SetTicketKeys(keys) => super::tickets::set_ticket_keys(ctx, keys),
            SetStatusArg(arg) => super::ocsp::set_argument(ctx, arg),
            GetStatusCallback(out) => super::ocsp::get_callback(ctx, out),
            GetStatusArg(out) => super::ocsp::get_argument(ctx, out),
            Answer(n) => n,
            Refuse(r) => c_long::from(super::err::refuse("SSL_CTX_ctrl", r)),
            Refused(_) => 0,
            Unknown(cmd) => unknown("SSL_CTX_ctrl", cmd),
        }
    }
}

/// A command of `SSL_ctrl`, decoded.
#[derive(Debug, PartialEq)]
enum SslCommand {
    SetHostName(*const c_char),
    SetMode(u64),
    ClearMode(u64),
    SetProtoVersion(Bound, u16),
    GetProtoVersion(Bound),
    /// `SSL_set_current_cert`.
    SetCurrentCert(c_long),
    GetPeerSignatureNid(*mut c_int),
    Hello(super::ctrl_hello::HelloCommand),
    Store(StoreCommand),
    Common(super::ctrl_common::Common),
    /// `SSL_get_tlsext_status_ocsp_resp`: where to put the response.
    GetOcspResponse(*mut *const u8),
    /// `SSL_set_tlsext_status_ocsp_resp`: a response to staple, handed over.
    SetOcspResponse(*mut c_void, c_long),
    /// `SSL_build_cert_chain`: the connection's certificate is its context's.
    BuildCertChain(c_long),
    /// `SSL_get_negotiated_group`.
    NegotiatedGroup,
    /// A known command accepted without effect, with why: 1.
    Accepted(&'static str),
    /// A known command with a fixed answer.
    Answer(c_long),
    /// A known command with an argument OpenSSL refuses with an error.
    Refuse(Refusal),
    /// A known command with an argument OpenSSL refuses: 0.
    Refused(c_int),
    Unknown(c_int),
}

impl SslCommand {
    /// Decodes an `SSL_ctrl` call.
    fn decode(cmd: c_int, larg: c_long, parg: *mut c_void) -> Self {
        use SslCommand::*;
        if let Some(store) = store_command(cmd, larg, parg) {
            return Store(store);
        }
        if let Some(common) = super::ctrl_common::Common::decode(cmd, larg, parg) {
            return SslCommand::Common(common);
        }
        if let Some((bound, version)) = proto_bound(cmd, larg) {
            return match version {
                VersionBound::Set(v) => SetProtoVersion(bound, v),
                VersionBound::Unchanged => Answer(1),
                VersionBound::Refused => Refused(cmd),
            };
        }
        if let Some(hello) = super::ctrl_hello::HelloCommand::decode_for_connection(cmd, larg, parg)
        {
            return Hello(hello);
        }
        match cmd {
            SET_TLSEXT_HOSTNAME if larg == TLSEXT_NAMETYPE_HOST_NAME => SetHostName(parg.cast()),
            SET_TLSEXT_HOSTNAME => Refuse(Refusal::ServerNameType),
            SET_TLSEXT_DEBUG_ARG => Accepted("the extension debug callback is never called"),
            // sessl never renegotiates.
            GET_NUM_RENEGOTIATIONS | CLEAR_NUM_RENEGOTIATIONS | GET_TOTAL_RENEGOTIATIONS => {
                Answer(0)
            }
            BUILD_CERT_CHAIN => BuildCertChain(larg),
            GET_NEGOTIATED_GROUP => NegotiatedGroup,
            GET_TLSEXT_STATUS_REQ_OCSP_RESP => GetOcspResponse(parg.cast()),
            SET_TLSEXT_STATUS_REQ_OCSP_RESP => SetOcspResponse(parg, larg),
            MODE => SetMode(larg as u64),
            CLEAR_MODE => ClearMode(larg as u64),
            GET_MIN_PROTO_VERSION => GetProtoVersion(Bound::Min),
            GET_MAX_PROTO_VERSION => GetProtoVersion(Bound::Max),
            SET_CURRENT_CERT => SetCurrentCert(larg),
            GET_PEER_SIGNATURE_NID => GetPeerSignatureNid(parg.cast()),
            _ => Unknown(cmd),
        }
    }

    /// Applies the command to a connection; the result of the ctrl call.
    fn apply(self, conn: &Connection) -> c_long {
        use SslCommand::*;
        match self {
            SetHostName(name) => {
                let name = c_str(name).map(|n| n.to_string_lossy().into_owned());
                if !conn.set_hostname(name) {
                    return c_long::from(super::err::refuse("SSL_ctrl", Refusal::ServerName));
                }
                1
            }
            SetMode(bits) => conn.change_mode(bits, true) as c_long,
            ClearMode(bits) => conn.change_mode(bits, false) as c_long,
            SetProtoVersion(bound, version) => {
                conn.set_version_bound(bound == Bound::Min, version);
                1
            }
            GetProtoVersion(bound) => c_long::from(conn.version_bound(bound == Bound::Min)),
            SetCurrentCert(op) => set_current_cert(&conn.credentials(), op),
            GetPeerSignatureNid(out) => super::conn_facts::peer_signature_hash(conn, out),
            Hello(command) => command.apply(Target::Connection(conn)),
            Store(command) => verify::connection_store_ctrl(conn, command),
            Common(common) => common.apply(Target::Connection(conn)),
            GetOcspResponse(out) => super::ocsp::get_response(conn, out),
            SetOcspResponse(resp, len) => super::ocsp::set_response(conn, resp, len),
            BuildCertChain(flags) => {
                super::ctrl_certs::build_cert_chain("SSL_ctrl", conn.context(), Some(conn), flags)
            }
            NegotiatedGroup => c_long::from(super::conn_facts::negotiated_group(conn)),
            Accepted(why) => {
                super::unsupported::accepted("SSL_ctrl", why);
                1
            }
            Answer(n) => n,
            Refuse(r) => c_long::from(super::err::refuse("SSL_ctrl", r)),
            Refused(_) => 0,
            Unknown(cmd) => unknown("SSL_ctrl", cmd),
        }
    }
}

/// A command of `SSL_CTX_callback_ctrl`, decoded.
#[derive(Debug)]
enum CallbackCommand {
    SetServerNameCallback(sessl_generic_cb),
    SetTicketKeyCallback(sessl_generic_cb),
    SetStatusCallback(sessl_generic_cb),
    Unknown(c_int),
}

impl CallbackCommand {
    /// Decodes an `SSL_CTX_callback_ctrl` call.
    fn decode(cmd: c_int, fp: sessl_generic_cb) -> Self {
        match cmd {
            SET_TLSEXT_SERVERNAME_CB => CallbackCommand::SetServerNameCallback(fp),
            SET_TLSEXT_TICKET_KEY_CB => CallbackCommand::SetTicketKeyCallback(fp),
            SET_TLSEXT_STATUS_REQ_CB => CallbackCommand::SetStatusCallback(fp),
            _ => CallbackCommand::Unknown(cmd),
        }
    }

    /// Applies the command to a context; the result of the ctrl call.
    fn apply(self, ctx: &Context) -> c_long {
        match self {
            CallbackCommand::SetServerNameCallback(fp) => {
                c_long::from(super::client_hello::set_servername_callback(ctx, fp))
            }
            CallbackCommand::SetTicketKeyCallback(fp) => {
                c_long::from(super::tickets::set_hmac_callback(ctx, fp))
            }
            CallbackCommand::SetStatusCallback(fp) => super::ocsp::set_callback(ctx, fp),
            CallbackCommand::Unknown(cmd) => unknown("SSL_CTX_callback_ctrl", cmd),
        }
    }
}

/// A command sessl does not know: 0 and a warning; nothing is queued, as
/// OpenSSL queues nothing for a command it does not know.
fn unknown(func: &str, cmd: c_int) -> c_long {
    log::warn!("{func}: command {cmd} not supported");
    0
}

/// SSL_CTX_ctrl(3): decodes the context commands of OpenSSL's macros.
#[no_mangle]
pub extern "C" fn SSL_CTX_ctrl(
    ctx: *mut SSL_CTX,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> c_long {
    entry!({ CtxCommand::decode(cmd, larg, parg).apply(try_ref!(ctx)) })
}

/// SSL_ctrl(3): decodes the connection commands of OpenSSL's macros.
#[no_mangle]
pub extern "C" fn SSL_ctrl(ssl: *mut SSL, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
    entry!({ SslCommand::decode(cmd, larg, parg).apply(try_ref!(ssl)) })
}

/// SSL_CTX_ctrl(3): `SSL_CTX_callback_ctrl`, the callback-setting commands:
/// the servername callback and the ticket key callback.
#[no_mangle]
pub extern "C" fn SSL_CTX_callback_ctrl(
    ctx: *mut SSL_CTX,
    cmd: c_int,
    fp: sessl_generic_cb,
) -> c_long {
    entry!({ CallbackCommand::decode(cmd, fp).apply(try_ref!(ctx)) })
}

#[cfg(test)]
#[path = "ctrl_tests.rs"]
mod tests;
