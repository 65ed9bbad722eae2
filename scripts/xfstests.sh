#!/bin/bash
# xfstests on v5.15 and on the series, in the Debian root filesystem, under
# memcg churn (guest/xfstests/init), judged per test against v5.15.
#   xfstests.sh LOGDIR TESTS [FS...]
# TESTS is check's arguments with commas for spaces ("-g,quick", or
# "generic/006,generic/007"); FS defaults to "ext4 xfs".  Each kernel
# boots once and runs check on each filesystem in turn: one KTAP document
# in LOGDIR/KERNEL/, a subtest per filesystem (a case per test, then the
# churn and memcg-freeing checks).
# A test that passes on v5.15 must pass with the series; one that fails or
# is not run on v5.15 is listed, not counted.  Any kernel report on a
# console fails.  Ends with "N passed, M failed", also written to
# LOGDIR/summary.json (lib.sh: write_counts) for make test to add up.
# The kernels are v5.15 and the series with configs/guest.config +
# configs/xfstests.config, built first into build/out/{base,guest}-xfstests;
# KERNELS="base guest" boots those build/out/ directories as they are
# instead (the first is the reference).  CHURN=SECONDS between memcg moves
# (default 5, 0 for none); TIMEOUT= per boot (default 7200).
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

logs=$1 tests=$2
shift 2
filesystems=${*:-ext4 xfs}
kernels=${KERNELS:-base-xfstests guest-xfstests}
[ -n "${KERNELS:-}" ] || build_pair -xfstests configs/guest.config configs/xfstests.config
rootfs=$(scripts/rootfs.sh)
passed=0 failed=0
mkdir -p "$logs"
rm -f "$logs/summary.json"
image_packages "$logs"

baseline=
for k in $kernels; do
	dir=$logs/$k
	start=$(date +%s)
	ROOTFS=$rootfs TIMEOUT=${TIMEOUT:-7200} scripts/boot.sh \
		"build/out/$k/arch/x86/boot/bzImage" "$dir" \
		"xfst_fs=${filesystems// /,} xfst_tests=$tests xfst_churn=${CHURN:-5}" || true
	echo "$(($(date +%s) - start))" > "$dir/seconds"
	rm -f "$dir/ktap.json"
	scripts/ktap.py -v ${baseline:+--baseline="$baseline"} --json="$dir/ktap.json" \
		"$dir/console.log" "$dir/results.ktap" > "$dir/ktap.txt" || true
	summary=$(tail -1 "$dir/ktap.txt")
	if [ -z "$baseline" ]; then
		# The first kernel is the reference: its verdicts are reported,
		# not counted.
		grep '^FAIL ' "$dir/ktap.txt" | sed "s/^FAIL/fails on $k:/" || true
		echo "== $k: $summary (the reference), $(cat "$dir/seconds")s"
		baseline=$dir/results.ktap
		continue
	fi
	grep -v '^ok  \|^SKIP\|^[0-9]* passed' "$dir/ktap.txt" | sed "s/^/$k: /" || true
	echo "== $k: $summary, $(cat "$dir/seconds")s"
	if ! add_counts "$dir/ktap.json"; then
		failed=$((failed + 1))
		echo "FAIL $k: no verdict, see $dir/ktap.txt"
	fi
done
echo "$passed passed, $failed failed"
write_counts "$logs/summary.json"
[ "$failed" = 0 ]
