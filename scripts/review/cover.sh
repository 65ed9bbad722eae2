#!/bin/bash
# The cover letter's tables are scripts/cover-tables.py's output on
# docs/bench (one make bench run of this many patches), verbatim.
set -eu
cd "$(dirname "$0")/../.."
. scripts/review/lib.sh

# Every figure of the cover letter's tables comes from one bench run.
check_cover() {
	local missing benched
	missing=$(scripts/cover-tables.py docs/bench | sed '/^$/d' |
		while IFS= read -r line; do
			grep -qxF -- "$line" series/0000-cover-letter.patch || echo "$line"
		done)
	benched=$(sed -n 's/^- Kernels: .*(\([0-9]*\) commits on v5.15).*/\1/p' docs/results.md)
	if [ "$benched" != "$npatches" ]; then
		row cover 0000 FAIL - "docs/bench is a run of $benched patches, not of these $npatches: make bench"
	elif [ -z "$missing" ]; then
		row cover 0000 ok - "tables match docs/bench ($(sed -n 's/^- Kernels: .*series `\([^`]*\)`.*/\1/p' docs/results.md))"
	else
		row cover 0000 FAIL - "not in the cover letter: $(echo "$missing" | head -1)"
	fi
}

check_cover
