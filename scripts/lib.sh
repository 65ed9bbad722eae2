# Shared helpers, sourced by the scripts.
say() { echo "== $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }

# The base, as b4 and the kernel test robot know it (torvalds/linux.git
# tag v5.15), and the sha256 of the kernel.org tarball that tree.sh
# imports in its place when there is no git checkout (LINUX_SRC=).
V515_COMMIT=8bb7eca972ad531c9b149c0a51ab43a417385813
V515_TARBALL_SHA256=51c51d71ccd07c38bc67fc77f2769c9879ceb172d8781e3ac15e3bcb79c8eda6

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

# worktree DIR REV: a detached worktree of build/linux at REV in DIR,
# made the first time only (checking the whole tree out takes minutes).
worktree() {
	[ -d "$1" ] || git -C build/linux worktree add -q --detach "$PWD/$1" "$2"
}

# build_pair SUFFIX FRAGMENT...: v5.15 (build/base) into
# build/out/base$SUFFIX and the series (build/linux) into
# build/out/guest$SUFFIX, both with the config FRAGMENTs.
build_pair() {
	local suffix=$1
	shift
	scripts/tree.sh
	worktree build/base v5.15
	scripts/build-kernel.sh build/base "build/out/base$suffix" "$@"
	scripts/build-kernel.sh build/linux "build/out/guest$suffix" "$@"
}

# measure IMAGE LOGDIR CMDLINE: boot IMAGE (scripts/boot.sh, with the
# environment's settings) to run one measurement, CMDLINE being "hmode=bench
# hargs=..." or "hmode=contend hargs=...".  guest/init sends its records,
# then "exit STATUS", to LOGDIR/data.txt; the records are printed here.
# Dies, saying where to look, if the guest did not finish or the
# measurement did not exit 0.  What boot.sh said goes to LOGDIR.out.
measure() {
	local status
	mkdir -p "$(dirname "$2")"
	scripts/boot.sh "$1" "$2" "$3" > "$2.out" 2>&1 ||
		die "boot failed ($3): see $2.out"
	# The serial port ends its lines with CR LF.
	status=$(tail -n 1 "$2/data.txt" 2>/dev/null | tr -d '\r')
	[ "$status" = "exit 0" ] ||
		die "$3: ${status:-no exit status}, see $2/console.log"
	sed -e 's/\r$//' -e '$d' "$2/data.txt"
}

# icount COMMAND...: COMMAND (boot.sh, or measure) under QEMU -icount,
# where guest time counts instructions (1 ns = 1 instruction), so that
# timings do not move with the host's load: one vCPU on single-threaded
# TCG (QEMU 7.2's icount has no MTTCG, and a second vCPU does not get
# through bring-up), and no kernel modules in the initramfs, so that the
# guest's files are the same on every kernel.
icount() {
	CPUS=1 ACCEL=tcg,thread=single QEMU_EXTRA="-icount shift=0,sleep=off" \
		EXTRA_CPIO='' "$@"
}

# Result files.  A script whose counts another one adds up writes them to
# a file as its last act, {"passed": N, "failed": M}, and the caller reads
# that file, not the script's last line: a run that died on the way leaves
# no file, which the caller counts as one failure, with a message, instead
# of failing on shell arithmetic over whatever line came last.
# write_counts FILE: $passed and $failed to FILE.
write_counts() {
	printf '{"passed": %d, "failed": %d}\n' "$passed" "$failed" > "$1"
}

# add_counts FILE: add FILE's counts to $passed and $failed; false (and
# why, on stderr) if FILE is missing or not a result file.
add_counts() {
	local counts
	counts=$(scripts/ktap.py --counts "$1") || return 1
	passed=$((passed + ${counts% *})) failed=$((failed + ${counts#* }))
}

# image_packages LOGDIR: keep the Debian packages the xfstests guest's
# image was made from (scripts/rootfs.sh) in LOGDIR/packages.txt, and say
# the day and the versions that matter most to the runs.
image_packages() {
	cp build/rootfs/packages.txt "$1/packages.txt"
	say "Debian image of $(date -r build/rootfs.img +%F): $(grep -E '^(systemd|udev|dbus|e2fsprogs|xfsprogs|util-linux) ' \
		build/rootfs/packages.txt | tr ' ' '=' | paste -sd' ')"
}
