//! SSL_CTX_ctrl(3) and SSL_ctrl(3): the commands both take beyond the
//! session cache and protocol bounds: key exchange parameters, record and
//! certificate list sizes, pipelines, the OCSP status type, the message
//! callback's argument. `ctrl.rs` decodes everything else.

use std::ffi::c_void;
use std::os::raw::{c_int, c_long};

use super::err;
use super::unsupported;
use crate::ssl::options::{pipelines_ok, send_fragment_limit, split_fragment_ok};
use crate::ssl::{Connection, Context, Refusal};

const SET_TMP_DH: c_int = 3;
const SET_TMP_ECDH: c_int = 4;
const SET_TMP_DH_CB: c_int = 6;
const GET_CLIENT_CERT_REQUEST: c_int = 9;
const SET_MTU: c_int = 17;
const SET_MSG_CALLBACK_ARG: c_int = 16;
const GET_MAX_CERT_LIST: c_int = 50;
const SET_MAX_CERT_LIST: c_int = 51;
const SET_MAX_SEND_FRAGMENT: c_int = 52;
const SET_TLSEXT_STATUS_REQ_TYPE: c_int = 65;
const SET_DH_AUTO: c_int = 118;
const SET_SPLIT_SEND_FRAGMENT: c_int = 125;
const SET_MAX_PIPELINES: c_int = 126;
const GET_TLSEXT_STATUS_REQ_TYPE: c_int = 127;

/// OpenSSL's default `max_cert_list` (`SSL_MAX_CERT_LIST_DEFAULT`).
const MAX_CERT_LIST_DEFAULT: c_long = 100 * 1024;
/// "No status type set" for `SSL_get_tlsext_status_type`.
const NO_STATUS_TYPE: c_long = -1;

/// What the commands of this file keep on a context or a connection; a
/// connection's unset values are its context's.
#[derive(Default)]
struct CtrlValues {
    max_cert_list: Option<c_long>,
    status_type: Option<c_long>,
    max_send_fragment: Option<usize>,
}

/// What a command applies to.
#[derive(Clone, Copy)]
pub(super) enum Target<'a> {
    Context(&'a Context),
    Connection(&'a Connection),
}

impl Target<'_> {
    /// The function name errors are queued under.
    fn function(self) -> &'static str {
        match self {
            Target::Context(_) => "SSL_CTX_ctrl",
            Target::Connection(_) => "SSL_ctrl",
        }
    }

    /// A value kept by this file's commands: the target's own, else its context's.
    fn value<T>(self, get: impl Fn(&CtrlValues) -> Option<T>) -> Option<T> {
        match self {
            Target::Context(ctx) => ctx.extras().with(|v: &mut CtrlValues| get(v)),
            Target::Connection(conn) => conn
                .extras()
                .with(|v: &mut CtrlValues| get(v))
                .or_else(|| Target::Context(conn.context()).value(get)),
        }
    }

    /// Changes the target's own values.
    fn update<R>(self, f: impl FnOnce(&mut CtrlValues) -> R) -> R {
        match self {
            Target::Context(ctx) => ctx.extras().with(f),
            Target::Connection(conn) => conn.extras().with(f),
        }
    }

    /// The largest record plaintext sent.
    fn max_send_fragment(self) -> usize {
        match self {
            Target::Context(ctx) => ctx.with_settings(|s| s.max_send_fragment),
            Target::Connection(conn) => self
                .value(|v| v.max_send_fragment)
                .unwrap_or_else(|| Target::Context(conn.context()).max_send_fragment()),
        }
    }
}

/// A command both ctrl functions take, decoded.
#[derive(Debug, PartialEq)]
pub(super) enum Common {
    /// `SSL_CTX_set_tmp_dh`: parameters for finite-field DH suites.
    TmpDh(*mut c_void),
    /// `SSL_CTX_set_tmp_ecdh`: the groups become the key's curve.
    TmpEcdh(*mut c_void),
    /// `SSL_CTRL_SET_TMP_DH_CB` given to a ctrl function rather than to
    /// `SSL_CTX_callback_ctrl`.
    TmpDhCallbackMisplaced,
    /// `SSL_CTX_set_msg_callback_arg`.
    MsgCallbackArg(*mut c_void),
    GetMaxCertList,
    SetMaxCertList(c_long),
    SetMaxSendFragment(c_long),
    SetSplitSendFragment(c_long),
    SetMaxPipelines(c_long),
    /// `SSL_CTX_set_dh_auto`.
    DhAuto,
    SetStatusType(c_long),
    GetStatusType,
    /// A command OpenSSL 3.0 answers 0 on TLS (`SSL_set_mtu` is for DTLS;
    /// `SSL_CTRL_GET_CLIENT_CERT_REQUEST` is no longer used).
    Zero,
}

impl Common {
    /// Decodes a command of this file, or `None` for another.
    pub(super) fn decode(cmd: c_int, larg: c_long, parg: *mut c_void) -> Option<Self> {
        use Common::*;
        Some(match cmd {
            SET_TMP_DH => TmpDh(parg),
            SET_TMP_ECDH => TmpEcdh(parg),
            SET_TMP_DH_CB => TmpDhCallbackMisplaced,
            SET_MSG_CALLBACK_ARG => MsgCallbackArg(parg),
            GET_MAX_CERT_LIST => GetMaxCertList,
            SET_MAX_CERT_LIST => SetMaxCertList(larg),
            SET_MAX_SEND_FRAGMENT => SetMaxSendFragment(larg),
            SET_SPLIT_SEND_FRAGMENT => SetSplitSendFragment(larg),
            SET_MAX_PIPELINES => SetMaxPipelines(larg),
            SET_DH_AUTO => DhAuto,
            SET_TLSEXT_STATUS_REQ_TYPE => SetStatusType(larg),
            GET_TLSEXT_STATUS_REQ_TYPE => GetStatusType,
            GET_CLIENT_CERT_REQUEST | SET_MTU => Zero,
            _ => return None,
        })
    }

    /// Applies the command; the result of the ctrl call.
    pub(super) fn apply(self, target: Target<'_>) -> c_long {
        use Common::*;
        let func = target.function();
        match self {
            TmpDh(dh) | TmpEcdh(dh) if dh.is_null() => {
                c_long::from(err::refuse(func, Refusal::NullParameter))
            }
            TmpDh(_) => {
                unsupported::accepted(func, "no finite-field DH suites in rustls");
                1
            }
            TmpEcdh(key) => tmp_ecdh(target, key),
            TmpDhCallbackMisplaced => {
                unsupported::report(func, "the DH callback is set with SSL_CTX_callback_ctrl");
                0
            }
            MsgCallbackArg(arg) => {
                match target {
                    Target::Context(ctx) => super::msg_callback::set_context_arg(ctx, arg),
                    Target::Connection(conn) => super::msg_callback::set_connection_arg(conn, arg),
                }
                1
            }
            GetMaxCertList => target
                .value(|v| v.max_cert_list)
                .unwrap_or(MAX_CERT_LIST_DEFAULT),
            SetMaxCertList(n) if n < 0 => 0,
            SetMaxCertList(n) => {
                let previous = GetMaxCertList.apply(target);
                target.update(|v| v.max_cert_list = Some(n));
                unsupported::accepted(func, "rustls bounds handshake messages itself");
                previous
            }
            SetMaxSendFragment(n) => set_max_send_fragment(target, n),
            SetSplitSendFragment(n) => {
                c_long::from(split_fragment_ok(i64::from(n), target.max_send_fragment()))
            }
            SetMaxPipelines(n) => c_long::from(pipelines_ok(i64::from(n))),
            DhAuto => {
                unsupported::accepted(func, "no finite-field DH suites in rustls");
                1
            }
            SetStatusType(t) => {
                target.update(|v| v.status_type = Some(t));
                super::ocsp::status_type_set(t);
                1
            }
            GetStatusType => status_type(target),
            Zero => 0,
        }
    }
}

/// The OCSP status type (`SSL_get_tlsext_status_type`): -1 when none is set.
pub(super) fn status_type(target: Target<'_>) -> c_long {
    target.value(|v| v.status_type).unwrap_or(NO_STATUS_TYPE)
}

/// `SSL_CTX_set_max_send_fragment`: the context's records are cut to it;
/// a connection's own limit is kept but its context's applies.
fn set_max_send_fragment(target: Target<'_>, n: c_long) -> c_long {
    let Some(size) = send_fragment_limit(i64::from(n)) else {
        return 0;
    };
    match target {
        Target::Context(ctx) => ctx.update(|s| s.max_send_fragment = size),
        Target::Connection(_) => {
            target.update(|v| v.max_send_fragment = Some(size));
            unsupported::accepted("SSL_ctrl", "the context's record size applies");
        }
    }
    1
}

/// `SSL_CTX_set_tmp_ecdh`: the key's curve becomes the only group.
fn tmp_ecdh(target: Target<'_>, key: *mut c_void) -> c_long {
    let Some(name) = ec_key_curve_name(key.cast()) else {
        return 0;
    };
    let set = match target {
        Target::Context(ctx) => ctx.set_groups_list(&name),
        Target::Connection(conn) => conn.set_groups_list(&name),
    };
    c_long::from(err::int_result(target.function(), set))
}

/// The short name of an `EC_KEY`'s curve (`prime256v1`, ...), which is
/// also its group's name in a groups list.
fn ec_key_curve_name(key: *const openssl_sys::EC_KEY) -> Option<String> {
    // SAFETY: the caller's EC_KEY, only read; the name is libcrypto's own
    // static string, copied before returning.
    unsafe {
        let group = openssl_sys::EC_KEY_get0_group(key);
        if group.is_null() {
            return None;
        }
        let name = openssl_sys::OBJ_nid2sn(openssl_sys::EC_GROUP_get_curve_name(group));
        if name.is_null() {
            return None;
        }
        Some(
            std::ffi::CStr::from_ptr(name)
                .to_string_lossy()
                .into_owned(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssl::Method;

    const NULL: *mut c_void = std::ptr::null_mut();

    #[test]
    fn commands_of_both_ctrl_functions_decode() {
        assert_eq!(Common::decode(3, 0, NULL), Some(Common::TmpDh(NULL)));
        assert_eq!(
            Common::decode(52, 512, NULL),
            Some(Common::SetMaxSendFragment(512))
        );
        assert_eq!(Common::decode(127, 0, NULL), Some(Common::GetStatusType));
        assert_eq!(Common::decode(33, 0, NULL), None);
    }

    #[test]
    fn a_connection_reads_its_contexts_values_until_it_has_its_own() {
        let ctx = Context::new(Method::Client).unwrap();
        let c = Target::Context(&ctx);
        assert_eq!(Common::GetMaxCertList.apply(c), 102400);
        assert_eq!(Common::SetMaxCertList(-1).apply(c), 0);
        assert_eq!(Common::SetMaxCertList(4096).apply(c), 102400);
        assert_eq!(Common::GetStatusType.apply(c), -1);
        let conn = Connection::new(std::sync::Arc::new(ctx));
        let s = Target::Connection(&conn);
        assert_eq!(Common::GetMaxCertList.apply(s), 4096);
        assert_eq!(Common::SetStatusType(1).apply(s), 1);
        assert_eq!(Common::GetStatusType.apply(s), 1);
        assert_eq!(
            Common::GetStatusType.apply(Target::Context(conn.context())),
            -1
        );
    }

    #[test]
    fn record_sizes_bound_each_other() {
        let ctx = Context::new(Method::Server).unwrap();
        let c = Target::Context(&ctx);
        assert_eq!(Common::SetSplitSendFragment(16384).apply(c), 1);
        assert_eq!(Common::SetMaxSendFragment(511).apply(c), 0);
        assert_eq!(Common::SetMaxSendFragment(1024).apply(c), 1);
        assert_eq!(ctx.with_settings(|s| s.max_send_fragment), 1024);
        assert_eq!(Common::SetSplitSendFragment(1025).apply(c), 0);
        assert_eq!(Common::SetSplitSendFragment(1024).apply(c), 1);
        assert_eq!(Common::SetMaxPipelines(33).apply(c), 0);
    }
}
