#!/bin/bash
# Hot-path cost of several kernels, for attributing the series' cost to
# its patches:
#   hotpath.sh NAME=BZIMAGE...        (the first is the reference)
# Boots each once under QEMU -icount (guest ns = instructions, so one run
# is enough: the spread between runs is under 1%) with guest/bench/hot.c's
# hot mode, and prints per operation the median ns over REPS rounds, and
# its ratio to the first kernel.  OPS and REPS as for make bench.
# REMOUNT="D C R": instead, guest/bench/remount.c's mode, once per C in
# the list C (say "1000 5000"): the median ms of an ext4 remount with D
# negative dentries of C memcgs cached, over R rounds.
# Results: build/logs/hotpath/table.txt
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

[ $# -ge 1 ] || die "usage: $0 NAME=BZIMAGE..."
OPS=${OPS:-1000} REPS=${REPS:-3}
logs=build/logs/hotpath
rm -rf "$logs"
mkdir -p "$logs"
scripts/initramfs.sh
hargs=hot,$OPS,$REPS
if [ -n "${REMOUNT:-}" ]; then
	read -r d cs r <<< "$REMOUNT"
	hargs=
	for c in $(tr , ' ' <<< "$cs"); do
		hargs=${hargs:+$hargs,}remount,$d,$c,$r
	done
fi
files=()
for arg; do
	name=${arg%%=*} image=${arg#*=}
	[ -f "$image" ] || die "$image: no such kernel"
	say "$name: $image"
	TIMEOUT=3600 icount measure "$image" "$logs/$name" "hmode=bench hargs=$hargs" \
		> "$logs/$name.records"
	sed -n -e 's/^bench: test=hot op=\([^ ]*\) .* ns_per_op=\([0-9.]*\).*/\1 \2/p' \
		-e 's/^bench: test=remount d=\([0-9]*\) c=\([0-9]*\) .* ms=\([0-9.]*\).*/remount_d\1_c\2_ms \3/p' \
		"$logs/$name.records" > "$logs/$name.ns"
	[ -s "$logs/$name.ns" ] || die "$name: no figures, see $logs/$name/data.txt"
	files+=("$logs/$name.ns")
done
# One row per operation: median ns of each kernel, then ratios to the first.
scripts/report.py hotpath "${files[@]}" | tee "$logs/table.txt"
