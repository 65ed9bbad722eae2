#!/bin/bash
# Compile sweep: every .c file the series touches, built as an object with
# W=1 and sparse (C=2), on v5.15 and with the series, and the warnings
# compared as sets (paths and line numbers stripped): any warning the
# series adds fails.  W=1 runs kernel-doc on each file too, whose
# warnings count the same (make review's kernel-doc check leaves .c files
# to this).  x86_64 files build under allmodconfig with gcc-11; files
# under arch/powerpc/ under cell_defconfig with Debian's
# powerpc64-linux-gnu cross compiler.  tools/ files are left to their
# own test suites.  CCACHE_DIR= as for scripts/build-kernel.sh.
# Results: build/logs/sweep/summary.txt
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

scripts/tree.sh
worktree build/base v5.15
logs=build/logs/sweep
rm -rf "$logs"
mkdir -p "$logs"
export CCACHE_DIR=${CCACHE_DIR:-$PWD/build/ccache} CCACHE_BASEDIR=$PWD/build
jobs=$(($(nproc) + 1))
files=$(git -C build/linux diff --name-only v5.15..HEAD -- '*.c' | grep -v '^tools/')

# kmake TREE ARCH OUT ARGS...
kmake() {
	local src=$1 arch=$2 out=$3
	shift 3
	case $arch in
	x86)
		make -s -C "$src" O="$PWD/$out" -j"$jobs" CC="ccache gcc-11" HOSTCC=gcc-11 "$@" ;;
	um)
		make -s -C "$src" O="$PWD/$out" -j"$jobs" ARCH=um SUBARCH=x86_64 \
			CC="ccache gcc-11" HOSTCC=gcc-11 "$@" ;;
	powerpc)
		make -s -C "$src" O="$PWD/$out" -j"$jobs" ARCH=powerpc \
			CROSS_COMPILE=powerpc64-linux-gnu- CC="ccache powerpc64-linux-gnu-gcc" \
			HOSTCC=gcc-11 "$@" ;;
	esac
}

# warnings FILE.log: the warning lines, without paths and positions: the
# compiler's and sparse's (FILE:LINE:COLUMN:) and kernel-doc's (FILE:LINE:)
warnings() {
	sed -n 's/^[^ ]*\/\([^/]*\.[ch]\):[0-9]*:\([0-9]*:\)\{0,1\} \(warning\|error\)/\1: \3/p' "$1" |
		sort -u
}

# configure TREE ARCH OUT FLAVOUR: allmodconfig (without CONFIG_WERROR,
# which would turn the W=1 warnings we compare into errors on v5.15
# already), the guest config with SLAB or SLOB instead of SLUB (the
# allocators allmodconfig does not build), UML's or cell's defconfig.
configure() {
	local src=$1 arch=$2 out=$3 flavour=$4
	case $flavour in
	allmod)
		kmake "$src" $arch "$out" allmodconfig >/dev/null
		"$src/scripts/config" --file "$out/.config" --disable WERROR ;;
	slab|slob)
		kmake "$src" $arch "$out" tinyconfig >/dev/null
		printf '%s\n' "CONFIG_${flavour^^}=y" '# CONFIG_SLUB is not set' \
			> "$out/allocator.config"
		"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" \
			configs/guest.config "$out/allocator.config" >/dev/null ;;
	um|cell)
		kmake "$src" $arch "$out" defconfig >/dev/null
		[ $flavour = cell ] && kmake "$src" $arch "$out" cell_defconfig >/dev/null ;;
	esac
	kmake "$src" $arch "$out" olddefconfig >/dev/null
}

prepare() {
	local src=$1 arch=$2 out=$3 flavour=$4
	[ -f "$out/.config" ] || configure "$src" $arch "$out" $flavour
	kmake "$src" $arch "$out" prepare >/dev/null 2>&1
}

failed=0 n=0
prepared=
for f in $files; do
	n=$((n + 1))
	case $f in
	arch/powerpc/*) arch=powerpc flavour=cell ;;
	fs/hostfs/*) arch=um flavour=um ;;
	mm/slab.c) arch=x86 flavour=slab ;;
	mm/slob.c) arch=x86 flavour=slob ;;
	fs/openpromfs/*)
		echo "SKIP $f: SPARC only, no sparc cross compiler set up" | tee -a "$logs/summary.txt"
		continue ;;
	arch/*)
		echo "SKIP $f: no cross compiler set up for it" | tee -a "$logs/summary.txt"
		continue ;;
	*) arch=x86 flavour=allmod ;;
	esac
	out=$flavour
	case " $prepared " in
	*" $flavour "*) ;;
	*)
		for tree in base linux; do
			prepare "build/$tree" $arch "build/out/$out-$tree" $flavour
		done
		prepared="$prepared $flavour" ;;
	esac
	name=$(echo "$f" | tr / _)
	for tree in base linux; do
		# An object that is up to date would be skipped, warnings and all.
		rm -f "build/out/$out-$tree/${f%.c}.o"
		kmake "build/$tree" $arch "build/out/$out-$tree" W=1 C=2 "${f%.c}.o" \
			>"$logs/$name.$tree" 2>&1 || echo "BUILD FAILED" >>"$logs/$name.$tree"
	done
	if grep -q "BUILD FAILED" "$logs/$name.linux"; then
		failed=$((failed + 1))
		echo "FAIL $f ($arch): does not build, see $logs/$name.linux" | tee -a "$logs/summary.txt"
		continue
	fi
	new=$(comm -13 <(warnings "$logs/$name.base") <(warnings "$logs/$name.linux"))
	if [ -n "$new" ]; then
		failed=$((failed + 1))
		echo "FAIL $f ($arch): new warnings:" | tee -a "$logs/summary.txt"
		echo "$new" | sed 's/^/    /' | tee -a "$logs/summary.txt"
	else
		echo "ok   $f ($arch, $(warnings "$logs/$name.linux" | wc -l) warnings, as on v5.15)" | tee -a "$logs/summary.txt"
	fi
done
echo "sweep: $n files, $failed failed" | tee -a "$logs/summary.txt"
[ "$failed" = 0 ]
