// SPDX-License-Identifier: GPL-2.0
/*
 * bench latency M C: with M tmpfs mounts, the time to create C memcgs and
 * to remove them, and to remove a memcg that owns objects on all M
 * superblocks against one that owns none (the median of three each, up
 * to the memcg being released).  Leaves its mounts behind.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include "lib/clock.h"
#include "lib/check.h"
#include "lib/memcg.h"
#include "lib/vm.h"
#include "bench.h"

struct owner {
	int m, nr;
};

/*
 * Create a new empty file on each of the mounts /mnt/bt0..: a name of its
 * own per owner, as an existing (pinned) tmpfs dentry would allocate nothing.
 */
static int touch_mounts(void *arg)
{
	const struct owner *o = arg;
	int i, fd;
	char path[64];

	for (i = 0; i < o->m; i++) {
		snprintf(path, sizeof(path), "/mnt/bt%d/owned%d", i, o->nr);
		fd = open(path, O_CREAT | O_WRONLY, 0644);
		if (fd < 0)
			return -1;
		close(fd);
	}
	return 0;
}

static int noop(void *arg)
{
	(void)arg;
	return 0;
}

/*
 * Remove memcg bench/@name after it ran @fn in it; the time includes the
 * offline work (reparenting), which runs after rmdir() returns, up to the
 * memcg being released.
 */
static double rmdir_ms(const char *name, int (*fn)(void *), void *arg)
{
	char cg[256];
	double t0;

	snprintf(cg, sizeof(cg), BENCH_CG "/%s", name);
	if (mkdir(cg, 0755) || run_in_cgroup(cg, fn, arg))
		return -1;
	settle_caches("3");
	t0 = now_sec();
	if (rmdir(cg) || !no_dying(30))
		return -1;
	return (now_sec() - t0) * 1000;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* latency M C: memcg creation and removal with M mounts present. */
int bench_latency(int argc, char **argv)
{
	int m = atoi(argv[0]), c = atoi(argv[1]), i;
	double t0, mount_s, create_s, remove_s, idle[3], owner[3];
	struct owner o = { m, 0 };

	CHECK(argc == 2 && m <= MAX_M);
	CHECK(setup_bench_cg() && make_mnts('t', 0, m));
	t0 = now_sec();
	CHECK(mount_tmpfs(0, m));
	mount_s = now_sec() - t0;
	settle_caches("3");
	t0 = now_sec();
	CHECK(make_memcgs(0, c));
	create_s = now_sec() - t0;
	/* Three of each, the median is kept: an RCU grace period is in each. */
	for (i = 0; i < 3; i++) {
		idle[i] = rmdir_ms("idle", noop, NULL);
		o.nr = i;
		owner[i] = rmdir_ms("owner", touch_mounts, &o);
	}
	qsort(idle, 3, sizeof(idle[0]), cmp_double);
	qsort(owner, 3, sizeof(owner[0]), cmp_double);
	CHECK(idle[0] >= 0 && owner[0] >= 0);
	t0 = now_sec();
	CHECK(remove_memcgs(0, c) && no_dying(60));
	remove_s = now_sec() - t0;
	emit("test=latency m=%d c=%d mount_ms=%.1f create_ms=%.1f remove_ms=%.1f rmdir_idle_ms=%.2f rmdir_owner_ms=%.2f",
	     m, c, mount_s * 1000, create_s * 1000, remove_s * 1000, idle[1], owner[1]);
	return 1;
}
