#!/usr/bin/env bash
# Benchmarks sessl against the system's OpenSSL 3 in one run, alternating the
# two libraries run by run, and prints a markdown table of medians and ratios,
# with callgrind instruction counts per handshake (the repeatable figure) and
# bare rustls as the ceiling.
#
#   bench/run.sh [HANDSHAKES] [RUNS] [SESSION_OPS] [--no-callgrind]
#
# Defaults: 300 handshakes per run, 5 runs, 2,000,000 session API calls.
# CI runs it as a smoke test with small numbers and --no-callgrind, on its debug builds
# (LIB, BARE below).
# Both certificate kinds (RSA 2048 and ECDSA P-256, each with its own CA),
# key exchange X25519 (TLS 1.3) and X25519:P-256 (TLS 1.2). Instructions per
# handshake are (I(CG_BIG) - I(CG_SMALL)) / (CG_BIG - CG_SMALL), defaults 600
# and 100 (environment), so set-up and aws-lc's per-process seeding are not
# counted. With strace installed, the write system calls (write, sendto,
# sendmsg, writev) per handshake are counted over the first run of each mode.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-300}
runs=${2:-5}
ops=${3:-2000000}
callgrind=yes
[ "${4:-}" = --no-callgrind ] && callgrind=no
# LIB and BARE: a libsessl.so and a bare_rustls to run instead of this tree's release
# builds (which are then not built); tests/run.sh's smoke run passes its debug builds.
if [ -z "${LIB:-}" ] || [ -z "${BARE:-}" ]; then
  cargo build --release --quiet
  cargo build --release --quiet --example bare_rustls
fi
lib=${LIB:-$root/target/release/libsessl.so}
bare=${BARE:-$root/target/release/examples/bare_rustls}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cg_small=${CG_SMALL:-100}
cg_big=${CG_BIG:-600}

# Certificates: per kind a CA and a server certificate of that kind, as the
# tests make them, in $work/rsa and $work/ecdsa.
for kind in rsa ecdsa; do
  bash bench/certs.sh "$work/$kind" "$kind"
done
gcc -O2 -Wall -Werror -o "$work/handshake" bench/handshake.c -lssl -lcrypto
gcc -O2 -Wall -Werror -pthread -o "$work/session_api" bench/session_api.c -lssl -lcrypto

results=$work/results.txt
: > "$results"
modes="full13 resume13 full12 resume12-id resume12-ticket"
for kind in rsa ecdsa; do
  for mode in $modes; do
    for run in $(seq "$runs"); do
      # Alternate the libraries run by run.
      echo "rate $kind $mode openssl $("$work/handshake" "$mode" "$n" "$work/$kind" x25519 | awk '{print $4}')" >> "$results"
      echo "rate $kind $mode sessl $(LD_PRELOAD=$lib "$work/handshake" "$mode" "$n" "$work/$kind" x25519 | awk '{print $4}')" >> "$results"
      echo "rate $kind $mode rustls $("$bare" "$mode" "$n" "$work/$kind" x25519 | awk '{print $4}')" >> "$results"
    done
  done
done

# Write system calls per handshake (the n handshakes and the first one).
writes() {
  local out=$work/strace.out
  strace -f -c -e trace=write,sendto,sendmsg,writev -o "$out" "$@" > /dev/null
  awk -v n=$((n + 1)) '$NF == "total" {printf "%.1f", $4 / n}' "$out"
}
if command -v strace > /dev/null; then
  for mode in $modes; do
    echo "writes ecdsa $mode openssl $(writes "$work/handshake" "$mode" "$n" "$work/ecdsa" x25519)" >> "$results"
    echo "writes ecdsa $mode sessl $(writes env LD_PRELOAD="$lib" "$work/handshake" "$mode" "$n" "$work/ecdsa" x25519)" >> "$results"
  done
fi

# Instructions per handshake: the difference between runs of CG_BIG and
# CG_SMALL handshakes, divided by their difference.
# LD_PRELOAD goes on valgrind itself, which hands it to the program it runs
# (valgrind on `env LD_PRELOAD=...` measures env alone: it does not follow exec).
instructions() {
  local out=$work/cg.out
  LD_PRELOAD=$preload valgrind --tool=callgrind --callgrind-out-file="$out" "$@" > /dev/null 2>&1
  awk '/^summary:/ {print $2}' "$out"
}
per_handshake() {
  local who=$1 kind=$2 mode=$3 a b preload=
  case $who in
    openssl) set -- "$work/handshake" ;;
    sessl) set -- "$work/handshake" && preload=$lib ;;
    rustls) set -- "$bare" ;;
  esac
  a=$(instructions "$@" "$mode" "$cg_big" "$work/$kind" x25519)
  b=$(instructions "$@" "$mode" "$cg_small" "$work/$kind" x25519)
  echo $(( (a - b) / (cg_big - cg_small) ))
}
for kind in rsa ecdsa; do
  [ "$callgrind" = yes ] || break
  for mode in $modes; do
    for who in openssl sessl rustls; do
      echo "instr $kind $mode $who $(per_handshake "$who" "$kind" "$mode")" >> "$results"
    done
  done
done

for run in $(seq "$runs"); do
  "$work/session_api" "$work/rsa" "$ops" | sed 's/^/api openssl /' >> "$results"
  LD_PRELOAD=$lib "$work/session_api" "$work/rsa" "$ops" | sed 's/^/api sessl /' >> "$results"
done

python3 - "$results" "$n" "$runs" "$cg_small" "$cg_big" <<'PY'
import collections, statistics, sys
path, n, runs, cg_small, cg_big = sys.argv[1:6]
rates = collections.defaultdict(list)
instr = {}
writes = {}
api = collections.defaultdict(list)
units = {}
for line in open(path):
    f = line.split()
    if f[0] == "rate":
        rates[(f[1], f[2], f[3])].append(float(f[4]))
    elif f[0] == "instr":
        instr[(f[1], f[2], f[3])] = int(f[4])
    elif f[0] == "writes":
        writes[(f[2], f[3])] = float(f[4])
    elif f[0] == "api":
        api[(f[2], f[1])].append(float(f[3]))
        units[f[2]] = f[4]
med = lambda v: statistics.median(v)
print(f"Handshakes per second (client and server in one thread, X25519 / X25519:P-256; median of {runs} alternating runs of {n}):\n")
print("| mode | certificate | OpenSSL | sessl | sessl / OpenSSL | bare rustls | sessl / rustls |")
print("|---|---|---|---|---|---|---|")
seen = []
for (kind, mode, who) in rates:
    if (kind, mode) not in seen:
        seen.append((kind, mode))
for kind, mode in seen:
    o, s, r = med(rates[(kind, mode, "openssl")]), med(rates[(kind, mode, "sessl")]), med(rates[(kind, mode, "rustls")])
    print(f"| {mode} | {kind} | {o:,.0f} | {s:,.0f} | {s/o:.2f}x | {r:,.0f} | {s/r:.2f} |")
if instr:
    print(f"\nInstructions per handshake (callgrind, (I({cg_big}) - I({cg_small})) / {int(cg_big) - int(cg_small)}, client and server together):\n")
    print("| mode | certificate | OpenSSL | sessl | bare rustls | OpenSSL / sessl | sessl / rustls |")
    print("|---|---|---|---|---|---|---|")
    for kind in ["rsa", "ecdsa"]:
        for mode in ["full13", "resume13", "full12", "resume12-id", "resume12-ticket"]:
            o, s, r = instr[(kind, mode, "openssl")], instr[(kind, mode, "sessl")], instr[(kind, mode, "rustls")]
            print(f"| {mode} | {kind} | {o:,} | {s:,} | {r:,} | {o/s:.2f}x | {s/r:.2f} |")
if writes:
    print(f"\nWrite system calls per handshake (strace -c: write, sendto, sendmsg, writev; client and server together, ECDSA, {n} + 1 handshakes):\n")
    print("| mode | OpenSSL | sessl |")
    print("|---|---|---|")
    for mode in ["full13", "resume13", "full12", "resume12-id", "resume12-ticket"]:
        print(f"| {mode} | {writes[(mode, 'openssl')]:.1f} | {writes[(mode, 'sessl')]:.1f} |")
print(f"\nSession API (median of {runs} alternating runs):\n")
print("| figure | OpenSSL | sessl | sessl / OpenSSL |")
print("|---|---|---|---|")
for name in units:
    o, s = med(api[(name, "openssl")]), med(api[(name, "sessl")])
    print(f"| {name} ({units[name]}) | {o:,.1f} | {s:,.1f} | {s/o:.2f} |")
PY
