#!/usr/bin/env bash
# Benchmarks sessl against the system's OpenSSL 3 in one run, alternating the
# two libraries run by run, and prints a markdown table of medians and ratios,
# with callgrind instruction counts per handshake (the repeatable figure) and
# bare rustls as the ceiling.
#
#   bench/run.sh [HANDSHAKES] [RUNS] [SESSION_OPS] [--no-callgrind]
#
# Defaults: 300 handshakes per run, 5 runs, 2,000,000 session API calls.
# CI runs it as a smoke test with small numbers and --no-callgrind.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-300}
runs=${2:-5}
ops=${3:-2000000}
callgrind=yes
[ "${4:-}" = --no-callgrind ] && callgrind=no
cargo build --release --quiet
cargo build --release --quiet --example bare_rustls
lib=$root/target/release/libsessl.so
bare=$root/target/release/examples/bare_rustls
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Certificates: an RSA 2048 CA and server certificate, as the tests make them.
(
  cd "$work"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj "/CN=bench CA" \
    -addext basicConstraints=critical,CA:TRUE 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost 2>/dev/null
  printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n' > ext.cnf
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile ext.cnf \
    -out server-chain.pem 2>/dev/null
)
gcc -O2 -Wall -Werror -o "$work/handshake" bench/handshake.c -lssl -lcrypto
gcc -O2 -Wall -Werror -pthread -o "$work/session_api" bench/session_api.c -lssl -lcrypto

results=$work/results.txt
: > "$results"
modes="full13 resume13 full12 resume12-id resume12-ticket"
for kx in default x25519; do
  extra=""
  [ "$kx" = x25519 ] && extra=x25519
  for mode in $modes; do
    for run in $(seq "$runs"); do
      # Alternate the libraries run by run.
      echo "rate $kx $mode openssl $("$work/handshake" "$mode" "$n" "$work" $extra | awk '{print $4}')" >> "$results"
      echo "rate $kx $mode sessl $(LD_PRELOAD=$lib "$work/handshake" "$mode" "$n" "$work" $extra | awk '{print $4}')" >> "$results"
      echo "rate $kx $mode rustls $("$bare" "$mode" "$n" "$work" $extra | awk '{print $4}')" >> "$results"
    done
  done
done

# Instructions per handshake: the difference between runs of 40 and 20
# handshakes, divided by 20, so set-up is not counted.
instructions() {
  local out=$work/cg.out
  valgrind --tool=callgrind --callgrind-out-file="$out" "$@" > /dev/null 2>&1
  awk '/^summary:/ {print $2}' "$out"
}
for mode in $modes; do
  [ "$callgrind" = yes ] || break
  for who in openssl sessl rustls; do
    case $who in
      openssl) a=$(instructions "$work/handshake" "$mode" 40 "$work" x25519); b=$(instructions "$work/handshake" "$mode" 20 "$work" x25519) ;;
      sessl) a=$(LD_PRELOAD=$lib instructions "$work/handshake" "$mode" 40 "$work" x25519); b=$(LD_PRELOAD=$lib instructions "$work/handshake" "$mode" 20 "$work" x25519) ;;
      rustls) a=$(instructions "$bare" "$mode" 40 "$work" x25519); b=$(instructions "$bare" "$mode" 20 "$work" x25519) ;;
    esac
    echo "instr x25519 $mode $who $(( (a - b) / 20 ))" >> "$results"
  done
done

for run in $(seq "$runs"); do
  "$work/session_api" "$work" "$ops" | sed 's/^/api openssl /' >> "$results"
  LD_PRELOAD=$lib "$work/session_api" "$work" "$ops" | sed 's/^/api sessl /' >> "$results"
done

python3 - "$results" "$n" "$runs" <<'PY'
import collections, statistics, sys
path, n, runs = sys.argv[1], sys.argv[2], sys.argv[3]
rates = collections.defaultdict(list)
instr = {}
api = collections.defaultdict(list)
units = {}
for line in open(path):
    f = line.split()
    if f[0] == "rate":
        rates[(f[1], f[2], f[3])].append(float(f[4]))
    elif f[0] == "instr":
        instr[(f[2], f[3])] = int(f[4])
    elif f[0] == "api":
        api[(f[2], f[1])].append(float(f[3]))
        units[f[2]] = f[4]
med = lambda v: statistics.median(v)
print(f"Handshakes per second (client and server in one thread; median of {runs} alternating runs of {n}):\n")
print("| mode | key exchange | OpenSSL | sessl | sessl / OpenSSL | bare rustls | sessl / rustls |")
print("|---|---|---|---|---|---|---|")
seen = []
for (kx, mode, who) in rates:
    if (kx, mode) not in seen:
        seen.append((kx, mode))
for kx, mode in seen:
    o, s, r = med(rates[(kx, mode, "openssl")]), med(rates[(kx, mode, "sessl")]), med(rates[(kx, mode, "rustls")])
    print(f"| {mode} | {kx} | {o:,.0f} | {s:,.0f} | {s/o:.2f}x | {r:,.0f} | {s/r:.2f} |")
if instr:
    print("\nInstructions per handshake (callgrind, X25519, client and server together):\n")
    print("| mode | OpenSSL | sessl | bare rustls | OpenSSL / sessl | sessl / rustls |")
    print("|---|---|---|---|---|---|")
    for mode in ["full13", "resume13", "full12", "resume12-id", "resume12-ticket"]:
        o, s, r = instr[(mode, "openssl")], instr[(mode, "sessl")], instr[(mode, "rustls")]
        print(f"| {mode} | {o:,} | {s:,} | {r:,} | {o/s:.2f}x | {s/r:.2f} |")
print(f"\nSession API (median of {runs} alternating runs):\n")
print("| figure | OpenSSL | sessl | sessl / OpenSSL |")
print("|---|---|---|---|")
for name in units:
    o, s = med(api[(name, "openssl")]), med(api[(name, "sessl")])
    print(f"| {name} ({units[name]}) | {o:,.1f} | {s:,.1f} | {s/o:.2f} |")
PY
