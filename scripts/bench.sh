#!/bin/bash
# `make bench` (full) and `make bench-quick` (QUICK=1): base v5.15 vs
# v5.15 + series/ on the same machine in the same run, guest/bench/ in
# every boot.  Writes the run's data, OUT/bench/*.csv and meta.txt, and
# from them the plots and OUT/results.md (scripts/report.py bench OUT
# renders them again; the method is docs/bench-method.md, by hand).
# OUT: docs for the full run, build/bench-quick for the quick one.
#   1. memory and mount time vs memcgs ever created (scale)
#   2. latency of memcg creation and removal vs mounts present
#   3. hot path in a child memcg, alternating base/series rounds
#   4. memcg reclaim of dentries, alone and in a crowd (same boots as 3)
#   5. an ext4 remount (shrink_dcache_sb()) with REMOUNT_D negative
#      dentries cached, made by each of REMOUNT_C memcgs in turn
# All under QEMU -icount (guest time counts instructions, so it does not
# depend on host load); 3 again on kernels built with configs/perf.config
# too (-O2, static keys, full-size xarray nodes: what a distribution
# kernel runs), and on plain TCG to show how noisy that is.
# The parameters below are make variables (make help lists them), read
# from the environment; QUICK=1 is make bench-quick's.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

if [ "${QUICK:-0}" = 1 ]; then
	mode=quick out=${OUT:-build/bench-quick}
	: "${NS:=0 2000}" "${MS:=100 500}" "${FSM:=10}" "${SCALE_MEM_MB:=4096}"
	: "${LAT_MS:=100 500}" "${ROUNDS:=5}" "${TCG_ROUNDS:=5}" "${OPS:=1000}"
	: "${RECLAIM:=5000 1000 200 100}" "${REMOUNT_D:=200000}" "${REMOUNT_C:=1000}"
else
	mode=full out=${OUT:-docs}
	: "${NS:=0 1000 5000 10000}" "${MS:=100 500 1000}" "${FSM:=50}"
	: "${SCALE_MEM_MB:=8192}" "${LAT_MS:=100 500 1000}" "${ROUNDS:=5}"
	: "${TCG_ROUNDS:=5}" "${OPS:=5000}" "${RECLAIM:=20000 5000 1000 500}"
	: "${REMOUNT_D:=1000000}" "${REMOUNT_C:=1000 5000}"
fi
K=${K:-100}		# memcgs left alive in the scale runs
LAT_C=${LAT_C:-1000}	# memcgs created in the latency runs
REPS=${REPS:-3}		# hot-path rounds inside one boot (median kept)

logs=build/logs/bench
raw=$logs/raw.txt
# BUILD=0: take the kernels as they are (say, while others hold the build lock).
if [ "${BUILD:-1}" = 1 ]; then
	scripts/deps.sh
	build_pair "" configs/guest.config
	build_pair -perf configs/guest.config configs/perf.config
fi
scripts/initramfs.sh
# The clock starts here: waiting for the build lock is not the benchmark's.
started=$(date +%s)
rm -rf "$logs"
mkdir -p "$logs" "$out/bench"

declare -A kernel=([base]=build/out/base/arch/x86/boot/bzImage
		   [series]=build/out/guest/arch/x86/boot/bzImage)
declare -A kernel_o2=([base]=build/out/base-perf/arch/x86/boot/bzImage
		      [series]=build/out/guest-perf/arch/x86/boot/bzImage)
nn=$(wc -w <<< "$NS") nl=$(wc -w <<< "$LAT_MS")
total=$((2 * (nn + nl + 1 + 2 * ROUNDS + TCG_ROUNDS)))
step=0

elapsed() {
	local s=$(($(date +%s) - started))
	printf '%d:%02d' $((s / 60)) $((s % 60))
}

# boot NAME KERNEL CLOCK ROUND HARGS: one guest; its records (guest/bench/:
# "bench: test=.. k=v ...") go to $raw, prefixed with kernel, clock and
# round.  CLOCK icount boots under -icount (lib.sh: icount); icount-O2 does
# the same with the configs/perf.config build.
boot() {
	local name=$1 k=$2 clock=$3 round=$4 hargs=$5 dir=$logs/$1
	local image=${kernel[$k]}
	step=$((step + 1))
	say "[$step/$total] $(elapsed) $name ($hargs)"
	[ "$clock" = icount-O2 ] && image=${kernel_o2[$k]}
	if [ "$clock" != tcg ]; then
		icount measure "$image" "$dir" "hmode=bench hargs=$hargs" > "$dir.records"
	else
		EXTRA_CPIO='' measure "$image" "$dir" "hmode=bench hargs=$hargs" > "$dir.records"
	fi
	scripts/ktap.py --reports "$dir/console.log" >&2 ||
		die "$name: kernel report, see $dir/console.log"
	sed -n "s/^bench: /kernel=$k clock=$clock round=$round /p" "$dir.records" >> "$raw"
}

uptime > "$logs/load-start.txt"
ms=$(tr ' ' , <<< "$MS")
for n in $NS; do
	for k in base series; do
		MEM_MB=$SCALE_MEM_MB TIMEOUT=1800 boot "scale-n$n-$k" $k icount 1 \
			"scale,$n,$K,$FSM,$ms"
	done
done
for m in $LAT_MS; do
	for k in base series; do
		boot "latency-m$m-$k" $k icount 1 "latency,$m,$LAT_C"
	done
done
remount=
for c in $REMOUNT_C; do
	remount=${remount:+$remount,}remount,$REMOUNT_D,$c,1
done
for k in base series; do
	TIMEOUT=3600 boot "remount-$k" $k icount 1 "$remount"
done
reclaim=$(tr ' ' , <<< "$RECLAIM")
for r in $(seq "$ROUNDS"); do
	for k in base series; do
		boot "hot-icount-$r-$k" $k icount "$r" "hot,$OPS,$REPS,reclaim,$reclaim"
	done
done
for r in $(seq "$ROUNDS"); do
	for k in base series; do
		boot "hot-o2-$r-$k" $k icount-O2 "$r" "hot,$OPS,$REPS"
	done
done
for r in $(seq "$TCG_ROUNDS"); do
	for k in base series; do
		boot "hot-tcg-$r-$k" $k tcg "$r" "hot,$OPS,$REPS"
	done
done
uptime > "$logs/load-end.txt"

say "$(elapsed) report: $out/results.md"
cat > "$logs/meta.txt" <<EOF
mode=$mode
duration_s=$(($(date +%s) - started))
date=$(date -u '+%Y-%m-%d %H:%M UTC')
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)
host_cpus=$(nproc)
host_mem_gb=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
qemu=$(qemu-system-x86_64 --version | head -1)
base=$(git -C build/base log -1 --format='%h %s')
series=$(git -C build/linux log -1 --format='%h %s')
series_patches=$(git -C build/linux rev-list --count v5.15..HEAD)
load_start=$(sed 's/.*load average: //' "$logs/load-start.txt")
load_end=$(sed 's/.*load average: //' "$logs/load-end.txt")
params=NS="$NS" K=$K MS="$MS" FSM=$FSM SCALE_MEM_MB=$SCALE_MEM_MB LAT_MS="$LAT_MS" LAT_C=$LAT_C ROUNDS=$ROUNDS TCG_ROUNDS=$TCG_ROUNDS OPS=$OPS REPS=$REPS RECLAIM="$RECLAIM" REMOUNT_D=$REMOUNT_D REMOUNT_C="$REMOUNT_C"
EOF
scripts/report.py bench "$out" "$raw" "$logs/meta.txt"
say "done in $(elapsed): $out/results.md"
