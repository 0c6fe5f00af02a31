//! SSL_new(3): `SSL_dup`. As in OpenSSL 3.0, a connection whose handshake
//! has started is not copied: the same connection comes back with one more
//! reference. A connection not yet started is copied into a new one of the
//! same context with its session, method, options, mode, protocol bounds,
//! verification (mode, callback, depth, parameters), session id context,
//! quiet shutdown, descriptors, role and shutdown state. Its BIOs, ex_data
//! and info callback are not copied (OpenSSL duplicates those too).

use super::boundary::{entry, try_ref, try_some};
use super::descriptors::{SSL_get_rfd, SSL_get_wfd};
use super::handles::up_ref;
use super::session::{SSL_get_session, SSL_set_session};
use super::ssl::{SSL_free, SSL_get_SSL_CTX, SSL_new, SSL_set_rfd, SSL_set_wfd};
use super::types::*;
use super::verify::{
    SSL_get0_param, SSL_get_verify_callback, SSL_get_verify_depth, SSL_get_verify_mode,
    SSL_set1_param, SSL_set_verify, SSL_set_verify_depth,
};
use crate::ssl::{Connection, Role};

/// Copies what the connection `from` has into the new connection `to`
/// (both live handles); false when a copy fails.
fn copy_settings(from: *mut SSL, to: *mut SSL, src: &Connection, dst: &Connection) -> bool {
    if SSL_set_session(to, SSL_get_session(from)) != 1 {
        return false;
    }
    dst.set_protocol_method(src.protocol_method());
    dst.clear_options(u64::MAX);
    dst.set_options(src.options());
    let mode = src.change_mode(0, true);
    dst.change_mode(u64::MAX, false);
    dst.change_mode(mode, true);
    dst.set_version_bound(true, src.version_bound(true));
    dst.set_version_bound(false, src.version_bound(false));
    SSL_set_verify(to, SSL_get_verify_mode(from), SSL_get_verify_callback(from));
    SSL_set_verify_depth(to, SSL_get_verify_depth(from));
    if SSL_set1_param(to, SSL_get0_param(from)) != 1 || !dst.set_id_context(&src.id_context()) {
        return false;
    }
    dst.set_quiet_shutdown(src.quiet_shutdown());
    let (read, write) = (SSL_get_rfd(from), SSL_get_wfd(from));
    if read >= 0 && SSL_set_rfd(to, read) != 1 || write >= 0 && SSL_set_wfd(to, write) != 1 {
        return false;
    }
    match src.role() {
        Some(Role::Client) => dst.set_connect_state(),
        Some(Role::Server) => dst.set_accept_state(),
        None => {}
    }
    dst.set_shutdown_state(src.shutdown_state());
    true
}

/// SSL_new(3): `SSL_dup`: the same connection with one more reference once
/// its handshake has started, else a copy (see the module's notes); NULL on failure.
#[no_mangle]
pub extern "C" fn SSL_dup(ssl: *mut SSL) -> *mut SSL {
    entry!({
        let src = try_ref!(ssl);
        if src.handshake_started() || src.is_init_finished() {
            return if up_ref(ssl) {
                ssl
            } else {
                std::ptr::null_mut()
            };
        }
        let ctx = SSL_get_SSL_CTX(ssl);
        let copy = SSL_new(ctx);
        let dst = try_some!(super::handles::borrow(copy));
        if copy_settings(ssl, copy, src, dst) {
            copy
        } else {
            SSL_free(copy);
            std::ptr::null_mut()
        }
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::ffi::handles::lend;
    use crate::ssl::{Context, Method};

    #[test]
    fn a_connection_not_started_is_copied_with_its_settings() {
        let ctx = Arc::new(Context::new(Method::Any).unwrap());
        let ssl = SSL_new(lend::<SSL_CTX>(&ctx));
        let src = super::super::handles::borrow(ssl).unwrap();
        src.set_connect_state();
        src.set_options(0x4000);
        src.set_version_bound(false, 0x0303);
        src.set_quiet_shutdown(true);
        let copy = SSL_dup(ssl);
        assert!(!copy.is_null() && copy != ssl);
        let dst = super::super::handles::borrow(copy).unwrap();
        assert_eq!(dst.options(), src.options());
        assert_eq!(dst.version_bound(false), 0x0303);
        assert!(dst.quiet_shutdown());
        assert_eq!(dst.role(), Some(Role::Client));
        SSL_free(copy);
        SSL_free(ssl);
    }
}
