#!/bin/bash
# `make review`: what mm reviewers and 0-day check on a series, run on every
# version of series/ before it is called done.  Too long for CI (it builds
# and boots every patch); `make test` stays the CI gate.  The checks, each a
# script in scripts/review/ whose header says what it checks, in order:
#   am          git am on a pristine v5.15, no offset; base-commit: is v5.15
#   hygiene     subject and body of each patch; WARN on code moved and changed
#   checkpatch  --strict per patch: an ERROR fails, the rest is counted
#   kernel-doc  no new kernel-doc warning in a header; every new interface
#               documented (.c files: sweep, whose W=1 runs kernel-doc)
#   ipages      every i_pages node creation names the shadow-node lru
#   cover       the cover letter's tables are docs/bench's, verbatim
#   sweep       W=1 + sparse on the touched files, v5.15 vs series
#   configs     vmlinux without MEMCG, with SLAB, SLOB, without NUMA, i386, clang
#   nomemcg     every prefix's vmlinux without MEMCG (docs/bisect-nomemcg.txt)
#   bisect      every prefix builds, boots and passes (docs/bisect.txt)
#   debug       the series on the debug config boots smoke
# SKIP=sweep,bisect,... leaves checks out; FIRST=K bisects patches K..N only.
# Table: build/logs/review/table.txt, logs next to it.  Exits 1 on a FAIL.
set -eu -o pipefail
cd "$(dirname "$0")/.."
. scripts/review/lib.sh

table=$logs/table.txt
rm -rf "$logs"
mkdir -p "$logs"
checks="am hygiene checkpatch kernel-doc ipages cover sweep configs nomemcg bisect debug"

printf '%-10s %-5s %-4s %6s  %s\n' check patch stat time detail | tee "$table"
for check in $checks; do
	case ",${SKIP:-}," in
	*",$check,"*) row "$check" - SKIP - "SKIP=$SKIP" | tee -a "$table"; continue ;;
	esac
	# A check that dies says so in a row of its own.
	scripts/review/$check.sh 2>"$logs/$check.stderr" | tee -a "$table" ||
		row "$check" - FAIL - "stopped: $logs/$check.stderr" | tee -a "$table"
done
failed=$(awk '$3 == "FAIL"' "$table" | wc -l)
warned=$(awk '$3 == "WARN"' "$table" | wc -l)
row total - "$([ "$failed" = 0 ] && echo ok || echo FAIL)" "${SECONDS}s" \
	"$failed failed, $warned warnings to look at" | tee -a "$table"
[ "$failed" = 0 ]
