// SPDX-License-Identifier: GPL-2.0
/*
 * bench scale N K FSM M...: the memory and mount time of M tmpfs mounts
 * (each M in turn, cumulative) after N memcgs were created and all but K
 * removed, and the time to create the N; then of FSM ext4 and FSM XFS
 * mounts, on loop devices backed by sparse copies of the guest's disks.
 * Leaves its memcgs behind.  make demo is "scale N K 0 M" and its table
 * (scripts/report.py demo) these records:
 *
 *   bench: test=memcgs n=N k=K mkdir_ms=..    creating the N memcgs
 *   bench: test=scale fs=tmpfs n=N k=K m=M mem_kb=.. kmalloc32_kb=..
 *          slab_kb=.. mount_ms=..             what the M mounts cost
 *
 * Memory is what mem_snapshot() (lib/vm.c) sees before the first mount
 * and after the last, mount points included; mount_ms the time of the
 * mount(2) calls alone.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/loop.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "lib/clock.h"
#include "lib/check.h"
#include "lib/vm.h"
#include "bench.h"

/* "mem_kb=.. kmalloc32_kb=.. slab_kb=.." of what happened between a and b. */
static void emit_delta(const char *head, const struct mem_snapshot *a,
		       const struct mem_snapshot *b, const char *tail)
{
	emit("%s mem_kb=%lld kmalloc32_kb=%lld slab_kb=%lld %s", head,
	     b->used_kb - a->used_kb, b->kmalloc32_kb - a->kmalloc32_kb,
	     b->slab_kb - a->slab_kb, tail);
}

/*
 * Copy @src to @dst leaving holes where @src has zeros or holes, so that
 * a 320 MB XFS image costs a few hundred kB of tmpfs.
 */
static int sparse_copy(const char *src, const char *dst)
{
	static char buf[65536], zero[65536];
	int in = open(src, O_RDONLY);
	int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	off_t size, off = 0, data;
	ssize_t n;

	CHECK(in >= 0 && out >= 0);
	size = lseek(in, 0, SEEK_END);
	while (off < size) {
		/* Block devices know no holes (EINVAL): read on. */
		data = lseek(in, off, SEEK_DATA);
		if (data < 0 && errno == ENXIO)
			break;	/* a hole up to the end */
		if (data >= 0)
			off = data;
		off &= ~(off_t)(sizeof(buf) - 1);
		n = pread(in, buf, sizeof(buf), off);
		CHECK(n > 0);
		if (memcmp(buf, zero, n))
			CHECK(pwrite(out, buf, n, off) == n);
		off += n;
	}
	CHECK(ftruncate(out, size) == 0);
	close(in);
	close(out);
	return 1;
}

/* Attach @img to a free loop device; its name goes to @dev. */
static int loop_attach(const char *img, char *dev, size_t len)
{
	int ctl = open("/dev/loop-control", O_RDWR);
	int nr, fd, lfd;

	CHECK(ctl >= 0);
	nr = ioctl(ctl, LOOP_CTL_GET_FREE);
	close(ctl);
	CHECK(nr >= 0);
	snprintf(dev, len, "/dev/loop%d", nr);
	fd = open(img, O_RDWR);
	lfd = open(dev, O_RDWR);
	CHECK(fd >= 0 && lfd >= 0);
	CHECK(ioctl(lfd, LOOP_SET_FD, fd) == 0);
	close(fd);
	close(lfd);
	return 1;
}

/*
 * One block device holds one superblock, so @n ext4 (or XFS) mounts need
 * @n devices: sparse copies of /dev/vda (/dev/vdb) in /tmp behind loop
 * devices, named in @devs.
 */
static int setup_loops(const char *fs, const char *disk, int n, char (*devs)[32])
{
	char tmpl[64], img[64];
	int i;

	if (n == 0)
		return 1;
	snprintf(tmpl, sizeof(tmpl), "/tmp/%s.img", fs);
	CHECK(sparse_copy(disk, tmpl));
	for (i = 0; i < n; i++) {
		snprintf(img, sizeof(img), "/tmp/%s%d.img", fs, i);
		CHECK(sparse_copy(tmpl, img));
		CHECK(loop_attach(img, devs[i], sizeof(devs[i])));
	}
	return 1;
}

/*
 * Mount @n loop devices as @fs on the mount points make_mnts() made; XFS
 * copies share a UUID, hence nouuid.
 */
static int mount_loops(const char *fs, char kind, int n, char (*devs)[32])
{
	const char *opts = !strcmp(fs, "xfs") ? "nouuid" : NULL;
	char path[64];
	int i;

	for (i = 0; i < n; i++) {
		mnt_path(path, sizeof(path), kind, i);
		CHECK(mount(devs[i], path, fs, 0, opts) == 0);
	}
	return 1;
}

/* What @n mounts of @fs on loop devices cost; their images already exist. */
static int scale_loops(const char *fs, char kind, int n, char (*devs)[32],
		       int nmemcg, int k)
{
	struct mem_snapshot before, after;
	char head[128], tail[64];
	double t0, secs;

	if (n == 0)
		return 1;
	mem_snapshot(&before);
	CHECK(make_mnts(kind, 0, n));
	t0 = now_sec();
	CHECK(mount_loops(fs, kind, n, devs));
	secs = now_sec() - t0;
	mem_snapshot(&after);
	snprintf(head, sizeof(head), "test=scale fs=%s n=%d k=%d m=%d", fs, nmemcg, k, n);
	snprintf(tail, sizeof(tail), "mount_ms=%.1f", secs * 1000);
	emit_delta(head, &before, &after, tail);
	CHECK(umount_all(kind, n));
	return 1;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/*
 * Create memcgs bench/cg0 ... cg(@n - 1) and remove all but the first @k,
 * and wait until they are gone; how long the creation took.
 */
static int memcgs(int n, int k)
{
	double t0 = now_sec();

	CHECK(setup_bench_cg() && make_memcgs(0, n));
	emit("test=memcgs n=%d k=%d mkdir_ms=%.1f", n, k, (now_sec() - t0) * 1000);
	CHECK(remove_memcgs(k, n) && no_dying(60));
	return 1;
}

/*
 * Mount tmpfs on /mnt/bt0 ... up to each of @ms[0..@nm - 1] in turn (in
 * increasing order): what they cost since @before, after each.
 */
static int scale_tmpfs(const struct mem_snapshot *before, const int *ms, int nm,
		       int n, int k)
{
	struct mem_snapshot after;
	char head[128], tail[64];
	double t0, mount_s = 0;
	int i, done = 0;

	for (i = 0; i < nm; i++) {
		CHECK(make_mnts('t', done, ms[i]));
		t0 = now_sec();
		CHECK(mount_tmpfs(done, ms[i]));
		mount_s += now_sec() - t0;
		done = ms[i];
		mem_snapshot(&after);
		snprintf(head, sizeof(head), "test=scale fs=tmpfs n=%d k=%d m=%d", n, k, done);
		snprintf(tail, sizeof(tail), "mount_ms=%.1f", mount_s * 1000);
		emit_delta(head, before, &after, tail);
	}
	t0 = now_sec();
	CHECK(umount_all('t', done));
	emit("test=umount fs=tmpfs n=%d k=%d m=%d umount_ms=%.1f", n, k, done,
	     (now_sec() - t0) * 1000);
	return 1;
}

/* scale N K FSM M...: memory vs memcgs ever created, mounts present. */
int bench_scale(int argc, char **argv)
{
	static char ext4_devs[MAX_M][32], xfs_devs[MAX_M][32];
	int n = atoi(argv[0]), k = atoi(argv[1]), fsm = atoi(argv[2]);
	int nm = argc - 3, ms[16], i;
	struct mem_snapshot before;

	if (k > n)
		k = n;
	CHECK(nm >= 1 && nm <= 16 && fsm <= MAX_M);
	for (i = 0; i < nm; i++)
		ms[i] = atoi(argv[3 + i]);
	qsort(ms, nm, sizeof(ms[0]), cmp_int);
	CHECK(ms[nm - 1] <= MAX_M);

	CHECK(memcgs(n, k));
	/* Images and loop devices before any snapshot: they are not mounts. */
	CHECK(setup_loops("ext4", "/dev/vda", fsm, ext4_devs) &&
	      setup_loops("xfs", "/dev/vdb", fsm, xfs_devs));
	mem_snapshot(&before);
	CHECK(scale_tmpfs(&before, ms, nm, n, k));
	CHECK(scale_loops("ext4", 'e', fsm, ext4_devs, n, k));
	CHECK(scale_loops("xfs", 'x', fsm, xfs_devs, n, k));
	return 1;
}
