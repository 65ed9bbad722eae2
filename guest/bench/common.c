// SPDX-License-Identifier: GPL-2.0
/*
 * What the bench modes share: the record ("bench: test=NAME k=v ..."), the
 * memcgs under bench/ made and removed by range and waited for, the mount
 * points /mnt/b<kind><i> and tmpfs on them, the pause before a timed
 * section, a memcg reclaim timed and counted in dentries, the disk read
 * in from the root memcg, and negative dentries left by a memcg.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/check.h"
#include "lib/memcg.h"
#include "lib/vm.h"
#include "bench.h"

/*
 * One record, a line of standard output; flushed at once so that forked
 * children never repeat it.
 */
void emit(const char *fmt, ...)
{
	va_list ap;

	printf("bench: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

int setup_bench_cg(void)
{
	CHECK(mkdir(BENCH_CG, 0755) == 0 || errno == EEXIST);
	CHECK(write_file(BENCH_CG "/cgroup.subtree_control", "+memory") == 0);
	return 1;
}

void cg_path(char *buf, size_t len, int i)
{
	snprintf(buf, len, BENCH_CG "/cg%d", i);
}

int make_memcgs(int from, int to)
{
	CHECK(mkdir_range(BENCH_CG, from, to) == 0);
	return 1;
}

int remove_memcgs(int from, int to)
{
	CHECK(rmdir_range(BENCH_CG, from, to) == 0);
	return 1;
}

/* Wait until no removed memcg under bench/ is still dying; 0 on timeout. */
int no_dying(double timeout)
{
	double end = now_sec() + timeout;

	while (read_keyed(BENCH_CG "/cgroup.stat", "nr_dying_descendants") > 0) {
		if (now_sec() > end)
			return 0;
		usleep(1000);
	}
	return 1;
}

/* Mount points: tmpfs /mnt/bt<i>, ext4 /mnt/be<i>, XFS /mnt/bx<i>. */
void mnt_path(char *buf, size_t len, char kind, int i)
{
	snprintf(buf, len, "/mnt/b%c%d", kind, i);
}

/*
 * mkdir the mount points /mnt/b<@kind><@from> ... (@to - 1), before the
 * mounts are timed: the time of a mount is that of mount(2) alone.
 */
int make_mnts(char kind, int from, int to)
{
	char path[64];
	int i;

	for (i = from; i < to; i++) {
		mnt_path(path, sizeof(path), kind, i);
		CHECK(mkdir(path, 0755) == 0);
	}
	return 1;
}

/* tmpfs on the mount points /mnt/bt<@from> ... that make_mnts() made. */
int mount_tmpfs(int from, int to)
{
	char path[64];
	int i;

	for (i = from; i < to; i++) {
		mnt_path(path, sizeof(path), 't', i);
		CHECK(mount("tmpfs", path, "tmpfs", 0, NULL) == 0);
	}
	return 1;
}

int umount_all(char kind, int n)
{
	char path[64];
	int i;

	for (i = 0; i < n; i++) {
		mnt_path(path, sizeof(path), kind, i);
		CHECK(umount(path) == 0);
		CHECK(rmdir(path) == 0);
	}
	return 1;
}

/*
 * Before a timed section: let the RCU callbacks and work items of what came
 * before run now, not inside the section (with one vCPU they would).
 */
void before_timing(void)
{
	usleep(100 * 1000);
}

/*
 * Reclaim all that memcg @cg can give back, through memory.high; the
 * writer does the reclaim itself.  Returns the seconds it took and the
 * dentries freed in @freed.
 */
double reclaim_timed(const char *cg, long long *freed)
{
	char path[512];
	long long before;
	double t0, secs;

	/* Dirty pages cannot go: they would only make reclaim retry. */
	sync();
	before_timing();
	before = nr_dentries();
	t0 = now_sec();
	snprintf(path, sizeof(path), "%s/memory.high", cg);
	if (write_file(path, "0"))
		return -1;
	secs = now_sec() - t0;
	write_file(path, "max");
	*freed = before - nr_dentries();
	return secs;
}

/*
 * Read all of block device @dev from the root memcg: the metadata buffers
 * of the filesystem on it are then cached and charged to the root, so that
 * a child memcg's reclaim frees only its dentries and inodes, and timed
 * operations do no I/O (under -icount an I/O wait skips guest time).
 */
int cache_disk(const char *dev)
{
	CHECK(read_all(dev) == 0);
	return 1;
}

/*
 * Leave @n negative dentries in @dir (made if it is missing), charged to
 * the caller: lookups of the missing names m0 ... m(@n - 1).
 */
int neg_dentries_in(const char *dir, int n)
{
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -1;
	return lookup_missing(dir, "m", 0, n);
}
