//! SSL_CTX_ctrl(3) and SSL_ctrl(3): the commands behind OpenSSL's macros
//! (cache size and mode, statistics, protocol bounds, mode bits, SNI).
//! Unknown commands return 0.

use std::ffi::c_void;
use std::os::raw::{c_int, c_long};

use super::boundary::{entry, try_ref};
use super::handles::c_str;
use super::types::*;
use super::unsupported::unsupported;
use super::verify;
use super::x509;
use crate::session::CacheStats;
use crate::ssl::options::is_known_version;

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
const SET_MIN_PROTO_VERSION: c_int = 123;
const SET_MAX_PROTO_VERSION: c_int = 124;
const GET_MIN_PROTO_VERSION: c_int = 130;
const GET_MAX_PROTO_VERSION: c_int = 131;
const TLSEXT_NAMETYPE_HOST_NAME: c_long = 0;

/// SSL_CTX_ctrl(3): decodes the context commands of OpenSSL's macros.
#[no_mangle]
pub extern "C" fn SSL_CTX_ctrl(
    ctx: *mut SSL_CTX,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> c_long {
    entry!({
        let ctx = try_ref!(ctx);
        let stats = ctx.stats();
        let count = |c| CacheStats::read(c) as c_long;
        match cmd {
            SESS_NUMBER => ctx.cache().len() as c_long,
            SESS_CONNECT => count(&stats.connect),
            SESS_CONNECT_GOOD => count(&stats.connect_good),
            SESS_ACCEPT => count(&stats.accept),
            SESS_ACCEPT_GOOD => count(&stats.accept_good),
            SESS_CONNECT_RENEGOTIATE | SESS_ACCEPT_RENEGOTIATE => 0,
            SESS_HIT => count(&stats.hits),
            SESS_CB_HIT => count(&stats.cb_hits),
            SESS_MISSES => count(&stats.misses),
            SESS_TIMEOUTS => count(&stats.timeouts),
            SESS_CACHE_FULL => count(&stats.cache_full),
            MODE => ctx.update(|s| {
                s.mode |= larg as u64;
                s.mode as c_long
            }),
            CLEAR_MODE => ctx.update(|s| {
                s.mode &= !(larg as u64);
                s.mode as c_long
            }),
            SET_SESS_CACHE_SIZE => {
                if larg < 0 {
                    return 0;
                }
                let previous = ctx.cache().size_limit() as c_long;
                ctx.cache().set_size_limit(larg as usize);
                previous
            }
            GET_SESS_CACHE_SIZE => ctx.cache().size_limit() as c_long,
            SET_SESS_CACHE_MODE => {
                ctx.update(|s| std::mem::replace(&mut s.cache_mode, larg as u32)) as c_long
            }
            GET_SESS_CACHE_MODE => ctx.with_settings(|s| s.cache_mode) as c_long,
            SET_MIN_PROTO_VERSION | SET_MAX_PROTO_VERSION => {
                if !is_known_version(larg) {
                    return 0;
                }
                ctx.update(|s| {
                    if cmd == SET_MIN_PROTO_VERSION {
                        s.min_version = larg as u16;
                    } else {
                        s.max_version = larg as u16;
                    }
                });
                1
            }
            // sessl always reads one record at a time; read-ahead is accepted and off.
            GET_READ_AHEAD => 0,
            SET_READ_AHEAD => {
                if larg != 0 {
                    unsupported!(accepted, "read-ahead stays off");
                }
                0
            }
            // The certificates sent after the leaf; larg 0 hands the objects over.
            CHAIN => {
                ctx.set_chain_tail(x509::stack_ders(parg, larg == 0));
                1
            }
            CHAIN_CERT | EXTRA_CHAIN_CERT => {
                match x509::cert_der(parg, cmd == EXTRA_CHAIN_CERT || larg == 0) {
                    Some(der) => {
                        ctx.add_chain_cert(der);
                        1
                    }
                    None => 0,
                }
            }
            SET_TLSEXT_SERVERNAME_ARG => {
                c_long::from(super::client_hello::set_servername_arg(ctx, parg))
            }
            SET_GROUPS_LIST => {
                let Some(list) = c_str(parg.cast()) else {
                    return 0;
                };
                c_long::from(super::ctx::report(
                    "groups",
                    ctx.set_groups_list(&list.to_string_lossy()),
                ))
            }
            GET_MIN_PROTO_VERSION => ctx.with_settings(|s| s.min_version) as c_long,
            GET_MAX_PROTO_VERSION => ctx.with_settings(|s| s.max_version) as c_long,
            verify::SET_VERIFY_CERT_STORE
            | verify::SET_CHAIN_CERT_STORE
            | verify::GET_VERIFY_CERT_STORE
            | verify::GET_CHAIN_CERT_STORE => verify::context_store_ctrl(ctx, cmd, larg, parg),
            _ => {
                // As OpenSSL answers a command it does not know: 0, nothing queued.
                log::warn!("SSL_CTX_ctrl: command {cmd} not supported");
                0
            }
        }
    })
}

/// SSL_ctrl(3): decodes the connection commands of OpenSSL's macros.
#[no_mangle]
pub extern "C" fn SSL_ctrl(ssl: *mut SSL, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
    entry!({
        let conn = try_ref!(ssl);
        match cmd {
            SET_TLSEXT_HOSTNAME => {
                if larg != TLSEXT_NAMETYPE_HOST_NAME {
                    return 0;
                }
                let name = c_str(parg.cast()).map(|n| n.to_string_lossy().into_owned());
                c_long::from(conn.set_hostname(name))
            }
            MODE => conn.change_mode(larg as u64, true) as c_long,
            CLEAR_MODE => conn.change_mode(larg as u64, false) as c_long,
            SET_MIN_PROTO_VERSION | SET_MAX_PROTO_VERSION => {
                if !is_known_version(larg) {
                    return 0;
                }
                conn.set_version_bound(cmd == SET_MIN_PROTO_VERSION, larg as u16);
                1
            }
            GET_MIN_PROTO_VERSION => c_long::from(conn.version_bound(true)),
            GET_MAX_PROTO_VERSION => c_long::from(conn.version_bound(false)),
            verify::SET_VERIFY_CERT_STORE
            | verify::SET_CHAIN_CERT_STORE
            | verify::GET_VERIFY_CERT_STORE
            | verify::GET_CHAIN_CERT_STORE => verify::connection_store_ctrl(conn, cmd, larg, parg),
            _ => {
                // As OpenSSL answers a command it does not know: 0, nothing queued.
                log::warn!("SSL_ctrl: command {cmd} not supported");
                0
            }
        }
    })
}

const SET_TLSEXT_SERVERNAME_CB: c_int = 53;
const SET_TLSEXT_TICKET_KEY_CB: c_int = 72;

/// SSL_CTX_ctrl(3): `SSL_CTX_callback_ctrl`, the callback-setting commands:
/// the servername callback and the ticket key callback.
#[no_mangle]
pub extern "C" fn SSL_CTX_callback_ctrl(
    ctx: *mut SSL_CTX,
    cmd: c_int,
    fp: sessl_generic_cb,
) -> c_long {
    entry!({
        let ctx = try_ref!(ctx);
        match cmd {
            SET_TLSEXT_SERVERNAME_CB => {
                c_long::from(super::client_hello::set_servername_callback(ctx, fp))
            }
            SET_TLSEXT_TICKET_KEY_CB => c_long::from(super::tickets::set_hmac_callback(ctx, fp)),
            _ => {
                // As OpenSSL answers a command it does not know: 0, nothing queued.
                log::warn!("SSL_CTX_callback_ctrl: command {cmd} not supported");
                0
            }
        }
    })
}
