#!/bin/bash
# Build a guest kernel out of tree.
#   build-kernel.sh SRC OUT FRAGMENT...
# The config is `make tinyconfig` with the fragments merged on top.  Every
# option a fragment sets that the tree knows must survive olddefconfig, or
# we stop and name it.  JOBS= make -j (CPUs + 1); CCACHE_DIR= ccache's own
# variable, build/ccache if unset (as in every script that compiles).
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

src=$1 out=$2
shift 2
mkdir -p "$out"
# Two kernel builds at once on a small machine take longer than one after
# the other: wait for any other build to finish.
exec 9> build/kernel-build.lock
flock 9
export CCACHE_DIR=${CCACHE_DIR:-$PWD/build/ccache}
export CCACHE_BASEDIR=$PWD/build
export KBUILD_BUILD_TIMESTAMP="2021-10-31"
export KBUILD_BUILD_USER=harness KBUILD_BUILD_HOST=qemu
jobs=${JOBS:-$(($(nproc) + 1))}
kmake() {
	make -s -C "$src" O="$PWD/$out" -j"$jobs" \
		CC="ccache gcc-11" HOSTCC=gcc-11 "$@"
}

# Reconfigure when a fragment changed or the tree moved to another commit
# (a patch may add an option a fragment sets).
head=$(git -C "$src" rev-parse HEAD 2>/dev/null || echo none)
stale=
[ -f "$out/.config" ] || stale=1
[ "$(cat "$out/.config-head" 2>/dev/null)" = "$head" ] || stale=1
for f in "$@"; do [ "$f" -nt "$out/.config" ] && stale=1; done
if [ -n "$stale" ]; then
	say "configuring $out from tinyconfig + $*"
	kmake tinyconfig >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$@" >/dev/null
	kmake olddefconfig >/dev/null
	# Options this tree does not define yet (say, a test a later patch
	# adds) are left out of the check.
	find "$src" -name 'Kconfig*' -exec sed -n 's/^\(menu\)\?config \([A-Z0-9_]*\).*/CONFIG_\2/p' {} + |
		sort -u > "$out/.kconfig-symbols"
	for f in "$@"; do
		grep -h '^CONFIG_' "$f" | while read -r line; do
			grep -qx "${line%%=*}" "$out/.kconfig-symbols" || continue
			grep -qx "$line" "$out/.config" || die "$f: $line did not stick in $out/.config (missing dependency?)"
		done
	done
	echo "$head" > "$out/.config-head"
fi
say "building $out"
start=$(date +%s)
# binutils 2.40 warns about every v5.15 asm object; the warnings are noise.
kmake bzImage modules 2> >(grep -v 'note.GNU-stack\|NOTE: This behaviour\|LOAD segment with RWX\|Assembler messages:\|movsd' >&2) ||
	die "kernel build failed in $out"
say "built $out in $(($(date +%s) - start))s"

# What boot.sh appends to the initramfs for this kernel: its modules in
# /lib/modules/RELEASE and the kernel selftests the guest runs, built from
# this tree against its own headers.
rm -rf "$out/extra"
kmake INSTALL_MOD_PATH="$PWD/$out/extra" INSTALL_MOD_STRIP=1 modules_install >/dev/null
rm -f "$out"/extra/lib/modules/*/build "$out"/extra/lib/modules/*/source
kmake headers_install >/dev/null
scripts/kselftests.sh "$src" "$out" "$out/extra/usr/lib/kselftest"
(cd "$out/extra" && find . -mindepth 1 | cpio -o -H newc --quiet) | gzip -1 > "$out/extra.cpio.gz.new"
mv "$out/extra.cpio.gz.new" "$out/extra.cpio.gz"
say "packed $out/extra.cpio.gz: $(find "$out/extra" -name '*.ko' | wc -l) modules, kselftests"
