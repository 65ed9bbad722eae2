#!/bin/bash
# The kernel's userspace XArray/radix-tree suite (tools/testing/radix-tree),
# built with ASan and UBSan and run on the host, for one kernel tree.
#   radix-tree.sh SRC LOG
# Prints one line per program and "N passed, M failed", the counts also
# to LOG's name with .json for .log (lib.sh: write_counts).  PROGS= picks the
# programs (default: all four); make test runs "xarray idr-test multiorder"
# (see README: `main` has a use-after-free in iteration_check that v5.15
# shows now and then too).
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

src=$1 log=$2
dir=$src/tools/testing/radix-tree
result=${log%.log}.json
passed=0 failed=0
mkdir -p "$(dirname "$log")"
rm -f "$result"
if ! make -C "$dir" -j"$(nproc)" >"$log" 2>&1; then
	failed=1
	echo "FAIL radix-tree build: see $log"
	echo "$passed passed, $failed failed"
	write_counts "$result"
	exit 1
fi
for prog in ${PROGS:-xarray idr-test multiorder main}; do
	if (cd "$dir" && timeout 900 "./$prog") >>"$log" 2>&1; then
		passed=$((passed + 1)); echo "ok   radix-tree $prog"
	else
		failed=$((failed + 1)); echo "FAIL radix-tree $prog: see $log"
	fi
done
echo "$passed passed, $failed failed"
write_counts "$result"
[ "$failed" = 0 ]
