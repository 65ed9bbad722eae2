#!/bin/bash
# The series kernel with systemd as PID 1: one boot of the Debian root
# filesystem (scripts/rootfs.sh) to multi-user.target, then 200 transient
# services on ext4 and XFS and the checks of guest/xfstests/systemd-test,
# one KTAP case (docs/xfstests.md).
#   systemd.sh LOGDIR
# The kernel is the series with configs/guest.config +
# configs/xfstests.config, built first into build/out/guest-xfstests;
# KERNEL=DIR boots that build/out/ directory as it is instead (make
# xfstests, which has just built it).  SERVICES= (default 200);
# FAIL_SERVICE=I makes service I fail on purpose, to see the case fail;
# LEAK=1 keeps one memcg under harness.slice alive, with its lists, past
# the end, which the lists check must fail on (its positive control);
# TIMEOUT= for the boot (default 1800); KARGS= more kernel arguments
# (systemd.log_target=kmsg systemd.log_level=debug printk.devkmsg=on puts
# PID 1's log on the console).  The kernel's reports on the
# console fail the run too (scripts/ktap.py).  Ends with "N passed, M
# failed", also written to LOGDIR/summary.json (lib.sh: write_counts).
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

logs=$1
kernel=build/out/${KERNEL:-guest-xfstests}
if [ -z "${KERNEL:-}" ]; then
	scripts/tree.sh
	scripts/build-kernel.sh build/linux "$kernel" configs/guest.config configs/xfstests.config
fi
rootfs=$(scripts/rootfs.sh)

# The test module that names the owner of every per-memcg list
# (guest/lrulists), built against this kernel and handed to the guest as
# a tar on a fourth disk.
mod=$kernel/lrulists
rm -rf "$mod" "$mod.tar"
mkdir -p "$mod"
cp guest/lrulists/* "$mod/"
make -s -C build/linux O="$PWD/$kernel" M="$PWD/$mod" CC=gcc-11 HOSTCC=gcc-11 modules
tar -cf "$mod.tar" -C "$mod" lrulists.ko
passed=0 failed=0
mkdir -p "$logs"
rm -f "$logs/summary.json" "$logs/ktap.json"
image_packages "$logs"

# slub_debug=U on the two caches a memcg's lists come from: SLUB records
# who allocated each object, which is how the guest counts the lists.
# systemd.show_status=1: every unit's start and stop on the console.
start=$(date +%s)
booted=yes
ROOTFS=$rootfs ROOT_INIT=/lib/systemd/systemd TIMEOUT=${TIMEOUT:-1800} EXTRA_DISK=$mod.tar \
	scripts/boot.sh "$kernel/arch/x86/boot/bzImage" "$logs" \
	"slub_debug=U,kmalloc-128,kmalloc-192 systemd.show_status=1 systemd.wants=harness-systemd.service sdt_services=${SERVICES:-200}${FAIL_SERVICE:+ sdt_fail=$FAIL_SERVICE}${LEAK:+ sdt_leak=$LEAK} ${KARGS:-}" ||
	booted=
echo "$(($(date +%s) - start))" > "$logs/seconds"
scripts/ktap.py -v --json="$logs/ktap.json" "$logs/console.log" "$logs/results.ktap" > "$logs/ktap.txt" || true
sed -n 's/^#/ #/p' "$logs/results.ktap" 2>/dev/null || true
grep '^FAIL' "$logs/ktap.txt" || true
echo "== systemd: $(tail -1 "$logs/ktap.txt"), $(cat "$logs/seconds")s"
if ! add_counts "$logs/ktap.json"; then
	failed=$((failed + 1))
	echo "FAIL systemd: no verdict, see $logs/ktap.txt"
fi
# The guest powers itself off once the case is done: one that does not
# (a shutdown that hangs) fails too.
if [ -z "$booted" ]; then
	failed=$((failed + 1))
	echo "FAIL systemd: the guest did not power off, see $logs/console.log"
fi
echo "$passed passed, $failed failed"
write_counts "$logs/summary.json"
[ "$failed" = 0 ]
