// SPDX-License-Identifier: GPL-2.0
/*
 * bench hot OPS REPS: the per-operation cost of the hot path in a child
 * memcg (bench/hot), REPS rounds: create and unlink empty files on tmpfs
 * and ext4, negative lookups (tmpfs drops them, ext4 keeps them on the
 * lru), cold open and close, and the reclaim of what they left, per
 * dentry freed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/check.h"
#include "lib/memcg.h"
#include "bench.h"

/* Write back, then drop dentries and inodes (not the page cache). */
static int sync_drop(void)
{
	sync();
	return write_file("/proc/sys/vm/drop_caches", "2") == 0;
}

/* The hot path, run in a child process inside bench/hot. */
struct hot {
	const char *dir;	/* where the files go */
	const char *op;		/* name of the operation, for the result line */
	int ops, batch, rep;
};

static void emit_hot(const struct hot *h, const char *op, int ops, double secs)
{
	emit("test=hot op=%s rep=%d ops=%d ns_per_op=%.1f", op, h->rep, ops,
	     secs * 1e9 / ops);
}

/*
 * Create and unlink h->ops empty files, h->batch at a time (ext4's 64 MB
 * disk has 16k inodes); timed separately.
 */
static int create_unlink(void *arg)
{
	const struct hot *h = arg;
	double create_s = 0, unlink_s = 0, t0;
	char path[512], name[64];
	int done, i, fd;

	snprintf(path, sizeof(path), "%s/cu", h->dir);
	if (mkdir(path, 0755))
		return -1;
	for (done = 0; done < h->ops; done += h->batch) {
		before_timing();
		t0 = now_sec();
		for (i = 0; i < h->batch; i++) {
			snprintf(path, sizeof(path), "%s/cu/f%d", h->dir, i);
			fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
			if (fd < 0)
				return -1;
			close(fd);
		}
		create_s += now_sec() - t0;
		before_timing();
		t0 = now_sec();
		for (i = 0; i < h->batch; i++) {
			snprintf(path, sizeof(path), "%s/cu/f%d", h->dir, i);
			if (unlink(path))
				return -1;
		}
		unlink_s += now_sec() - t0;
	}
	snprintf(path, sizeof(path), "%s/cu", h->dir);
	if (rmdir(path))
		return -1;
	snprintf(name, sizeof(name), "%s_create", h->op);
	emit_hot(h, name, done, create_s);
	snprintf(name, sizeof(name), "%s_unlink", h->op);
	emit_hot(h, name, done, unlink_s);
	return 0;
}

/* stat() h->ops names that do not exist in h->dir/neg<rep>. */
static int neg_lookup(void *arg)
{
	const struct hot *h = arg;
	char path[512];
	struct stat st;
	double t0;
	int i;

	snprintf(path, sizeof(path), "%s/neg%d", h->dir, h->rep);
	if (mkdir(path, 0755) && errno != EEXIST)
		return -1;
	before_timing();
	t0 = now_sec();
	for (i = 0; i < h->ops; i++) {
		snprintf(path, sizeof(path), "%s/neg%d/m%d", h->dir, h->rep, i);
		if (stat(path, &st) == 0 || errno != ENOENT)
			return -1;
	}
	emit_hot(h, h->op, h->ops, now_sec() - t0);
	return 0;
}

/* Create h->ops empty files in h->dir/oc, closed again. */
static int make_files(void *arg)
{
	const struct hot *h = arg;
	char path[512];

	snprintf(path, sizeof(path), "%s/oc", h->dir);
	if (mkdir(path, 0755))
		return -1;
	return touch_files(path, 0, h->ops);
}

/* Open and close the files of make_files(), whose dentries were reclaimed. */
static int open_close(void *arg)
{
	const struct hot *h = arg;
	char path[512];
	double t0;
	int i, fd;

	before_timing();
	t0 = now_sec();
	for (i = 0; i < h->ops; i++) {
		snprintf(path, sizeof(path), "%s/oc/f%d", h->dir, i);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return -1;
		close(fd);
	}
	emit_hot(h, h->op, h->ops, now_sec() - t0);
	return 0;
}

/* Reclaim in bench/hot after @what, as one hot-path line per freed dentry. */
static int hot_reclaim(struct hot *h, const char *what)
{
	char op[64];
	long long freed;
	double secs = reclaim_timed(HOT_CG, &freed);

	CHECK(secs >= 0 && freed > 0);
	snprintf(op, sizeof(op), "%s_reclaim", what);
	emit("test=hot op=%s rep=%d ops=%lld ns_per_op=%.1f", op, h->rep, freed,
	     secs * 1e9 / freed);
	return 1;
}

static int hot_run(struct hot *h, const char *op, int (*fn)(void *))
{
	h->op = op;
	CHECK(run_in_cgroup(HOT_CG, fn, h) == 0);
	return 1;
}

/* One round of every hot-path operation. */
static int hot_round(int ops, int rep)
{
	struct hot t = { "/mnt/hot", NULL, ops, ops, rep };
	struct hot e = { "/mnt/ext4", NULL, ops, ops < 4000 ? ops : 4000, rep };

	CHECK(hot_run(&t, "tmpfs", create_unlink));
	CHECK(hot_run(&e, "ext4", create_unlink));
	/* tmpfs drops a negative dentry at once: each stat allocates one. */
	CHECK(hot_run(&t, "tmpfs_neg", neg_lookup));
	/* ext4 keeps them on the lru: first lookups add, then they hit. */
	CHECK(hot_run(&e, "ext4_neg_new", neg_lookup));
	CHECK(hot_run(&e, "ext4_neg_hit", neg_lookup));
	CHECK(hot_reclaim(&e, "ext4_neg"));
	/* Cold open+close allocates dentry and inode and puts them on lrus. */
	CHECK(hot_run(&e, "ext4_open_close", open_close));
	CHECK(hot_reclaim(&e, "ext4_open_close"));
	return 1;
}

/* The files to open are made in the root memcg, then dropped. */
static int hot_setup(int ops)
{
	struct hot e = { "/mnt/ext4", "setup", ops, ops, 0 };

	CHECK(setup_bench_cg() && mkdir(HOT_CG, 0755) == 0);
	CHECK(mkdir("/mnt/hot", 0755) == 0 && mkdir("/mnt/ext4", 0755) == 0);
	CHECK(mount("tmpfs", "/mnt/hot", "tmpfs", 0, NULL) == 0);
	CHECK(mount("/dev/vda", "/mnt/ext4", "ext4", 0, NULL) == 0);
	CHECK(cache_disk("/dev/vda") && make_files(&e) == 0 && sync_drop());
	return 1;
}

/* hot OPS REPS: the per-operation cost of the hot path, REPS rounds. */
int bench_hot(int argc, char **argv)
{
	int ops = atoi(argv[0]), reps = atoi(argv[1]), r;

	CHECK(argc == 2);
	CHECK(hot_setup(ops));
	for (r = 1; r <= reps; r++)
		CHECK(hot_round(ops, r));
	CHECK(umount("/mnt/hot") == 0 && umount("/mnt/ext4") == 0);
	CHECK(rmdir("/mnt/hot") == 0 && rmdir("/mnt/ext4") == 0 && rmdir(HOT_CG) == 0);
	return 1;
}
