//! The one way sessl answers a call it cannot do (rustls has no SRP, no
//! per-connection certificate, no early data, ...): as libssl answers a
//! function its method lacks, with the failure value, an
//! `ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED` entry naming the function, and one
//! warning in the log (shown under `SESSL_LOG`). A setting that programs
//! rely on being accepted keeps its return value and only logs.

use super::err;

/// Queues the error and logs the warning for a call sessl cannot do.
pub(crate) fn report(func: &str, why: &str) {
    log::warn!("{func}: not supported: {why}");
    err::raise(func, &crate::ssl::Error::Unsupported(why.to_string()));
}

/// Logs a setting that is accepted but cannot take effect (nothing is queued:
/// the call succeeds, as the programs that make it expect).
pub(crate) fn accepted(func: &str, why: &str) {
    log::warn!("{func}: accepted without effect: {why}");
}

/// A call sessl cannot do, inside an exported function's body:
/// - `unsupported!("why")` returns the type's failure value,
/// - `unsupported!("why", fail = v)` returns `v`,
///
/// both with an error queued naming the function and a warning logged;
/// - `unsupported!(accepted, "why")` only logs, and the body goes on to
///   return its usual value.
macro_rules! unsupported {
    (accepted, $why:expr) => {
        $crate::ffi::unsupported::accepted($crate::ffi::boundary::function_name!(), $why)
    };
    ($why:expr, fail = $fail:expr) => {{
        $crate::ffi::unsupported::report($crate::ffi::boundary::function_name!(), $why);
        return $fail;
    }};
    ($why:expr) => {{
        $crate::ffi::unsupported::report($crate::ffi::boundary::function_name!(), $why);
        return $crate::ffi::boundary::FailureValue::failure();
    }};
}

pub(crate) use unsupported;

#[cfg(test)]
mod tests {
    use std::os::raw::c_int;

    use crate::ffi::boundary::entry;
    use crate::ffi::err::{reason, take_first_error};

    fn cannot() -> c_int {
        entry!({ unsupported!("for a test") })
    }

    fn cannot_with(v: isize) -> isize {
        entry!({ unsupported!("for a test", fail = v) })
    }

    fn accepts() -> c_int {
        entry!({
            unsupported!(accepted, "for a test");
            1
        })
    }

    #[test]
    fn a_call_sessl_cannot_do_fails_with_an_error_naming_it() {
        take_first_error();
        assert_eq!(cannot(), 0);
        let want = (
            20,
            reason::SHOULD_NOT_HAVE_BEEN_CALLED,
            "cannot".to_string(),
        );
        assert_eq!(take_first_error(), Some(want));
        assert_eq!(cannot_with(-1), -1);
        assert_eq!(
            take_first_error().map(|e| e.2).as_deref(),
            Some("cannot_with")
        );
    }

    #[test]
    fn an_accepted_setting_keeps_its_value_and_queues_nothing() {
        take_first_error();
        assert_eq!(accepts(), 1);
        assert_eq!(take_first_error(), None);
    }
}
