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

# Every process this run starts carries this marker in its environment; at
# the end, tests/leftovers.sh fails if one is still running (a server, a
# worker, a peer left behind).
export SESSL_TEST_RUN="run-$$-$(date +%s%N)"

# step CMD...: runs CMD and records how long it took; the times are printed
# at the end, so a slow step shows in CI's log.
timings=()
step() {
  local start=$SECONDS
  "$@"
  timings+=("$(printf '%5d s  %s' $((SECONDS - start)) "$*")")
}

step cargo fmt --check
step cargo clippy --all-targets -- -D warnings
step cargo build
if git rev-parse --git-dir >/dev/null 2>&1; then
  git diff --exit-code -- include/sessl.h || {
    echo "tests/run.sh: include/sessl.h is stale; commit the regenerated header" >&2
    exit 1
  }
fi
step env SESSL_REQUIRE_VALGRIND=1 cargo test
step cargo test --no-default-features --lib
# Installed with cargo cinstall into a temporary DESTDIR: the C examples build
# with pkg-config against it, with-sessl runs curl on it.
step bash tests/install.sh
step cargo run --quiet --example resume

# OpenSSL 3.0's own sslapitest and ssl_test with sessl preloaded, against the pass lists
# in tests/openssl/ (built once into target/openssl-tests, reused while present).
step bash tests/openssl_suite.sh

# The benchmarks, once with small numbers: they build and run (no timing asserted). On the
# debug build cargo test made (a release build costs minutes and no check needs it):
# `cargo test --bench` builds a bench in the test profile and passes it `--test` as
# `cargo bench -- --test` would; bench/run.sh and many.sh take the libraries as LIB and BARE.
step cargo test --quiet --bench caches -- --test
step cargo test --quiet --bench fleet -- --test
step env LIB="$PWD/target/debug/libsessl.so" BARE="$PWD/target/debug/examples/bare_rustls" \
  bash bench/run.sh 10 1 10000 --no-callgrind
step env LIB="$PWD/target/debug/libsessl.so" bash bench/many.sh --quick

# Every fuzz target (sessl's own parsers, a server and a client connection fed
# arbitrary bytes) under libFuzzer for SESSL_FUZZ_SECONDS each (10 by default: the whole
# step, build included, took 300 s in a fresh-clone CI run here), after one build of all. The build is
# optimised at opt-level 1, not release's 3: on this 2-core machine it builds in 140 s
# instead of 222 s and runs half to two thirds as many inputs a second (client_hello 26k/s
# against 51k/s; a plain debug build would run 1.9k/s). `bash fuzz/run.sh 600` alone fuzzes
# at full speed.
command -v cargo-fuzz >/dev/null || { echo "tests/run.sh: cargo-fuzz is missing (see .ci/run)" >&2; exit 1; }
step env CARGO_PROFILE_RELEASE_OPT_LEVEL=1 bash fuzz/run.sh "${SESSL_FUZZ_SECONDS:-10}"

# The race detector and the sanitizers: two more debug builds of libsessl under
# target/sanitize, then the C suite and the stress program against them.
step bash tests/sanitizers.sh

# Nothing the run started may outlive it.
env -u SESSL_TEST_RUN bash tests/leftovers.sh "$SESSL_TEST_RUN"

echo "tests/run.sh: passed in $SECONDS s; by step:"
printf '%s\n' "${timings[@]}"
