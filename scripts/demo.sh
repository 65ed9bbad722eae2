#!/bin/bash
# `make demo`: the seed's scenario on base v5.15 and on v5.15 + series/.
# Create N memcgs, remove all but K, mount M tmpfs; print what the mounts
# cost in memory and time on each kernel, and the ratio.  Memory is read
# as make bench reads it (guest/lib/vm.c: mem_snapshot()), and times are
# guest time under QEMU -icount (1 ns = 1 instruction), as make bench's.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

N=${N:-2000} K=${K:-100} M=${M:-500}

scripts/deps.sh
build_pair "" configs/guest.config
scripts/initramfs.sh

row() {
	local label=$1 kernel=$2 logs=build/logs/demo-$1 line
	say "booting $label: N=$N K=$K M=$M"
	# Under -icount, as make bench: guest time counts instructions, so
	# the time rows do not move with the host's load.
	CPUS=1 QEMU_EXTRA="-icount shift=0,sleep=off" \
		scripts/boot.sh "$kernel" "$logs" "hmode=demo hargs=$N,$K,$M" >&2
	line=$(sed -n 's/.*# demo: //p' "$logs/results.ktap")
	grep -q '^ok 1 - demo' "$logs/results.ktap" && [ -n "$line" ] ||
		die "demo failed on $label: see $logs/console.log"
	echo "$label $line"
}

base=$(row base build/out/base/arch/x86/boot/bzImage)
series=$(row series build/out/guest/arch/x86/boot/bzImage)
printf '%s\n%s\n' "$base" "$series" > build/logs/demo.txt
scripts/report.py demo build/logs/demo.txt
