#!/bin/bash
# `make test`: tree -> checkpatch --strict per patch -> guest build -> boot
# -> results.  Ends with "N passed, M failed"; exits non-zero on any failure.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" = 0 ]; exit; }

scripts/deps.sh
mkdir -p build/logs
scripts/tree.sh || { fail "tree: v5.15 + series/ could not be made (see above)"; finish; }
pass "tree: v5.15 + $(ls series/[0-9]*.patch 2>/dev/null | grep -vc /0000-) patches applied"

# checkpatch: an ERROR fails the patch; warnings are for the commit message.
for p in $(ls series/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | grep -v /0000-); do
	# Run from the kernel tree: in a git tree that tracks it, checkpatch
	# would check a .patch file as a source file.  Debian's python3 has
	# the ply module that its SPDX check needs.
	out=$(cd build/linux && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict --terse --no-summary "$OLDPWD/$p" || true)
	if echo "$out" | grep -q ': ERROR:'; then
		echo "$out" | grep ': ERROR:'
		fail "checkpatch $(basename "$p")"
	else
		pass "checkpatch $(basename "$p") ($(echo "$out" | grep -c ': \(WARNING\|CHECK\):' || true) warnings/checks)"
	fi
done

scripts/build-kernel.sh build/linux build/out/guest configs/guest.config ||
	{ fail "guest kernel build: see output above"; finish; }
pass "guest kernel build"
scripts/run-tests.sh build/linux build/out/guest build/logs/test | tee build/logs/run-tests.txt || true
summary=$(tail -1 build/logs/run-tests.txt)
passed=$((passed + ${summary%% passed*}))
failed=$((failed + $(echo "$summary" | sed 's/.* passed, \([0-9]*\) failed.*/\1/')))
finish
