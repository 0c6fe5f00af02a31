//! Servers the tests start: free ports, waiting for a listener, process groups
//! stopped with everything they started, and `openssl s_server`.

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use super::*;

/// A TCP port on 127.0.0.1 that was free a moment ago.
///
/// The port comes from below the kernel's ephemeral range (32768 and up by
/// default), so that no outgoing connection of a test running alongside can
/// take it between this call and the server's bind, and from a counter of
/// this process, so that no two tests of one binary get the same port.
pub fn free_port() -> u16 {
    use std::sync::atomic::{AtomicU32, Ordering};
    const FIRST: u32 = 10_000;
    const SPAN: u32 = 20_000;
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let start = std::process::id().wrapping_mul(7919) % SPAN;
    for _ in 0..SPAN {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let port = (FIRST + (start + n) % SPAN) as u16;
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port");
}

/// Waits until something accepts connections on `port` (at most 10 s).
pub fn wait_for_port(port: u16) -> bool {
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

/// Stops a server the suite started in its own process group
/// (`process_group(0)`), with everything it started: SIGTERM to the group
/// (nginx's, Apache's and HAProxy's masters stop and reap their workers; a
/// `timeout` passes it on), up to 10 s for the leader to exit, then SIGKILL
/// to whatever of the group is left, and the leader reaped. Called from the
/// guards' `Drop`, so it runs on a failed assertion (a panic) too.
pub fn stop_group(child: &mut std::process::Child) {
    let group = child.id() as libc::pid_t;
    // SAFETY: kill(2) on the process group our own, not yet reaped, child leads.
    unsafe { libc::kill(-group, libc::SIGTERM) };
    for _ in 0..200 {
        if !matches!(child.try_wait(), Ok(None)) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // SAFETY: as above; the group id stays ours until the leader is reaped
    // below (a reaped leader's group may linger with workers, still ours).
    unsafe { libc::kill(-group, libc::SIGKILL) };
    let _ = child.wait();
}

/// A child process, started in its own process group, stopped with its
/// group (and reaped) when dropped, so a failed assertion leaves no server
/// behind.
pub struct Reaped(pub std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        stop_group(&mut self.0);
    }
}

/// `openssl s_server -www` on 127.0.0.1 with the test certificate,
/// accepting `naccept` connections, on a port it chose itself (so no other
/// test can hold it); returns that port once it listens.
pub fn s_server(naccept: u32, extra: &[&str]) -> (u16, Reaped) {
    let certs = test_certs();
    let mut server = Reaped(
        Command::new("timeout")
            .args([
                "60",
                "openssl",
                "s_server",
                "-www",
                "-naccept",
                &naccept.to_string(),
                "-accept",
                "127.0.0.1:0",
            ])
            .arg("-cert")
            .arg(certs.join("server-chain.pem"))
            .arg("-key")
            .arg(certs.join("server.key"))
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("openssl s_server"),
    );
    // s_server prints "ACCEPT 127.0.0.1:PORT" once it listens; the rest of
    // its output is drained so that it never blocks on a full pipe.
    let stdout = server.0.stdout.take().expect("s_server stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(port) = line
                .strip_prefix("ACCEPT 127.0.0.1:")
                .and_then(|p| p.trim().parse::<u16>().ok())
            {
                let _ = tx.send(port);
            }
        }
    });
    match rx.recv_timeout(std::time::Duration::from_secs(20)) {
        Ok(port) => (port, server),
        Err(_) => panic!("s_server did not start listening"),
    }
}
