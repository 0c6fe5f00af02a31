#!/usr/bin/env bash
# Fails if a process the test run started is still running: tests/run.sh
# exports SESSL_TEST_RUN=<a marker of its own> before anything, every process
# it starts (cargo test, the servers, their workers, the C cases' children)
# inherits it, and this script, run with the variable unset, looks for the
# marker in /proc/*/environ. Survivors get a few seconds to exit, are then
# listed, stopped by PID (SIGTERM, then SIGKILL) and the script fails.
# Usage: env -u SESSL_TEST_RUN bash tests/leftovers.sh MARKER
set -euo pipefail
marker=${1:?usage: tests/leftovers.sh MARKER}
[ -z "${SESSL_TEST_RUN:-}" ] || { echo "tests/leftovers.sh: run it with SESSL_TEST_RUN unset" >&2; exit 2; }

survivors() {
  grep -lzxF "SESSL_TEST_RUN=$marker" /proc/[0-9]*/environ 2>/dev/null |
    sed -e 's|^/proc/||' -e 's|/environ$||' || true
}

for _ in $(seq 1 20); do
  left=$(survivors)
  [ -n "$left" ] || exit 0
  sleep 0.5
done
echo "tests/leftovers.sh: processes the test run started are still running:" >&2
for pid in $left; do
  echo "  $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" >&2
done
for pid in $left; do kill -TERM "$pid" 2>/dev/null || true; done
sleep 2
for pid in $(survivors); do kill -KILL "$pid" 2>/dev/null || true; done
exit 1
