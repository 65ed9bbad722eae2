#!/bin/bash
# Every place in a kernel tree that can create xa_nodes in a mapping's
# i_pages must name the shadow-node lru, so that the nodes are allocated with
# kmem_cache_alloc_lru() for shadow_nodes and workingset_update_node() sees
# them, or be listed with a reason in scripts/ipages-audit.allow.
#   ipages-audit.sh TREE
# A place is a function (the kernel way: from a line that starts with an
# identifier and "(" to the next "}" in column 0) in a .c or .h outside
# tools/ that
#   - calls __xa_store, __xa_insert, xa_store, xa_insert, xa_store_irq,
#     xa_cmpxchg or __xa_cmpxchg (or the other _bh/_irq variants, or
#     xa_store_range) on an ->i_pages or .i_pages, or
#   - declares an XA_STATE or XA_STATE_ORDER on an i_pages and calls
#     xas_store, xas_create, xas_create_range, xas_split_alloc or xas_nomem
#     on that xa_state, or
#   - calls one of those on a struct xa_state * parameter, in a file with
#     such an XA_STATE (a helper of those, as in fs/dax.c).
# It names the lru if it calls xas_set_lru(), or mapping_set_update() when
# the tree's mapping_set_update() calls xas_set_lru() (v5.15's does not).
# The allow file has "path:function  reason" lines ("#" starts a comment).
# Prints "FAIL path:function: why" for each place that neither names the
# lru nor is allowed (and for allow entries without a reason), notes for
# allow entries that match no place or a place that names the lru, and a
# summary line; exits 1 on a FAIL or if it finds no place at all.
# ALLOW=FILE takes another allow file (ALLOW=/dev/null: every place);
# V=1 also prints the places that name the lru or are allowed.
set -eu

if [ $# != 1 ] || [ ! -d "$1" ]; then
	echo "usage: $0 TREE" >&2
	exit 2
fi
tree=$1
allow=${ALLOW:-$(dirname "$0")/ipages-audit.allow}
[ -r "$allow" ] || { echo "$0: no allow file $allow" >&2; exit 2; }

# The .c and .h outside tools/ that mention i_pages, relative to TREE
if git -C "$tree" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	mapfile -t files < <(git -C "$tree" grep -lE '[.>]i_pages' -- '*.c' '*.h' ':!tools/')
else
	mapfile -t files < <(cd "$tree" && grep -rlE --include='*.[ch]' '[.>]i_pages' . |
		sed 's|^\./||' | grep -v '^tools/' | sort)
fi

# mapping_set_update() names the lru only if the tree's macro calls
# xas_set_lru() (v5.15's only sets the callback).
msu=$(cd "$tree" && grep -rlE --include='*.h' '#[[:space:]]*define[[:space:]]+mapping_set_update\(' include mm 2>/dev/null |
	xargs -r awk '/#[ \t]*define[ \t]+mapping_set_update\(/ { on = 1 } on { print; if (!/\\$/) on = 0 }')
if echo "$msu" | grep -q 'xas_set_lru('; then
	namers='mapping_set_update|xas_set_lru'
else
	namers='xas_set_lru'
	echo "note: mapping_set_update() in $tree does not call xas_set_lru(): only xas_set_lru() names the lru"
fi

# Files that declare an XA_STATE on an i_pages: their functions that take
# a struct xa_state * are helpers of those, and count as places too.
xfiles=
if [ ${#files[@]} != 0 ]; then
	xfiles=$(cd "$tree" && grep -lE 'XA_STATE(_ORDER)?[[:space:]]*\([^,]*,[^,]*[.>]i_pages' "${files[@]}" |
		paste -sd' ' -) || true
fi

# One line per place: path:function TAB named (0 or 1) TAB why
# shellcheck disable=SC2016
places=$([ ${#files[@]} = 0 ] || { cd "$tree" && awk -v xfiles="$xfiles" -v namers="$namers" '
function reset() { fname = ""; inbody = 0; n = 0; split("", xasat); split("", param) }
# name() of a call matched by RSTART/RLENGTH in s
function callee(s,   c) {
	c = substr(s, RSTART, RLENGTH)
	sub(/^[^A-Za-z_]/, "", c)
	sub(/[ \t]*\($/, "", c)
	return c
}
# first argument of the call that ends at RSTART+RLENGTH in s
function arg1(s,   a) {
	a = substr(s, RSTART + RLENGTH)
	sub(/,.*/, "", a)
	return a
}
function flush(   i, t, s, off, next_, why, direct, named, v, c, a, X) {
	named = 0
	for (i = 1; i <= n; i++) {
		if (L[i] ~ "(^|[^A-Za-z0-9_])(" namers ")[ \t]*\\(")
			named = 1
		# XA_STATE(name, xarray, ...) with an i_pages for the xarray
		t = L[i] " " L[i + 1]
		if (match(t, /XA_STATE(_ORDER)?[ \t]*\([ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*,[^,]*[.>]i_pages[^A-Za-z0-9_]/)) {
			v = substr(t, RSTART, RLENGTH)
			sub(/^[^(]*\([ \t]*/, "", v)
			sub(/[ \t]*,.*/, "", v)
			xasat[v] = N[i]
		}
		# a struct xa_state * parameter, in a file with such an XA_STATE
		if (H[i] && (file in xfile) && match(L[i], /struct[ \t]+xa_state[ \t]*\*[ \t]*[A-Za-z_][A-Za-z0-9_]*/)) {
			v = substr(L[i], RSTART, RLENGTH)
			sub(/.*\*[ \t]*/, "", v)
			param[v] = 1
		}
	}
	for (i = 1; i <= n; i++) {
		# an argument list may go on over the next lines
		s = L[i] " " L[i + 1] " " L[i + 2]
		off = 0
		while (match(s, /(^|[^A-Za-z0-9_])(__xa_store|__xa_insert|xa_store|xa_store_irq|xa_store_bh|xa_insert|xa_insert_irq|xa_insert_bh|xa_cmpxchg|__xa_cmpxchg|xa_cmpxchg_irq|xa_cmpxchg_bh|xa_store_range|xas_store|xas_create|xas_create_range|xas_split_alloc|xas_nomem)[ \t]*\(/)) {
			if (off + RSTART > length(L[i]))
				break
			next_ = RSTART + RLENGTH
			c = callee(s)
			a = arg1(s)
			if (c !~ /^xas_/) {
				if (a ~ /[.>]i_pages([^A-Za-z0-9_]|$)/)
					direct = direct (direct == "" ? "" : ", ") c "() line " N[i]
			} else {
				# the xa_state: xas, &xas or (xas)
				a = match(a, /^[ \t(&]*[A-Za-z_][A-Za-z0-9_]*/) ? substr(a, RSTART, RLENGTH) : ""
				gsub(/[ \t(&]/, "", a)
				if ((a in xasat) || (a in param))
					X[a] = X[a] (X[a] == "" ? "" : ", ") c "() line " N[i]
			}
			off += next_ - 1
			s = substr(s, next_)
		}
	}
	why = direct == "" ? "" : direct " on i_pages"
	for (a in X) {
		why = why (why == "" ? "" : "; ") X[a]
		why = why ((a in xasat) ? " on XA_STATE(" a ") of i_pages, line " xasat[a] : " on xa_state parameter " a)
	}
	if (why != "")
		printf "%s:%s\t%d\t%s\n", file, (fname == "" ? "(line " N[1] ")" : fname), named, why
	reset()
}
BEGIN {
	k = split(xfiles, fl, " ")
	for (i = 1; i <= k; i++)
		xfile[fl[i]] = 1
}
FNR == 1 {
	if (n)
		flush()
	reset()
	incomment = 0
	file = FILENAME
}
{
	# drop comments: a mention in a comment is no call
	line = $0
	if (incomment) {
		if (match(line, /\*\//)) {
			line = substr(line, RSTART + 2)
			incomment = 0
		} else {
			line = ""
		}
	}
	while (match(line, /\/\*/)) {
		rest = substr(line, RSTART + 2)
		if (match(rest, /\*\//)) {
			line = substr(line, 1, index(line, "/*") - 1) substr(rest, RSTART + 2)
		} else {
			line = substr(line, 1, index(line, "/*") - 1)
			incomment = 1
		}
	}
	sub(/\/\/.*/, "", line)
}
# a function starts: an identifier in column 0 and "(", outside a body
!inbody && line ~ /^[A-Za-z_][A-Za-z0-9_ \t*]*\(/ {
	if (n)
		flush()
	match(line, /[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/)
	fname = substr(line, RSTART, RLENGTH)
	sub(/[ \t]*\($/, "", fname)
}
/^\{/ { inbody = 1 }
{
	n++
	L[n] = line
	N[n] = FNR
	H[n] = !inbody
	L[n + 1] = L[n + 2] = ""
}
/^\}/ { flush() }
END {
	if (n)
		flush()
}
' "${files[@]}"; })

declare -A reason=()
noreason=0
while IFS= read -r l; do
	case $l in '' | '#'*) continue ;; esac
	key=${l%%[[:space:]]*}
	why=${l#"$key"}
	why=${why#"${why%%[![:space:]]*}"}
	if [ -z "$why" ]; then
		echo "FAIL $allow: $key has no reason"
		noreason=$((noreason + 1))
	else
		reason[$key]=$why
	fi
done <"$allow"

declare -A seen=()
total=0 named=0 allowed=0 bad=0
while IFS=$'\t' read -r key isnamed why; do
	[ -n "$key" ] || continue
	total=$((total + 1)) seen[$key]=1
	if [ "$isnamed" = 1 ]; then
		named=$((named + 1))
		[ -z "${reason[$key]:-}" ] || echo "note: $key names the lru, its allow entry is not needed"
		[ "${V:-0}" = 0 ] || echo "lru     $key: $why"
	elif [ -n "${reason[$key]:-}" ]; then
		allowed=$((allowed + 1))
		[ "${V:-0}" = 0 ] || echo "allowed $key: $why; ${reason[$key]}"
	else
		echo "FAIL $key: $why: no ${namers//|/()/}() and not in the allow file"
		bad=$((bad + 1))
	fi
done <<<"$places"

stale=0
while read -r key; do
	if [ -z "$key" ] || [ -n "${seen[$key]:-}" ]; then
		continue
	fi
	echo "note: allow entry $key matches no place in $tree"
	stale=$((stale + 1))
done < <(printf '%s\n' "${!reason[@]}" | sort)

if [ "$total" = 0 ]; then
	echo "FAIL no place found: is $tree a kernel tree?"
fi
echo "ipages: $total places, $named name the lru, $allowed allowed, $bad unjustified$(
	[ $noreason = 0 ] || echo ", $noreason allow entries without a reason")$(
	[ $stale = 0 ] || echo ", $stale allow entries match nothing")"
[ "$bad" = 0 ] && [ "$noreason" = 0 ] && [ "$total" != 0 ]
