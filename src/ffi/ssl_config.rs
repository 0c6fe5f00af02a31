//! SSL_CTX_config(3) and the system configuration: the command sections
//! openssl.cnf names under its `ssl_conf` module, which libcrypto reads
//! when it loads the configuration (`OPENSSL_CONF` or the default file, at
//! `OPENSSL_init_ssl`) and keeps for libssl. sessl asks libcrypto for them
//! as libssl does (`conf_ssl_name_find` / `conf_ssl_get`, exported by
//! libcrypto.so.3) and runs each command through `SSL_CONF_cmd`'s logic;
//! `system_default` is applied to every new context, as OpenSSL applies it.

use std::ffi::{c_char, CStr};
use std::os::raw::c_int;

use super::boundary::entry;
use super::conf::ConfCtx;
use super::conf_apply::Target;
use super::crypto::conf;
use super::err::{self, reason};
use super::handles::{borrow, c_str};
use super::types::*;
use crate::ssl::conf_table::{
    FLAG_CERTIFICATE, FLAG_CLIENT, FLAG_FILE, FLAG_REQUIRE_PRIVATE, FLAG_SERVER,
};
use crate::ssl::Method;

/// The function OpenSSL names in the errors of `SSL_CTX_config` and `SSL_config`.
const CONFIG_FUNCTION: &str = "ssl_do_config";

/// The section the system configuration applies to every new context.
const SYSTEM_SECTION: &CStr = c"system_default";

/// The configuration flags for a target of `method`: the file form, the
/// sides the method plays, and certificates unless it is the system's.
fn config_flags(method: Method, system: bool) -> u32 {
    let mut flags = FLAG_FILE;
    if !system {
        flags |= FLAG_CERTIFICATE | FLAG_REQUIRE_PRIVATE;
    }
    if method != Method::Client {
        flags |= FLAG_SERVER;
    }
    if method != Method::Server {
        flags |= FLAG_CLIENT;
    }
    flags
}

/// The commands of the configured section `name`, or `None` if there is none.
fn section_commands(name: &CStr) -> Option<Vec<(String, String)>> {
    let mut idx = 0usize;
    // SAFETY: libcrypto's lookup of its own table with a C string.
    if unsafe { conf::conf_ssl_name_find(name.as_ptr(), &mut idx) } == 0 {
        return None;
    }
    let (mut section_name, mut count) = (std::ptr::null(), 0usize);
    // SAFETY: `idx` was just found; libcrypto lends the names and commands
    // until the configuration is unloaded; they are copied here.
    unsafe {
        let cmds = conf::conf_ssl_get(idx, &mut section_name, &mut count);
        let mut commands = Vec::with_capacity(count);
        for i in 0..count {
            let (mut cmd, mut arg) = (std::ptr::null_mut(), std::ptr::null_mut());
            conf::conf_ssl_get_cmd(cmds, i, &mut cmd, &mut arg);
            let text = |p: *mut c_char| c_str(p).map(|s| s.to_string_lossy().into_owned());
            commands.push((text(cmd).unwrap_or_default(), text(arg).unwrap_or_default()));
        }
        Some(commands)
    }
}

/// Applies the section `name` to `target`; whether every command was taken.
/// A missing section is an error unless it is the system's.
fn apply_section(target: Target, method: Method, name: Option<&CStr>, system: bool) -> bool {
    let name = name.or(system.then_some(SYSTEM_SECTION));
    let Some(commands) = name.and_then(section_commands) else {
        if !system {
            let shown = name.map_or("(null)".into(), |n| n.to_string_lossy());
            let detail = format!("name={shown}");
            err::raise_ssl_reason_with(
                CONFIG_FUNCTION,
                reason::INVALID_CONFIGURATION_NAME,
                &detail,
            );
        }
        return false;
    };
    let mut conf_ctx = ConfCtx::for_target(config_flags(method, system), target);
    let mut failures = 0;
    for (cmd, arg) in commands {
        let (Ok(cmd), Ok(arg)) = (std::ffi::CString::new(cmd), std::ffi::CString::new(arg)) else {
            failures += 1;
            continue;
        };
        if conf_ctx.cmd(&cmd, Some(&arg)) <= 0 {
            failures += 1;
        }
    }
    if conf_ctx.finish() == 0 {
        failures += 1;
    }
    failures == 0
}

/// Applies the system configuration (`system_default`) to a new context.
pub(crate) fn apply_system_config(ctx: *mut SSL_CTX) {
    let Some(context) = borrow(ctx) else {
        return;
    };
    let method = context.method();
    if !apply_section(Target::Context(ctx), method, None, true) {
        log::debug!("SSL_CTX_new: the system configuration was not applied in full");
    }
}

/// Loads libcrypto's configuration as `OPENSSL_init_ssl` does (unless
/// `opts` carries `OPENSSL_INIT_NO_LOAD_CONFIG`); libcrypto loads it once.
pub(crate) fn load_config(opts: u64, settings: *const OPENSSL_INIT_SETTINGS) -> bool {
    let mut opts = opts | conf::INIT_ADD_ALL_CIPHERS | conf::INIT_ADD_ALL_DIGESTS;
    if opts & conf::INIT_NO_LOAD_CONFIG == 0 {
        opts |= conf::INIT_LOAD_CONFIG;
    }
    // SAFETY: libcrypto's initialisation with the caller's settings (or NULL).
    unsafe { conf::OPENSSL_init_crypto(opts, settings.cast()) == 1 }
}

/// SSL_CTX_config(3): applies the section `name` of openssl.cnf's
/// `ssl_conf` module to the context, with certificates allowed; 1 if every
/// command was taken, 0 otherwise or if there is no such section (with
/// `SSL_R_INVALID_CONFIGURATION_NAME`).
#[no_mangle]
pub extern "C" fn SSL_CTX_config(ctx: *mut SSL_CTX, name: *const c_char) -> c_int {
    entry!({
        let Some(context) = borrow(ctx) else {
            err::raise_ssl_reason(CONFIG_FUNCTION, reason::PASSED_NULL_PARAMETER);
            return 0;
        };
        let method = context.method();
        c_int::from(apply_section(
            Target::Context(ctx),
            method,
            c_str(name),
            false,
        ))
    })
}

/// SSL_CTX_config(3): `SSL_config`, as `SSL_CTX_config` for a connection.
#[no_mangle]
pub extern "C" fn SSL_config(s: *mut SSL, name: *const c_char) -> c_int {
    entry!({
        let Some(conn) = borrow(s) else {
            err::raise_ssl_reason(CONFIG_FUNCTION, reason::PASSED_NULL_PARAMETER);
            return 0;
        };
        let method = conn.context().method();
        c_int::from(apply_section(
            Target::Connection(s),
            method,
            c_str(name),
            false,
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_sets_the_sides_of_the_method_and_certificates_unless_system() {
        let any = config_flags(Method::Any, false);
        assert_eq!(
            any,
            FLAG_FILE | FLAG_CERTIFICATE | FLAG_REQUIRE_PRIVATE | FLAG_SERVER | FLAG_CLIENT
        );
        assert_eq!(config_flags(Method::Client, true), FLAG_FILE | FLAG_CLIENT);
        assert_eq!(config_flags(Method::Server, true), FLAG_FILE | FLAG_SERVER);
    }
}
