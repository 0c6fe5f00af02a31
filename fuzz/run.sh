#!/usr/bin/env bash
# Runs every fuzz target (or those named) for a bounded time each, from its
# seed corpus in fuzz/seeds/NAME, after one build of all of them. Fails on the
# first crash, leak, timeout (a hang) or out-of-memory; prints each target's
# executions and coverage. cargo fuzz on the stable toolchain needs
# RUSTC_BOOTSTRAP for its sanitizer flags.
# Usage: bash fuzz/run.sh [SECONDS_PER_TARGET [TARGET...]]
#   (default: $SESSL_FUZZ_SECONDS or 10 seconds, every target)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-${SESSL_FUZZ_SECONDS:-10}}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(RUSTC_BOOTSTRAP=1 cargo fuzz list)
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The targets run straight from the build (cargo fuzz run would check the
# build again for each).
bin=target/x86_64-unknown-linux-gnu/release
for target in "${targets[@]}"; do
  mkdir -p "$work/$target" "artifacts/$target"
  # -rss_limit_mb: memory stays bounded whatever the input; -timeout: no
  # input takes 10 s (a hang); -max_len: room for the captured streams.
  if ! "$bin/$target" "$work/$target" "seeds/$target" \
    -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -max_len=16384 \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 >"$work/$target.log" 2>&1; then
    tail -n 60 "$work/$target.log" >&2
    echo "fuzz/run.sh: $target failed (the crashing input is under fuzz/artifacts/$target)" >&2
    exit 1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$target.log" | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$work/$target.log" | tail -n 1)
  echo "fuzz $target: $execs executions in ${seconds}s, $cov"
done
