#!/bin/bash
# Make build/linux a git tree: pristine v5.15 (tagged v5.15) plus series/.
#
# LINUX_SRC=dir      use an existing kernel git checkout at v5.15 instead
# LINUX_TARBALL=file use this tarball (default ../shared/linux-5.15.tar.xz)
#
# Re-running is safe: a tree that already has the v5.15 tag is left alone
# unless its commits differ from series/, in which case we stop and say so
# instead of throwing work away (run `make export`, or FORCE=1 to reset).
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

tree=build/linux
tarball=${LINUX_TARBALL:-../shared/linux-5.15.tar.xz}

import_base() {
	mkdir -p build
	if [ -n "${LINUX_SRC:-}" ]; then
		say "cloning v5.15 from $LINUX_SRC"
		git clone -q --no-checkout "$LINUX_SRC" "$tree"
		git -C "$tree" checkout -q -b series v5.15
		return
	fi
	[ -f "$tarball" ] || die "no kernel source: download linux-5.15.tar.xz from https://cdn.kernel.org/pub/linux/kernel/v5.x/ and put it at $tarball (or set LINUX_TARBALL=, or LINUX_SRC= a v5.15 git checkout)"
	say "extracting $tarball"
	rm -rf "$tree.tmp"
	mkdir -p "$tree.tmp"
	tar -xf "$tarball" -C "$tree.tmp" --strip-components=1
	git -C "$tree.tmp" init -q -b series
	git -C "$tree.tmp" add -A -f
	# Fixed names and dates: every machine makes the same commit, the
	# base-commit: that series/ names.
	GIT_COMMITTER_DATE="2021-10-31 14:53:10 -0700" \
		git -C "$tree.tmp" -c user.name=base -c user.email=base@localhost \
		commit -q -m "Linux 5.15" --date="2021-10-31 14:53:10 -0700"
	git -C "$tree.tmp" tag v5.15
	mv "$tree.tmp" "$tree"
}

series_patches() {
	ls series/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | grep -v '/0000-' || true
}

apply_series() {
	local p
	git -C "$tree" checkout -q -B series v5.15
	for p in $(series_patches); do
		if ! git -C "$tree" am -q --whitespace=error-all "$PWD/$p" >/dev/null 2>build/am.log; then
			git -C "$tree" am --abort >/dev/null 2>&1 || true
			cat build/am.log >&2
			die "patch does not apply: $p (log: build/am.log)"
		fi
		restore_note "$p"
	done
	say "applied $(series_patches | wc -l) patches on v5.15"
}

# restore_note PATCH: git am drops what export put below the --- from the
# commit's git note; give the new commit that note again.
restore_note() {
	local note
	note=$(sed -n '/^Notes:$/,/^$/{/^Notes:$/d;/^$/d;s/^    //;p}' "$1")
	[ -z "$note" ] || git -C "$tree" notes add -f -m "$note" HEAD
}

# Does the tree hold exactly series/? Compare the patch bodies, not hashes.
tree_matches_series() {
	local n_tree n_series tmp
	n_tree=$(git -C "$tree" rev-list --count v5.15..HEAD)
	n_series=$(series_patches | wc -l)
	[ "$n_tree" = "$n_series" ] || return 1
	[ "$n_tree" = 0 ] && return 0
	tmp=$(mktemp -d)
	git -C "$tree" format-patch -q --notes -o "$tmp" v5.15..HEAD
	local a b ok=0
	for a in "$tmp"/*.patch; do
		b=$(ls series/"$(basename "$a" | cut -c1-4)"-*.patch)
		cmp -s <(strip_patch "$a") <(strip_patch "$b") || ok=1
	done
	rm -rf "$tmp"
	return $ok
}

strip_patch() {
	sed -n '/^---$/,$p' "$1" | grep -v '^index \|^-- $\|^[0-9]\+\.[0-9]'
}

if [ ! -d "$tree/.git" ]; then
	import_base
	apply_series
	exit 0
fi
git -C "$tree" rev-parse -q --verify v5.15 >/dev/null || die "$tree exists but has no v5.15 tag; remove it"
if [ -n "$(git -C "$tree" status --porcelain --untracked-files=no)" ] && [ -z "${FORCE:-}" ]; then
	die "$tree has uncommitted changes; commit them (and make export) or FORCE=1 make tree"
fi
if tree_matches_series; then
	say "$tree already holds v5.15 + series/ ($(series_patches | wc -l) patches)"
	exit 0
fi
if [ -z "${FORCE:-}" ]; then
	die "$tree has commits that differ from series/: run 'make export' to keep them, or FORCE=1 make tree to reset to series/"
fi
say "FORCE: resetting $tree to v5.15 + series/ (old HEAD $(git -C "$tree" rev-parse --short HEAD))"
git -C "$tree" reset -q --hard
apply_series
