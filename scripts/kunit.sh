#!/bin/bash
# The list_lru KUnit suites under tools/testing/kunit/kunit.py run, the
# way upstream runs KUnit: a UML kernel of the series tree built with
# configs/list_lru.kunitconfig in build/kunit, booted, its KTAP parsed by
# kunit.py.  Prints kunit.py's report; exits with its status.
# CCACHE_DIR= as for scripts/build-kernel.sh.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

tree=${1:-build/linux}
out=$PWD/build/kunit
mkdir -p "$out"
cp configs/list_lru.kunitconfig "$out/.kunitconfig"
# One kernel build at a time on this machine (scripts/build-kernel.sh).
exec 9>build/kernel-build.lock
flock 9
export CCACHE_DIR=${CCACHE_DIR:-$PWD/build/ccache} CCACHE_BASEDIR=$PWD/build
cd "$tree"
# v5.15 does not build with GCC 12 (-Werror=use-after-free in host tools).
python3 tools/testing/kunit/kunit.py run --build_dir="$out" \
	--kunitconfig="$out/.kunitconfig" --jobs=3 --timeout=600 \
	--make_options CC="ccache gcc-11" --make_options HOSTCC=gcc-11
