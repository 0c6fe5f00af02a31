#!/usr/bin/env bash
# The whole test suite: formatting, lints, the generated header, Rust unit and
# integration tests, the differential C suite (with valgrind) and the peer
# tests against openssl s_server / s_client, and OpenSSL's own sslapitest and ssl_test.
# Needs: cargo, gcc, libssl-dev, the openssl CLI, valgrind, curl, nginx, cargo-fuzz,
# make, perl, patch, cargo-c, pkg-config, redis-server and redis-tools (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in cargo gcc openssl valgrind nm curl; do
  command -v "$tool" >/dev/null || { echo "tests/run.sh: $tool is missing (see .ci/run)" >&2; exit 1; }
done
[ -f /usr/include/openssl/ssl.h ] || { echo "tests/run.sh: libssl-dev is missing" >&2; exit 1; }
[ -x /usr/sbin/nginx ] || { echo "tests/run.sh: nginx is missing (see .ci/run)" >&2; exit 1; }

cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo build
if git rev-parse --git-dir >/dev/null 2>&1; then
  git diff --exit-code -- include/sessl.h || {
    echo "tests/run.sh: include/sessl.h is stale; commit the regenerated header" >&2
    exit 1
  }
fi
SESSL_REQUIRE_VALGRIND=1 cargo test
cargo test --no-default-features --lib
# Installed with cargo cinstall into a temporary DESTDIR: the C examples build
# with pkg-config against it, with-sessl runs curl on it.
bash tests/install.sh
cargo run --quiet --example resume

# OpenSSL 3.0's own sslapitest and ssl_test with sessl preloaded, against the pass lists
# in tests/openssl/ (built once into target/openssl-tests, reused while present).
bash tests/openssl_suite.sh

# The benchmarks, once with small numbers: they build and run (no timing asserted).
cargo bench --quiet --bench caches -- --test
cargo bench --quiet --bench fleet -- --test
bash bench/run.sh 10 1 10000 --no-callgrind

# The session decoder under libFuzzer for a bounded time (cargo fuzz on the
# stable toolchain needs RUSTC_BOOTSTRAP for its sanitizer flags).
command -v cargo-fuzz >/dev/null || { echo "tests/run.sh: cargo-fuzz is missing (see .ci/run)" >&2; exit 1; }
corpus=$(mktemp -d)
(cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run d2i_session "$corpus" seeds/d2i_session -- -max_total_time="${SESSL_FUZZ_SECONDS:-30}")
rm -rf "$corpus"
