#!/bin/bash
# Every prefix of the series builds vmlinux without CONFIG_MEMCG
# (configs.sh nomemcg on the prefix's tree): a robot builds each patch on
# a tinyconfig, where a stub missing for !MEMCG breaks bisection even if
# the final tree builds.  A prefix whose tree the ledger records as built
# (docs/bisect-nomemcg.txt, the same configs) is not built again.
#   nomemcg.sh [FIRST]      one review row per patch, from patch FIRST (1)
# NOMEMCG_LEDGER= (empty) builds every prefix and records none.
set -eu
cd "$(dirname "$0")/../.."
. scripts/review/lib.sh

ledger=${NOMEMCG_LEDGER-docs/bisect-nomemcg.txt}
prefix=build/review-nomemcg
config=$(cat configs/guest.config scripts/review/configs.sh | sha256sum | cut -c1-12)
first=${1:-${FIRST:-1}}
[ -d "$prefix" ] ||
	git -C build/linux worktree add -q --detach "$PWD/$prefix" v5.15

k=0
for c in $(git -C build/linux rev-list --reverse v5.15..HEAD); do
	k=$((k + 1))
	[ "$k" -ge "$first" ] || continue
	n=$(printf %04d $k)
	tree=$(git -C build/linux rev-parse --short=12 "$c^{tree}")
	subject=$(git -C build/linux log -1 --format=%s "$c")
	if [ -n "$ledger" ] && grep -q "^$tree nomemcg-$config " "$ledger" 2>/dev/null; then
		row nomemcg "$n" ok 0s "built before ($ledger): $subject"
		continue
	fi
	git -C "$prefix" checkout -q --detach "$c"
	result=$(SRC=$prefix PATCH=$n scripts/review/configs.sh nomemcg | tail -1)
	echo "$result" | sed "s/^configs /nomemcg /"
	case $result in
	*" ok "*) [ -z "$ledger" ] ||
		echo "$tree nomemcg-$config $(date +%F) $subject" >> "$ledger" ;;
	esac
done
