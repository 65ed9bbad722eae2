#!/bin/bash
# Per patch, what checkpatch --strict (review/checkpatch.sh) does not check:
#   - the subject is "subsys: summary": checkpatch reads no prefix;
#   - under 75 columns: checkpatch measures the body's lines only;
#   - a body of 3 lines or more, trailers not counted: checkpatch only
#     warns when there is none at all (COMMIT_MESSAGE);
#   - a WARN row for code moved and changed in the same patch, for a human
#     to judge: nothing else looks at it.
# Signed-off-by (its presence and that it matches From:) is checkpatch's.
set -eu
cd "$(dirname "$0")/../.."
. scripts/review/lib.sh

# moved REV: "file:line: counts" for each run of added lines that git sees
# mostly as moved (--color-moved=blocks: 3 lines or more, and at least a
# third of the run) with new lines among them: code moved and changed.  A
# new function that happens to repeat a few lines does not count.
moved() {
	git -C "$wt" -c color.diff.new=green -c color.diff.newMoved=blue \
		-c color.diff.newMovedAlternative=blue show --format= --color=always \
		--color-moved=blocks --color-moved-ws=no "$1" | awk '
	function flush() {
		if (mv >= 3 && nw > 0 && 2 * mv >= nw)
			printf "%s:%d: %d moved lines among %d new ones\n", file, at, mv, nw
		mv = nw = at = 0
	}
	{ colour = $0; gsub(/\033\[[0-9;]*m/, "") }
	/^\+\+\+ / { flush(); file = substr($0, 7); next }
	/^@@ / { flush(); split($3, a, ","); line = substr(a[1], 2); next }
	/^\+/ {
		if (!at) at = line
		if ($0 ~ /[^+ \t]/) { if (colour ~ /^\033\[34m/) mv++; else nw++ }
		line++
		next
	}
	/^-/ { next }
	{ flush(); line++ }
	END { flush() }'
}

check_hygiene() {
	local p t n subject body revs k=0 m
	revs=$(git -C "$wt" rev-list --reverse v5.15..HEAD)
	for p in $patches; do
		t=$SECONDS n=$(num "$p") k=$((k + 1))
		subject=$(git mailinfo "$logs/msg" /dev/null <"$p" | sed -n 's/^Subject: //p')
		# body: the lines that are not blank and not trailers
		body=$(grep -cvE '^([A-Za-z-]+-by|Cc|Link|Fixes): |^[[:space:]]*$' "$logs/msg" || true)
		if ! [[ $subject =~ ^([A-Za-z0-9_./-]+:\ )+[^\ ] ]]; then
			row hygiene "$n" FAIL - "subject not in 'subsys: summary' form: $subject"
		elif [ ${#subject} -ge 75 ]; then
			row hygiene "$n" FAIL - "subject is ${#subject} columns: $subject"
		elif [ "$body" -lt 3 ]; then
			row hygiene "$n" FAIL - "body has $body lines: say why"
		else
			row hygiene "$n" ok $((SECONDS - t))s "subject ${#subject} columns, body $body lines"
		fi
		applied || continue
		m=$(moved "$(echo "$revs" | sed -n "${k}p")")
		[ -z "$m" ] || row moved "$n" WARN - "$(echo "$m" | head -3 | paste -sd';' -)$([ "$(echo "$m" | wc -l)" -le 3 ] || echo ' ...')"
		echo "$m" >"$logs/moved-$n.txt"
	done
	rm -f "$logs/msg"
}

check_hygiene
