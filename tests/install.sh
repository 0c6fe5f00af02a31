#!/usr/bin/env bash
# The installed tree, as a user gets it: scripts/install.sh (cargo cinstall, the
# debug build) into a temporary DESTDIR; the files and sonames are there; the C examples
# build with `pkg-config --cflags --libs sessl` against it and run; the
# installed with-sessl runs curl on sessl (SESSL_LOG shows rustls underneath)
# against openssl s_server, the second URL resuming the first's session.
# Needs cargo-c (.ci/run installs it), gcc, pkg-config, curl, openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in cargo-cinstall gcc pkg-config curl openssl readelf; do
  command -v "$tool" >/dev/null || { echo "tests/install.sh: $tool is missing (see .ci/run)" >&2; exit 1; }
done

work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "tests/install.sh: FAILED: $*" >&2; exit 1; }
passed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }

prefix=/opt/sessl
dest=$work/stage
# --debug: the dev profile's build (what is installed, and how, is the same; a release
# build of sessl and its dependencies would cost CI minutes).
bash scripts/install.sh --prefix "$prefix" --destdir "$dest" --debug
root=$dest$prefix
lib=$root/lib

# The files, the sonames and the drop-in's symbol versions.
for f in "$lib/libsessl.a" "$lib/libsessl.so" "$root/include/sessl/sessl.h" \
  "$lib/pkgconfig/sessl.pc" "$lib/sessl/libssl.so.3" "$lib/sessl/with-sessl"; do
  [ -e "$f" ] || fail "$f is not installed"
done
readelf -d "$lib/libsessl.so" | grep -q 'SONAME.*\[libsessl\.so\.0\.1\]' || fail "libsessl.so's soname"
[ -e "$lib/libsessl.so.0.1" ] || fail "libsessl.so.0.1 link"
readelf -d "$lib/sessl/libssl.so.3" | grep -q 'SONAME.*\[libssl\.so\.3\]' || fail "libssl.so.3's soname"
syms=$(readelf -W --dyn-syms "$lib/sessl/libssl.so.3")  # whole, not cut by grep -q under pipefail
case $syms in *"SSL_get1_session@@OPENSSL_3.0.0"*) ;; *) fail "OPENSSL_3.0.0 versions" ;; esac
[ "$(readlink -f "$root/bin/with-sessl")" = "$(readlink -f "$lib/sessl/with-sessl")" ] || fail "bin/with-sessl link"
grep -q "^prefix=$prefix\$" "$lib/pkgconfig/sessl.pc" || fail "sessl.pc's prefix"
ok "installed files, sonames, versions"

# A C program built with pkg-config against the staged tree (SYSROOT maps
# the .pc's /opt/sessl paths into DESTDIR).
export PKG_CONFIG_PATH=$lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$dest
flags=$(pkg-config --cflags --libs sessl)
case $flags in *"-I$root/include/sessl"*"-lsessl"*) ;; *) fail "pkg-config flags: $flags" ;; esac
(
  cd "$work"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 1 \
    -subj "/CN=sessl install CA" -addext basicConstraints=critical,CA:TRUE 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost 2>/dev/null
  printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > ext.cnf
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 \
    -extfile ext.cnf -out server.pem 2>/dev/null
)
for c in examples/*.c; do
  name=$(basename "$c" .c)
  # shellcheck disable=SC2086
  gcc -Wall -Werror -O2 "$c" -o "$work/$name" $flags -Wl,-rpath,"$lib" -lpthread \
    || fail "$c does not build with pkg-config"
done
ok "examples/*.c build with pkg-config --cflags --libs sessl"
out=$("$work/demo" "$work/ca.pem" "$work/server.pem" "$work/server.key")
echo "$out" | grep -q 'reused: 1$' || fail "demo: $out"
case $(ldd "$work/demo") in *"$lib/libsessl.so.0.1"*) ;; *) false ;; esac || fail "demo does not load the installed libsessl"
ok "demo runs on the installed libsessl and resumes"

# with-sessl: curl (libcurl links libssl.so.3) gets the drop-in; a program
# without libssl gets LD_PRELOAD; a setuid one is refused.
openssl s_server -www -accept 127.0.0.1:0 -cert "$work/server.pem" -key "$work/server.key" \
  -naccept 4 </dev/null >"$work/s_server.out" 2>&1 &
server=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's/^ACCEPT .*:\([0-9][0-9]*\)$/\1/p' "$work/s_server.out")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || fail "s_server did not start"
url=https://localhost:$port/
SESSL_LOG=debug timeout 60 "$root/bin/with-sessl" -v curl -sS --cacert "$work/ca.pem" \
  "$url" "$url" >"$work/curl.out" 2>"$work/curl.err" || fail "curl: $(cat "$work/curl.err")"
grep -q "LD_LIBRARY_PATH=$lib/sessl" "$work/curl.err" || fail "curl not given the drop-in: $(cat "$work/curl.err")"
grep -q 'rustls::client::tls13\] Resuming using PSK' "$work/curl.err" || fail "curl did not resume on sessl: $(cat "$work/curl.err")"
[ "$(grep -c '^New, TLSv1.3' "$work/curl.out")" = 1 ] || fail "first page: $(cat "$work/curl.out")"
[ "$(grep -c '^Reused, TLSv1.3' "$work/curl.out")" = 1 ] || fail "second page not resumed"
ok "with-sessl curl runs on the libssl.so.3 drop-in and resumes"
"$root/bin/with-sessl" -v true 2>"$work/true.err" || fail "with-sessl true"
grep -q "LD_PRELOAD=$lib/libsessl.so" "$work/true.err" || fail "true not preloaded: $(cat "$work/true.err")"
ok "with-sessl preloads a program without libssl"
set +e
"$root/bin/with-sessl" /usr/bin/passwd --help >/dev/null 2>"$work/suid.err"
status=$?
set -e
[ $status = 126 ] && grep -q 'setuid' "$work/suid.err" || fail "setuid program: $status $(cat "$work/suid.err")"
ok "with-sessl refuses a setuid program"

echo "install: $passed passed, 0 failed"
