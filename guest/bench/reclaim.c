// SPDX-License-Identifier: GPL-2.0
/*
 * bench reclaim X N K M: the time memory.high takes to free X negative
 * dentries of one memcg (bench/victim), alone and then in a crowd: N
 * memcgs created, K of them alive and owning a file on ext4 and on one of
 * M tmpfs mounts, so that the lrus the victim's reclaim walks know many
 * memcgs.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "lib/check.h"
#include "lib/memcg.h"
#include "bench.h"

/* Leave @arg negative dentries on ext4 (/mnt/ext4/rc), charged to the caller. */
static int neg_dentries(void *arg)
{
	return neg_dentries_in("/mnt/ext4/rc", *(int *)arg);
}

struct crowd {
	int i, m;
};

/* Crowd member @i: a file on ext4 and one on tmpfs mount i % m. */
static int crowd_touch(void *arg)
{
	const struct crowd *c = arg;
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/mnt/ext4/crowd/c%d", c->i);
	fd = open(path, O_CREAT | O_WRONLY, 0644);
	if (fd < 0)
		return -1;
	close(fd);
	if (!c->m)
		return 0;
	snprintf(path, sizeof(path), "/mnt/bt%d/c%d", c->i % c->m, c->i);
	fd = open(path, O_CREAT | O_WRONLY, 0644);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

/*
 * N memcgs created, K left alive, M tmpfs mounts; each live memcg owns a
 * file on ext4 and on one tmpfs mount, so that the lrus the victim's
 * reclaim walks know many memcgs.
 */
static int make_crowd(int n, int k, int m)
{
	struct crowd c = { 0, m };
	char cg[256];

	CHECK(make_memcgs(0, n) && remove_memcgs(k, n));
	CHECK(make_mnts('t', 0, m) && mount_tmpfs(0, m));
	CHECK(mkdir("/mnt/ext4/crowd", 0755) == 0);
	for (c.i = 0; c.i < k; c.i++) {
		cg_path(cg, sizeof(cg), c.i);
		CHECK(run_in_cgroup(cg, crowd_touch, &c) == 0);
	}
	return 1;
}

/* Fill bench/victim with @x negative dentries and reclaim them, 3 times. */
static int reclaim_runs(int x, const char *crowd)
{
	const char *cg = BENCH_CG "/victim";
	long long freed;
	double secs;
	int i;

	CHECK(mkdir(cg, 0755) == 0);
	for (i = 1; i <= 3; i++) {
		CHECK(run_in_cgroup(cg, neg_dentries, &x) == 0);
		secs = reclaim_timed(cg, &freed);
		CHECK(secs >= 0 && freed > 0);
		emit("test=reclaim crowd=%s rep=%d x=%d freed=%lld ms=%.2f ns_per_dentry=%.1f",
		     crowd, i, x, freed, secs * 1000, secs * 1e9 / freed);
	}
	CHECK(rmdir(cg) == 0);
	return 1;
}

/* reclaim X N K M: memcg reclaim of X dentries, alone and in a crowd. */
int bench_reclaim(int argc, char **argv)
{
	int x = atoi(argv[0]), n = atoi(argv[1]), k = atoi(argv[2]), m = atoi(argv[3]);
	char crowd[64];

	CHECK(argc == 4 && m <= MAX_M);
	if (k > n)
		k = n;
	snprintf(crowd, sizeof(crowd), "n%d-k%d-m%d", n, k, m);
	CHECK(setup_bench_cg() && mkdir("/mnt/ext4", 0755) == 0);
	CHECK(mount("/dev/vda", "/mnt/ext4", "ext4", 0, NULL) == 0);
	CHECK(cache_disk("/dev/vda"));
	CHECK(reclaim_runs(x, "none"));
	CHECK(make_crowd(n, k, m));
	CHECK(reclaim_runs(x, crowd));
	return 1;
}
