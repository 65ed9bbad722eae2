#!/bin/bash
# `make demo`: the seed's scenario on base v5.15 and on v5.15 + series/.
# Create N memcgs, remove all but K, mount M tmpfs; print what the mounts
# cost in memory and time on each kernel, and the ratio.  The scenario is
# guest/bench's scale mode, "scale N K 0 M", booted as make bench boots it
# (QEMU -icount: guest time counts instructions, so the times do not move
# with the host's load); scripts/report.py demo makes its records a table.
#   N K M     the scenario (2000 100 500)
#   BUILD=0   boot the kernels in build/out/{base,guest} as they are
# Results: build/logs/demo.txt (the records of both kernels, "kernel=K
# test=..."), the table; each boot's logs in build/logs/demo/.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

N=${N:-2000} K=${K:-100} M=${M:-500}

if [ "${BUILD:-1}" = 1 ]; then
	scripts/deps.sh
	build_pair "" configs/guest.config
fi
scripts/initramfs.sh

declare -A kernel=([base]=build/out/base/arch/x86/boot/bzImage
		   [series]=build/out/guest/arch/x86/boot/bzImage)
logs=build/logs/demo
rm -rf "$logs" "$logs.txt"
mkdir -p "$logs"
for k in base series; do
	say "booting $k: N=$N K=$K M=$M"
	icount measure "${kernel[$k]}" "$logs/$k" "hmode=bench hargs=scale,$N,$K,0,$M" \
		> "$logs/$k.records"
	sed "s/^bench: /kernel=$k /" "$logs/$k.records" >> "$logs.txt"
done
scripts/report.py demo "$logs.txt"
