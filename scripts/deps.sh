#!/bin/bash
# Install the Debian packages the harness needs, only when something is missing
# (the last lines: mmdebstrap for the xfstests guest's Debian, and what
# xfstests needs to build).  EXTRA_PKGS= more packages (make review-deps).
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

pkgs="gcc-11 make flex bison bc libelf-dev libssl-dev qemu-system-x86
busybox-static cpio ccache python3 rsync xfsprogs e2fsprogs git perl
kmod python3-ply python3-git liburcu-dev gnuplot-nox
mmdebstrap autoconf automake libtool libtool-bin pkg-config xfslibs-dev
uuid-dev libattr1-dev libacl1-dev libaio-dev libgdbm-dev libgdbm-compat-dev
liburing-dev libcap-dev ${EXTRA_PKGS:-}"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
[ "$(id -u)" = 0 ] || die "missing packages:$missing (run as root, or install them)"
say "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
