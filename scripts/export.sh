#!/bin/bash
# Regenerate series/ from the commits on top of v5.15 in build/linux,
# keeping the cover letter's subject and blurb.  A commit's git note (test
# results, checkpatch remarks) goes below its patch's ---, where git am
# drops it.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

tree=build/linux
[ -d "$tree/.git" ] || die "no $tree: run make tree first"
[ -z "$(git -C "$tree" status --porcelain --untracked-files=no)" ] ||
	die "$tree has uncommitted changes: commit them first"
# add_recipients DIR: To: the maintainers and reviewers, Cc: the lists
# that get_maintainer.pl --nogit names for each patch; the cover letter
# gets the union of them.
add_recipients() {
	local p to cc all_to="" all_cc=""
	for p in "$1"/0[0-9][0-9][0-9]-*.patch; do
		case $p in */0000-*) continue ;; esac
		to=$(maintainers "$p" --nol)
		cc=$(maintainers "$p" --nom --nor)
		set_recipients "$p" "$to" "$cc"
		all_to=$(printf '%s\n%s' "$all_to" "$to")
		all_cc=$(printf '%s\n%s' "$all_cc" "$cc")
	done
	set_recipients "$1"/0000-cover-letter.patch "$all_to" "$all_cc"
}

# maintainers PATCH ARGS...: one address per line, sorted.
maintainers() {
	local p=$1
	shift
	(cd "$tree" && perl scripts/get_maintainer.pl --nogit --nogit-fallback --nofixes \
		--norolestats "$@" "$p") | sort -u
}

# set_recipients PATCH TO CC: add To: and Cc: headers (one address per
# line in TO and CC) after the Subject: of PATCH.
set_recipients() {
	local to cc
	to=$(echo "$2" | sed '/^$/d' | sort -u | paste -sd, | sed 's/,/,\n\t/g')
	cc=$(echo "$3" | sed '/^$/d' | sort -u | paste -sd, | sed 's/,/,\n\t/g')
	awk -v to="$to" -v cc="$cc" '
	!done && /^$/ { if (to != "") print "To: " to; if (cc != "") print "Cc: " cc; done = 1 }
	{ print }' "$1" >"$1.tmp"
	mv "$1.tmp" "$1"
}

n=$(git -C "$tree" rev-list --count v5.15..HEAD)
tmp=$(mktemp -d)
git -C "$tree" format-patch -q --notes --cover-letter --base=v5.15 -o "$tmp" v5.15..HEAD
[ "$n" -gt 0 ] || die "no patches on v5.15 in $tree"
if [ -f series/0000-cover-letter.patch ] && [ "$n" -gt 0 ]; then
	scripts/cover.py series/0000-cover-letter.patch "$tmp"/0000-cover-letter.patch
fi
# The local v5.15 may be a tarball import: name the real v5.15 commit.
sed -i "s/^base-commit: .*/base-commit: $V515_COMMIT/" "$tmp"/0000-cover-letter.patch
add_recipients "$tmp"
rm -f series/*.patch
[ "$n" -gt 0 ] && mv "$tmp"/*.patch series/
rm -rf "$tmp"
say "exported $n patches to series/"
