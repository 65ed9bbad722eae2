#!/bin/bash
# The whole series on configs/debug.config (KASAN, lockdep, ...), as make
# test-debug builds it, boots the smoke suite.
set -eu
cd "$(dirname "$0")/../.."
. scripts/review/lib.sh

# The whole series on the debug config, as `make test-debug` builds it.
check_debug() {
	local t=$SECONDS result=
	if scripts/tree.sh 2>"$logs/debug.log" &&
		scripts/build-kernel.sh build/linux build/out/debug configs/guest.config configs/debug.config >>"$logs/debug.log" 2>&1; then
		result=$(TIMEOUT=1800 TESTS=smoke scripts/run-tests.sh build/linux build/out/debug "$logs/debug" 2>>"$logs/debug.log" |
			tee -a "$logs/debug.log" | tail -1)
	fi
	case $result in
	*" passed, 0 failed") row debug "$(last)" ok $((SECONDS - t))s "[$result] smoke on configs/debug.config" ;;
	"") row debug "$(last)" FAIL $((SECONDS - t))s "tree or build failed: $logs/debug.log" ;;
	*) row debug "$(last)" FAIL $((SECONDS - t))s "[$result] $logs/debug.log" ;;
	esac
}

check_debug
