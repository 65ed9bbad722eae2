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
names=()
for arg; do
	name=${arg%%=*} image=${arg#*=}
	[ -f "$image" ] || die "$image: no such kernel"
	say "$name: $image"
	CPUS=1 ACCEL=tcg,thread=single QEMU_EXTRA="-icount shift=0,sleep=off" EXTRA_CPIO= \
		TIMEOUT=3600 scripts/boot.sh "$image" "$logs/$name" "hmode=bench hargs=$hargs" \
		> "$logs/$name.out" 2>&1 || die "$name: boot failed, see $logs/$name.out"
	sed -n -e 's/.*# bench: test=hot op=\([^ ]*\) .* ns_per_op=\([0-9.]*\).*/\1 \2/p' \
		-e 's/.*# bench: test=remount d=\([0-9]*\) c=\([0-9]*\) .* ms=\([0-9.]*\).*/remount_d\1_c\2_ms \3/p' \
		"$logs/$name/results.ktap" > "$logs/$name.ns"
	[ -s "$logs/$name.ns" ] || die "$name: no figures, see $logs/$name/results.ktap"
	names+=("$name")
done
# One row per operation: median ns of each kernel, then ratios to the first.
awk -v names="${names[*]}" '
function median(s,   a, n, i, j, t) {
	n = split(s, a, " ")
	for (i = 1; i <= n; i++)
		for (j = i + 1; j <= n; j++)
			if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
	return a[int((n + 1) / 2)]
}
FNR == 1 { k++ }
{ if (!seen[$1]++) ops[++nops] = $1; v[k, $1] = v[k, $1] " " $2 }
END {
	nk = split(names, name, " ")
	printf "%-24s", "op"
	for (i = 1; i <= nk; i++) printf " %10s", name[i]
	for (i = 2; i <= nk; i++) printf " %10s", name[i] "/" name[1]
	printf "\n"
	for (o = 1; o <= nops; o++) {
		printf "%-24s", ops[o]
		for (i = 1; i <= nk; i++) m[i] = median(v[i, ops[o]])
		for (i = 1; i <= nk; i++) printf " %10.1f", m[i]
		for (i = 2; i <= nk; i++) printf " %10.4f", m[i] / m[1]
		printf "\n"
	}
}' $(for n in "${names[@]}"; do echo "$logs/$n.ns"; done) | tee "$logs/table.txt"
