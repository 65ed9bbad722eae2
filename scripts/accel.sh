#!/bin/bash
# Print the QEMU accelerator to use: "kvm" only if a KVM guest has been seen
# to boot here, else "tcg,thread=multi".  /dev/kvm can exist and still hang
# a guest, so we probe once by booting the guest kernel with hmode=probe and
# cache the answer in build/accel.  ACCEL= overrides.
set -eu
cd "$(dirname "$0")/.."

tcg=tcg,thread=multi
if [ -n "${ACCEL:-}" ]; then
	echo "$ACCEL"
	exit 0
fi
if [ -s build/accel ]; then
	cat build/accel
	exit 0
fi
answer=$tcg
kernel=build/out/guest/arch/x86/boot/bzImage
if [ -w /dev/kvm ] && [ -f "$kernel" ] && [ -f build/initramfs.cpio.gz ]; then
	log=build/accel-probe.log
	timeout -k 5 60 qemu-system-x86_64 -accel kvm -smp 2 -m 512M \
		-kernel "$kernel" -initrd build/initramfs.cpio.gz \
		-append "console=ttyS0 panic=-1 hmode=probe" \
		-display none -monitor none -no-reboot \
		-serial "file:$log" </dev/null >/dev/null 2>&1 || true
	grep -q 'HARNESS: done' "$log" 2>/dev/null && answer=kvm
	echo "== KVM probe: $( [ $answer = kvm ] && echo boots || echo 'no guest in 60s, using TCG')" >&2
	echo "$answer" > build/accel
fi
echo "$answer"
