#!/bin/bash
# `make test`: tree -> checkpatch --strict per patch -> guest build -> boot
# -> results.  Ends with "N passed, M failed"; exits non-zero on any failure.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

tests=${TESTS:-smoke}
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" = 0 ]; exit; }

scripts/deps.sh
scripts/tree.sh

# checkpatch: an ERROR fails the patch; warnings are for the commit message.
for p in $(ls series/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | grep -v /0000-); do
	out=$(build/linux/scripts/checkpatch.pl --strict --terse --no-summary "$p" || true)
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
scripts/initramfs.sh

logs=build/logs/test
scripts/boot.sh build/out/guest/arch/x86/boot/bzImage "$logs" \
	"hmode=test htests=$tests" || fail "guest boot"

# The kernel's own KUnit parser on the boot log, as a cross-check.
sed "/HARNESS: start/q" "$logs/console.log" > "$logs/kunit.log"
if python3 build/linux/tools/testing/kunit/kunit.py parse "$PWD/$logs/kunit.log" > "$logs/kunit-parse.txt" 2>&1; then
	pass "kunit.py parse of the boot log"
else
	fail "kunit.py parse of the boot log: see $logs/kunit-parse.txt"
fi

summary=$(scripts/ktap.py --kunit "$logs/console.log" "$logs/results.ktap" | tee /dev/stderr | tail -1)
passed=$((passed + $(echo "$summary" | sed 's/ passed.*//')))
failed=$((failed + $(echo "$summary" | sed 's/.* passed, \([0-9]*\) failed.*/\1/')))
echo "logs: $logs/console.log, $logs/results.ktap"
finish
