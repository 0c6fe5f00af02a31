//! The panic and NULL boundary every exported function goes through: the
//! body runs inside `catch_unwind`, and a NULL handle or a panic returns the
//! value OpenSSL returns for failure, chosen once per return type here. A
//! panic is also logged and queued as an internal error.

use std::any::Any;

/// The value a C function returns when it cannot do its work.
pub(crate) trait FailureValue {
    /// OpenSSL's failure result for this return type (0, NULL or nothing).
    fn failure() -> Self;
}

macro_rules! zero_failure {
    ($($t:ty),*) => { $( impl FailureValue for $t { fn failure() -> Self { 0 } } )* };
}
zero_failure!(i32, i64, u32, u64, usize, isize);

impl FailureValue for () {
    fn failure() -> Self {}
}

impl<T> FailureValue for *mut T {
    fn failure() -> Self {
        std::ptr::null_mut()
    }
}

impl<T> FailureValue for *const T {
    fn failure() -> Self {
        std::ptr::null()
    }
}

impl<T> FailureValue for Option<T> {
    fn failure() -> Self {
        None
    }
}

/// Runs an exported function's body: a panic is logged, queued as
/// `ERR_R_INTERNAL_ERROR` and becomes the failure value.
/// `entry!({ ... })` fails with the type's `FailureValue`; `entry!(fail = v, { ... })` with `v`.
macro_rules! entry {
    (fail = $fail:expr, $body:block) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| $body)) {
            Ok(r) => r,
            Err(panic) => {
                $crate::ffi::boundary::caught_panic($crate::ffi::boundary::function_name!(), panic);
                $fail
            }
        }
    };
    ($body:block) => {
        $crate::ffi::boundary::entry!(fail = $crate::ffi::boundary::FailureValue::failure(), $body)
    };
}

/// What a panic caught in `func` leaves behind: its message in the log and
/// an internal error on libcrypto's queue, as OpenSSL reports a failure of its own.
#[cold]
pub(crate) fn caught_panic(func: &str, panic: Box<dyn Any + Send>) {
    let message = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    log::error!("{func}: panic caught at the C boundary: {message}");
    super::err::raise(func, &crate::ssl::Error::Internal(message.to_string()));
}

/// The name of the exported function this expands in (`"SSL_connect"`),
/// for the error queue and the log.
macro_rules! function_name {
    () => {{
        fn here() {}
        $crate::ffi::boundary::enclosing_function(::std::any::type_name_of_val(&here))
    }};
}

/// The function a `function_name!` marker sits in, from the marker's type
/// name (`sessl::ffi::ssl::SSL_connect::{{closure}}::here` -> `SSL_connect`).
pub(crate) fn enclosing_function(marker: &'static str) -> &'static str {
    marker
        .rsplit("::")
        .skip(1)
        .find(|part| !part.starts_with('{'))
        .unwrap_or(marker)
}

/// Borrows the Rust object behind a handle, or returns the failure value
/// (`try_ref!(p)`) or a given one (`try_ref!(p, -1)`) from the body when it is NULL.
macro_rules! try_ref {
    ($p:expr) => {
        match $crate::ffi::handles::borrow($p) {
            Some(r) => r,
            None => return $crate::ffi::boundary::FailureValue::failure(),
        }
    };
    ($p:expr, $fail:expr) => {
        match $crate::ffi::handles::borrow($p) {
            Some(r) => r,
            None => return $fail,
        }
    };
}

/// Unwraps an `Option`, or returns the failure value from the body.
macro_rules! try_some {
    ($e:expr) => {
        match $e {
            Some(v) => v,
            None => return $crate::ffi::boundary::FailureValue::failure(),
        }
    };
}

pub(crate) use entry;
pub(crate) use function_name;
pub(crate) use try_ref;
pub(crate) use try_some;

#[cfg(test)]
mod tests {
    use std::os::raw::c_int;
    use std::sync::Mutex;

    use crate::ffi::err::{reason, take_first_error};

    /// Keeps every log line of the test process.
    struct Capture(Mutex<Vec<String>>);

    impl log::Log for Capture {
        fn enabled(&self, _: &log::Metadata<'_>) -> bool {
            true
        }
        fn log(&self, record: &log::Record<'_>) {
            let line = format!("{} {}", record.level(), record.args());
            self.0.lock().unwrap().push(line);
        }
        fn flush(&self) {}
    }

    static CAPTURE: Capture = Capture(Mutex::new(Vec::new()));

    /// The lines logged so far, or `None` if another logger was installed first.
    fn logged() -> Option<Vec<String>> {
        static INSTALLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        let ours = *INSTALLED.get_or_init(|| {
            let ok = log::set_logger(&CAPTURE).is_ok();
            log::set_max_level(log::LevelFilter::Trace);
            ok
        });
        ours.then(|| CAPTURE.0.lock().unwrap().clone())
    }

    fn panics() -> c_int {
        entry!(fail = -1, {
            let v: Vec<c_int> = Vec::new();
            v[1]
        })
    }

    fn panics_default() -> *mut u8 {
        entry!({ panic!("boom") })
    }

    fn named() -> &'static str {
        entry!(fail = "", { function_name!() })
    }

    #[test]
    fn the_function_is_named() {
        assert_eq!(named(), "named");
        assert_eq!(
            super::enclosing_function("sessl::ffi::ssl::SSL_connect::{{closure}}::here"),
            "SSL_connect"
        );
    }

    #[test]
    fn a_panic_becomes_the_failure_value() {
        assert_eq!(panics(), -1);
        assert!(panics_default().is_null());
    }

    #[test]
    fn a_panic_is_logged_and_queued_as_an_internal_error() {
        logged();
        take_first_error();
        assert!(panics_default().is_null());
        let queued = take_first_error().expect("an error queued");
        assert_eq!(
            queued,
            (20, reason::INTERNAL_ERROR, "panics_default".into())
        );
        if let Some(lines) = logged() {
            let want = "ERROR panics_default: panic caught at the C boundary: boom";
            assert!(lines.iter().any(|l| l == want), "{lines:?}");
        }
        assert_eq!(panics(), -1);
        assert_eq!(take_first_error().map(|e| e.2).as_deref(), Some("panics"));
    }
}
