#!/bin/bash
# `make contend`: list_lru lock contention between memcgs, before and after
# part 3 of the series (a lock per list instead of per node).  TASKS tasks
# in sibling memcgs, each on its own vCPU, put negative dentries on one
# ext4 superblock's lru, all on NUMA node 0, for SECS seconds; reps
# alternate between the two kernels.  Plain MTTCG (not -icount, which runs
# the vCPUs one at a time), so the figures are wall-clock rates: noisy.
# SECS= (10), REPS= (5); BEFORE= and AFTER= below.
# Results: build/logs/contend/table.txt
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

SECS=${SECS:-10} REPS=${REPS:-5}
# BEFORE= and AFTER= name two kernel build directories to compare instead.
before=${BEFORE:-build/out/pre-part3} after=${AFTER:-build/out/guest}
if [ -z "${BEFORE:-}" ]; then
	scripts/tree.sh
	# The last commit before part 3 of the series.
	pre=$(git -C build/linux log --format=%H -1 \
		--grep="^mm: list_lru: reparent a memcg's lists before its objects" v5.15..)
	[ -n "$pre" ] || die "part 3 is not in build/linux"
	wt=build/pre-part3
	worktree "$wt" "$pre~1"
	git -C "$wt" checkout -q --detach "$pre~1"
	scripts/build-kernel.sh "$wt" "$before" configs/guest.config
	scripts/build-kernel.sh build/linux "$after" configs/guest.config
fi
scripts/initramfs.sh

logs=build/logs/contend
mkdir -p "$logs"
: > "$logs/raw.txt"
for rep in $(seq "$REPS"); do
	for tasks in 1 2; do
		for k in "$before" "$after"; do
			measure "$k/arch/x86/boot/bzImage" "$logs/run" \
				"hmode=contend hargs=$SECS,$tasks" > "$logs/run.records"
			line=$(sed -n 's/^contend: \(tasks=.*\)/\1/p' "$logs/run.records")
			say "rep $rep/$REPS $k: $line"
			[ "$k" = "$before" ] && k=before || k=after
			echo "$k $line" >> "$logs/raw.txt"
		done
	done
done
scripts/report.py contend "$logs/raw.txt" | tee "$logs/table.txt"
