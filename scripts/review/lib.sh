# Sourced by scripts/review.sh and by each check in scripts/review/.  A
# check prints one row per finding or per patch:
#   CHECK PATCH STATUS TIME DETAIL     (STATUS: ok, FAIL, WARN or SKIP)
# and review.sh collects them into build/logs/review/table.txt.
. scripts/lib.sh

logs=build/logs/review
# The series applied to a pristine v5.15 by am.sh; the later checks read it.
wt=build/review-am
patches=$(ls series/[0-9][0-9][0-9][0-9]-*.patch | grep -v /0000-)
npatches=$(echo "$patches" | wc -l)
mkdir -p "$logs"

row() { printf '%-10s %-5s %-4s %6s  %s\n' "$1" "$2" "$3" "$4" "$5"; }
num() { basename "$1" | cut -c1-4; }
last() { printf %04d "$npatches"; }
# Did am.sh apply the whole series?  The checks on the tree need it.
applied() {
	[ "$(git -C "$wt" rev-list --count v5.15..HEAD 2>/dev/null)" = "$npatches" ]
}
