#!/bin/bash
# `make review`: what mm reviewers and 0-day check on a series, run on every
# version of series/ before it is called done.  Too long for CI (it builds
# and boots every patch); `make test` stays the CI gate.  Checks, in order:
#   am          git am of series/ on a pristine v5.15 (build/review-am): no
#               hunk at an offset, no whitespace error; the cover letter's
#               base-commit: is the real v5.15 and the tree applied to is
#               it, or the kernel.org tarball (sha256 checked)
#   hygiene     per patch: Signed-off-by: `git config user.name <user.email>`,
#               a "subsys: summary" subject under 75 columns, a body
#   moved       per patch: added code that git sees mostly as moved, with
#               new lines among it (moved and changed); WARN, for a human
#   checkpatch  per patch, --strict: an ERROR fails, the rest is counted
#   kernel-doc  the touched .c/.h: no kernel-doc warning that v5.15 does not
#               have; every function the series exports or declares in
#               include/ has kernel-doc
#   ipages      scripts/ipages-audit.sh on the series: every place that can
#               create xa_nodes in a mapping's i_pages names the shadow-node
#               lru or has a reason in scripts/ipages-audit.allow
#   sweep       scripts/sweep.sh: W=1 + sparse, v5.15 vs series
#   cover       the cover letter carries scripts/cover-tables.py's tables
#               (docs/bench, one make bench run) verbatim
#   configs     scripts/review/configs.sh: vmlinux of the series without
#               MEMCG, with SLAB, SLOB, without NUMA, i386, clang; no new
#               warning in a touched file
#   bisect      scripts/bisect.sh: every prefix builds, boots and passes
#               smoke, lists, kunit_memcg and stress (once per tree:
#               docs/bisect.txt)
#   debug       the series on the debug config boots smoke
# SKIP=sweep,bisect,... leaves checks out; FIRST=K bisects patches K..N only.
# Table: build/logs/review/table.txt, logs next to it.  Exits 1 on a FAIL.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

logs=build/logs/review
table=$logs/table.txt
wt=build/review-am
kdoc=$PWD/build/base/scripts/kernel-doc
patches=$(ls series/[0-9][0-9][0-9][0-9]-*.patch | grep -v /0000-)
npatches=$(echo "$patches" | wc -l)
rm -rf "$logs"
mkdir -p "$logs"
failed=0 warned=0

# row CHECK PATCH STATUS TIME DETAIL
row() {
	case $3 in
	FAIL) failed=$((failed + 1)) ;;
	WARN) warned=$((warned + 1)) ;;
	esac
	printf '%-10s %-5s %-4s %6s  %s\n' "$1" "$2" "$3" "$4" "$5" | tee -a "$table"
}
skipped() {
	case ",${SKIP:-}," in *",$1,"*) row "$1" - SKIP - "SKIP=$SKIP" ;; *) return 1 ;; esac
}
num() { basename "$1" | cut -c1-4; }

check_am() {
	local t=$SECONDS p log base
	[ -d build/linux/.git ] || scripts/tree.sh
	# A pristine v5.15: reset the worktree if it is there (a new checkout
	# of the whole tree takes minutes on a busy machine).
	if [ -f "$wt/.git" ]; then
		git -C "$wt" am --abort >/dev/null 2>&1 || true
		git -C "$wt" checkout -q -f --detach v5.15
		git -C "$wt" clean -q -fdx
	else
		rm -rf "$wt"
		git -C build/linux worktree prune
		git -C build/linux worktree add -q --detach "$PWD/$wt" v5.15
	fi
	mkdir -p "$logs/am"
	for p in $patches; do
		log=$logs/am/$(num "$p").log
		# git am takes a hunk at an offset without a word; apply -v says it.
		if ! git -C "$wt" apply --check -v --whitespace=error-all "$PWD/$p" >"$log" 2>&1 ||
			! git -C "$wt" am -q --whitespace=error-all "$PWD/$p" >>"$log" 2>&1; then
			git -C "$wt" am --abort >/dev/null 2>&1 || true
			row am "$(num "$p")" FAIL - "does not apply (or whitespace errors): $log"
			break
		fi
		grep -q 'offset\|fuzz' "$log" &&
			row am "$(num "$p")" FAIL - "$(grep -c 'offset\|fuzz' "$log") hunks at an offset: $log"
	done
	applied=$(git -C "$wt" rev-list --count v5.15..HEAD)
	if [ "$applied" = "$npatches" ] && [ "$failed" = 0 ]; then
		row am - ok $((SECONDS - t))s "$npatches patches on v5.15: no offset, no whitespace error"
	fi
	check_base
}

# The cover letter names the real v5.15 commit; what the series was applied
# to above is either that commit (LINUX_SRC=) or the tarball's import,
# whose sha256 must be the kernel.org v5.15 tarball's.
check_base() {
	local base local_base sum
	base=$(sed -n 's/^base-commit: //p' series/0000-cover-letter.patch)
	[ "$base" = "$V515_COMMIT" ] ||
		{ row am 0000 FAIL - "base-commit: '$base' is not v5.15 ($V515_COMMIT)"; return; }
	local_base=$(git -C build/linux rev-parse v5.15)
	if [ "$local_base" = "$V515_COMMIT" ]; then
		row am 0000 ok - "base-commit: $base, applied to that commit"
		return
	fi
	sum=$(sha256sum "${LINUX_TARBALL:-../shared/linux-5.15.tar.xz}" | cut -d' ' -f1)
	if [ "$sum" = "$V515_TARBALL_SHA256" ]; then
		row am 0000 ok - "base-commit: $base; applied to the v5.15 tarball (sha256 $sum)"
	else
		row am 0000 FAIL - "applied to a tarball with sha256 $sum, not v5.15's $V515_TARBALL_SHA256"
	fi
}

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
	local p t n me subject body sob revs k=0 m
	me="$(git config user.name) <$(git config user.email)>"
	revs=$(git -C "$wt" rev-list --reverse v5.15..HEAD)
	for p in $patches; do
		t=$SECONDS n=$(num "$p") k=$((k + 1))
		subject=$(git mailinfo "$logs/msg" /dev/null <"$p" | sed -n 's/^Subject: //p')
		# body: the lines that are not blank and not trailers
		body=$(grep -cvE '^([A-Za-z-]+-by|Cc|Link|Fixes): |^[[:space:]]*$' "$logs/msg" || true)
		if ! grep -qxF "Signed-off-by: $me" "$logs/msg"; then
			sob=$(grep '^Signed-off-by:' "$logs/msg" | tr '\n' ' ')
			row hygiene "$n" FAIL - "no Signed-off-by: $me (has: ${sob:-none})"
		elif ! [[ $subject =~ ^([A-Za-z0-9_./-]+:\ )+[^\ ] ]]; then
			row hygiene "$n" FAIL - "subject not in 'subsys: summary' form: $subject"
		elif [ ${#subject} -ge 75 ]; then
			row hygiene "$n" FAIL - "subject is ${#subject} columns: $subject"
		elif [ "$body" -lt 3 ]; then
			row hygiene "$n" FAIL - "body has $body lines: say why"
		else
			row hygiene "$n" ok $((SECONDS - t))s "subject ${#subject} columns, body $body lines, Signed-off-by ok"
		fi
		[ $k -le "$applied" ] || continue
		m=$(moved "$(echo "$revs" | sed -n "${k}p")")
		[ -z "$m" ] || row moved "$n" WARN - "$(echo "$m" | head -3 | paste -sd';' -)$([ "$(echo "$m" | wc -l)" -le 3 ] || echo ' ...')"
		echo "$m" >"$logs/moved-$n.txt"
	done
	rm -f "$logs/msg"
}

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

# kdoc_warnings TREE FILE...: kernel-doc warnings (v5.15's kernel-doc, -v
# being its -Wall), as "path:line: message" and as bare messages
kdoc_warnings() {
	local tree=$1 name
	name=$(basename "$tree")
	shift
	(cd "$tree" && perl "$kdoc" -none -v $(ls "$@" 2>/dev/null) 2>&1) |
		grep ': \(warning\|error\): ' >"$logs/kernel-doc.$name.txt" || true
	sed 's/^[^:]*:[0-9]*: //' "$logs/kernel-doc.$name.txt" | sort -u >"$logs/kernel-doc.$name.set"
}

check_kerneldoc() {
	local t=$SECONDS files new names found missing
	if [ "$applied" != "$npatches" ]; then
		row kernel-doc - FAIL - "the series does not apply"
		return
	fi
	worktree build/base v5.15
	files=$(git -C "$wt" diff --name-only v5.15 HEAD -- '*.c' '*.h')
	kdoc_warnings build/base $files
	kdoc_warnings "$wt" $files
	new=$(comm -13 "$logs/kernel-doc.base.set" "$logs/kernel-doc.review-am.set")
	if [ -n "$new" ]; then
		while read -r w; do
			row kernel-doc - FAIL - "$(grep -F -m1 "$w" "$logs/kernel-doc.review-am.txt")"
		done <<<"$new"
	else
		row kernel-doc - ok $((SECONDS - t))s "$(echo "$files" | wc -l) files, $(wc -l <"$logs/kernel-doc.review-am.set") warnings, none new"
	fi
	# New interfaces: symbols exported for the first time, and functions
	# (or function-like macros) declared in include/ that v5.15 lacks.
	t=$SECONDS
	names=$({
		git -C "$wt" diff v5.15 HEAD |
			sed -n 's/^+.*EXPORT_SYMBOL\(_GPL\)\?(\([A-Za-z0-9_]*\)).*/\2/p' |
			while read -r s; do
				git -C "$wt" grep -qE "EXPORT_SYMBOL(_GPL)?\($s\)" v5.15 || echo "$s"
			done
		git -C "$wt" diff v5.15 HEAD -- include/ |
			sed -n -E -e 's/^\+[A-Za-z_][^(=;]*[ *]([a-z_][a-z0-9_]*)\(.*/\1/p' \
				-e 's/^\+#define[ \t]+([a-z_][a-z0-9_]*)\(.*/\1/p' |
			while read -r s; do
				git -C "$wt" grep -qw "$s" v5.15 -- include/ || echo "$s"
			done
	} | sort -u)
	[ -n "$names" ] || { row kernel-doc api ok - "no new interface"; return; }
	found=$(cd "$wt" && perl "$kdoc" -rst -sphinx-version 3.0 $(printf -- '-function %s ' $names) \
		$(ls $files 2>/dev/null) 2>/dev/null |
		sed -n -E 's/^\.\. c:(function|macro):: (.*[ *])?([A-Za-z0-9_]+) ?(\(.*)?$/\3/p' | sort -u)
	missing=$(comm -23 <(echo "$names") <(echo "$found") | paste -sd' ' -)
	if [ -n "$missing" ]; then
		row kernel-doc api FAIL $((SECONDS - t))s "no kernel-doc: $missing ($(echo "$found" | grep -c .) others have it)"
	else
		row kernel-doc api ok $((SECONDS - t))s "documented: $(echo "$names" | paste -sd' ' -)"
	fi
}

# ipages-audit.sh prints a FAIL line per unjustified place and a summary.
check_ipages() {
	local t=$SECONDS out line status=ok
	if [ "$applied" != "$npatches" ]; then
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

check_configs() {
	local t=$SECONDS line
	while read -r line; do
		case $line in
		ok*) row configs "$(printf %04d "$npatches")" ok $((SECONDS - t))s "${line#ok   }" ;;
		*) row configs "$(printf %04d "$npatches")" FAIL $((SECONDS - t))s "${line#FAIL }" ;;
		esac
		t=$SECONDS
	done < <(scripts/review/configs.sh 2>"$logs/configs.log")
}

# The whole series on the debug config, as `make test-debug` builds it.
check_debug() {
	local t=$SECONDS result=
	if scripts/tree.sh 2>"$logs/debug.log" &&
		scripts/build-kernel.sh build/linux build/out/debug configs/guest.config configs/debug.config >>"$logs/debug.log" 2>&1; then
		result=$(TIMEOUT=1800 TESTS=smoke scripts/run-tests.sh build/linux build/out/debug "$logs/debug" 2>>"$logs/debug.log" |
			tee -a "$logs/debug.log" | tail -1)
	fi
	case $result in
	*" passed, 0 failed") row debug "$(printf %04d "$npatches")" ok $((SECONDS - t))s "[$result] smoke on configs/debug.config" ;;
	"") row debug "$(printf %04d "$npatches")" FAIL $((SECONDS - t))s "tree or build failed: $logs/debug.log" ;;
	*) row debug "$(printf %04d "$npatches")" FAIL $((SECONDS - t))s "[$result] $logs/debug.log" ;;
	esac
}

printf '%-10s %-5s %-4s %6s  %s\n' check patch stat time detail | tee "$table"
applied=0
check_am
skipped hygiene || check_hygiene
skipped checkpatch || check_checkpatch
skipped kernel-doc || check_kerneldoc
skipped ipages || check_ipages
skipped cover || check_cover
skipped sweep || check_sweep
skipped configs || check_configs
skipped bisect || check_bisect
skipped debug || check_debug
printf '%-10s %-5s %-4s %6s  %s\n' total - "$([ $failed = 0 ] && echo ok || echo FAIL)" \
	"${SECONDS}s" "$failed failed, $warned warnings to look at" | tee -a "$table"
[ "$failed" = 0 ]
