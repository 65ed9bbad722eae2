#!/bin/bash
# What kernel-doc checks that neither checkpatch --strict nor W=1 does:
#   - headers: W=1 runs kernel-doc on each .c file it compiles, and the
#     sweep (make sweep, review's sweep check) compares those warnings,
#     v5.15 vs series; no build runs it on a header.  Here kernel-doc -none
#     -v (-v: stricter than W=1's) on every .h the series touches: no
#     warning v5.15 does not have (compared as sets of messages);
#   - new interfaces: every function the series exports, or declares in
#     include/, for the first time has kernel-doc (in a .c or .h it
#     touches); a missing comment is no warning anywhere.
set -eu
cd "$(dirname "$0")/../.."
. scripts/review/lib.sh

kdoc=$PWD/build/base/scripts/kernel-doc

# kdoc_warnings TREE FILE...: kernel-doc warnings (v5.15's kernel-doc, -v
# being its -Wall), as "path:line: message" and as bare messages
kdoc_warnings() {
	local tree=$1 name
	name=$(basename "$tree")
	shift
	if [ $# = 0 ]; then
		: >"$logs/kernel-doc.$name.txt"
		: >"$logs/kernel-doc.$name.set"
		return
	fi
	(cd "$tree" && perl "$kdoc" -none -v $(ls "$@" 2>/dev/null) 2>&1) |
		grep ': \(warning\|error\): ' >"$logs/kernel-doc.$name.txt" || true
	sed 's/^[^:]*:[0-9]*: //' "$logs/kernel-doc.$name.txt" | sort -u >"$logs/kernel-doc.$name.set"
}

check_kerneldoc() {
	local t=$SECONDS files headers new names found missing
	if ! applied; then
		row kernel-doc - FAIL - "the series does not apply"
		return
	fi
	worktree build/base v5.15
	files=$(git -C "$wt" diff --name-only v5.15 HEAD -- '*.c' '*.h')
	headers=$(echo "$files" | grep '\.h$' || true)
	kdoc_warnings build/base $headers
	kdoc_warnings "$wt" $headers
	new=$(comm -13 "$logs/kernel-doc.base.set" "$logs/kernel-doc.review-am.set")
	if [ -n "$new" ]; then
		while read -r w; do
			row kernel-doc - FAIL - "$(grep -F -m1 "$w" "$logs/kernel-doc.review-am.txt")"
		done <<<"$new"
	else
		row kernel-doc - ok $((SECONDS - t))s "$(echo "$headers" | grep -c .) headers, $(wc -l <"$logs/kernel-doc.review-am.set") warnings, none new (.c files: sweep)"
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

check_kerneldoc
