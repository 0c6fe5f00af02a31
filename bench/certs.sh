#!/usr/bin/env bash
# The benchmarks' certificates: in DIR, a CA (ca.pem, ca.key) and a server
# certificate for localhost signed by it (server-chain.pem, server.key), both
# of KIND: rsa (RSA 2048) or ecdsa (P-256).
# Usage: bash bench/certs.sh DIR KIND
set -euo pipefail
dir=$1 kind=$2
mkdir -p "$dir"
cd "$dir"
case $kind in
  rsa) key=(-newkey rsa:2048) ;;
  ecdsa) key=(-newkey ec -pkeyopt ec_paramgen_curve:P-256) ;;
  *) echo "bench/certs.sh: unknown kind $kind" >&2; exit 2 ;;
esac
openssl req -x509 "${key[@]}" -nodes -keyout ca.key -out ca.pem -days 2 -subj "/CN=bench CA" \
  -addext basicConstraints=critical,CA:TRUE 2>/dev/null
openssl req "${key[@]}" -nodes -keyout server.key -out server.csr -subj /CN=localhost 2>/dev/null
printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n' > ext.cnf
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile ext.cnf \
  -out server-chain.pem 2>/dev/null
