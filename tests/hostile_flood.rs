//! A flood of hostile clients against nginx on sessl (`LD_PRELOAD`) with a
//! shared session cache: random bytes, truncated and bit-flipped
//! ClientHellos (captured from curl, Python and openssl s_client: the fuzz
//! seeds), oversized records, endless handshake fragments, resets in the
//! middle of a handshake and slow-loris clients, from threads of this test,
//! between rounds of a good client (curl) that must keep getting pages and
//! resuming. At the end nginx's one worker is the one it started with (never
//! restarted) and its error log has no crash.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::fd::AsRawFd;
use std::time::Duration;

use common::nginx::*;
use common::*;

/// Real ClientHellos, as records, from the fuzz seed corpus.
const HELLOS: [&[u8]; 4] = [
    include_bytes!("../fuzz/seeds/client_hello/curl"),
    include_bytes!("../fuzz/seeds/client_hello/python"),
    include_bytes!("../fuzz/seeds/client_hello/openssl-sni-alpn"),
    include_bytes!("../fuzz/seeds/client_hello/openssl-tls1_3-resumed"),
];

/// A small deterministic generator (xorshift), so a failing run repeats.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// The kinds of hostile client.
#[derive(Clone, Copy, Debug)]
enum Attack {
    RandomBytes,
    TruncatedHello,
    BitFlippedHello,
    OversizedRecord,
    EndlessFragments,
    ResetMidHandshake,
    SlowLoris,
}

const ATTACKS: [Attack; 7] = [
    Attack::RandomBytes,
    Attack::TruncatedHello,
    Attack::BitFlippedHello,
    Attack::OversizedRecord,
    Attack::EndlessFragments,
    Attack::ResetMidHandshake,
    Attack::SlowLoris,
];

/// Closes `s` with a TCP reset (SO_LINGER with a zero timeout).
fn reset(s: TcpStream) {
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: setsockopt(2) on the open socket `s` owns, with a pointer to a
    // live `linger` and its size.
    unsafe {
        libc::setsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            std::ptr::addr_of!(linger).cast(),
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        )
    };
    drop(s);
}

/// Reads what the server answers until it closes, fails or goes quiet.
fn drain(s: &mut TcpStream) {
    let mut buf = [0u8; 4096];
    while matches!(s.read(&mut buf), Ok(n) if n > 0) {}
}

/// One hostile connection of kind `attack`.
fn attack(port: u16, attack: Attack, noise: &mut Noise) {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return;
    };
    s.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
    let hello = HELLOS[noise.below(HELLOS.len())];
    // Writes may fail once nginx has closed: that is the point.
    match attack {
        Attack::RandomBytes => {
            let n = 1 + noise.below(3000);
            let _ = s.write_all(&noise.bytes(n));
            drain(&mut s);
        }
        Attack::TruncatedHello => {
            let _ = s.write_all(&hello[..1 + noise.below(hello.len() - 1)]);
            let _ = s.shutdown(std::net::Shutdown::Write);
            drain(&mut s);
        }
        Attack::BitFlippedHello => {
            let mut flipped = hello.to_vec();
            for _ in 0..1 + noise.below(4) {
                let bit = noise.below(flipped.len() * 8);
                flipped[bit / 8] ^= 1 << (bit % 8);
            }
            let _ = s.write_all(&flipped);
            drain(&mut s);
        }
        Attack::OversizedRecord => {
            let mut record = vec![22, 3, 1, 0xff, 0xff];
            record.extend(noise.bytes(0xffff));
            let _ = s.write_all(&record);
            drain(&mut s);
        }
        Attack::EndlessFragments => {
            // A ClientHello announcing 16 MiB, then one-byte fragments.
            let mut stream = vec![22, 3, 1, 0, 4, 1, 0xff, 0xff, 0xff];
            for _ in 0..50_000 {
                stream.extend_from_slice(&[22, 3, 1, 0, 1, 0]);
            }
            let _ = s.write_all(&stream);
            drain(&mut s);
        }
        Attack::ResetMidHandshake => {
            let _ = s.write_all(hello);
            let mut some = [0u8; 100];
            let _ = s.read(&mut some);
            reset(s);
        }
        Attack::SlowLoris => {
            // A few bytes of a hello, one at a time, then silence; the
            // connection is left open for the rest of the round.
            for b in &hello[..20] {
                if s.write_all(&[*b]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            std::thread::sleep(Duration::from_millis(300));
            reset(s);
        }
    }
}

/// nginx's worker processes: the children of its master.
fn workers(master: u32) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid ...": comm may hold spaces, not ')'.
        let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
        if after.split_whitespace().nth(1) == Some(&master.to_string()) {
            found.push(pid);
        }
    }
    found.sort_unstable();
    found
}

#[test]
fn nginx_on_sessl_outlives_a_flood_of_hostile_clients() {
    let n = start(
        Mode::Preload,
        "ssl_session_cache shared:SSL:1m; ssl_session_tickets off;",
    );
    let master = n.child.id();
    let before = workers(master);
    assert_eq!(before.len(), 1, "one worker: {before:?}");
    const ROUNDS: u64 = 6;
    const THREADS: u64 = 8;
    const PER_THREAD: usize = 7;
    for round in 0..ROUNDS {
        let port = n.port;
        let threads: Vec<_> = (0..THREADS)
            .map(|t| {
                std::thread::spawn(move || {
                    let mut noise = Noise(0x9e37_79b9_7f4a_7c15 ^ ((round << 8 | t) + 1));
                    for i in 0..PER_THREAD {
                        let kind = ATTACKS[(i + t as usize) % ATTACKS.len()];
                        attack(port, kind, &mut noise);
                    }
                })
            })
            .collect();
        assert_eq!(
            curl_twice(&n, &[]),
            ["reused=.", "reused=r"],
            "round {round}: a good client gets pages and resumes during the flood"
        );
        for t in threads {
            t.join().expect("hostile client thread");
        }
    }
    assert_eq!(
        curl_twice(&n, &[]),
        ["reused=.", "reused=r"],
        "after the flood"
    );
    assert_eq!(workers(master), before, "the worker was never restarted");
    let log = error_log(&n);
    for bad in ["exited on signal", "[alert]", "[emerg]", "panicked"] {
        assert!(!log.contains(bad), "error log has {bad:?}:\n{log}");
    }
    let stderr = std::fs::read_to_string(n.dir.join("stderr.log")).unwrap_or_default();
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
}
