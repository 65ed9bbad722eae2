#!/bin/bash
# The configurations a reviewer's robot builds that the guest config does
# not: the whole series tree (vmlinux, so a missing stub fails the link)
# with each of
#   nomemcg  guest config without CONFIG_MEMCG
#   slab     guest config with SLAB      slob  with SLOB
#   nonuma   guest config without CONFIG_NUMA
#   i386     32-bit: ARCH=i386 tinyconfig + the guest config
#   clang    guest config built with clang
# and a warning in a file the series touches fails unless v5.15 has it
# too (v5.15's touched objects are compiled alone in the same config).
#   configs.sh [VARIANT...]     prints a review row per variant
# SRC= builds that tree instead of build/linux (nomemcg-prefixes.sh: a
# prefix of the series), PATCH= labels its rows (the last patch).
# CCACHE_DIR= as for scripts/build-kernel.sh.
set -eu
cd "$(dirname "$0")/../.."
. scripts/review/lib.sh

logs=build/logs/review/configs
mkdir -p "$logs"
export CCACHE_DIR=${CCACHE_DIR:-$PWD/build/ccache} CCACHE_BASEDIR=$PWD/build
jobs=$(($(nproc) + 1))
src=${SRC:-build/linux}
files=$(git -C "$src" diff --name-only v5.15..HEAD -- '*.c' '*.h' | grep -v '^tools/')
patch=${PATCH:-$(last)}
exec 9> build/kernel-build.lock
flock 9

# kmake VARIANT TREE OUT ARGS...
kmake() {
	local variant=$1 src=$2 out=$3 cc="ccache gcc-11" arch=x86_64
	shift 3
	[ "$variant" = clang ] && cc="ccache clang"
	[ "$variant" = i386 ] && arch=i386
	make -s -C "$src" O="$PWD/$out" -j"$jobs" ARCH=$arch CC="$cc" HOSTCC=gcc-11 "$@"
}

configure() {
	local variant=$1 src=$2 out=$3
	mkdir -p "$out"
	kmake "$variant" "$src" "$out" tinyconfig >/dev/null
	case $variant in
	nomemcg) echo '# CONFIG_MEMCG is not set' ;;
	slab) printf '%s\n' CONFIG_SLAB=y '# CONFIG_SLUB is not set' ;;
	slob) printf '%s\n' CONFIG_SLOB=y '# CONFIG_SLUB is not set' ;;
	nonuma) echo '# CONFIG_NUMA is not set' ;;
	*) true ;;
	esac > "$out/variant.config"
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" \
		configs/guest.config "$out/variant.config" >/dev/null 2>&1
	kmake "$variant" "$src" "$out" olddefconfig >/dev/null
}

# warnings LOG: warnings and errors in files the series touches, without
# line numbers.
warnings() {
	local f
	for f in $files; do
		sed -n "s|^\(.*/\)\?\($f\):[0-9]*:[0-9]*: \(warning\|error\)|\2: \3|p" "$1"
	done | sort -u
}

variants=${*:-nomemcg slab slob nonuma i386 clang}
for variant in $variants; do
	t=$SECONDS
	out=build/out/review-$variant${SRC:+-prefix}
	configure "$variant" "$src" "$out"
	if ! kmake "$variant" "$src" "$out" vmlinux >"$logs/$variant.log" 2>&1; then
		row configs "$patch" FAIL $((SECONDS - t))s "$variant: does not build: $logs/$variant.log"
		continue
	fi
	new=$(warnings "$logs/$variant.log")
	if [ -n "$new" ]; then
		# Does v5.15 warn there too?  Compile its touched objects alone.
		configure "$variant" build/base "$out-base"
		kmake "$variant" build/base "$out-base" prepare >/dev/null 2>&1
		for f in $files; do
			case $f in *.c) [ -f "build/base/$f" ] &&
				kmake "$variant" build/base "$out-base" "${f%.c}.o" || true ;;
			esac
		done >"$logs/$variant-base.log" 2>&1
		new=$(comm -13 <(warnings "$logs/$variant-base.log") <(echo "$new"))
	fi
	if [ -n "$new" ]; then
		row configs "$patch" FAIL $((SECONDS - t))s "$variant: new warnings: $(echo "$new" | head -3 | paste -sd';')"
	else
		row configs "$patch" ok $((SECONDS - t))s "$variant: vmlinux builds, no warning in a touched file"
	fi
done
