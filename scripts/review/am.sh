#!/bin/bash
# The series applies to a pristine v5.15 (build/review-am) with git am
# --whitespace=error-all and no hunk at an offset (git am takes one without
# a word; git apply -v says it), and base-commit: is the real v5.15.
# LINUX_TARBALL= as for scripts/tree.sh, whose sha256 the table shows.
set -eu
cd "$(dirname "$0")/../.."
. scripts/review/lib.sh

check_am() {
	local t=$SECONDS p log failed=0
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
			failed=1
			break
		fi
		if grep -q 'offset\|fuzz' "$log"; then
			row am "$(num "$p")" FAIL - "$(grep -c 'offset\|fuzz' "$log") hunks at an offset: $log"
			failed=1
		fi
	done
	if applied && [ "$failed" = 0 ]; then
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

check_am
