#!/usr/bin/env bash
# Instructions per handshake (callgrind), sessl against bare rustls (and,
# with WHO including openssl, the system OpenSSL 3.0), every mode of
# bench/handshake.c and both certificate kinds (RSA 2048, ECDSA P-256), and
# prints a markdown table. Instruction counts do not depend on the machine's
# load, so this is the figure to compare builds with.
#
#   bench/instructions.sh [N] [--quick]
#
# Each figure is (I(N handshakes) - I(0 handshakes)) / N: both runs make the
# contexts and one first handshake (the session a resume mode resumes), so
# set-up and aws-lc's per-process seeding cancel out. N defaults to 500.
# --quick: N = 3, ECDSA full13 and resume12-ticket only (a smoke test).
# Environment: WHO (default "sessl rustls"; also "openssl", and
# "rustls-socket": bare rustls over a socketpair per handshake, as
# bench/handshake.c's, so the transport's cost is in both), MODES, KINDS to narrow the run;
# LIB, a libsessl.so (BARE, a bare_rustls) to measure instead of this tree's release build
# (NO_BUILD=1: use the builds there are, build nothing);
# KEEP=dir keeps the profiles (dir/KIND-MODE-WHO-N.cg) and the figures
# (dir/results.txt), for
#   callgrind_annotate --inclusive=yes dir/ecdsa-resume12-id-sessl-500.cg
# PRIOR=file adds the figures of an earlier run (its results.txt) to the
# table, e.g. bare rustls measured once for several sessl builds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-500}
modes=${MODES:-full13 resume13 full12 resume12-id resume12-ticket}
kinds=${KINDS:-rsa ecdsa}
if [ "${2:-}" = --quick ] || [ "${1:-}" = --quick ]; then
  n=3
  modes="full13 resume12-ticket"
  kinds=ecdsa
fi
who_list=${WHO:-sessl rustls}
if [ -z "${NO_BUILD:-}" ]; then
  cargo build --release --quiet
  cargo build --release --quiet --example bare_rustls
fi
lib=${LIB:-$root/target/release/libsessl.so}
bare=${BARE:-$root/target/release/examples/bare_rustls}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
keep=${KEEP:-}
[ -n "$keep" ] && mkdir -p "$keep"

# The certificates of bench/run.sh: per kind a CA and a server certificate.
for kind in $kinds; do
  bash bench/certs.sh "$work/$kind" "$kind"
done
gcc -O2 -Wall -Werror -o "$work/handshake" bench/handshake.c -lssl -lcrypto

# instructions WHO KIND MODE COUNT: callgrind's total for one run.
instructions() {
  local who=$1 kind=$2 mode=$3 count=$4 out
  out=$work/cg.out
  [ -n "$keep" ] && out=$keep/$kind-$mode-$who-$count.cg
  local cmd preload= extra=
  case $who in
    openssl) cmd=("$work/handshake") ;;
    sessl) cmd=("$work/handshake") preload=$lib ;;
    rustls) cmd=("$bare") ;;
    rustls-socket) cmd=("$bare") extra=socket ;;
  esac
  # LD_PRELOAD on valgrind itself reaches the program it runs (valgrind on
  # `env LD_PRELOAD=...` would measure env alone: it does not follow exec).
  LD_PRELOAD=$preload valgrind --tool=callgrind --callgrind-out-file="$out" "${cmd[@]}" "$mode" "$count" \
    "$work/$kind" x25519 $extra > /dev/null 2> "$work/valgrind.err" || { cat "$work/valgrind.err" >&2; exit 1; }
  awk '/^summary:/ {print $2}' "$out"
}

results=$work/results.txt
[ -n "$keep" ] && results=$keep/results.txt
: > "$results"
for kind in $kinds; do
  for mode in $modes; do
    for who in $who_list; do
      a=$(instructions "$who" "$kind" "$mode" "$n")
      b=$(instructions "$who" "$kind" "$mode" 0)
      echo "$kind $mode $who $(((a - b) / n))" | tee -a "$results" >&2
    done
  done
done

if [ -n "${PRIOR:-}" ]; then
  cat "$PRIOR" >> "$results"
  who_list="$who_list $(awk '{print $3}' "$PRIOR" | sort -u | tr '\n' ' ')"
fi
python3 - "$results" "$n" "$who_list" <<'PY'
import sys
path, n = sys.argv[1], sys.argv[2]
who = [w for w in ("openssl", "sessl", "rustls", "rustls-socket") if w in sys.argv[3].split()]
figures = {}
order = []
for line in open(path):
    kind, mode, w, value = line.split()
    figures[(kind, mode, w)] = int(value)
    if (kind, mode) not in order:
        order.append((kind, mode))
names = {"sessl": "sessl", "rustls": "bare rustls", "rustls-socket": "bare rustls over sockets", "openssl": "OpenSSL"}
print(f"Instructions per handshake (callgrind, (I({n}) - I(0)) / {n}, client and server together, X25519 / X25519:P-256):\n")
head = "| mode | certificate | " + " | ".join(names[w] for w in who)
rule = "|---|---|" + "---|" * len(who)
ratios = [w for w in ("rustls", "rustls-socket", "openssl") if w in who and "sessl" in who]
head += "".join(f" | sessl / {names[w]}" for w in ratios) + " |"
rule += "---|" * len(ratios)
print(head)
print(rule)
for kind, mode in order:
    row = f"| {mode} | {kind} | " + " | ".join(f"{figures[(kind, mode, w)]:,}" for w in who)
    row += "".join(f" | {figures[(kind, mode, 'sessl')] / figures[(kind, mode, w)]:.3f}" for w in ratios)
    print(row + " |")
PY
