// SPDX-License-Identifier: GPL-2.0
/*
 * bench remount D C R: the time of an ext4 remount, whose
 * shrink_dcache_sb() walks the dentry lru, with D negative dentries
 * cached, made by C memcgs (D/C each, so C lists of their own on that
 * lru); R rounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "lib/clock.h"
#include "lib/check.h"
#include "lib/memcg.h"
#include "lib/vm.h"
#include "bench.h"

struct fill {
	int i, n;
};

/* Leave @arg->n negative dentries in /mnt/ext4/rm<i>, charged to the caller. */
static int fill_dentries(void *arg)
{
	const struct fill *f = arg;
	char path[64];

	snprintf(path, sizeof(path), "/mnt/ext4/rm%d", f->i);
	return neg_dentries_in(path, f->n);
}

/* One round: C memcgs make D/C negative dentries each, then remount. */
static int remount_round(int d, int c, int round)
{
	struct fill f = { 0, d / c };
	long long before, after;
	char cg[256];
	double t;

	for (f.i = 0; f.i < c; f.i++) {
		cg_path(cg, sizeof(cg), f.i);
		CHECK(run_in_cgroup(cg, fill_dentries, &f) == 0);
	}
	before = nr_dentries();
	t = now_sec();
	CHECK(mount("/dev/vda", "/mnt/ext4", "ext4", MS_REMOUNT, NULL) == 0);
	t = now_sec() - t;
	after = nr_dentries();
	emit("test=remount d=%d c=%d round=%d dentries_before=%lld dentries_after=%lld ms=%.2f ns_per_dentry=%.1f",
	     d, c, round, before, after, t * 1000, t * 1e9 / (before - after));
	CHECK(before - after >= d * 9LL / 10);
	return 1;
}

/* remount D C R: shrink_dcache_sb() over D dentries of C memcgs, R rounds. */
int bench_remount(int argc, char **argv)
{
	int d = atoi(argv[0]), c = atoi(argv[1]), rounds = atoi(argv[2]), r;

	CHECK(argc == 3 && c >= 1 && d >= c);
	CHECK(setup_bench_cg() && make_memcgs(0, c) && mkdir("/mnt/ext4", 0755) == 0);
	CHECK(mount("/dev/vda", "/mnt/ext4", "ext4", 0, NULL) == 0);
	CHECK(cache_disk("/dev/vda"));
	for (r = 1; r <= rounds; r++)
		CHECK(remount_round(d, c, r));
	CHECK(umount("/mnt/ext4") == 0 && rmdir("/mnt/ext4") == 0 && remove_memcgs(0, c));
	return 1;
}
