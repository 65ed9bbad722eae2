#!/bin/bash
# Every place that can create xa_nodes in a mapping's i_pages names the
# shadow-node lru or is justified (scripts/ipages-audit.sh).
set -eu
cd "$(dirname "$0")/../.."
. scripts/review/lib.sh

# ipages-audit.sh prints a FAIL line per unjustified place and a summary.
check_ipages() {
	local t=$SECONDS out line status=ok
	if ! applied; then
		row ipages - FAIL - "the series does not apply"
		return
	fi
	out=$(scripts/ipages-audit.sh "$wt" 2>&1) || status=FAIL
	echo "$out" >"$logs/ipages.txt"
	while read -r line; do
		row ipages - FAIL - "${line#FAIL }"
	done < <(grep '^FAIL ' <<<"$out")
	row ipages - $status $((SECONDS - t))s "$(tail -1 <<<"$out") ($logs/ipages.txt)"
}

check_ipages
