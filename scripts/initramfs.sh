#!/bin/bash
# Build build/initramfs.cpio.gz: busybox-static, guest/init and the static
# test programs compiled from guest/*.c.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

root=build/initramfs
out=build/initramfs.cpio.gz
# Several runs may share build/: one builds at a time, and a guest that
# is booting keeps the archive it started with (mv replaces it whole).
mkdir -p build
exec 8> build/initramfs.lock
flock 8
rm -rf "$root"
mkdir -p "$root"/{bin,dev,proc,sys,tmp,mnt}
cp /bin/busybox "$root/bin/busybox"
for app in $(/bin/busybox --list | grep -vx busybox); do
	ln -sf busybox "$root/bin/$app"
done
# The kernel-report strings, one per line, as C string literals.
mkdir -p build/gen
sed -e '/^#/d' -e '/^$/d' -e 's/.*/\t"&",/' scripts/kernel-reports.txt > build/gen/kernel-reports.h
for c in guest/*.c; do
	gcc -static -O2 -Wall -Wextra -Werror -I build/gen -o "$root/bin/$(basename "$c" .c)" "$c"
done
install -m 755 guest/init "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 > "$out.new"
mv "$out.new" "$out"
