#!/usr/bin/env bash
# Many connections at once against OpenSSL: bench/many.c (one server
# process, one client process, N connections open together over loopback
# TCP, a full handshake each) on the system libssl and under
# LD_PRELOAD=libsessl.so, alternating the two run by run, for N = 1, 64 and
# 1024, ECDSA P-256 server certificate, TLS 1.3 and TLS 1.2. Prints a
# markdown table of medians: handshakes per second and the server's resident
# memory per open connection.
#
#   bench/many.sh [RUNS] [--quick]
#
# RUNS defaults to 3. Rounds per run: 40 for N = 1, 4 for 64, 2 for 1024.
# --quick: one run, N = 1 and 8, one round each (a smoke test, seconds).
# LIB: a libsessl.so to measure instead of this tree's release build
# (which is then not built).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${1:-3}
sizes="1:40 64:4 1024:2"
if [ "${1:-}" = --quick ] || [ "${2:-}" = --quick ]; then
  runs=1
  sizes="1:1 8:1"
fi
if [ -z "${LIB:-}" ]; then
  cargo build --release --quiet
fi
lib=${LIB:-$root/target/release/libsessl.so}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash bench/certs.sh "$work" ecdsa
gcc -O2 -Wall -Werror -o "$work/many" bench/many.c -lssl -lcrypto

results=$work/results.txt
: > "$results"
for version in tls13 tls12; do
  for size in $sizes; do
    n=${size%:*} rounds=${size#*:}
    for run in $(seq "$runs"); do
      echo "$version $n openssl $("$work/many" "$work" "$n" "$rounds" "$version")" >> "$results"
      echo "$version $n sessl $(LD_PRELOAD=$lib "$work/many" "$work" "$n" "$rounds" "$version")" >> "$results"
    done
  done
done

python3 - "$results" "$runs" <<'PY'
import collections, statistics, sys
path, runs = sys.argv[1:3]
rate = collections.defaultdict(list)
mem = collections.defaultdict(list)
order = []
for line in open(path):
    version, n, who, _, _, _, r, b = line.split()
    rate[(version, n, who)].append(float(r))
    mem[(version, n, who)].append(int(b))
    if (version, n) not in order:
        order.append((version, n))
med = statistics.median
print(f"Many connections at once (one server process, one client process, loopback TCP, ECDSA P-256, X25519; median of {runs} alternating runs):\n")
print("| version | N at once | OpenSSL handshakes/s | sessl handshakes/s | sessl / OpenSSL | OpenSSL bytes/connection | sessl bytes/connection |")
print("|---|---|---|---|---|---|---|")
for version, n in order:
    o, s = med(rate[(version, n, "openssl")]), med(rate[(version, n, "sessl")])
    om, sm = med(mem[(version, n, "openssl")]), med(mem[(version, n, "sessl")])
    print(f"| {version} | {n} | {o:,.0f} | {s:,.0f} | {s/o:.2f}x | {om:,.0f} | {sm:,.0f} |")
PY
