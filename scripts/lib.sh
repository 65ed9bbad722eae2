# Shared helpers, sourced by the scripts.
say() { echo "== $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }
