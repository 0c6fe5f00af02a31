//! SSL_CONF_cmd(3): configuration by command strings, OpenSSL 3.0's every
//! command in its file form (`CipherString`) and command-line form
//! (`-cipher`), with its flags and prefixes; the table and the value
//! parsing are in `ssl::conf_table` / `ssl::conf_lists`, the application
//! to a context or connection in `conf_apply.rs`.

use std::ffi::{c_char, CStr, CString};
use std::os::raw::{c_int, c_uint};

use super::boundary::{entry, try_some};
use super::conf_apply::{CaNames, Target};
use super::err;
use super::err::reason;
use super::handles::{borrow_mut, c_str, free_box, ownership, to_c_box, Handle};
use super::types::*;
use crate::ssl::conf_table::{
    lookup, strip_prefix, Action, ValueType, FLAG_CERTIFICATE, FLAG_CMDLINE, FLAG_FILE,
    FLAG_REQUIRE_PRIVATE, FLAG_SHOW_ERRORS,
};

/// The function OpenSSL names in the errors of the commands.
const CMD_FUNCTION: &str = "SSL_CONF_cmd";

/// What an `SSL_CONF_CTX` remembers.
pub(crate) struct ConfCtx {
    flags: u32,
    prefix: Option<String>,
    target: Target,
    /// The last `Certificate` file, for `SSL_CONF_FLAG_REQUIRE_PRIVATE`.
    certificate_file: Option<CString>,
    ca_names: CaNames,
}

impl Default for ConfCtx {
    fn default() -> Self {
        ConfCtx {
            flags: 0,
            prefix: None,
            target: Target::None,
            certificate_file: None,
            ca_names: CaNames::default(),
        }
    }
}

impl Handle for SSL_CONF_CTX {
    type Rust = ConfCtx;
    type Ownership = ownership::Boxed;
}

impl ConfCtx {
    /// A context applying commands with `flags` to `target`.
    pub(crate) fn for_target(flags: u32, target: Target) -> Self {
        ConfCtx {
            flags,
            target,
            ..ConfCtx::default()
        }
    }

    /// `SSL_CONF_cmd`: 2 (command and value taken), 1 (a switch taken),
    /// 0 (bad value), -2 (unknown command), -3 (value missing).
    pub(crate) fn cmd(&mut self, cmd: &CStr, value: Option<&CStr>) -> c_int {
        let cmd_text = cmd.to_string_lossy();
        let Some(name) = strip_prefix(&cmd_text, self.prefix.as_deref(), self.flags) else {
            return self.unknown(&cmd_text);
        };
        let Some(command) = lookup(name, self.flags) else {
            return self.unknown(name);
        };
        if command.value_type == ValueType::None {
            if let Action::Switch(change) = command.action {
                self.target.apply_flags(&change);
            }
            return 1;
        }
        let Some(value) = value else {
            self.bad_value(name, None);
            return -3;
        };
        let rv = self
            .target
            .run(command.action, value, self.flags, &mut self.ca_names);
        if rv > 0 {
            if command.action == Action::Certificate && self.flags & FLAG_REQUIRE_PRIVATE != 0 {
                self.certificate_file = Some(value.to_owned());
            }
            return 2;
        }
        self.bad_value(name, Some(value));
        if rv == -2 {
            -2
        } else {
            0
        }
    }

    fn unknown(&self, name: &str) -> c_int {
        if self.flags & FLAG_SHOW_ERRORS != 0 {
            let detail = format!("cmd={name}");
            err::raise_ssl_reason_with(CMD_FUNCTION, reason::UNKNOWN_CMD_NAME, &detail);
        }
        -2
    }

    fn bad_value(&self, name: &str, value: Option<&CStr>) {
        if self.flags & FLAG_SHOW_ERRORS != 0 {
            let value = value.map_or("<EMPTY>".into(), |v| v.to_string_lossy());
            let detail = format!("cmd={name}, value={value}");
            err::raise_ssl_reason_with(CMD_FUNCTION, reason::BAD_VALUE, &detail);
        }
    }

    /// `SSL_CONF_CTX_finish`: the private key of a certificate file loaded
    /// without one (with `SSL_CONF_FLAG_REQUIRE_PRIVATE`), and the CA names
    /// handed to the target; 1, or 0 if that key cannot be loaded.
    pub(crate) fn finish(&mut self) -> c_int {
        if let Some(file) = self.certificate_file.take() {
            let needs_key = self.flags & FLAG_REQUIRE_PRIVATE != 0
                && self.flags & FLAG_CERTIFICATE != 0
                && !self.target.has_private_key();
            if needs_key && self.target.private_key(&file) <= 0 {
                return 0;
            }
        }
        if let Some(names) = self.ca_names.take() {
            self.target.set_ca_names(names);
        }
        1
    }
}

/// SSL_CONF_CTX_new(3): a new configuration context with no flags (free
/// with `SSL_CONF_CTX_free`).
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_new() -> *mut SSL_CONF_CTX {
    entry!({ to_c_box(ConfCtx::default()) })
}

/// SSL_CONF_CTX_new(3): `SSL_CONF_CTX_free`, with the CA names gathered
/// and not handed over by `SSL_CONF_CTX_finish`.
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

/// SSL_CONF_CTX_set_flags(3): `SSL_CONF_CTX_clear_flags`: clears flags;
/// returns the new flags.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_clear_flags(cctx: *mut SSL_CONF_CTX, flags: c_uint) -> c_uint {
    entry!({
        let c = try_some!(borrow_mut(cctx));
        c.flags &= !flags;
        c.flags
    })
}

/// SSL_CONF_CTX_set1_prefix(3): the prefix commands must carry (a copy;
/// NULL: none); 1.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set1_prefix(cctx: *mut SSL_CONF_CTX, pre: *const c_char) -> c_int {
    entry!({
        let c = try_some!(borrow_mut(cctx));
        c.prefix = c_str(pre).map(|p| p.to_string_lossy().into_owned());
        1
    })
}

/// SSL_CONF_CTX_set_ssl_ctx(3): the context commands apply to (not
/// referenced: it must outlive the commands), in place of any connection.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set_ssl_ctx(cctx: *mut SSL_CONF_CTX, ctx: *mut SSL_CTX) {
    entry!({
        let c = try_some!(borrow_mut(cctx));
        c.target = if ctx.is_null() {
            Target::None
        } else {
            Target::Context(ctx)
        };
    })
}

/// SSL_CONF_CTX_set_ssl_ctx(3): `SSL_CONF_CTX_set_ssl`: the connection
/// commands apply to (not referenced), in place of any context.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set_ssl(cctx: *mut SSL_CONF_CTX, ssl: *mut SSL) {
    entry!({
        let c = try_some!(borrow_mut(cctx));
        c.target = if ssl.is_null() {
            Target::None
        } else {
            Target::Connection(ssl)
        };
    })
}

/// SSL_CONF_cmd(3): runs one command: 2 (command and value taken), 1 (a
/// switch taken), 0 (bad value), -2 (not recognised under the flags and
/// prefix), -3 (no value); with `SSL_CONF_FLAG_SHOW_ERRORS`, OpenSSL's
/// error and text are queued. A NULL command fails (0) with an error.
#[no_mangle]
pub extern "C" fn SSL_CONF_cmd(
    cctx: *mut SSL_CONF_CTX,
    cmd: *const c_char,
    value: *const c_char,
) -> c_int {
    entry!({
        let Some(cmd) = c_str(cmd) else {
            err::raise_ssl_reason(CMD_FUNCTION, reason::INVALID_NULL_CMD_NAME);
            return 0;
        };
        try_some!(borrow_mut(cctx)).cmd(cmd, c_str(value))
    })
}

/// SSL_CONF_cmd_argv(3): runs the command at `*pargv` (with the next
/// argument as its value) as a command line; on success advances
/// `*pargv` / `*pargc` past what it took and returns that count; 0 for an
/// unknown command or no arguments, -1 for a bad value, -3 for a missing one.
#[no_mangle]
pub extern "C" fn SSL_CONF_cmd_argv(
    cctx: *mut SSL_CONF_CTX,
    pargc: *mut c_int,
    pargv: *mut *mut *mut c_char,
) -> c_int {
    entry!({
        let c = try_some!(borrow_mut(cctx));
        if pargv.is_null() {
            return 0;
        }
        // SAFETY: the caller's argument count and vector, read as
        // OpenSSL reads them (the count, when given, bounds the reads).
        let (arg, next) = unsafe {
            let argc = (!pargc.is_null()).then(|| *pargc);
            if argc == Some(0) {
                return 0;
            }
            let argv = *pargv;
            let arg = if argc.is_none_or(|n| n > 0) {
                *argv
            } else {
                std::ptr::null_mut()
            };
            if arg.is_null() {
                return 0;
            }
            let next = if argc.is_none_or(|n| n > 1) {
                *argv.add(1)
            } else {
                std::ptr::null_mut()
            };
            (arg, next)
        };
        c.flags = (c.flags & !FLAG_FILE) | FLAG_CMDLINE;
        let rv = c.cmd(try_some!(c_str(arg)), c_str(next));
        if rv > 0 {
            // SAFETY: as above; `rv` arguments were there to take.
            unsafe {
                *pargv = (*pargv).add(rv as usize);
                if !pargc.is_null() {
                    *pargc -= rv;
                }
            }
            return rv;
        }
        match rv {
            -2 => 0,
            0 => -1,
            other => other,
        }
    })
}

/// SSL_CONF_cmd(3): `SSL_CONF_cmd_value_type`: the `SSL_CONF_TYPE_*` of a
/// command under the context's flags and prefix, `SSL_CONF_TYPE_UNKNOWN` if
/// it is not recognised.
#[no_mangle]
pub extern "C" fn SSL_CONF_cmd_value_type(cctx: *mut SSL_CONF_CTX, cmd: *const c_char) -> c_int {
    entry!({
        let c = try_some!(borrow_mut(cctx));
        let Some(cmd) = c_str(cmd) else {
            return 0;
        };
        let cmd = cmd.to_string_lossy();
        strip_prefix(&cmd, c.prefix.as_deref(), c.flags)
            .and_then(|name| lookup(name, c.flags))
            .map_or(0, |command| command.value_type as c_int)
    })
}

/// SSL_CONF_CTX_new(3): `SSL_CONF_CTX_finish`: with
/// `SSL_CONF_FLAG_REQUIRE_PRIVATE`, loads the private key of a certificate
/// file given without one; hands the CA names of `RequestCAFile` and
/// friends to the target; 1, or 0 if that key cannot be loaded.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_finish(cctx: *mut SSL_CONF_CTX) -> c_int {
    entry!({ try_some!(borrow_mut(cctx)).finish() })
}
