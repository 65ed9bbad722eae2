#!/bin/bash
# Build, boot and test every prefix of the series, and run the demo
# scenario on each, so that the series is known to be bisectable and the
# cover letter can say which patch changes which figure.
#   bisect.sh [FIRST [LAST]]      (patch numbers, default: all)
# N K M: the demo's scenario (make demo's, scripts/demo.sh).  With BASELINE=
# (run-tests.sh), the default suites add xarray and kselftest.
# TESTS=smoke boots only those suites (run-tests.sh reads it), DEMO=0 skips
# the demo boot, BISECT_LOGS=DIR puts the logs and table elsewhere (make
# review does all three).
# Results: build/logs/bisect/table.txt, a line per patch:
#   K SECONDSs [N passed, M failed] DEMO FIGURES | SUBJECT | tree TREE
# and each patch's kernel as build/logs/bisect/K.bzImage.
#
# BISECT_LEDGER=FILE (make review: docs/bisect.txt) records each prefix
# that passed, by its git tree, the guest config and the tests run, and
# skips a prefix already recorded there: the series is bisected once per
# content, across sessions, not once per run. A prefix is rebuilt as soon
# as its tree, configs/guest.config or TESTS change.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

N=${N:-2000} K=${K:-100} M=${M:-500}
# Not the kernel's own suites, which are judged against a v5.15 run
# (make test does that on the whole series) unless BASELINE= is given.
tests=${TESTS:-smoke,lists,kunit_memcg,stress}
if [ -n "${BASELINE+set}" ]; then tests=${TESTS:-smoke,lists,kunit_memcg,xarray,kselftest,stress}; fi
scripts/tree.sh
total=$(git -C build/linux rev-list --count v5.15..HEAD)
first=${1:-1} last=${2:-$total}
wt=build/bisect
worktree "$wt" v5.15
logdir=${BISECT_LOGS:-build/logs/bisect}
mkdir -p "$logdir"
table=$logdir/table.txt
ledger=${BISECT_LEDGER:-}
config=$(sha256sum configs/guest.config | cut -c1-12)
for k in $(seq "$first" "$last"); do
	rev=$(git -C build/linux rev-parse "HEAD~$((total - k))")
	git -C "$wt" checkout -q --detach "$rev"
	subject=$(git -C "$wt" log -1 --format=%s)
	tree=$(git -C "$wt" rev-parse --short=12 "HEAD^{tree}")
	key="$tree config-$config tests-$tests"
	if [ -n "$ledger" ] && grep -q "^$key " "$ledger" 2>/dev/null; then
		echo "$k 0s [$(grep "^$key " "$ledger" | tail -1 | sed 's/.*\[\(.*\)\].*/\1/')] (ledger) | $subject | tree $tree" | tee -a "$table"
		continue
	fi
	start=$(date +%s)
	logs=$logdir/$k
	if ! scripts/build-kernel.sh "$wt" build/out/bisect configs/guest.config >"$logs.build" 2>&1; then
		echo "$k $(($(date +%s) - start))s [build FAIL] | $subject | tree $tree" | tee -a "$table"
		continue
	fi
	# Kept for scripts/hotpath.sh, which compares patches' hot paths.
	cp build/out/bisect/arch/x86/boot/bzImage "$logs.bzImage"
	result=$(TESTS=$tests scripts/run-tests.sh "$wt" build/out/bisect "$logs" 2>/dev/null | tail -1)
	demo=
	if [ "${DEMO:-1}" != 0 ]; then
		# make demo's figures (scripts/demo.sh) on one line
		demo=$( (measure build/out/bisect/arch/x86/boot/bzImage "$logs-demo" \
			"hmode=bench hargs=scale,$N,$K,0,$M" 2>/dev/null || true) |
			sed -n -e 's/^bench: test=memcgs n=[0-9]* k=[0-9]* //p' \
				-e 's/^bench: test=scale fs=tmpfs //p' | paste -sd' ')
	fi
	echo "$k $(($(date +%s) - start))s [$result] $demo | $subject | tree $tree" | tee -a "$table"
	case $result in
	*" passed, 0 failed")
		[ -z "$ledger" ] || echo "$key [$result] $(date -u +%F) $subject" >>"$ledger" ;;
	esac
done
