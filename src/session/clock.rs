//! The wall clock sessions are timed with: seconds, read from the same clock
//! as OpenSSL's `time(NULL)`.
//!
//! glibc's `time(NULL)` reads the coarse real-time clock, which reaches a new
//! second up to a scheduler tick after the precise one. Timing sessions from
//! the precise clock would stamp a session made in that tick one second ahead
//! of the application's `time(NULL)`, so `SSL_SESSION_get_time` could be in
//! the caller's future. rustix goes through libc (its `use-libc` backend), so
//! the read is glibc's own, and works where valgrind hides the vDSO.

use rustix::time::{clock_gettime, ClockId};

/// Seconds since the Unix epoch, as `time(NULL)` gives them.
pub fn now_secs() -> i64 {
    clock_gettime(ClockId::RealtimeCoarse).tv_sec
}

#[cfg(test)]
mod tests {
    use super::now_secs;
    use std::time::{SystemTime, UNIX_EPOCH};

    #[test]
    fn never_ahead_of_the_precise_clock() {
        let coarse = now_secs();
        let precise = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        assert!(coarse <= precise, "coarse {coarse} precise {precise}");
        assert!(precise - coarse <= 1, "coarse {coarse} precise {precise}");
    }
}
