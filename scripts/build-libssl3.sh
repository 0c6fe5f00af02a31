#!/usr/bin/env bash
# Links sessl as a drop-in libssl: soname libssl.so.3, every export versioned
# OPENSSL_3.0.0, so that `LD_LIBRARY_PATH=<dir> program` runs on sessl.
#
#   scripts/build-libssl3.sh [LIB_DIR [OUT_DIR]]
#
# LIB_DIR holds libsessl.so and libsessl.a from a cargo build (default:
# target/release, built first if missing); OUT_DIR receives libssl.so.3
# (default: LIB_DIR/libssl3).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lib=${1:-$root/target/release}
out=${2:-$lib/libssl3}
if [ ! -f "$lib/libsessl.a" ] || [ ! -f "$lib/libsessl.so" ]; then
  (cd "$root" && cargo build --release --quiet)
fi
mkdir -p "$out"
map=$(mktemp)
trap 'rm -f "$map"' EXIT
{
  echo "OPENSSL_3.0.0 {"
  echo "  global:"
  nm -D --defined-only "$lib/libsessl.so" | awk '$2 == "T" { print "    " $3 ";" }'
  echo "  local: *;"
  echo "};"
} > "$map"
# --gc-sections drops the parts of the archive nothing exported reaches (they
# may name libssl functions); --no-undefined proves nothing is left to libssl.
gcc -shared -o "$out/libssl.so.3.tmp" -Wl,-soname,libssl.so.3 -Wl,--version-script="$map" \
  -Wl,--gc-sections -Wl,--no-undefined \
  -Wl,--whole-archive "$lib/libsessl.a" -Wl,--no-whole-archive \
  -lcrypto -lpthread -ldl -lm -lgcc_s -lc
mv "$out/libssl.so.3.tmp" "$out/libssl.so.3"
echo "$out/libssl.so.3"
