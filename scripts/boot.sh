#!/bin/bash
# Boot a guest kernel under QEMU and keep its output.
#   boot.sh BZIMAGE LOGDIR CMDLINE-EXTRA
# LOGDIR gets console.log (serial 0, the whole kernel log) and results.ktap
# (serial 1, what the in-guest programs report).  2 vCPUs and 4 NUMA nodes
# (ACPI SRAT from QEMU -numa), MEM split evenly between the nodes, fresh
# ext4 and XFS disks as /dev/vda and /dev/vdb.  Exits non-zero on timeout.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

kernel=$1 logdir=$2 extra=$3
mem_mb=${MEM_MB:-4096}
timeout=${TIMEOUT:-600}
nodes=4
mkdir -p "$logdir"
rm -f "$logdir"/console.log "$logdir"/results.ktap

truncate -s 64M "$logdir/ext4.img.new" && mkfs.ext4 -q -F "$logdir/ext4.img.new"
truncate -s 320M "$logdir/xfs.img.new" && mkfs.xfs -q -f "$logdir/xfs.img.new"
mv "$logdir/ext4.img.new" "$logdir/ext4.img"
mv "$logdir/xfs.img.new" "$logdir/xfs.img"

numa=()
for n in $(seq 0 $((nodes - 1))); do
	numa+=(-object "memory-backend-ram,id=m$n,size=$((mem_mb / nodes))M")
	if [ "$n" -lt 2 ]; then
		numa+=(-numa "node,nodeid=$n,memdev=m$n,cpus=$n")
	else
		numa+=(-numa "node,nodeid=$n,memdev=m$n")
	fi
done

accel=$(scripts/accel.sh)
start=$(date +%s)
rc=0
timeout -k 10 "$timeout" qemu-system-x86_64 \
	-accel "$accel" -smp 2,sockets=2,cores=1,threads=1 -m "${mem_mb}M" "${numa[@]}" \
	-kernel "$kernel" -initrd build/initramfs.cpio.gz \
	-append "console=ttyS0 panic=-1 oops=panic loglevel=7 $extra" \
	-drive "file=$logdir/ext4.img,if=virtio,format=raw" \
	-drive "file=$logdir/xfs.img,if=virtio,format=raw" \
	-display none -monitor none -no-reboot \
	-serial "file:$logdir/console.log" \
	-serial "file:$logdir/results.ktap" </dev/null || rc=$?
rm -f "$logdir/ext4.img" "$logdir/xfs.img"
say "guest ran $(($(date +%s) - start))s ($accel), log: $logdir/console.log"
[ "$rc" = 124 ] && die "guest timed out after ${timeout}s; log: $logdir/console.log"
[ "$rc" = 0 ] || die "qemu exited with $rc; log: $logdir/console.log"
exit 0
