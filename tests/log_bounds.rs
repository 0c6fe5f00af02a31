//! Log output is bounded whatever a peer sends: `openssl s_server` on sessl
//! (LD_PRELOAD) at `SESSL_LOG=trace` serves hostile connections (a
//! ClientHello announcing 60,000 bytes sent as one-byte records, and random
//! bytes), a few hundred bytes of them in one run and about a hundred times
//! more in another. The second run's log may not be longer than the first's
//! by more than a few lines: nothing is logged per record or per byte.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

/// A ClientHello announcing `len` bytes, as `records` one-byte records (at
/// least the four of its header; the rest pseudo-random body bytes).
fn fragmented_hello(len: u32, records: usize) -> Vec<u8> {
    let mut body = vec![1u8, (len >> 16) as u8, (len >> 8) as u8, len as u8];
    let mut x = 0x9e37_79b9u32;
    while body.len() < records {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        body.push(x as u8);
    }
    body.iter()
        .flat_map(|b| [22u8, 3, 1, 0, 1, *b])
        .collect::<Vec<u8>>()
}

/// `bytes` of pseudo-random data.
fn noise(bytes: usize) -> Vec<u8> {
    let mut x = 0x1234_5678u32;
    (0..bytes)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect()
}

/// Sends `bytes` to 127.0.0.1:`port`, then its end of file, and reads until
/// the server closes.
fn send(port: u16, bytes: &[u8]) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let _ = s.write_all(bytes);
    let _ = s.shutdown(std::net::Shutdown::Write);
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut sink = [0u8; 4096];
    while matches!(s.read(&mut sink), Ok(n) if n > 0) {}
}

/// The log of an s_server on sessl at trace level that served the two
/// hostile connections scaled by `scale`.
fn log_after(scale: usize) -> Vec<u8> {
    let certs = test_certs();
    let dir = build_dir(&format!("log-bounds-{scale}-{}", std::process::id()));
    let port = free_port();
    let log = dir.join("server.log");
    let server = Reaped(
        Command::new("timeout")
            .args([
                "60", "openssl", "s_server", "-www", "-naccept", "2", "-accept",
            ])
            .arg(format!("127.0.0.1:{port}"))
            .arg("-cert")
            .arg(certs.join("server-chain.pem"))
            .arg("-key")
            .arg(certs.join("server.key"))
            .env("LD_PRELOAD", lib_dir().join("libsessl.so"))
            .env("SESSL_LOG", "trace")
            .env_remove("LD_LIBRARY_PATH")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(fs::File::create(&log).expect("log file"))
            .process_group(0)
            .spawn()
            .expect("s_server"),
    );
    assert!(wait_for_listen(port), "s_server did not start");
    send(port, &fragmented_hello(60_000, 50 * scale));
    send(port, &noise(300 * scale));
    drop(server);
    let text = fs::read(&log).expect("log");
    let _ = fs::remove_dir_all(&dir);
    text
}

/// Waits until `port` is taken, without connecting (that would use up an accept).
fn wait_for_listen(port: u16) -> bool {
    (0..400).any(|_| {
        std::thread::sleep(Duration::from_millis(25));
        std::net::TcpListener::bind(("127.0.0.1", port)).is_err()
    })
}

#[test]
fn hostile_input_does_not_grow_the_log() {
    let small = log_after(1);
    let large = log_after(100);
    let logging = |log: &[u8]| log.windows(7).any(|w| w == b"sessl::");
    assert!(logging(&small), "s_server on sessl logs at trace level");
    assert!(
        large.len() <= small.len() + 2048,
        "the log grew with the peer's input: {} bytes for the small run, {} for the large:\n{}",
        small.len(),
        large.len(),
        String::from_utf8_lossy(&large[..large.len().min(4096)])
    );
}

#[test]
fn the_fragmented_hello_is_one_byte_records() {
    let bytes = fragmented_hello(60_000, 5);
    assert_eq!(bytes.len(), 5 * 6);
    assert_eq!(
        bytes[..24],
        [22, 3, 1, 0, 1, 1, 22, 3, 1, 0, 1, 0, 22, 3, 1, 0, 1, 0xea, 22, 3, 1, 0, 1, 0x60]
    );
}
