// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmarks for base v5.15 vs the series (issue 6).  scripts/bench.sh
 * boots each kernel with one of these and collects the "# bench: k=v ..."
 * lines; every mode is a KTAP suite whose cases say whether its steps worked.
 *
 *   bench scale N K FSM M...   memory and mount time of M tmpfs mounts (each
 *                              M in turn, cumulative) after N memcgs were
 *                              created and all but K removed; then FSM ext4
 *                              and FSM XFS mounts on loop devices
 *   bench latency M C          with M tmpfs mounts: time to create C memcgs,
 *                              and to remove a memcg that owns objects on
 *                              all M superblocks (vs one that owns none)
 *   bench hot OPS REPS         per-operation cost in a child memcg: create and
 *                              unlink empty files (tmpfs, ext4), negative
 *                              lookups, cold open/close + reclaim
 *   bench reclaim X N K M      memory.high frees X negative dentries of one
 *                              memcg, alone and then with N memcgs created
 *                              (K alive) and M tmpfs mounts around
 *   bench remount D C R        time of an ext4 remount (shrink_dcache_sb())
 *                              with D negative dentries cached, made by C
 *                              memcgs (D/C each, so C own lists on the
 *                              dentry lru); R rounds
 *
 * Modes may follow each other in one boot ("bench hot 2000 3 reclaim ...");
 * scale and latency leave their mounts and memcgs behind, so they go alone.
 * Times are CLOCK_MONOTONIC: host time under plain TCG, an instruction
 * count under QEMU -icount (see scripts/bench.sh).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/loop.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/ktap.h"
#include "lib/memcg.h"
#include "lib/vm.h"

#define BENCH_CG	CGROOT "/bench"
#define HOT_CG		BENCH_CG "/hot"
#define MAX_M		4096

/* One result line; flushed at once so that forked children never repeat it. */
static void emit(const char *fmt, ...)
{
	va_list ap;

	printf("    # bench: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* Write back, then drop dentries and inodes (not the page cache). */
static int sync_drop(void)
{
	sync();
	return write_file("/proc/sys/vm/drop_caches", "2") == 0;
}

/* "mem_kb=.. kmalloc32_kb=.. slab_kb=.." of what happened between a and b. */
static void emit_delta(const char *head, const struct mem_snapshot *a,
		       const struct mem_snapshot *b, const char *tail)
{
	emit("%s mem_kb=%lld kmalloc32_kb=%lld slab_kb=%lld %s", head,
	     b->used_kb - a->used_kb, b->kmalloc32_kb - a->kmalloc32_kb,
	     b->slab_kb - a->slab_kb, tail);
}

static int setup_bench_cg(void)
{
	CHECK(mkdir(BENCH_CG, 0755) == 0 || errno == EEXIST);
	CHECK(write_file(BENCH_CG "/cgroup.subtree_control", "+memory") == 0);
	return 1;
}

static void cg_path(char *buf, size_t len, int i)
{
	snprintf(buf, len, BENCH_CG "/cg%d", i);
}

static int make_memcgs(int from, int to)
{
	CHECK(mkdir_range(BENCH_CG, from, to) == 0);
	return 1;
}

static int remove_memcgs(int from, int to)
{
	CHECK(rmdir_range(BENCH_CG, from, to) == 0);
	return 1;
}

/* Wait until no removed memcg under bench/ is still dying; 0 on timeout. */
static int no_dying(double timeout)
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
static void mnt_path(char *buf, size_t len, char kind, int i)
{
	snprintf(buf, len, "/mnt/b%c%d", kind, i);
}

static int mount_tmpfs(int from, int to)
{
	char path[64];
	int i;

	for (i = from; i < to; i++) {
		mnt_path(path, sizeof(path), 't', i);
		CHECK(mkdir(path, 0755) == 0);
		CHECK(mount("tmpfs", path, "tmpfs", 0, NULL) == 0);
	}
	return 1;
}

static int umount_all(char kind, int n)
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

/* Mount @n loop devices as @fs; XFS copies share a UUID, hence nouuid. */
static int mount_loops(const char *fs, char kind, int n, char (*devs)[32])
{
	const char *opts = !strcmp(fs, "xfs") ? "nouuid" : NULL;
	char path[64];
	int i;

	for (i = 0; i < n; i++) {
		mnt_path(path, sizeof(path), kind, i);
		CHECK(mkdir(path, 0755) == 0);
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

/* scale N K FSM M...: memory vs memcgs ever created, mounts present. */
static int bench_scale(int argc, char **argv)
{
	static char ext4_devs[MAX_M][32], xfs_devs[MAX_M][32];
	int n = atoi(argv[0]), k = atoi(argv[1]), fsm = atoi(argv[2]);
	int nm = argc - 3, ms[16], i, done = 0;
	struct mem_snapshot before, after;
	double t0, mkdir_s, mount_s = 0;
	char head[128], tail[64];

	if (k > n)
		k = n;
	if (nm < 1 || nm > 16 || fsm > MAX_M)
		return 2;
	for (i = 0; i < nm; i++)
		ms[i] = atoi(argv[3 + i]);
	qsort(ms, nm, sizeof(ms[0]), cmp_int);
	if (ms[nm - 1] > MAX_M)
		return 2;
	ktap_suite("bench_scale", 7);

	t0 = now_sec();
	ktap_result(setup_bench_cg() && make_memcgs(0, n), "create_memcgs");
	mkdir_s = now_sec() - t0;
	ktap_result(remove_memcgs(k, n) && no_dying(60), "remove_all_but_k");
	emit("test=memcgs n=%d k=%d mkdir_ms=%.1f", n, k, mkdir_s * 1000);
	/* Images and loop devices before any snapshot: they are not mounts. */
	ktap_result(setup_loops("ext4", "/dev/vda", fsm, ext4_devs) &&
		    setup_loops("xfs", "/dev/vdb", fsm, xfs_devs), "setup_loops");

	mem_snapshot(&before);
	for (i = 0; i < nm; i++) {
		t0 = now_sec();
		if (!mount_tmpfs(done, ms[i]))
			break;
		mount_s += now_sec() - t0;
		done = ms[i];
		mem_snapshot(&after);
		snprintf(head, sizeof(head), "test=scale fs=tmpfs n=%d k=%d m=%d", n, k, done);
		snprintf(tail, sizeof(tail), "mount_ms=%.1f", mount_s * 1000);
		emit_delta(head, &before, &after, tail);
	}
	ktap_result(i == nm, "mount_tmpfs");
	t0 = now_sec();
	ktap_result(umount_all('t', done), "umount_tmpfs");
	emit("test=umount fs=tmpfs n=%d k=%d m=%d umount_ms=%.1f", n, k, done,
	     (now_sec() - t0) * 1000);
	ktap_result(scale_loops("ext4", 'e', fsm, ext4_devs, n, k), "mount_ext4");
	ktap_result(scale_loops("xfs", 'x', fsm, xfs_devs, n, k), "mount_xfs");
	return 0;
}

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
static int bench_latency(int argc, char **argv)
{
	int m = atoi(argv[0]), c = atoi(argv[1]), i;
	double t0, mount_s, create_s, remove_s, idle[3], owner[3];
	struct owner o = { m, 0 };

	if (argc != 2 || m > MAX_M)
		return 2;
	ktap_suite("bench_latency", 5);
	ktap_result(setup_bench_cg(), "setup");
	t0 = now_sec();
	ktap_result(mount_tmpfs(0, m), "mount_tmpfs");
	mount_s = now_sec() - t0;
	settle_caches("3");
	t0 = now_sec();
	ktap_result(make_memcgs(0, c), "create_memcgs");
	create_s = now_sec() - t0;
	/* Three of each, the median is kept: an RCU grace period is in each. */
	for (i = 0; i < 3; i++) {
		idle[i] = rmdir_ms("idle", noop, NULL);
		o.nr = i;
		owner[i] = rmdir_ms("owner", touch_mounts, &o);
	}
	qsort(idle, 3, sizeof(idle[0]), cmp_double);
	qsort(owner, 3, sizeof(owner[0]), cmp_double);
	ktap_result(idle[0] >= 0 && owner[0] >= 0, "rmdir");
	t0 = now_sec();
	ktap_result(remove_memcgs(0, c) && no_dying(60), "remove_memcgs");
	remove_s = now_sec() - t0;
	emit("test=latency m=%d c=%d mount_ms=%.1f create_ms=%.1f remove_ms=%.1f rmdir_idle_ms=%.2f rmdir_owner_ms=%.2f",
	     m, c, mount_s * 1000, create_s * 1000, remove_s * 1000, idle[1], owner[1]);
	return 0;
}

/*
 * Before a timed section: let the RCU callbacks and work items of what came
 * before run now, not inside the section (with one vCPU they would).
 */
static void before_timing(void)
{
	usleep(100 * 1000);
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

/*
 * Reclaim all that memcg @cg can give back, through memory.high; the
 * writer does the reclaim itself.  Returns the seconds it took and the
 * dentries freed in @freed.
 */
static double reclaim_timed(const char *cg, long long *freed)
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

/*
 * Read all of block device @dev from the root memcg: the metadata buffers
 * of the filesystem on it are then cached and charged to the root, so that
 * a child memcg's reclaim frees only its dentries and inodes, and timed
 * operations do no I/O (under -icount an I/O wait skips guest time).
 */
static int cache_disk(const char *dev)
{
	CHECK(read_all(dev) == 0);
	return 1;
}

/*
 * Leave @n negative dentries in @dir (made if it is missing), charged to
 * the caller: lookups of the missing names m0 ... m(@n - 1).
 */
static int neg_dentries_in(const char *dir, int n)
{
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -1;
	return lookup_missing(dir, "m", 0, n);
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

/* hot OPS REPS: the per-operation cost of the hot path, REPS rounds. */
static int bench_hot(int argc, char **argv)
{
	int ops = atoi(argv[0]), reps = atoi(argv[1]), r;
	struct hot e = { "/mnt/ext4", "setup", ops, ops, 0 };

	if (argc != 2)
		return 2;
	ktap_suite("bench_hot", 3);
	/* The files to open are made in the root memcg, then dropped. */
	ktap_result(setup_bench_cg() && mkdir(HOT_CG, 0755) == 0 &&
		    mkdir("/mnt/hot", 0755) == 0 && mkdir("/mnt/ext4", 0755) == 0 &&
		    mount("tmpfs", "/mnt/hot", "tmpfs", 0, NULL) == 0 &&
		    mount("/dev/vda", "/mnt/ext4", "ext4", 0, NULL) == 0 &&
		    cache_disk("/dev/vda") && make_files(&e) == 0 && sync_drop(), "setup");
	for (r = 1; r <= reps; r++)
		if (!hot_round(ops, r))
			break;
	ktap_result(r > reps, "rounds");
	ktap_result(umount("/mnt/hot") == 0 && umount("/mnt/ext4") == 0 &&
		    rmdir("/mnt/hot") == 0 && rmdir("/mnt/ext4") == 0 &&
		    rmdir(HOT_CG) == 0, "cleanup");
	return 0;
}

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
	CHECK(mount_tmpfs(0, m));
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
static int bench_reclaim(int argc, char **argv)
{
	int x = atoi(argv[0]), n = atoi(argv[1]), k = atoi(argv[2]), m = atoi(argv[3]);
	char crowd[64];

	if (argc != 4 || m > MAX_M)
		return 2;
	if (k > n)
		k = n;
	snprintf(crowd, sizeof(crowd), "n%d-k%d-m%d", n, k, m);
	ktap_suite("bench_reclaim", 4);
	ktap_result(setup_bench_cg() && mkdir("/mnt/ext4", 0755) == 0 &&
		    mount("/dev/vda", "/mnt/ext4", "ext4", 0, NULL) == 0 &&
		    cache_disk("/dev/vda"), "setup");
	ktap_result(reclaim_runs(x, "none"), "reclaim_alone");
	ktap_result(make_crowd(n, k, m), "crowd");
	ktap_result(reclaim_runs(x, crowd), "reclaim_in_crowd");
	return 0;
}

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
static int bench_remount(int argc, char **argv)
{
	int d = atoi(argv[0]), c = atoi(argv[1]), rounds = atoi(argv[2]), r;

	if (argc != 3 || c < 1 || d < c)
		return 2;
	ktap_suite("bench_remount", 3);
	ktap_result(setup_bench_cg() && make_memcgs(0, c) &&
		    mkdir("/mnt/ext4", 0755) == 0 &&
		    mount("/dev/vda", "/mnt/ext4", "ext4", 0, NULL) == 0 &&
		    cache_disk("/dev/vda"), "setup");
	for (r = 1; r <= rounds; r++)
		if (!remount_round(d, c, r))
			break;
	ktap_result(r > rounds, "rounds");
	ktap_result(umount("/mnt/ext4") == 0 && rmdir("/mnt/ext4") == 0 &&
		    remove_memcgs(0, c), "cleanup");
	return 0;
}

static const struct mode {
	const char *name;
	int (*fn)(int argc, char **argv);
	int nargs;	/* scale: at least */
} modes[] = {
	{ "scale", bench_scale, 4 },
	{ "latency", bench_latency, 2 },
	{ "hot", bench_hot, 2 },
	{ "reclaim", bench_reclaim, 4 },
	{ "remount", bench_remount, 3 },
};

static const struct mode *find_mode(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(name, modes[i].name))
			return &modes[i];
	return NULL;
}

/*
 * bench MODE ARGS [MODE ARGS]...: the modes run one after the other in
 * this boot, each a KTAP subtest.
 */
int main(int argc, char **argv)
{
	const struct mode *mode;
	int i, end, nr = 0, failures;

	for (i = 1; i < argc; i = end, nr++) {
		mode = find_mode(argv[i]);
		for (end = i + 1; end < argc && !find_mode(argv[end]); end++)
			;
		if (!mode || end - i - 1 < mode->nargs)
			break;
	}
	if (!nr || i < argc) {
		fprintf(stderr, "usage: bench MODE ARGS [MODE ARGS]... (see bench.c)\n");
		return 2;
	}
	printf("TAP version 14\n1..%d\n", nr);
	fflush(stdout);
	for (i = 1, nr = 1; i < argc; i = end, nr++) {
		mode = find_mode(argv[i]);
		for (end = i + 1; end < argc && !find_mode(argv[end]); end++)
			;
		failures = ktap_failures;
		ktap_case = 0;
		if (mode->fn(end - i - 1, argv + i + 1))
			ktap_failures++;
		printf("%sok %d - bench_%s\n", ktap_failures > failures ? "not " : "",
		       nr, mode->name);
		fflush(stdout);
	}
	return ktap_exit();
}
