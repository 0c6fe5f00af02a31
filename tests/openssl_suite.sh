#!/usr/bin/env bash
# OpenSSL 3.0's own tests on sessl: test/sslapitest_peer (sslapitest with its reads of
# libssl's internal structs replaced by public calls, tests/openssl/sslapitest_peer.patch),
# one process per test function, and test/ssl_test over test/ssl-tests/*.cnf, both with
# target/debug/libsessl.so preloaded. The passes must include every name listed in
# tests/openssl/sslapitest.pass and tests/openssl/ssl_test.pass (a lost pass fails; a new
# pass prints a note to add it); a "NAME N" line of ssl_test.pass asks at least N passing
# cases of a file that does not pass whole. The tests are built once from Debian's source of the
# installed openssl (tests/openssl/build.sh: the tests alone, linked against the system's libssl
# and libcrypto, about two minutes) into $OPENSSL_TESTS_DIR (default target/openssl-tests),
# reused while present.
# Needs: apt-get with Debian's archive reachable (deb-src), make, perl, patch, gcc.
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENSSL_TESTS_DIR=${OPENSSL_TESTS_DIR:-$PWD/target/openssl-tests}
start=$(date +%s)
tree=$(ls -d "$OPENSSL_TESTS_DIR"/openssl-3.* 2>/dev/null | head -n 1 || true)
if [ -z "$tree" ] || [ ! -x "$tree/test/sslapitest_peer" ] || [ ! -x "$tree/test/ssl_test" ]; then
  echo "openssl_suite: building OpenSSL's tests into $OPENSSL_TESTS_DIR"
  bash tests/openssl/build.sh
fi
lib=target/debug/libsessl.so
[ -f "$lib" ] || cargo build
built=$(date +%s)

# compare RESULTS EXPECTED: every expected name among the PASS lines of RESULTS.
compare() {
  local results=$1 expected=$2 lost new
  lost=$(comm -13 <(awk '$1 == "PASS" {print $2}' "$results" | sort) \
                  <(grep -v '^#' "$expected" | sed '/^$/d' | sort))
  new=$(comm -23 <(awk '$1 == "PASS" {print $2}' "$results" | sort) \
                 <(grep -v '^#' "$expected" | sed '/^$/d' | sort))
  [ -z "$new" ] || echo "openssl_suite: new passes, add them to $expected:" $new
  if [ -n "$lost" ]; then
    echo "openssl_suite: FAILED, passes lost (listed in $expected):" >&2
    grep -E "^[A-Z]+ ($(echo $lost | tr ' ' '|')) " "$results" >&2
    return 1
  fi
}

status=0
BIN=test/sslapitest_peer bash tests/openssl/run.sh "$lib" > "$OPENSSL_TESTS_DIR/sslapitest.out" 2>&1 || true
tail -n 2 "$OPENSSL_TESTS_DIR/sslapitest.out"
compare "$OPENSSL_TESTS_DIR/logs-libsessl-sslapitest_peer/results.txt" tests/openssl/sslapitest.pass || status=1
# compare_cases RESULTS EXPECTED: every "NAME N" line of EXPECTED has at least N passing
# cases (cases_ok=) in RESULTS, so a lost case of a file that does not pass whole fails.
compare_cases() {
  local results=$1 expected=$2 name want got bad=0
  while read -r name want; do
    got=$(awk -v n="$name" '$2 == n { for (i = 3; i <= NF; i++) if ($i ~ /^cases_ok=/) { sub(/cases_ok=/, "", $i); print $i } }' "$results")
    if [ -z "$got" ] || [ "$got" -lt "$want" ]; then
      echo "openssl_suite: FAILED, $name passes ${got:-no} cases, $expected lists $want" >&2; bad=1
    elif [ "$got" -gt "$want" ]; then
      echo "openssl_suite: $name passes $got cases, more than the $want of $expected"
    fi
  done < <(grep -v '^#' "$expected" | awk 'NF == 2')
  return $bad
}

bash tests/openssl/run_ssl_test.sh "$lib" > "$OPENSSL_TESTS_DIR/ssl_test.out" 2>/dev/null || true
tail -n 1 "$OPENSSL_TESTS_DIR/ssl_test.out"
ssl_results=$OPENSSL_TESTS_DIR/logs-ssl_test-libsessl/results.txt
grep -v '^#' tests/openssl/ssl_test.pass | awk 'NF == 1' > "$OPENSSL_TESTS_DIR/ssl_test.whole"
compare "$ssl_results" "$OPENSSL_TESTS_DIR/ssl_test.whole" || status=1
compare_cases "$ssl_results" tests/openssl/ssl_test.pass || status=1
echo "openssl_suite: build $((built - start))s, tests $(( $(date +%s) - built ))s"
exit $status
