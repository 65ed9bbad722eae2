#!/bin/bash
# Boot a built guest kernel, run the in-guest suites and judge the logs.
#   run-tests.sh KERNEL_SRC KERNEL_OUT LOGDIR
# Prints a line per check and ends with "N passed, M failed"; the counts
# also go to LOGDIR/summary.json, which make test adds up (lib.sh).
# TESTS= names the guest programs to run (default: all).  The kernel's own
# suites (xarray, kselftest) are judged against v5.15's results, BASELINE=
# (required with those suites; empty: none): a case that fails there may
# fail here, one that passes there must pass here.  KARGS= adds kernel command-line arguments.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

src=$1 out=$2 logs=$3
rm -f "$logs/summary.json" "$logs/ktap.json"
tests=${TESTS:-smoke,lists,kunit_memcg,xarray,kselftest,stress}
# No default baseline: a verdict must not depend on what an earlier run
# left in build/.
baseline=${BASELINE-unset}
case ",$tests," in
*,xarray,*|*,kselftest,*)
	[ "$baseline" != unset ] ||
		die "TESTS=$tests runs the kernel's own suites: say BASELINE=FILE (v5.15's results.ktap of this run) or BASELINE= (none)"
	[ -z "$baseline" ] || [ -f "$baseline" ] || die "BASELINE=$baseline: no such file"
	;;
esac
[ "$baseline" != unset ] || baseline=
passed=0 failed=0

scripts/initramfs.sh
if scripts/boot.sh "$out/arch/x86/boot/bzImage" "$logs" "hmode=test htests=$tests ${KARGS:-}"; then
	passed=$((passed + 1)); echo "ok   guest boot and shutdown"
else
	failed=$((failed + 1)); echo "FAIL guest boot and shutdown: see $logs/console.log"
fi

# The kernel's own KUnit parser on the boot log, as a cross-check.
sed "/HARNESS: start/q" "$logs/console.log" > "$logs/kunit.log"
if python3 "$src/tools/testing/kunit/kunit.py" parse "$PWD/$logs/kunit.log" > "$logs/kunit-parse.txt" 2>&1; then
	passed=$((passed + 1)); echo "ok   kunit.py parse of the boot log"
else
	failed=$((failed + 1)); echo "FAIL kunit.py parse of the boot log: see $logs/kunit-parse.txt"
fi

scripts/ktap.py -v --kunit ${baseline:+--baseline="$baseline"} --json="$logs/ktap.json" \
	"$logs/console.log" "$logs/results.ktap" > "$logs/ktap.txt" || true
grep -v '^[0-9]* passed, ' "$logs/ktap.txt" || true
if ! add_counts "$logs/ktap.json"; then
	failed=$((failed + 1)); echo "FAIL ktap.py gave no verdict: see $logs/ktap.txt"
fi
echo "logs: $logs/console.log, $logs/results.ktap"
echo "$passed passed, $failed failed"
write_counts "$logs/summary.json"
[ "$failed" = 0 ]
