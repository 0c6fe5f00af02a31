//! SSL_CONF_cmd(3): configuration by command strings. sessl recognises no
//! commands yet: each is reported unknown (-2), as OpenSSL reports one it lacks.

use std::ffi::c_char;
use std::os::raw::{c_int, c_uint};

use super::boundary::{entry, try_some};
use super::handles::{borrow_mut, free_box, ownership, to_c_box, Handle};
use super::types::*;
use super::unsupported::unsupported;

/// What an `SSL_CONF_CTX` remembers.
#[derive(Default)]
pub(crate) struct ConfCtx {
    flags: c_uint,
}

impl Handle for SSL_CONF_CTX {
    type Rust = ConfCtx;
    type Ownership = ownership::Boxed;
}

/// SSL_CONF_CTX_new(3): a new configuration context (free with `SSL_CONF_CTX_free`).
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_new() -> *mut SSL_CONF_CTX {
    entry!({ to_c_box(ConfCtx::default()) })
}

/// SSL_CONF_CTX_new(3): `SSL_CONF_CTX_free`.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_free(cctx: *mut SSL_CONF_CTX) {
    entry!({ free_box(cctx) })
}

/// SSL_CONF_CTX_set_flags(3): adds flags; returns the new flags.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set_flags(cctx: *mut SSL_CONF_CTX, flags: c_uint) -> c_uint {
    entry!({
        let c = try_some!(borrow_mut(cctx));
        c.flags |= flags;
        c.flags
    })
}

/// SSL_CONF_CTX_set_ssl_ctx(3): the context commands would apply to.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set_ssl_ctx(_cctx: *mut SSL_CONF_CTX, _ctx: *mut SSL_CTX) {
    entry!({
        if !_cctx.is_null() {
            unsupported!(accepted, "no command would apply to it");
        }
    })
}

/// SSL_CONF_cmd(3): -2, the command is not recognised.
#[no_mangle]
pub extern "C" fn SSL_CONF_cmd(
    _cctx: *mut SSL_CONF_CTX,
    cmd: *const c_char,
    _value: *const c_char,
) -> c_int {
    entry!({
        let cmd = super::handles::c_str(cmd).map(|c| c.to_string_lossy());
        let why = format!("no command is recognised ({})", cmd.unwrap_or_default());
        unsupported!(&why, fail = -2)
    })
}

/// SSL_CONF_cmd(3): `SSL_CONF_cmd_value_type`: `SSL_CONF_TYPE_UNKNOWN` (0).
#[no_mangle]
pub extern "C" fn SSL_CONF_cmd_value_type(_cctx: *mut SSL_CONF_CTX, _cmd: *const c_char) -> c_int {
    entry!({ unsupported!("no command is recognised") })
}

/// SSL_CONF_CTX_new(3): `SSL_CONF_CTX_finish`; 1.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_finish(cctx: *mut SSL_CONF_CTX) -> c_int {
    entry!({ c_int::from(!cctx.is_null()) })
}
