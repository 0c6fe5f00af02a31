#!/usr/bin/env bash
# Installs sessl as a system library:
#
#   scripts/install.sh [--prefix DIR] [--libdir DIR] [--destdir DIR] [--debug] [cargo cinstall options...]
#
# 1. `cargo cinstall` (cargo-c: `cargo install cargo-c`) puts libsessl.so.0.1.0
#    (soname libsessl.so.0.1, with the libsessl.so.0.1 and libsessl.so links) and
#    libsessl.a in LIBDIR, include/sessl/sessl.h and LIBDIR/pkgconfig/sessl.pc;
# 2. the libssl.so.3 drop-in (scripts/build-libssl3.sh, linked from the installed
#    libsessl.a) goes in a directory of its own, LIBDIR/sessl, where only a program
#    asked to (LD_LIBRARY_PATH, with-sessl) finds it;
# 3. with-sessl goes beside it, LIBDIR/sessl/with-sessl, linked from BINDIR.
#
# PREFIX defaults to /usr/local and LIBDIR to lib (relative to PREFIX); DESTDIR
# stages the tree for packaging, as with make install. --debug installs the dev profile's
# unoptimised build instead of the release build (tests/install.sh: the same files, minutes
# sooner).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=/usr/local libdir=lib destdir= profile=--release extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) prefix=$2; shift ;;
    --prefix=*) prefix=${1#*=} ;;
    --libdir) libdir=$2; shift ;;
    --libdir=*) libdir=${1#*=} ;;
    --destdir) destdir=$2; shift ;;
    --destdir=*) destdir=${1#*=} ;;
    --debug) profile=--debug ;;
    *) extra+=("$1") ;;
  esac
  shift
done
command -v cargo-cinstall >/dev/null || {
  echo "scripts/install.sh: cargo-c is missing: cargo install --locked cargo-c" >&2
  exit 1
}
case $prefix in /*) ;; *) echo "scripts/install.sh: --prefix must be absolute" >&2; exit 2 ;; esac
case $libdir in /*) ;; *) libdir=$prefix/$libdir ;; esac
destdir_args=()
[ -n "$destdir" ] && destdir_args=(--destdir "$destdir")

cd "$root"
cargo cinstall "$profile" --prefix "$prefix" --libdir "$libdir" "${destdir_args[@]}" "${extra[@]}"

lib=$destdir$libdir
bash "$root/scripts/build-libssl3.sh" "$lib" "$lib/sessl" >/dev/null
install -m 755 "$root/scripts/with-sessl" "$lib/sessl/with-sessl"
mkdir -p "$destdir$prefix/bin"
ln -sfr "$lib/sessl/with-sessl" "$destdir$prefix/bin/with-sessl"
echo "installed: $lib/libsessl.so, $lib/libsessl.a, $lib/pkgconfig/sessl.pc, $lib/sessl/libssl.so.3, $lib/sessl/with-sessl, $destdir$prefix/bin/with-sessl"
