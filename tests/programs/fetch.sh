#!/usr/bin/env bash
# Makes every program of tests/programs/programs.tsv available to
# tests/coverage.rs: a program installed on this machine is read where it is;
# for any other, its Debian package is downloaded (apt-get download, nothing
# installed) and unpacked (dpkg-deb -x) into the cache directory
# ($SESSL_PROGRAMS_DIR, default target/programs). Run once by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."

cache=${SESSL_PROGRAMS_DIR:-target/programs}
mkdir -p "$cache/debs"
cache=$(cd "$cache" && pwd)

wanted=()
while IFS=$'\t' read -r program package path; do
  case "$program" in ''|'#'*) continue ;; esac
  [ -e "/$path" ] || [ -e "$cache/root/$path" ] || wanted+=("$package")
done < tests/programs/programs.tsv

[ ${#wanted[@]} -eq 0 ] && { echo "tests/programs/fetch.sh: every program is present"; exit 0; }
echo "tests/programs/fetch.sh: fetching ${wanted[*]}"

fetch() { (cd "$cache/debs" && apt-get download -q "$@"); }
if ! fetch "${wanted[@]}"; then
  apt-get update -q
  fetch "${wanted[@]}"
fi
for deb in "$cache"/debs/*.deb; do
  dpkg-deb -x "$deb" "$cache/root"
done
