#!/usr/bin/env bash
# The race detector and the sanitizers (issue 15), run by tests/run.sh after the
# rest. Two more debug builds of libsessl with the nightly flags the fuzz step
# uses (RUSTC_BOOTSTRAP on the stable toolchain), each in its own target
# directory so that target/debug stays a plain build:
#   target/sanitize/address  AddressSanitizer on sessl's own code (`cargo rustc`
#                            instruments the final crate only; its dependencies
#                            are plain Rust and aws-lc's C)
#   target/sanitize/thread   ThreadSanitizer on every Rust crate (their locks and
#                            atomics must be seen: parking_lot's, rustls')
# The toolchain has no rust-src, so the standard library is not rebuilt
# (-Zbuild-std); -Cunsafe-allow-abi-mismatch=sanitizer accepts the plain std.
# Then tests/sanitizers.rs runs the C suite and tests/stress/stress.c under
# AddressSanitizer + UndefinedBehaviorSanitizer, and the stress program under
# ThreadSanitizer (suppressions: tests/tsan.supp).
set -euo pipefail
cd "$(dirname "$0")/.."

flags() { echo "-Zsanitizer=$1 -Cunsafe-allow-abi-mismatch=sanitizer"; }

# shellcheck disable=SC2046
RUSTC_BOOTSTRAP=1 cargo rustc --quiet --lib --crate-type cdylib \
  --target-dir target/sanitize/address-build -- $(flags address)
mkdir -p target/sanitize/address
cp target/sanitize/address-build/debug/libsessl.so target/sanitize/address/

RUSTC_BOOTSTRAP=1 RUSTFLAGS="$(flags thread)" cargo build --quiet --lib \
  --target x86_64-unknown-linux-gnu --target-dir target/sanitize/thread-build
mkdir -p target/sanitize/thread
cp target/sanitize/thread-build/x86_64-unknown-linux-gnu/debug/libsessl.so target/sanitize/thread/

SESSL_SANITIZE_DIR=target/sanitize cargo test --quiet --test sanitizers
