#!/bin/bash
# `make test`: ktap.py's own tests -> tree -> checkpatch --strict per
# patch -> userspace XArray suite -> guest build -> kunit.py run (UML) ->
# v5.15 build and boot (the kernel's own suites) -> guest boot -> results
# -> nokmem boot -> xfstests subset (Debian guest, both kernels) -> the
# series kernel with systemd as PID 1 in that guest.
# Ends with "N passed, M failed"; exits non-zero on any failure.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" = 0 ]; exit; }
# add_run FILE: add the counts of a script run's result file (lib.sh); a
# run that died before writing it is one failure.  Callers remove FILE
# before the run, so that an earlier run's cannot stand in for it.
add_run() {
	add_counts "$1" || fail "$1: no result, the run died before its end (see its output above)"
}

scripts/deps.sh
mkdir -p build/logs
# The verdict's own tests first: ktap.py on small made-up logs.
if python3 scripts/test_ktap.py > build/logs/test-ktap.txt 2>&1; then
	pass "ktap.py: $(grep -o 'Ran [0-9]* tests' build/logs/test-ktap.txt) of its verdict"
else
	cat build/logs/test-ktap.txt
	fail "ktap.py's own tests: see build/logs/test-ktap.txt"
fi
scripts/tree.sh || { fail "tree: v5.15 + series/ could not be made (see above)"; finish; }
pass "tree: v5.15 + $(ls series/[0-9]*.patch 2>/dev/null | grep -vc /0000-) patches applied"

# checkpatch: an ERROR fails the patch; warnings are for the commit message.
for p in $(ls series/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | grep -v /0000-); do
	out=$(checkpatch "$p")
	if echo "$out" | grep -q ': ERROR:'; then
		echo "$out" | grep ': ERROR:'
		fail "checkpatch $(basename "$p")"
	else
		pass "checkpatch $(basename "$p") ($(echo "$out" | grep -c ': \(WARNING\|CHECK\):' || true) warnings/checks)"
	fi
done

# The userspace XArray suite (tools/testing/radix-tree, ASan + UBSan) on
# the series tree; not `main`, which v5.15 fails now and then too (README).
rm -f build/logs/radix-tree-test.json
PROGS="xarray idr-test multiorder" scripts/radix-tree.sh build/linux build/logs/radix-tree-test.log |
	grep -v '^[0-9]* passed, [0-9]* failed$' || true
add_run build/logs/radix-tree-test.json

scripts/build-kernel.sh build/linux build/out/guest configs/guest.config ||
	{ fail "guest kernel build: see output above"; finish; }
pass "guest kernel build"

# The hermetic list_lru suite under the kernel's own KUnit runner (UML).
if scripts/kunit.sh > build/logs/kunit-py.txt 2>&1; then
	pass "kunit.py run list_lru: $(grep -o '[0-9]* tests run.*' build/logs/kunit-py.txt | tail -1)"
else
	tail -20 build/logs/kunit-py.txt
	fail "kunit.py run list_lru: see build/logs/kunit-py.txt"
fi

# The kernel's own suites (lib/test_xarray, cgroup selftests) run on v5.15
# too: with the series a case must pass if it passes there, and one that
# fails there as well is reported, not counted (run-tests.sh BASELINE=).
worktree build/base v5.15
baseline=
if ! scripts/build-kernel.sh build/base build/out/base configs/guest.config; then
	fail "v5.15 kernel build: see output above"
else
	BASELINE= TESTS=xarray,kselftest scripts/run-tests.sh build/base build/out/base \
		build/logs/test-base > build/logs/run-tests-base.txt 2>&1 || true
	if grep -q 'HARNESS: done' build/logs/test-base/console.log 2>/dev/null; then
		baseline=build/logs/test-base/results.ktap
		count() { grep -c "^$1 *guest\." build/logs/run-tests-base.txt || true; }
		pass "v5.15 kernel suites: $(count ok) cases passed, $(count FAIL) failed," \
			"$(count SKIP) skipped; the series must pass the $(count ok)"
		sed -n 's/^FAIL \(guest\..*\)/     fails on v5.15: \1/p' build/logs/run-tests-base.txt
	else
		fail "v5.15 kernel suites did not finish: see build/logs/test-base/console.log"
	fi
fi
rm -f build/logs/test/summary.json
BASELINE=$baseline scripts/run-tests.sh build/linux build/out/guest build/logs/test | tee build/logs/run-tests.txt || true
add_run build/logs/test/summary.json

# Kernel memory accounting off: nothing is charged to a memcg, no lru is
# memcg aware (list_lru KUnit suite), no memcg gets lists (lists suite).
echo "== boot with cgroup.memory=nokmem"
rm -f build/logs/test-nokmem/summary.json
KARGS=cgroup.memory=nokmem BASELINE= TESTS=smoke,lists,kunit_memcg \
	scripts/run-tests.sh build/linux build/out/guest build/logs/test-nokmem |
	sed 's/^\(ok  \|FAIL\) /\1 nokmem: /' | tee build/logs/run-tests-nokmem.txt || true
add_run build/logs/test-nokmem/summary.json

# xfstests, the filesystem authors' suite, in a Debian guest whose check a
# background task keeps moving to fresh memcgs: configs/xfstests-ci.txt's
# tests on ext4 and XFS, on the two kernels above, judged per test against
# v5.15 (make xfstests runs the quick group on kernels with more options).
echo "== xfstests: $(grep -c '^[a-z]' configs/xfstests-ci.txt) tests on ext4 and XFS, v5.15 then the series"
rm -f build/logs/test-xfstests/summary.json
KERNELS="base guest" scripts/xfstests.sh build/logs/test-xfstests \
	"$(sed -n 's/^\([a-z][^ ]*\).*/\1/p' configs/xfstests-ci.txt | paste -sd, -)" |
	tee build/logs/run-xfstests.txt || true
add_run build/logs/test-xfstests/summary.json

# systemd as PID 1 makes and removes a memcg per unit: the series kernel,
# with the sockets systemd needs (configs/xfstests.config), starts 200
# services that each leave dentries and inodes on ext4 and XFS, then all
# their memcgs and lists must be gone (docs/xfstests.md).
echo "== systemd: the series kernel, systemd as PID 1, 200 services"
rm -f build/logs/test-systemd/summary.json
scripts/systemd.sh build/logs/test-systemd | tee build/logs/run-systemd.txt || true
add_run build/logs/test-systemd/summary.json
finish
