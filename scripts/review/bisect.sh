#!/bin/bash
# Every prefix of the series builds the guest config, boots and passes
# smoke, lists, kunit_memcg and stress (scripts/bisect.sh), once per tree:
# a prefix docs/bisect.txt records as passed is not built again.
# FIRST=K starts at patch K; BISECT_LEDGER= (empty) rebuilds them all.
set -eu
cd "$(dirname "$0")/../.."
. scripts/review/lib.sh

# bisect.sh prints a table line per patch as it goes:
#   K SECONDSs [N passed, M failed] | SUBJECT | tree TREE
# A prefix docs/bisect.txt records as passed (same tree, guest config and
# tests) is not built again; BISECT_LEDGER= (empty) rebuilds every one.
check_bisect() {
	local t=$SECONDS first=${FIRST:-1} k secs rest result n=0 status
	while read -r k secs rest; do
		n=$((n + 1))
		result=${rest#\[}
		result=${result%%]*}
		case $result in *" passed, 0 failed") status=ok ;; *) status=FAIL ;; esac
		row bisect "$(printf %04d "$k")" $status "$secs" "[$result] ${rest#*| }"
	done < <(DEMO=0 BISECT_LOGS=$logs/bisect \
		BISECT_LEDGER=${BISECT_LEDGER-docs/bisect.txt} scripts/bisect.sh "$first" 2>"$logs/bisect.log")
	if [ $n != $((npatches - first + 1)) ]; then
		row bisect - FAIL $((SECONDS - t))s "$n of $((npatches - first + 1)) patches done: $logs/bisect.log"
	else
		row bisect - ok $((SECONDS - t))s "patches $first..$npatches, total time"
	fi
}

check_bisect
