#!/bin/bash
# scripts/sweep.sh (make sweep): no new W=1 or sparse warning in a file
# the series touches.
set -eu
cd "$(dirname "$0")/../.."
. scripts/review/lib.sh

# sweep.sh prints a line per file as it goes; its FAIL and SKIP lines and
# its summary become rows.
check_sweep() {
	local t=$SECONDS line summary=
	while read -r line; do
		case $line in
		"FAIL "*) line=${line#FAIL }; row sweep - FAIL - "${line%:} (build/logs/sweep/summary.txt)" ;;
		"SKIP "*) row sweep - SKIP - "${line#SKIP }" ;;
		"sweep: "*) summary=${line#sweep: } ;;
		esac
	done < <(scripts/sweep.sh 2>&1 | tee "$logs/sweep.log")
	case $summary in
	*" 0 failed") row sweep - ok $((SECONDS - t))s "$summary" ;;
	"") row sweep - FAIL $((SECONDS - t))s "sweep.sh stopped: $logs/sweep.log" ;;
	*) row sweep - FAIL $((SECONDS - t))s "$summary" ;;
	esac
}

check_sweep
