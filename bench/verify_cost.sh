#!/usr/bin/env bash
# What peer verification costs a full handshake: instructions per handshake
# (callgrind) for full13 and full12, X25519, the client verifying the server
# (SSL_VERIFY_PEER, the CA in the context's store), for two sessl builds
# (an earlier commit's and, by default, this tree's) and the system OpenSSL,
# in one run; with the
# inclusive cost of the verification functions in each, and handshakes per
# second as a secondary (noisy) figure.
#
#   bench/verify_cost.sh OLD_LIBSESSL [NEW_LIBSESSL] [BIG] [SMALL] [RUNS]
#
# OLD_LIBSESSL: a libsessl.so built from another commit, e.g.
#   git worktree add /tmp/sessl-old 23bce42 && (cd /tmp/sessl-old && cargo build --release)
#   bench/verify_cost.sh /tmp/sessl-old/target/release/libsessl.so
# NEW_LIBSESSL: default (or "-") this tree's target/release/libsessl.so,
# built by `cargo build --release` here.
# Instructions per handshake are (I(BIG) - I(SMALL)) / (BIG - SMALL), so
# set-up is not counted; defaults 500 and 100. RUNS (default 5) alternating
# runs of 300 handshakes give the rates. Set KEEP=dir to keep the profiles.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
old=$(realpath "${1:?usage: bench/verify_cost.sh OLD_LIBSESSL [NEW_LIBSESSL] [BIG] [SMALL] [RUNS]}")
new=${2:--}
big=${3:-500}
small=${4:-100}
runs=${5:-5}
if [ "$new" = - ]; then
  cargo build --release --quiet
  new=$root/target/release/libsessl.so
fi
new=$(realpath "$new")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The certificates of bench/run.sh: an RSA 2048 CA and server certificate.
bash bench/certs.sh "$work" rsa
gcc -O2 -Wall -Werror -o "$work/handshake" bench/handshake.c -lssl -lcrypto

# run WHO CMD...: CMD with WHO's library.
run() {
  local who=$1
  shift
  case $who in
    openssl) "$@" ;;
    old) LD_PRELOAD=$old "$@" ;;
    new) LD_PRELOAD=$new "$@" ;;
  esac
}

# Inclusive instructions of the functions whose names match $1 (a regular
# expression on callgrind_annotate's function column), summed, in profile $2.
inclusive() {
  callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$2" 2>/dev/null |
    awk -v re="$1" '
      /^ *[0-9,]+ .*:/ && !/=>/ {
        n = $1; gsub(",", "", n)
        fn = $0; sub(/^ *[0-9,]+ (\([^)]*\) )?/, "", fn)
        if (fn ~ re) s += n
      }
      END { print s + 0 }'
}

# The verification functions: libcrypto's X509_verify_cert (OpenSSL, sessl
# now), webpki's chain check through rustls (sessl before), and each sessl's
# whole ServerCertVerifier::verify_server_cert (set-up and bookkeeping too);
# and d2i_X509 from every caller (the presented certificate parsed into an X509).
funcs="x509 webpki verifier d2i"
regex() {
  case $1 in
    x509) echo ':X509_verify_cert( |$)' ;;
    webpki) echo 'verify_server_cert_signed_by_trust_anchor( |$)' ;;
    verifier) echo 'PeerVerifier as rustls::[a-z:]*ServerCertVerifier>::verify_server_cert( |$)' ;;
    d2i) echo ':d2i_X509( |$)' ;;
  esac
}

results=$work/results.txt
: > "$results"
for mode in full13 full12; do
  for who in old new openssl; do
    for count in "$big" "$small"; do
      out=$work/cg.$mode.$who.$count
      run "$who" valgrind --tool=callgrind --callgrind-out-file="$out" \
        "$work/handshake" "$mode" "$count" "$work" x25519 > /dev/null 2>&1
    done
    a=$(awk '/^summary:/ {print $2}' "$work/cg.$mode.$who.$big")
    b=$(awk '/^summary:/ {print $2}' "$work/cg.$mode.$who.$small")
    echo "instr $mode $who $(( (a - b) / (big - small) ))" >> "$results"
    for f in $funcs; do
      fa=$(inclusive "$(regex "$f")" "$work/cg.$mode.$who.$big")
      fb=$(inclusive "$(regex "$f")" "$work/cg.$mode.$who.$small")
      echo "func $mode $who $f $(( (fa - fb) / (big - small) ))" >> "$results"
    done
  done
done
if [ -n "${KEEP:-}" ]; then
  mkdir -p "$KEEP"
  cp "$work"/cg.* "$results" "$KEEP"/
fi

for mode in full13 full12; do
  for r in $(seq "$runs"); do
    for who in old new openssl; do
      echo "rate $mode $who $(run "$who" "$work/handshake" "$mode" 300 "$work" x25519 | awk '{print $4}')" >> "$results"
    done
  done
done

python3 - "$results" "$big" "$small" "$runs" <<'PY'
import collections, statistics, sys
path, big, small, runs = sys.argv[1:]
instr, func, rates = {}, {}, collections.defaultdict(list)
for line in open(path):
    f = line.split()
    if f[0] == "instr":
        instr[(f[1], f[2])] = int(f[3])
    elif f[0] == "func":
        func[(f[1], f[2], f[3])] = int(f[4])
    elif f[0] == "rate":
        rates[(f[1], f[2])].append(float(f[3]))
print(f"Instructions per handshake (callgrind, (I({big}) - I({small})) / {int(big) - int(small)}, X25519, client verifying):\n")
print("| mode | sessl before | sessl now | OpenSSL | now - before | share of a handshake now | now / OpenSSL |")
print("|---|---|---|---|---|---|---|")
for mode in ["full13", "full12"]:
    o, n, s = instr[(mode, "old")], instr[(mode, "new")], instr[(mode, "openssl")]
    print(f"| {mode} | {o:,} | {n:,} | {s:,} | {n - o:+,} | {(n - o) / n:.1%} | {n / s:.2f} |")
print("\nInclusive instructions per handshake in the verification functions:\n")
print("| mode | build | X509_verify_cert | verify_server_cert_signed_by_trust_anchor | PeerVerifier::verify_server_cert | d2i_X509, all callers |")
print("|---|---|---|---|---|---|")
for mode in ["full13", "full12"]:
    for who, name in [("old", "sessl before"), ("new", "sessl now"), ("openssl", "OpenSSL")]:
        v = [func[(mode, who, f)] for f in ["x509", "webpki", "verifier", "d2i"]]
        print(f"| {mode} | {name} | " + " | ".join(f"{x:,}" for x in v) + " |")
print(f"\nHandshakes per second (median of {runs} alternating runs of 300, X25519; wall clock, noisy):\n")
print("| mode | sessl before | sessl now | OpenSSL | now / before |")
print("|---|---|---|---|---|")
for mode in ["full13", "full12"]:
    o, n, s = (statistics.median(rates[(mode, w)]) for w in ["old", "new", "openssl"])
    print(f"| {mode} | {o:,.0f} | {n:,.0f} | {s:,.0f} | {n / o:.2f} |")
PY
