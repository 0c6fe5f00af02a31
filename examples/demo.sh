#!/usr/bin/env bash
# Builds sessl and the C demo, makes a throw-away CA and server certificate,
# and runs the demo: a full handshake, SSL_get1_session, a resumed handshake.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 1 \
    -subj "/CN=sessl demo CA" -addext basicConstraints=critical,CA:TRUE 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost 2>/dev/null
  printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > ext.cnf
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 \
    -extfile ext.cnf -out server.pem 2>/dev/null
)
gcc -Wall -Werror -O2 -Iinclude examples/demo.c -o "$work/demo" \
  -Ltarget/release -lsessl -Wl,-rpath,"$root/target/release" -lpthread
"$work/demo" "$work/ca.pem" "$work/server.pem" "$work/server.key"
