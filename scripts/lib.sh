# Shared helpers, sourced by the scripts.
say() { echo "== $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }

# checkpatch PATCH [ARGS...]: checkpatch.pl --strict --terse on PATCH, one
# line per finding.  Run from the kernel tree: in a git tree that tracks
# it, checkpatch would check a .patch file as a source file.  Debian's
# python3 has the ply module that its SPDX check needs.
checkpatch() {
	local patch
	patch=$(realpath "$1")
	shift
	(cd build/linux && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict --terse --no-summary "$@" "$patch") || true
}
