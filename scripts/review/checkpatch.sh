#!/bin/bash
# checkpatch.pl --strict on every patch: an ERROR fails; warnings and
# checks are counted by type (lines in checkpatch/NNNN.txt) and must be
# justified in the commit message, except UNKNOWN_COMMIT_ID on a Fixes:
# tag: our v5.15 tree, made from the tarball, has no history to look the
# commit up in (the cover letter says so).
set -eu
cd "$(dirname "$0")/../.."
. scripts/review/lib.sh

check_checkpatch() {
	local p t n out types
	mkdir -p "$logs/checkpatch"
	for p in $patches; do
		t=$SECONDS n=$(num "$p")
		out=$(checkpatch "$p" --show-types | tee "$logs/checkpatch/$n.txt")
		types=$(echo "$out" | sed -n 's/.*: \(ERROR\|WARNING\|CHECK\):\([A-Z_0-9]*\):.*/\1:\2/p' |
			sort | uniq -c | awk '{ printf "%s%s x%d", (NR > 1 ? ", " : ""), $2, $1 }')
		if echo "$out" | grep -q ': ERROR:'; then
			row checkpatch "$n" FAIL $((SECONDS - t))s "$types ($logs/checkpatch/$n.txt)"
		else
			row checkpatch "$n" ok $((SECONDS - t))s "${types:-clean}"
		fi
	done
}

check_checkpatch
