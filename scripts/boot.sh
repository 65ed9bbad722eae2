#!/bin/bash
# Boot a guest kernel under QEMU and keep its output.
#   boot.sh BZIMAGE LOGDIR CMDLINE-EXTRA
# The initramfs is build/initramfs.cpio.gz followed by the kernel's own
# modules and selftests, OUT/extra.cpio.gz next to OUT/arch/x86/boot/bzImage
# (build-kernel.sh packs it; EXTRA_CPIO= names another, or none if empty).
# LOGDIR gets console.log (serial 0, the whole kernel log) and what the
# in-guest programs report (serial 1): results.ktap, the tests' KTAP, or
# for a measurement (hmode=bench, hmode=contend in CMDLINE-EXTRA) data.txt,
# its records and "exit STATUS" (guest/init).  2 vCPUs and 4 NUMA nodes
# (ACPI SRAT from QEMU -numa), MEM split evenly between the nodes, fresh
# ext4 and XFS disks as /dev/vda and /dev/vdb.  Exits non-zero on timeout.
# Set by the scripts that boot (ACCEL=, the accelerator: scripts/accel.sh):
# MEM_MB= the guest's memory (4096), TIMEOUT= seconds (600),
# CPUS= sets the vCPUs (the first CPUS nodes get one each), QEMU_EXTRA= adds
# QEMU arguments (bench.sh: "-icount shift=0,sleep=off", which needs CPUS=1).
# ROOTFS=IMAGE boots that root filesystem (scripts/rootfs.sh) instead, its
# writes thrown away, with /opt/harness/init as PID 1 and two blank 2 GiB
# disks, /dev/vdb and /dev/vdc, for xfstests' TEST_DEV and SCRATCH_DEV;
# ROOT_INIT= names another PID 1 there (systemd.sh: /lib/systemd/systemd).
# EXTRA_DISK=FILE adds FILE as the last disk, read-only (/dev/vdd with
# ROOTFS=: systemd.sh hands the guest its test module in a tar that way).
# LOGDIR/qemu.cmd is the exact command, to run the guest again by hand.
# CONSOLE=stdio puts serial 0 on this terminal instead of console.log, with
# no timeout (make shell; Ctrl-A x quits QEMU).
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

kernel=$1 logdir=$2 extra=$3
mem_mb=${MEM_MB:-4096}
timeout=${TIMEOUT:-600}
nodes=4
cpus=${CPUS:-2}
mkdir -p "$logdir"
rm -f "$logdir"/console.log "$logdir"/results.ktap "$logdir"/data.txt
case " $extra " in
*" hmode=bench "* | *" hmode=contend "*) results=$logdir/data.txt ;;
*) results=$logdir/results.ktap ;;
esac

if [ -n "${ROOTFS:-}" ]; then
	truncate -s 2G "$logdir/disk1.img" "$logdir/disk2.img"
	disks=(-drive "file=$ROOTFS,if=virtio,format=raw,snapshot=on")
	extra="root=/dev/vda rw init=${ROOT_INIT:-/opt/harness/init} $extra"
else
	truncate -s 64M "$logdir/ext4.img.new" && mkfs.ext4 -q -F "$logdir/ext4.img.new"
	truncate -s 320M "$logdir/xfs.img.new" && mkfs.xfs -q -f "$logdir/xfs.img.new"
	mv "$logdir/ext4.img.new" "$logdir/disk1.img"
	mv "$logdir/xfs.img.new" "$logdir/disk2.img"
	disks=()
fi
disks+=(-drive "file=$logdir/disk1.img,if=virtio,format=raw")
disks+=(-drive "file=$logdir/disk2.img,if=virtio,format=raw")
[ -z "${EXTRA_DISK:-}" ] || disks+=(-drive "file=$EXTRA_DISK,if=virtio,format=raw,readonly=on")

numa=()
for n in $(seq 0 $((nodes - 1))); do
	numa+=(-object "memory-backend-ram,id=m$n,size=$((mem_mb / nodes))M")
	if [ "$n" -lt "$cpus" ]; then
		numa+=(-numa "node,nodeid=$n,memdev=m$n,cpus=$n")
	else
		numa+=(-numa "node,nodeid=$n,memdev=m$n")
	fi
done

# The kernel unpacks concatenated archives one after the other.
initrd=(-initrd build/initramfs.cpio.gz)
extra_cpio=${EXTRA_CPIO-${kernel%/arch/x86/boot/bzImage}/extra.cpio.gz}
if [ -n "${ROOTFS:-}" ]; then
	initrd=()
elif [ -n "$extra_cpio" ] && [ -f "$extra_cpio" ]; then
	cat build/initramfs.cpio.gz "$extra_cpio" > "$logdir/initrd.cpio.gz"
	initrd=(-initrd "$logdir/initrd.cpio.gz")
elif [ -n "$extra_cpio" ]; then
	say "no $extra_cpio: booting without the kernel's modules and selftests"
fi

log=$logdir/console.log
console=(-serial "file:$log")
if [ "${CONSOLE:-}" = stdio ]; then
	log="the terminal" console=(-serial mon:stdio)
fi

accel=$(scripts/accel.sh)
start=$(date +%s)
rc=0
# shellcheck disable=SC2206 # QEMU_EXTRA is a list of arguments
qemu=(qemu-system-x86_64
	-accel "$accel" -smp "$cpus,sockets=$cpus,cores=1,threads=1" -m "${mem_mb}M" "${numa[@]}"
	-kernel "$kernel" "${initrd[@]}" ${QEMU_EXTRA:-}
	-append "console=ttyS0 panic=-1 oops=panic loglevel=7 $extra"
	"${disks[@]}"
	-display none -monitor none -no-reboot
	"${console[@]}"
	-serial "file:$results")
printf '%q ' "${qemu[@]}" > "$logdir/qemu.cmd"
echo >> "$logdir/qemu.cmd"
if [ "${CONSOLE:-}" = stdio ]; then
	# In the foreground, without timeout(1): the guest reads the terminal.
	"${qemu[@]}" || rc=$?
else
	timeout -k 10 "$timeout" "${qemu[@]}" </dev/null || rc=$?
fi
rm -f "$logdir/disk1.img" "$logdir/disk2.img" "$logdir/initrd.cpio.gz"
say "guest ran $(($(date +%s) - start))s ($accel), log: $log"
[ "$rc" = 124 ] && die "guest timed out after ${timeout}s; log: $log"
[ "$rc" = 0 ] || die "qemu exited with $rc; log: $log"
exit 0
