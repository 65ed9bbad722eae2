#!/bin/bash
# Make build/rootfs.img, the xfstests guest's root filesystem (ext4): Debian
# bookworm from configs/rootfs.packages (mmdebstrap), xfstests built here
# from ../shared/xfstests.tar.xz in /opt/xfstests, and guest/xfstests/ in
# /opt/harness (its init is PID 1; or systemd, for scripts/systemd.sh:
# harness-systemd.service is linked into /etc/systemd/system, and a fixed
# machine ID and stamps of /etc and /var being up to date make no boot a
# first boot, which would prompt on the console, nor run the update units).
# Each step is redone only when its inputs change: the package list, the
# xfstests tarball, guest/xfstests/, this script.
# The image is made from the day's Debian packages: what they were is in
# build/rootfs/packages.txt ("PACKAGE VERSION" lines), which the runs that
# boot it copy to their logs.
# Prints the image's path.  XFSTESTS_TARBALL= names another tarball.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

dir=build/rootfs
tarball=${XFSTESTS_TARBALL:-../shared/xfstests.tar.xz}
mkdir -p "$dir"
[ -f "$tarball" ] || die "no xfstests: put fstests' source tarball at $tarball"

# Debian: about 2.5 minutes, cached by the package list.
packages=$(grep -v '^#' configs/rootfs.packages | paste -sd, -)
debian=$dir/debian-$(echo "$packages" | sha256sum | cut -c1-12).tar
if [ ! -f "$debian" ]; then
	say "mmdebstrap: bookworm with $(echo "$packages" | tr ',' '\n' | wc -l) packages"
	rm -f "$dir"/debian-*.tar
	mmdebstrap --quiet --format=tar --variant=minbase --include="$packages" bookworm "$debian.new"
	mv "$debian.new" "$debian"
fi
if [ ! -f "$dir/packages.txt" ] || [ "$debian" -nt "$dir/packages.txt" ]; then
	tar -xOf "$debian" ./var/lib/dpkg/status |
		awk '/^Package: / { p = $2 } /^Version: / { print p, $2 }' | sort > "$dir/packages.txt"
fi

# xfstests: built in place and run from its tree, as its README allows
# (its `make install` does not honour DESTDIR for every file).
xfstests=$dir/xfstests-$(sha256sum "$tarball" | cut -c1-12)
if [ ! -f "$xfstests/.built" ]; then
	say "building xfstests from $tarball"
	rm -rf "$dir"/xfstests-*
	mkdir -p "$xfstests"
	tar -xf "$tarball" -C "$xfstests" --strip-components=1
	make -s -C "$xfstests" -j"$(nproc)" >"$xfstests.log" 2>&1 ||
		die "xfstests build failed: $xfstests.log"
	touch "$xfstests/.built"
fi

key=$( (echo "$debian $xfstests"; cat guest/xfstests/* scripts/rootfs.sh) | sha256sum | cut -c1-12)
if [ "$(cat "$dir/image-key" 2>/dev/null)" != "$key" ] || [ ! -f build/rootfs.img ]; then
	say "making build/rootfs.img"
	rm -rf "$dir/stage"
	mkdir "$dir/stage"
	tar -xf "$debian" -C "$dir/stage"
	cp -a "$xfstests" "$dir/stage/opt/xfstests"
	mkdir -p "$dir/stage/opt/harness"
	cp guest/xfstests/* "$dir/stage/opt/harness/"
	ln -s /opt/harness/harness-systemd.service "$dir/stage/etc/systemd/system/"
	echo 5f3c1a8e2b7d4c6f9e0a1b2c3d4e5f60 > "$dir/stage/etc/machine-id"
	touch -d "@$(($(stat -c %Y "$dir/stage/usr") + 1))" "$dir/stage/etc/.updated" "$dir/stage/var/.updated"
	# systemd's pid_max of 4194304 is more than a tinyconfig kernel
	# (BASE_FULL off) takes, which fails systemd-sysctl.service.
	mkdir -p "$dir/stage/etc/sysctl.d"
	ln -s /dev/null "$dir/stage/etc/sysctl.d/50-pid-max.conf"
	rm -f build/rootfs.img
	truncate -s 3G build/rootfs.img.new
	mkfs.ext4 -q -F -L root -d "$dir/stage" build/rootfs.img.new
	mv build/rootfs.img.new build/rootfs.img
	rm -rf "$dir/stage"
	echo "$key" > "$dir/image-key"
fi
echo build/rootfs.img
