#!/bin/bash
# Build build/initramfs.cpio.gz: busybox-static, guest/init and the static
# test programs that guest/Makefile builds.  KSRC= the kernel tree whose
# kselftest_harness.h the tests are written with (build/linux).
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
# The selftest cases not judged (configs/kselftest-policy.txt), as the
# entries of guest/kselftest.c's table.
policy=configs/kselftest-policy.txt
bad=$(sed -e '/^#/d' -e '/^$/d' "$policy" | grep -vE '^[a-z0-9_]+ +(skip|flaky) +[^"]+$' || true)
[ -z "$bad" ] || die "$policy: not 'CASE skip|flaky WHY': $bad"
sed -e '/^#/d' -e '/^$/d' \
	-e 's/^\([^ ]*\)  *skip  *\(.*\)/\t{ "\1", always, 0, "\2" },/' \
	-e 's/^\([^ ]*\)  *flaky  *\(.*\)/\t{ "\1", always, 1, "\2" },/' \
	"$policy" > build/gen/kselftest-policy.h
# The programs (guest/Makefile); their objects stay in build/guest-obj,
# so that only what changed is compiled again.  The tests are written with
# kselftest_harness.h of the kernel tree (KSRC=, default build/linux).
ksrc=${KSRC:-build/linux}
[ -f "$ksrc/tools/testing/selftests/kselftest_harness.h" ] ||
	die "no $ksrc/tools/testing/selftests/kselftest_harness.h: the guest tests need a kernel tree (make tree, or KSRC=)"
make -s -C guest OUT="$PWD/$root/bin" OBJ="$PWD/build/guest-obj" GEN="$PWD/build/gen" \
	KSRC="$(cd "$ksrc" && pwd)"
install -m 755 guest/init "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 > "$out.new"
mv "$out.new" "$out"
