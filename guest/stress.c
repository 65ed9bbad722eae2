// SPDX-License-Identifier: GPL-2.0
/*
 * Stress for per-memcg list_lru lists, and one named case per bug class
 * the upstream version of this design met after it shipped.
 *
 *   stress [SECONDS [MAX_OPS [CASE+CASE...]]]
 *   hargs=SECONDS[,MAX_OPS[,CASE+CASE...]] on the kernel command line
 *                                (hmode=test htests=stress)
 *
 * With CASEs named, the others are skipped.
 *
 * Cases, in this order (the targeted ones first, so that a kernel bug is
 * reported by the case made for it rather than by the workload):
 *
 *  kfence_objects_on_lru        KFENCE-sampled dentries and inodes of many
 *                               memcgs reach the lrus, are reparented and
 *                               reclaimed (upstream: GPF in list_lru_add()
 *                               for an object whose memcg had no list)
 *  memcg_freed_before_lru_add   objects whose memcg is gone (freed, or going
 *                               away) are added to the lru afterwards
 *                               (upstream: memcg looked up outside RCU)
 *  reparent_races_lru_del       list_lru_del() of a memcg's objects while the
 *                               memcg goes offline (upstream: list
 *                               corruption, caught by DEBUG_LIST/KASAN)
 *  no_negative_counts           the same race with the parent's shrinker
 *                               counting all the while (upstream: false
 *                               negative-count warnings)
 *  nfs42_xattr_cache            skipped: no NFS in the guest (see below)
 *  shadow_nodes_freed           workingset shadow nodes of a memcg that is
 *                               removed are all freed (upstream: leaks)
 *  conservation                 what a memcg holds per node before rmdir is
 *                               what its parent's reclaim frees after it,
 *                               object for object, under concurrent add/del
 *  workload                     SECONDS of everything at once (memcg churn,
 *                               file churn on tmpfs/ext4/xfs, page cache and
 *                               shadow nodes, memory.high, drop_caches, tmpfs
 *                               mount churn), counts of every operation
 *  fault_injection              during the workload, failslab on
 *                               radix_tree_node and the kmalloc caches of
 *                               the per-memcg lists for two workers:
 *                               ENOMEM, and they keep going
 *  dying_memcgs_freed           nr_dying_descendants back to 0
 *  memory_returned              MemTotal-MemFree, Slab and shadow nodes back
 *                               to the start within stated margins
 *  kmemleak_clean               nothing new in kmemleak (if present)
 *
 * Every case also fails if the kernel logged a report (Oops, WARNING,
 * KASAN, lockdep, RCU, list corruption...) while it ran.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/kmsg.h"
#include "lib/ktap.h"
#include "lib/memcg.h"
#include "lib/vm.h"

#define STRESS_CG	CGROOT "/stress"
#define EXT4		"/mnt/ext4"
#define XFS		"/mnt/xfs"
#define KFENCE_OBJECTS	"/sys/kernel/debug/kfence/objects"
#define FAILSLAB	"/sys/kernel/debug/failslab"
#define KMEMLEAK	"/sys/kernel/debug/kmemleak"

/*
 * What a memcg may still show after its own reclaim freed everything, per
 * node: statistics cached in the per-cpu object stock, up to a page per
 * CPU.  (Measured: 0.  The cases read the ext4 device in first and flush
 * XFS's deferred inode work, see warm_bdev() and flush_deferred().)
 */
#define EPS		(16 * 1024)

static const char *skip_why;	/* set by a case that could not run */
static int nodes = 1;		/* NUMA nodes with memory */

/* ---- reclaim until nothing is left ---- */

/*
 * Have the file systems finish what they defer: write back (an inode
 * that was dirty reaches the lru only then), and XFS's inactivation of
 * deleted inodes, which v5.15 queues until 256 are pending on a CPU and
 * statfs() flushes; XFS frees them after that, in the background.
 */
static void flush_deferred(void)
{
	struct statfs st;

	sync();
	statfs("/mnt/xfs", &st);
}

/*
 * Reclaim @cg until its reclaimable slab is at most @eps bytes on every
 * node, for @secs seconds at most (frees are deferred: RCU, XFS, KASAN).
 * Returns what is left, per node in @node.
 */
static long long reclaim_until(const char *cg, long long eps, int secs,
			       long long node[NODES])
{
	double end = now_sec() + secs;
	long long left;

	for (;;) {
		reclaim_all(cg);
		flush_deferred();
		usleep(500 * 1000);
		flush_lru_caches();
		left = numa_stat(cg, "slab_reclaimable", node);
		if (nodes_below(node, eps) || now_sec() >= end)
			return left;
	}
}

/*
 * ext4 keeps its metadata in the block device's page cache, and whoever
 * first brings a block in is charged for its page and for the xarray node
 * that holds it.  Those stay charged until jbd2 has checkpointed the
 * block, which only global reclaim asks it to do: a memcg's own reclaim
 * cannot free them.  Read the whole device in from the root memcg first,
 * so that the memcgs under test are charged for their dentries and inodes
 * only and their reclaim can be asked to free all of it.
 */
static int warm_bdev(const char *dev)
{
	return read_all(dev);
}

/* ---- placement and populations ---- */

#define MPOL_DEFAULT	0
#define MPOL_BIND	2

/*
 * Run the caller's allocations on node @n: CPU n for nodes 0 and 1 (the
 * guest's CPUs), a memory policy for the nodes without CPUs.  New slabs
 * then come from that node, so objects end up on every node's list.
 */
static void place_on(int n)
{
	unsigned long mask = 1UL << n;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(n & 1, &set);
	sched_setaffinity(0, sizeof(set), &set);
	if (n >= 2)
		syscall(SYS_set_mempolicy, MPOL_BIND, &mask, 8 * sizeof(mask));
	else
		syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
}

struct population {
	const char *dir;
	int files, neg;
};

/*
 * p->files empty files (closed again: unused dentries on the lru) and
 * p->neg negative dentries in p->dir/d, a quarter made on each node.
 */
static int populate(void *arg)
{
	const struct population *p = arg;
	int n;

	for (n = 0; n < 4; n++) {
		place_on(n % nodes);
		if (make_dentries(p->dir, n * p->files / 4, (n + 1) * p->files / 4,
				  n * p->neg / 4, (n + 1) * p->neg / 4))
			return -1;
	}
	return 0;
}

static int populate_in(const char *cg, const char *dir, int files, int neg)
{
	struct population p = { dir, files, neg };

	return run_in_cgroup(cg, populate, &p);
}

/* ---- helper processes of the targeted cases ---- */

static pid_t helpers[8];
static int nhelpers;

/* Start @fn(@arg) in a child in @cg (NULL: where we are). */
static pid_t spawn(const char *cg, int (*fn)(void *), void *arg)
{
	pid_t pid = fork_in_cgroup(cg, fn, arg);

	if (pid > 0 && nhelpers < 8)
		helpers[nhelpers++] = pid;
	return pid;
}

static int reap(pid_t pid)
{
	int status, i;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	for (i = 0; i < nhelpers; i++)
		if (helpers[i] == pid)
			helpers[i] = helpers[--nhelpers];
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void stop_helpers(void)
{
	while (nhelpers) {
		kill(helpers[0], SIGKILL);
		reap(helpers[0]);
	}
}

/* Forever: create, unlink and look up files in @arg (concurrent add/del). */
static int churn_dir(void *arg)
{
	const char *dir = arg;
	unsigned int seed = getpid();
	char path[512];
	struct stat st;
	int fd;

	mkdir(dir, 0755);
	for (;;) {
		snprintf(path, sizeof(path), "%s/f%d", dir, rand_r(&seed) % 256);
		if (rand_r(&seed) & 1) {
			fd = open(path, O_CREAT | O_WRONLY, 0644);
			if (fd >= 0)
				close(fd);
		} else {
			unlink(path);
		}
		snprintf(path, sizeof(path), "%s/missing%d", dir,
			 rand_r(&seed) % 4096);
		stat(path, &st);
	}
	return 0;
}

/* ---- targeted cases ---- */

/*
 * Live KFENCE objects in the caches whose objects go on memcg-aware
 * lrus.  With kfence.sample_interval=1 every millisecond one allocation
 * is served from the KFENCE pool, whose pages are not slab pages: the
 * objects' memcg and lists must be found for them as for any other.
 */
static int kfence_opens;	/* see kmemleak_clean() */

static int kfence_lru_objects(void)
{
	char line[512], cache[64] = "";
	int live = 0, n = 0, i;
	FILE *f = fopen(KFENCE_OBJECTS, "r");

	if (!f)
		return -1;
	kfence_opens++;
	for (;;) {
		char *ok = fgets(line, sizeof(line), f);

		if (!ok || !strncmp(line, "kfence-#", 8)) {
			for (i = 0; live && lru_caches[i]; i++)
				n += !strcmp(cache, lru_caches[i]);
			if (!ok)
				break;
			live = sscanf(line, "kfence-#%*d: %*s size=%*d, cache=%63s",
				      cache) == 1;
		} else if (!strncmp(line, "freed by", 8)) {
			live = 0;
		}
	}
	fclose(f);
	return n;
}

#define KF_MEMCGS	8
#define KF_FILES	400

static int __kfence_objects_on_lru(void)
{
	static const char *const dirs[] = { EXT4 "/kf", XFS "/kf" };
	char cg[256], dir[256];
	long long left, node[NODES];
	int i, hits;

	CHECK(mkcg(STRESS_CG "/kf", 1) == 0);
	CHECK(warm_bdev("/dev/vda") == 0);
	for (i = 0; i < 2; i++)
		CHECK(mkdir(dirs[i], 0755) == 0);
	for (i = 0; i < KF_MEMCGS; i++) {
		snprintf(cg, sizeof(cg), STRESS_CG "/kf/c%d", i);
		snprintf(dir, sizeof(dir), "%s/c%d", dirs[i % 2], i);
		CHECK(mkcg(cg, 0) == 0 && mkdir(dir, 0755) == 0);
		CHECK(populate_in(cg, dir, KF_FILES, KF_FILES) == 0);
	}
	/* Once: in v5.15 every open of the file leaks (kmemleak_clean()). */
	hits = kfence_lru_objects();
	sync();
	for (i = 0; i < KF_MEMCGS; i++) {
		snprintf(cg, sizeof(cg), STRESS_CG "/kf/c%d", i);
		CHECK(rmcg(cg) == 0);
	}
	left = reclaim_until(STRESS_CG "/kf", EPS, 30, node);
	ktap_diag("kfence: %d live KFENCE objects in lru caches; "
		  "parent keeps %lld kB after reclaim", hits, left / 1024);
	CHECK(nodes_below(node, EPS));
	if (hits < 0)
		skip_why = "no KFENCE in this kernel (the scenario ran)";
	else
		CHECK(hits > 0);
	return 1;
}

static int kfence_objects_on_lru(void)
{
	int ok = __kfence_objects_on_lru();

	rm_rf(EXT4 "/kf " XFS "/kf");
	rmcg_tree(STRESS_CG "/kf", 1);
	return ok;
}

#define HELD_FILES	400

struct holder {
	const char *dir;
	int ready[2], go[2];
};

/*
 * Create and open HELD_FILES files in the memcg we were started in, and
 * keep them open until told to exit.
 */
static int hold_files(void *arg)
{
	struct holder *h = arg;
	char path[512], c = 0;
	int i;

	if (mkdir(h->dir, 0755))
		return -1;
	for (i = 0; i < HELD_FILES; i++) {
		snprintf(path, sizeof(path), "%s/f%d", h->dir, i);
		if (open(path, O_CREAT | O_RDWR, 0644) < 0)
			return -1;
	}
	if (write(h->ready[1], &c, 1) != 1 || read(h->go[0], &c, 1) != 1)
		return -1;
	return 0;
}

/* Open (O_RDONLY) or close the held files, or look them up again. */
static int held(const char *dir, int fds[HELD_FILES], int what)
{
	char path[512];
	struct stat st;
	int i;

	for (i = 0; i < HELD_FILES; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		if (what == 'o' && (fds[i] = open(path, O_RDONLY)) < 0)
			return -1;
		if (what == 'c' && close(fds[i]))
			return -1;
		if (what == 's' && stat(path, &st))
			return -1;
	}
	return 0;
}

/*
 * A task in @cg creates files and holds them open; we open them too and
 * the task exits, so nothing of it is left in @cg but the files' dentries
 * and inodes, still in use.  @cg is removed, and (if @wait_freed) freed.
 * Only then do we close the files: their dentries reach the lru now,
 * through a memcg lookup that must find the parent.
 */
static int held_round(const char *cg, const char *dir, int wait_freed)
{
	static int fds[HELD_FILES];
	struct holder h = { .dir = dir };
	long long dying = 0;
	pid_t pid;
	char c = 0;

	if (pipe(h.ready) || pipe(h.go))
		return 0;
	CHECK(mkcg(cg, 0) == 0);
	pid = spawn(cg, hold_files, &h);
	CHECK(pid > 0);
	CHECK(read(h.ready[0], &c, 1) == 1);
	CHECK(held(dir, fds, 'o') == 0);
	CHECK(write(h.go[1], &c, 1) == 1);
	CHECK(reap(pid) == 0);
	CHECK(rmcg(cg) == 0);
	if (wait_freed) {
		dying = wait_dying(STRESS_CG "/rcu", 30, 0);
		ktap_diag("rcu: memcg %s before its files are closed",
			  dying ? "still dying" : "freed");
	}
	CHECK(held(dir, fds, 'c') == 0);
	CHECK(held(dir, fds, 's') == 0);
	close(h.ready[0]);
	close(h.ready[1]);
	close(h.go[0]);
	close(h.go[1]);
	CHECK(dying == 0);
	return 1;
}

/*
 * XFS, because its metadata buffers are not charged to the memcg: with
 * nothing else pinning it, a removed memcg is freed at once.
 */
static int __memcg_freed_before_lru_add(void)
{
	long long left, node[NODES];
	char buf[128];

	CHECK(mkcg(STRESS_CG "/rcu", 1) == 0);
	CHECK(mkdir(XFS "/rcu", 0755) == 0);
	CHECK(held_round(STRESS_CG "/rcu/freed", XFS "/rcu/freed", 1));
	CHECK(held_round(STRESS_CG "/rcu/going", XFS "/rcu/going", 0));
	sync();
	left = reclaim_until(STRESS_CG "/rcu", EPS, 30, node);
	ktap_diag("rcu: parent keeps %lld kB (%s) after reclaim", left / 1024,
		  per_node_kb(node, nodes, buf, sizeof(buf)));
	CHECK(nodes_below(node, EPS));
	return 1;
}

static int memcg_freed_before_lru_add(void)
{
	int ok = __memcg_freed_before_lru_add();

	stop_helpers();
	rm_rf(XFS "/rcu");
	rmcg_tree(STRESS_CG "/rcu", 1);
	return ok;
}

#define RACE_ROUNDS	12
#define RACE_FILES	600
#define RACE_NEG	600

/*
 * Delete a population as fast as it goes: each file is opened, unlinked
 * (its dentry is unhashed, as it is in use) and closed, which kills the
 * dentry and takes it off its lru; then the directory is removed, which
 * takes the negative dentries off theirs in one burst.
 */
static int delete_population(void *arg)
{
	const char *dir = arg;
	char path[512];
	int i, fd;

	for (i = 0; i < RACE_FILES; i++) {
		snprintf(path, sizeof(path), "%s/d/f%d", dir, i);
		fd = open(path, O_RDONLY);
		if (fd < 0 || unlink(path))
			return -1;
		close(fd);
	}
	snprintf(path, sizeof(path), "%s/d", dir);
	if (rmdir(path))
		return -1;
	return rmdir(dir);
}

/* Keep the shrinker of @arg counting: reclaim a little, over and over. */
static int keep_counting(void *arg)
{
	const char *cg = arg;
	char path[512], val[32];
	long long cur;

	snprintf(path, sizeof(path), "%s/memory.high", cg);
	for (;;) {
		cur = cg_read(cg, "memory.current");
		snprintf(val, sizeof(val), "%lld", cur > 65536 ? cur - 65536 : 0);
		write_file(path, val);
		write_file(path, "max");
	}
	return 0;
}

/*
 * RACE_ROUNDS times: a child memcg fills a directory, then the directory
 * is deleted while the child is removed, so that list_lru_del() runs on
 * the child's objects before, during and after their objcg and lists move
 * to @parent.  With @counting, the parent's shrinker counts all along
 * (the parent holds nothing of its own, so its count goes below zero
 * whenever a child's object is deleted through it before the splice).
 */
static int race_rounds(const char *parent, const char *tag, int counting)
{
	char cg[256], dir[256];
	pid_t del;
	int r;

	CHECK(mkcg(parent, 1) == 0);
	CHECK(warm_bdev("/dev/vda") == 0);
	snprintf(dir, sizeof(dir), EXT4 "/%s", tag);
	CHECK(mkdir(dir, 0755) == 0);
	snprintf(dir, sizeof(dir), XFS "/%s", tag);
	CHECK(mkdir(dir, 0755) == 0);
	for (r = 0; r < RACE_ROUNDS; r++) {
		snprintf(cg, sizeof(cg), "%s/c%d", parent, r);
		snprintf(dir, sizeof(dir), "%s/%s/r%d", r % 2 ? XFS : EXT4, tag, r);
		CHECK(mkcg(cg, 0) == 0 && mkdir(dir, 0755) == 0);
		CHECK(populate_in(cg, dir, RACE_FILES, RACE_NEG) == 0);
		/* Not while populating: memory.high would throttle it. */
		if (counting)
			CHECK(spawn(NULL, keep_counting, (void *)parent) > 0);
		del = spawn(NULL, delete_population, dir);
		CHECK(del > 0);
		usleep((r % 4) * 5000);
		CHECK(rmcg(cg) == 0);
		CHECK(reap(del) == 0);
		stop_helpers();
		snprintf(cg, sizeof(cg), "%s/memory.high", parent);
		write_file(cg, "max");	/* it was killed in between */
	}
	return 1;
}

/* After the races, the parent's lists still hold just what it has. */
static int parent_consistent(const char *parent, const char *tag)
{
	char cg[256], dir[256], buf[128];
	long long left, node[NODES];

	snprintf(cg, sizeof(cg), "%s/last", parent);
	snprintf(dir, sizeof(dir), EXT4 "/%s/last", tag);
	CHECK(mkcg(cg, 0) == 0 && mkdir(dir, 0755) == 0);
	CHECK(populate_in(cg, dir, RACE_FILES, RACE_NEG) == 0);
	CHECK(rmcg(cg) == 0);
	sync();
	left = reclaim_until(parent, EPS, 30, node);
	ktap_diag("%s: %d rounds; parent keeps %lld kB (%s) after reclaim",
		  tag, RACE_ROUNDS, left / 1024,
		  per_node_kb(node, nodes, buf, sizeof(buf)));
	CHECK(nodes_below(node, EPS));
	return 1;
}

static void race_cleanup(const char *parent, const char *tag)
{
	char dir[256];

	stop_helpers();
	snprintf(dir, sizeof(dir), EXT4 "/%s " XFS "/%s", tag, tag);
	rm_rf(dir);
	rmcg_tree(parent, 1);
}

static int reparent_races_lru_del(void)
{
	int ok = race_rounds(STRESS_CG "/rd", "rd", 0) &&
		 parent_consistent(STRESS_CG "/rd", "rd");

	race_cleanup(STRESS_CG "/rd", "rd");
	return ok;
}

static int no_negative_counts(void)
{
	int ok = race_rounds(STRESS_CG "/neg", "neg", 1) &&
		 parent_consistent(STRESS_CG "/neg", "neg");

	race_cleanup(STRESS_CG "/neg", "neg");
	return ok;
}

/*
 * The NFS 4.2 xattr cache is the one memcg-aware lru user the guest
 * cannot run: there is no NFS server.  The series converts it (patch 9),
 * `make sweep` compiles fs/nfs/nfs42xattr.c with W=1 and sparse, and an
 * accounted object allocated without naming its lru meets the WARN in
 * list_lru_from_kmem() on the lrus the guest does run.
 */
static int nfs42_xattr_cache(void)
{
	skip_why = "no NFS server in the guest; covered by make sweep and "
		   "the audit of list_lru_init_memcg() users";
	return 1;
}

#define SHADOW_MB	16

/*
 * Write @mb MB to @path and drop it from the page cache (with
 * drop_caches: tinyconfig has no fadvise), so that whoever reads it
 * next is charged for its pages.
 */
static int write_data(const char *path, int mb)
{
	int ret = write_mb(path, mb);

	sync();
	write_file("/proc/sys/vm/drop_caches", "1");
	return ret;
}

/* Read @arg through, twice (refaults the second time). */
static int read_twice(void *arg)
{
	static char buf[65536];
	int pass, fd;
	ssize_t n;

	for (pass = 0; pass < 2; pass++) {
		fd = open(arg, O_RDONLY);
		if (fd < 0)
			return -1;
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			;
		close(fd);
		if (n < 0)
			return -1;
	}
	return 0;
}

/*
 * A memcg that can hold a quarter of a file reads it: evicted pages leave
 * shadow entries, whose xarray nodes go on the shadow_nodes lru of the
 * memcg.  The memcg is removed (its shadow nodes move to the parent), the
 * parent reclaims, and the files are deleted: every shadow node must be
 * freed and taken off its list (workingset_nodes back to the start).
 */
static int __shadow_nodes_freed(void)
{
	static const char *const files[] = { EXT4 "/shadow", XFS "/shadow" };
	long long base, peak, after = 0;
	double end;
	int i;

	CHECK(mkcg(STRESS_CG "/sh", 1) == 0);
	CHECK(mkcg(STRESS_CG "/sh/c", 0) == 0);
	CHECK(write_file(STRESS_CG "/sh/c/memory.max", "4M") == 0);
	for (i = 0; i < 2; i++)
		CHECK(write_data(files[i], SHADOW_MB) == 0);
	base = vmstat("workingset_nodes");
	for (i = 0; i < 2; i++)
		CHECK(run_in_cgroup(STRESS_CG "/sh/c", read_twice,
				    (void *)files[i]) == 0);
	peak = vmstat("workingset_nodes");
	ktap_diag("shadow: memcg file %lld, pgscan %lld, pgsteal %lld, refault %lld",
		  cg_stat(STRESS_CG "/sh/c", "file"),
		  cg_stat(STRESS_CG "/sh/c", "pgscan"),
		  cg_stat(STRESS_CG "/sh/c", "pgsteal"),
		  cg_stat(STRESS_CG "/sh/c", "workingset_refault_file"));
	CHECK(rmcg(STRESS_CG "/sh/c") == 0);
	reclaim_all(STRESS_CG "/sh");
	for (i = 0; i < 2; i++)
		CHECK(unlink(files[i]) == 0);
	for (end = now_sec() + 30; now_sec() < end; usleep(200 * 1000)) {
		after = vmstat("workingset_nodes");
		if (after <= base)
			break;
	}
	ktap_diag("shadow: workingset_nodes %lld -> %lld after reading %d MB "
		  "twice in 4 MB, %lld after rmdir and unlink",
		  base, peak, 2 * SHADOW_MB, after);
	CHECK(peak > base);
	CHECK(after <= base);
	CHECK(wait_dying(STRESS_CG "/sh", 30, 1) == 0);
	return 1;
}

static int shadow_nodes_freed(void)
{
	int ok = __shadow_nodes_freed();

	unlink(EXT4 "/shadow");
	unlink(XFS "/shadow");
	rmcg_tree(STRESS_CG "/sh", 1);
	return ok;
}

#define CONS_FILES	2000
#define CONS_NEG	2000
#define CONS_UNLINK	500

/* Unlink the first CONS_UNLINK files, slowly enough to span an offline. */
static int unlink_some(void *arg)
{
	char path[512];
	int i;

	for (i = 0; i < CONS_UNLINK; i++) {
		snprintf(path, sizeof(path), "%s/d/f%d", (char *)arg, i);
		if (unlink(path))
			return -1;
		if (i % 50 == 0)
			usleep(2000);
	}
	return 0;
}

static long long slab_size(const char *cache)
{
	char path[256];

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/slab_size", cache);
	return first_number(path);
}

/* Within @tol of @want, @tol being 1% plus 16. */
static int near(long long got, long long want)
{
	return llabs(got - want) <= want / 100 + 16;
}

/*
 * Conservation.  Memcg C (child of P) creates CONS_FILES files and
 * CONS_NEG negative dentries on ext4, a quarter on each node; tasks in a
 * sibling memcg S add and delete on the same superblock all along.  What
 * C holds per node is read from memory.numa_stat (slab_reclaimable: its
 * dentries and inodes).  C is removed while CONS_UNLINK of its files are
 * being unlinked.  Then, with S stopped, P's own reclaim must free
 * everything: per node, P keeps at most EPS; the dentry and inode counts
 * of the whole system drop by exactly C's objects.  An object left on
 * C's list, on a wrong list or on a wrong node, or a count lost in the
 * splice would show as bytes P cannot free, or a count that is short.
 *
 * There is no per-memcg list_lru count in v5.15's userspace interface
 * (the shrinker debugfs came in v6.0); the memcg's slab bytes per node
 * and the global object counts, with nothing else moving, stand for it.
 */
static int __conservation(void)
{
	const char *dir = EXT4 "/cons";
	long long x[NODES], y[NODES], r[NODES], xs, ys, rs;
	long long d0, d1, i0, i1, isize;
	char bx[128], by[128], br[128];
	int n, on_nodes = 0;
	pid_t del, side[2];

	CHECK(mkcg(STRESS_CG "/cons", 1) == 0);
	CHECK(mkcg(STRESS_CG "/cons/c", 0) == 0);
	CHECK(warm_bdev("/dev/vda") == 0);
	CHECK(mkcg(STRESS_CG "/side", 0) == 0);
	CHECK(mkdir(dir, 0755) == 0 && mkdir(EXT4 "/side", 0755) == 0);
	side[0] = spawn(STRESS_CG "/side", churn_dir, EXT4 "/side/a");
	side[1] = spawn(STRESS_CG "/side", churn_dir, EXT4 "/side/b");
	CHECK(side[0] > 0 && side[1] > 0);
	CHECK(populate_in(STRESS_CG "/cons/c", dir, CONS_FILES, CONS_NEG) == 0);
	sync();
	sleep(2);
	xs = numa_stat(STRESS_CG "/cons/c", "slab_reclaimable", x);
	for (n = 0; n < nodes; n++)
		on_nodes += x[n] > 0;

	del = spawn(NULL, unlink_some, (void *)dir);
	CHECK(del > 0);
	usleep(5000);
	CHECK(rmcg(STRESS_CG "/cons/c") == 0);
	CHECK(reap(del) == 0);
	CHECK(kill(side[0], SIGSTOP) == 0 && kill(side[1], SIGSTOP) == 0);
	sync();
	quiesce(30);
	flush_lru_caches();
	ys = numa_stat(STRESS_CG "/cons", "slab_reclaimable", y);
	d0 = nr_dentries();
	i0 = nr_inodes();

	rs = reclaim_until(STRESS_CG "/cons", EPS, 30, r);
	quiesce(30);
	d1 = nr_dentries();
	i1 = nr_inodes();
	isize = slab_size("ext4_inode_cache") + 8;

	ktap_diag("conservation: C had %lld kB (%s)", xs / 1024,
		  per_node_kb(x, nodes, bx, sizeof(bx)));
	ktap_diag("conservation: P after rmdir %lld kB (%s), %d inodes unlinked meanwhile",
		  ys / 1024, per_node_kb(y, nodes, by, sizeof(by)), CONS_UNLINK);
	ktap_diag("conservation: P after its reclaim %lld kB (%s)", rs / 1024,
		  per_node_kb(r, nodes, br, sizeof(br)));
	ktap_diag("conservation: P's reclaim freed %lld dentries (C made %d) and %lld inodes (C kept %d)",
		  d0 - d1, CONS_FILES + CONS_NEG + 1, i0 - i1,
		  CONS_FILES - CONS_UNLINK + 1);
	CHECK(on_nodes >= 2);
	CHECK(ys <= xs + EPS * nodes);
	CHECK(ys >= xs - CONS_UNLINK * isize - EPS * nodes);
	CHECK(nodes_below(r, EPS));
	CHECK(near(d0 - d1, CONS_FILES + CONS_NEG + 1));
	CHECK(near(i0 - i1, CONS_FILES - CONS_UNLINK + 1));
	return 1;
}

static int conservation(void)
{
	int ok = __conservation();

	stop_helpers();
	rm_rf(EXT4 "/cons " EXT4 "/side");
	rmcg_tree(STRESS_CG "/cons", 1);
	rmcg(STRESS_CG "/side");
	return ok;
}

/* ---- the workload ---- */

enum op {
	OP_MKDIR, OP_RMDIR, OP_MOVE, OP_CREATE, OP_UNLINK, OP_LOOKUP,
	OP_NEG_LOOKUP, OP_READ_MB, OP_HIGH, OP_DROP, OP_MOUNT, OP_UMOUNT,
	OP_ENOMEM, OP_ERROR, NR_OPS
};

static const char *const op_name[NR_OPS] = {
	"memcg_mkdir", "memcg_rmdir", "task_move", "create", "unlink",
	"lookup", "neg_lookup", "read_mb", "memory_high", "drop_caches",
	"mount", "umount", "alloc_failed", "error"
};

struct worker {
	const char *name;
	void (*step)(struct worker *w);
	int id;		/* among the workers of its kind */
	int faulty;	/* makes its allocations fail now and then */
	pid_t pid;
	int gen;	/* memcgs (or trees, mounts) it made so far */
	char cg[128];	/* memcg it is in; "" for the root */
	long ops[NR_OPS];
	long raced;	/* lost a harmless race: memcg removed under us */
	char err[192];	/* first unexpected error */
	unsigned int seed;
};

#define MAX_WORKERS	12

struct shared {
	volatile int stop;
	long total, max_ops;
	double deadline;
	int nworkers;
	struct worker w[MAX_WORKERS];
};

static struct shared *sh;
static int secs_arg = 45;		/* workload duration */
static long max_ops = 100000000;	/* and operation cap */

static int running(void)
{
	return !sh->stop && __atomic_load_n(&sh->total, __ATOMIC_RELAXED) <
	       sh->max_ops && now_sec() < sh->deadline;
}

static void count(struct worker *w, enum op op)
{
	w->ops[op]++;
	if (op != OP_ENOMEM && op != OP_ERROR)
		__atomic_add_fetch(&sh->total, 1, __ATOMIC_RELAXED);
}

/*
 * ENOMEM is what fault injection must give (ENOSPC from tmpfs, whose
 * mknod says so when it cannot allocate the inode); anything else is an
 * error.
 */
static void failed(struct worker *w, const char *what, const char *path)
{
	if (w->faulty && (errno == ENOMEM || errno == ENOSPC)) {
		count(w, OP_ENOMEM);
		return;
	}
	w->ops[OP_ERROR]++;
	if (!w->err[0])
		snprintf(w->err, sizeof(w->err), "%s %s: %s", what, path,
			 strerror(errno));
}

/* Count @op if it was done (@ret 0), else the failure of @what on @path. */
static void tally(struct worker *w, int ret, enum op op, const char *what,
		  const char *path)
{
	if (ret)
		failed(w, what, path);
	else
		count(w, op);
}

static void make_it_fail(struct worker *w, int on)
{
	if (!w->faulty)
		return;
	/* The write itself may be failed: try again. */
	while (write_file("/proc/self/make-it-fail", on ? "1" : "0") &&
	       errno == ENOMEM)
		;
}

/* Move @w to a new memcg of its own (memory.max @max), remove the old. */
static void next_memcg(struct worker *w, const char *max)
{
	char old[sizeof(w->cg)], path[256];

	make_it_fail(w, 0);
	memcpy(old, w->cg, sizeof(old));
	snprintf(w->cg, sizeof(w->cg), STRESS_CG "/%s%d-%d", w->name, w->id,
		 w->gen++);
	if (mkdir(w->cg, 0755)) {
		failed(w, "mkdir", w->cg);
		w->cg[0] = '\0';
	} else {
		count(w, OP_MKDIR);
		snprintf(path, sizeof(path), "%s/memory.max", w->cg);
		if (max && write_file(path, max))
			failed(w, "write", path);
	}
	if (cg_enter(w->cg[0] ? w->cg : CGROOT))
		failed(w, "enter", w->cg);
	else
		count(w, OP_MOVE);
	if (old[0] && rmcg(old))
		failed(w, "rmdir", old);
	else if (old[0])
		count(w, OP_RMDIR);
}

/* Back to the root memcg; remove our own. */
static void leave_memcg(struct worker *w)
{
	make_it_fail(w, 0);
	if (cg_enter(CGROOT))
		failed(w, "enter", CGROOT);
	else
		count(w, OP_MOVE);
	if (w->cg[0] && rmcg(w->cg))
		failed(w, "rmdir", w->cg);
	else if (w->cg[0])
		count(w, OP_RMDIR);
	w->cg[0] = '\0';
}

static void touch(struct worker *w, const char *path)
{
	int fd = open(path, O_CREAT | O_WRONLY, 0644);

	if (fd < 0) {
		failed(w, "create", path);
		return;
	}
	close(fd);
	count(w, OP_CREATE);
}

static void neg_lookup(struct worker *w, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0) {
		errno = EEXIST;
		failed(w, "stat", path);
	} else if (errno != ENOENT) {
		failed(w, "stat", path);
	} else {
		count(w, OP_NEG_LOOKUP);
	}
}

static void remove_file(struct worker *w, const char *path)
{
	tally(w, unlink(path), OP_UNLINK, "unlink", path);
}

/* Read @path through; ENOMEM (fault injection) skips a chunk. */
static void read_through(struct worker *w, const char *path)
{
	static char buf[65536];
	long bytes = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		failed(w, "open", path);
		return;
	}
	while (running()) {
		n = read(fd, buf, sizeof(buf));
		if (n == 0)
			break;
		if (n < 0) {
			failed(w, "read", path);
			if (errno != ENOMEM ||
			    lseek(fd, sizeof(buf), SEEK_CUR) < 0)
				break;
			continue;
		}
		bytes += n;
		if (bytes >= 1 << 20) {
			bytes -= 1 << 20;
			count(w, OP_READ_MB);
		}
	}
	close(fd);
}

/* The file systems the file workers churn on. */
static const char *const churn_fs[] = {
	"/mnt/t0", "/mnt/t1", "/mnt/t2", EXT4, XFS
};
#define NR_CHURN_FS	5
#define FILE_SLOTS	256
#define MEMCG_EVERY	400	/* file operations per memcg */

/*
 * One file operation on one of the file systems: create, unlink, look up
 * an existing file or a missing one.  Files outlive the memcg that
 * created them, so deletes go through reparented objects too.
 */
static void file_step(struct worker *w)
{
	static unsigned char present[NR_CHURN_FS][FILE_SLOTS];
	int fs = rand_r(&w->seed) % NR_CHURN_FS;
	int slot = rand_r(&w->seed) % FILE_SLOTS;
	char path[256];
	struct stat st;

	if (w->ops[OP_CREATE] + w->ops[OP_UNLINK] + w->ops[OP_LOOKUP] +
	    w->ops[OP_NEG_LOOKUP] >= (long)w->gen * MEMCG_EVERY)
		next_memcg(w, NULL);
	snprintf(path, sizeof(path), "%s/file%d/f%d", churn_fs[fs], w->id, slot);
	switch (rand_r(&w->seed) % 8) {
	case 0 ... 2:
		if (!present[fs][slot]) {
			touch(w, path);
			present[fs][slot] = 1;
			break;
		}
		/* fall through */
	case 3 ... 4:
		if (present[fs][slot]) {
			remove_file(w, path);
			present[fs][slot] = 0;
			break;
		}
		/* fall through */
	case 5:
		if (present[fs][slot] && stat(path, &st))
			failed(w, "stat", path);
		else if (present[fs][slot])
			count(w, OP_LOOKUP);
		break;
	default:
		snprintf(path, sizeof(path), "%s/file%d/missing%d",
			 churn_fs[fs], w->id, rand_r(&w->seed) % 4096);
		neg_lookup(w, path);
	}
}

static const char *const data_file[] = { EXT4 "/data", XFS "/data" };
static const int data_mb[] = { 24, 96 };

/*
 * Page cache churn: a fresh memcg that holds a sixth of the file (a
 * twelfth for XFS) reads it twice: evictions make shadow nodes, the
 * second pass refaults.  The memcg left behind dies with pages charged
 * to it.
 */
static void page_step(struct worker *w)
{
	next_memcg(w, w->id ? "8M" : "4M");
	read_through(w, data_file[w->id]);
	read_through(w, data_file[w->id]);
}

/* A random memcg below STRESS_CG into @cg; -1 if there is none. */
static int random_memcg(struct worker *w, char *cg, size_t len)
{
	char names[64][64];
	struct dirent *e;
	DIR *d = opendir(STRESS_CG);
	int n = 0;

	if (!d)
		return -1;
	while (n < 64 && (e = readdir(d)))
		if (e->d_type == DT_DIR && e->d_name[0] != '.')
			snprintf(names[n++], sizeof(names[0]), "%.63s", e->d_name);
	closedir(d);
	if (!n)
		return -1;
	snprintf(cg, len, STRESS_CG "/%s", names[rand_r(&w->seed) % n]);
	return 0;
}

/* Reclaim half of @cg through memory.high, then lift the limit. */
static void squeeze(struct worker *w, const char *cg)
{
	char path[512], val[32];
	long long cur = cg_read(cg, "memory.current");

	snprintf(path, sizeof(path), "%s/memory.high", cg);
	snprintf(val, sizeof(val), "%lld", cur / 2);
	if (cur < 0 || write_file(path, val)) {
		w->raced++;	/* removed meanwhile */
		return;
	}
	count(w, OP_HIGH);
	write_file(path, "max");
}

/*
 * Memory pressure: a random memcg (every tenth time all of them, through
 * STRESS_CG) reclaims half of what it holds, 10 times a second at most;
 * every 15 s the caches are dropped: slab, page cache, slab, both.  Not
 * more often: dropping the page cache drops its shadow entries too, and a
 * slow (debug) kernel must get to evict pages in between.
 */
static void pressure_step(struct worker *w)
{
	static const char *const drop[] = { "2", "1", "2", "3" };
	static double next_drop;
	char cg[256];

	usleep(100 * 1000);
	if (now_sec() >= next_drop) {
		next_drop = now_sec() + 15;
		if (write_file("/proc/sys/vm/drop_caches", drop[w->ops[OP_DROP] % 4]))
			failed(w, "write", "drop_caches");
		else
			count(w, OP_DROP);
	} else if (++w->gen % 10 == 0) {
		squeeze(w, STRESS_CG);
	} else if (!random_memcg(w, cg, sizeof(cg))) {
		squeeze(w, cg);
	}
}

#define TREES		4	/* memcg trees alive at once */

static void tree_path(int gen, const char *sub, char *buf, size_t len)
{
	snprintf(buf, len, STRESS_CG "/tree%d%s", gen, sub);
}

static void make_cg(struct worker *w, const char *cg, int parent)
{
	tally(w, mkcg(cg, parent), OP_MKDIR, "mkdir", cg);
}

static void remove_cg(struct worker *w, const char *cg)
{
	tally(w, rmcg(cg), OP_RMDIR, "rmdir", cg);
}

/* Files of tree @gen: on a tmpfs and on ext4. */
static void tree_files(int gen, char files[2][128])
{
	snprintf(files[0], 128, "/mnt/t0/tree/x%d", gen);
	snprintf(files[1], 128, EXT4 "/tree/x%d", gen);
}

/*
 * Remove tree @gen; its files are deleted before the memcgs go for even
 * trees, after them (through the ancestors' lists) for odd ones.
 */
static void remove_tree(struct worker *w, int gen)
{
	char a[256], b[256], t[256], files[2][128];
	int i;

	tree_path(gen, "", t, sizeof(t));
	tree_path(gen, "/a", a, sizeof(a));
	tree_path(gen, "/a/b", b, sizeof(b));
	tree_files(gen, files);
	for (i = 0; gen % 2 == 0 && i < 2; i++)
		remove_file(w, files[i]);
	remove_cg(w, b);
	remove_cg(w, a);
	remove_cg(w, t);
	for (i = 0; gen % 2 && i < 2; i++)
		remove_file(w, files[i]);
}

/*
 * Memcg churn: a three-level tree; a task moves into the leaf, creates a
 * file on a tmpfs and on ext4 (lists for the leaf and its ancestors),
 * and leaves.  The tree made TREES steps earlier is removed.
 */
static void tree_step(struct worker *w)
{
	char a[256], b[256], t[256], files[2][128];
	int gen = w->gen++, i;

	tree_path(gen, "", t, sizeof(t));
	tree_path(gen, "/a", a, sizeof(a));
	tree_path(gen, "/a/b", b, sizeof(b));
	make_cg(w, t, 1);
	make_cg(w, a, 1);
	make_cg(w, b, 0);
	if (cg_enter(b))
		failed(w, "enter", b);
	else
		count(w, OP_MOVE);
	tree_files(gen, files);
	for (i = 0; i < 2; i++)
		touch(w, files[i]);
	if (cg_enter(CGROOT))
		failed(w, "enter", CGROOT);
	else
		count(w, OP_MOVE);
	if (gen >= TREES)
		remove_tree(w, gen - TREES);
}

#define MOUNT_SLOTS	4
#define MOUNT_FILES	20

/*
 * Mount churn: a tmpfs mounted, used from a fresh memcg, and unmounted,
 * half the time after that memcg is removed (its lists on the dying
 * superblock have gone to the parent), half the time before.
 */
static void mount_step(struct worker *w)
{
	char mnt[64], path[128];
	int i;

	snprintf(mnt, sizeof(mnt), "/mnt/m%d", w->gen % MOUNT_SLOTS);
	if (mount("tmpfs", mnt, "tmpfs", 0, "size=16m")) {
		failed(w, "mount", mnt);
		return;
	}
	count(w, OP_MOUNT);
	next_memcg(w, NULL);
	for (i = 0; i < MOUNT_FILES; i++) {
		snprintf(path, sizeof(path), "%s/f%d", mnt, i);
		touch(w, path);
		snprintf(path, sizeof(path), "%s/missing%d", mnt, i);
		neg_lookup(w, path);
	}
	if (w->gen % 2)
		leave_memcg(w);
	if (umount(mnt))
		failed(w, "umount", mnt);
	else
		count(w, OP_UMOUNT);
}

#define FAULT_FILES	32

/*
 * Under fault injection, on a tmpfs remounted every 8 steps: a fresh
 * memcg creates, looks up and deletes files.  The first object of a
 * (memcg, lru) pair allocates the memcg's lists (kmalloc-128 or -192)
 * and an xarray slot for them (radix_tree_node), both of which fail now
 * and then: the create must fail with ENOMEM and nothing else happen.
 */
static void fault_tmpfs_step(struct worker *w)
{
	const char *mnt = "/mnt/f0";
	char path[128];
	int i, made[FAULT_FILES];

	if (w->gen % 8 == 0) {
		make_it_fail(w, 0);
		if (w->gen && umount(mnt))
			failed(w, "umount", mnt);
		else if (w->gen)
			count(w, OP_UMOUNT);
		if (mount("tmpfs", mnt, "tmpfs", 0, "size=16m"))
			failed(w, "mount", mnt);
		else
			count(w, OP_MOUNT);
	}
	next_memcg(w, NULL);
	make_it_fail(w, 1);
	for (i = 0; i < FAULT_FILES; i++) {
		long before = w->ops[OP_CREATE];

		snprintf(path, sizeof(path), "%s/f%d", mnt, i);
		touch(w, path);
		made[i] = w->ops[OP_CREATE] != before;
		snprintf(path, sizeof(path), "%s/missing%d", mnt, i);
		neg_lookup(w, path);
	}
	for (i = 0; i < FAULT_FILES; i++) {
		snprintf(path, sizeof(path), "%s/f%d", mnt, i);
		if (made[i])
			remove_file(w, path);
	}
	make_it_fail(w, 0);
}

/* Under fault injection: page cache reads (xarray and shadow nodes). */
static void fault_read_step(struct worker *w)
{
	next_memcg(w, "8M");
	make_it_fail(w, 1);
	read_through(w, data_file[0]);
	make_it_fail(w, 0);
}

static void add_worker(const char *name, void (*step)(struct worker *),
		       int id, int faulty)
{
	struct worker *w = &sh->w[sh->nworkers++];

	memset(w, 0, sizeof(*w));
	w->name = name;
	w->step = step;
	w->id = id;
	w->faulty = faulty;
}

static void run_worker(struct worker *w)
{
	int gen;

	w->seed = getpid();
	while (running())
		w->step(w);
	make_it_fail(w, 0);
	if (w->step == tree_step)
		for (gen = w->gen > TREES ? w->gen - TREES : 0; gen < w->gen; gen++)
			remove_tree(w, gen);
	leave_memcg(w);
	_exit(0);
}

static long total_op(enum op op)
{
	long n = 0;
	int i;

	for (i = 0; i < sh->nworkers; i++)
		n += sh->w[i].ops[op];
	return n;
}

static void report_ops(double secs)
{
	char line[512];
	size_t off = 0;
	int op, i;

	for (op = 0; op < NR_OPS; op++)
		off += snprintf(line + off, sizeof(line) - off, "%s%s=%ld",
				op ? " " : "", op_name[op], total_op(op));
	ktap_diag("workload: %.0f s (limit %d s), %ld operations (limit %ld)",
		  secs, secs_arg, sh->total, sh->max_ops);
	ktap_diag("ops: %s", line);
	for (i = 0; i < sh->nworkers; i++) {
		struct worker *w = &sh->w[i];
		long sum = 0;

		for (op = 0; op < OP_ENOMEM; op++)
			sum += w->ops[op];
		ktap_diag("  %s%d%s: %ld ops, %ld alloc failed, %ld errors, %d memcgs%s%s",
			  w->name, w->id, w->faulty ? " (faults)" : "", sum,
			  w->ops[OP_ENOMEM], w->ops[OP_ERROR], w->gen,
			  w->err[0] ? ", first error: " : "", w->err);
	}
}

static int fault_attr(const char *file, const char *val)
{
	char path[256];

	snprintf(path, sizeof(path), FAILSLAB "/%s", file);
	return write_file(path, val);
}

static int cache_fails(const char *cache)
{
	char path[256];

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/failslab", cache);
	return first_number(path) == 1;
}

#define FAULT_TIMES	10000000	/* failslab counts this down */
#define FAULT_TIMES_STR	"10000000"

static const char *fault_skip;

/*
 * failslab for the tasks that ask for it (task-filter, make-it-fail), on
 * the caches flagged at boot (slub_debug=A,radix_tree_node,kmalloc-128,
 * kmalloc-192; v5.15 cannot flag a cache at run time): every xarray node,
 * the lru's own xarray included, and the per-memcg lists, struct
 * list_lru_memcg on 4 nodes: 112 bytes (kmalloc-128) with one lock per
 * node, 152 (kmalloc-192) with a lock per list.  Sleeping allocations too
 * (ignore-gfp-wait N): that is what they are.
 */
static int faults_on(void)
{
	if (access(FAILSLAB, F_OK)) {
		fault_skip = "no failslab in this kernel";
		return 0;
	}
	if (!cache_fails("radix_tree_node") || !cache_fails("kmalloc-128") ||
	    !cache_fails("kmalloc-192")) {
		fault_skip = "boot with slub_debug=A,radix_tree_node,kmalloc-128,kmalloc-192";
		return 0;
	}
	if (fault_attr("probability", "0") || fault_attr("task-filter", "Y") ||
	    fault_attr("cache-filter", "Y") ||
	    fault_attr("ignore-gfp-wait", "N") || fault_attr("verbose", "0") ||
	    fault_attr("interval", "1") || fault_attr("space", "0") ||
	    fault_attr("times", FAULT_TIMES_STR) || fault_attr("probability", "10")) {
		fault_skip = "cannot set up failslab";
		return 0;
	}
	return 1;
}

static long faults_injected(void)
{
	return FAULT_TIMES - first_number(FAILSLAB "/times");
}

static void faults_off(void)
{
	fault_attr("probability", "0");
}

static long fault_count = -1;
static long long shadow_peak, refaults;

static void setup_worker_dirs(void)
{
	char path[128];
	int fs, i;

	for (fs = 0; fs < NR_CHURN_FS; fs++)
		for (i = 0; i < 4; i++) {
			snprintf(path, sizeof(path), "%s/file%d", churn_fs[fs], i);
			mkdir(path, 0755);
		}
	mkdir("/mnt/t0/tree", 0755);
	mkdir(EXT4 "/tree", 0755);
	for (i = 0; i < MOUNT_SLOTS; i++) {
		snprintf(path, sizeof(path), "/mnt/m%d", i);
		mkdir(path, 0755);
	}
	mkdir("/mnt/f0", 0755);
}

static void cleanup_workload(void)
{
	int fs;
	char path[128];

	umount("/mnt/f0");
	for (fs = 0; fs < MOUNT_SLOTS; fs++) {
		snprintf(path, sizeof(path), "/mnt/m%d", fs);
		umount(path);
	}
	for (fs = 0; fs < NR_CHURN_FS; fs++) {
		snprintf(path, sizeof(path), "%s/file*", churn_fs[fs]);
		rm_rf(path);
	}
	rm_rf("/mnt/t0/tree " EXT4 "/tree");
	rmcg_tree(STRESS_CG, 0);
}

static int __workload(void)
{
	long long refault0 = vmstat("workingset_refault_file");
	double start = now_sec(), next_report = start + 60;
	int faulty = faults_on(), i, status, bad = 0;
	long kinds_missing = 0;

	sh->max_ops = max_ops;
	sh->deadline = start + secs_arg;
	sh->nworkers = 0;
	add_worker("tree", tree_step, 0, 0);
	for (i = 0; i < 4; i++)
		add_worker("file", file_step, i, 0);
	add_worker("page", page_step, 0, 0);
	add_worker("page", page_step, 1, 0);
	add_worker("pressure", pressure_step, 0, 0);
	add_worker("mount", mount_step, 0, 0);
	if (faulty) {
		add_worker("fault_tmpfs", fault_tmpfs_step, 0, 1);
		add_worker("fault_read", fault_read_step, 0, 1);
	}
	setup_worker_dirs();
	for (i = 0; i < sh->nworkers; i++) {
		/* Not straight into sh: the child would write its 0 there. */
		pid_t pid = fork();

		if (pid == 0)
			run_worker(&sh->w[i]);
		sh->w[i].pid = pid;
	}
	while (running()) {
		long long nodes_now = vmstat("workingset_nodes");

		if (nodes_now > shadow_peak)
			shadow_peak = nodes_now;
		if (now_sec() >= next_report) {
			ktap_diag("workload: %.0f s, %ld operations",
				  now_sec() - start, sh->total);
			next_report += 60;
		}
		sleep(1);
	}
	sh->stop = 1;
	for (i = 0; i < sh->nworkers; i++) {
		if (waitpid(sh->w[i].pid, &status, 0) != sh->w[i].pid ||
		    !WIFEXITED(status) || WEXITSTATUS(status)) {
			ktap_diag("worker %s%d ended badly (status %#x)",
				  sh->w[i].name, sh->w[i].id, status);
			bad++;
		}
	}
	if (faulty) {
		fault_count = faults_injected();
		faults_off();
	}
	refaults = vmstat("workingset_refault_file") - refault0;
	report_ops(now_sec() - start);
	ktap_diag("workload: shadow nodes peaked at %lld, %lld refaults",
		  shadow_peak, refaults);
	for (i = 0; i < OP_ENOMEM; i++)
		if (!total_op(i)) {
			ktap_diag("workload: no %s at all", op_name[i]);
			kinds_missing++;
		}
	CHECK(bad == 0);
	CHECK(total_op(OP_ERROR) == 0);
	CHECK(kinds_missing == 0);
	/* Reading 64 MB through memcgs of 4 and 8 MB must have evicted. */
	CHECK(total_op(OP_READ_MB) < 64 || (shadow_peak > 0 && refaults > 0));
	return 1;
}

static int workload(void)
{
	int ok = __workload();

	cleanup_workload();
	return ok;
}

/* Counted by failslab itself; the workers that saw ENOMEM kept going. */
static int fault_injection(void)
{
	long enomem = 0, ops = 0;
	int i, op;

	if (fault_skip) {
		skip_why = fault_skip;
		return 1;
	}
	for (i = 0; i < sh->nworkers; i++) {
		if (!sh->w[i].faulty)
			continue;
		enomem += sh->w[i].ops[OP_ENOMEM];
		for (op = 0; op < OP_ENOMEM; op++)
			ops += sh->w[i].ops[op];
	}
	ktap_diag("failslab: %ld faults injected (radix_tree_node, kmalloc-128, kmalloc-192), "
		  "%ld operations failed with ENOMEM (ENOSPC on tmpfs), %ld done by the faulty workers",
		  fault_count, enomem, ops);
	CHECK(fault_count > 0);
	CHECK(enomem > 0);
	CHECK(ops > enomem);
	return 1;
}

/* ---- set-up, the start and the end ---- */

static long long base_used, base_slab, base_shadow;

#define MAX_CACHES	512

struct caches {
	int n;
	char name[MAX_CACHES][32];
	long long kb[MAX_CACHES];
};

static struct caches base_caches, end_caches;

/* Memory of every slab cache, from /proc/slabinfo. */
static void read_caches(struct caches *c)
{
	long active, num, objsize, perslab, pages, aslabs, nslabs;
	char line[512], name[64];
	FILE *f = fopen("/proc/slabinfo", "r");

	c->n = 0;
	while (f && c->n < MAX_CACHES && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %ld %ld %ld %ld %ld : tunables %*d %*d %*d : slabdata %ld %ld",
			   name, &active, &num, &objsize, &perslab, &pages,
			   &aslabs, &nslabs) != 8)
			continue;
		snprintf(c->name[c->n], sizeof(c->name[0]), "%.31s", name);
		c->kb[c->n++] = (long long)nslabs * pages * 4;
	}
	if (f)
		fclose(f);
}

/* Growth of cache @name since the start, in kB (end_caches read). */
static long long growth_kb(const char *name)
{
	long long d = 0;
	int i;

	for (i = 0; i < end_caches.n; i++)
		if (!strcmp(end_caches.name[i], name))
			d += end_caches.kb[i];
	for (i = 0; i < base_caches.n; i++)
		if (!strcmp(base_caches.name[i], name))
			d -= base_caches.kb[i];
	return d;
}

/* The caches that grew most since the start, as a diagnostic. */
static void show_growth(void)
{
	char line[512];
	size_t off = 0;
	int shown, i, j, best;
	long long d, bestd;
	static char done[MAX_CACHES];

	for (shown = 0; shown < 6; shown++) {
		best = -1;
		bestd = 16;	/* kB: less is noise */
		for (i = 0; i < end_caches.n; i++) {
			d = end_caches.kb[i];
			for (j = 0; j < base_caches.n; j++)
				if (!strcmp(base_caches.name[j], end_caches.name[i]))
					d -= base_caches.kb[j];
			if (!done[i] && d > bestd) {
				best = i;
				bestd = d;
			}
		}
		if (best < 0)
			break;
		done[best] = 1;
		off += snprintf(line + off, sizeof(line) - off, " %s %+lld",
				end_caches.name[best], bestd);
	}
	ktap_diag("end: slab caches that grew (kB):%s", off ? line : " none");
}
static int have_kmemleak;

/* Other suites may have left the directory behind. */
static int mount_on(const char *src, const char *dir, const char *type,
		    const char *opts)
{
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -1;
	return mount(src, dir, type, 0, opts);
}

static int mount_all(void)
{
	static const char *const tmpfs[] = { "/mnt/t0", "/mnt/t1", "/mnt/t2" };
	int i;

	for (i = 0; i < 3; i++)
		if (mount_on("tmpfs", tmpfs[i], "tmpfs", "size=64m"))
			return -1;
	if (mount_on("/dev/vda", EXT4, "ext4", NULL) ||
	    mount_on("/dev/vdb", XFS, "xfs", NULL))
		return -1;
	for (i = 0; i < 2; i++)
		if (write_data(data_file[i], data_mb[i]))
			return -1;
	return mkcg(STRESS_CG, 1);
}

static void umount_all(void)
{
	static const char *const mnts[] = {
		"/mnt/t0", "/mnt/t1", "/mnt/t2", EXT4, XFS, NULL
	};
	const char *const *m;

	for (m = mnts; *m; m++) {
		umount(*m);
		rmdir(*m);
	}
	rmcg_tree(STRESS_CG, 1);
}

static int online_nodes(void)
{
	char buf[64];
	int first, last;

	if (read_file("/sys/devices/system/node/has_memory", buf, sizeof(buf)) ||
	    sscanf(buf, "%d-%d", &first, &last) != 2)
		return 1;
	return last - first + 1;
}

/* Scan now, then mark what is found as known: only new leaks count. */
static void kmemleak_start(void)
{
	have_kmemleak = !access(KMEMLEAK, F_OK);
	if (have_kmemleak) {
		write_file(KMEMLEAK, "scan");
		write_file(KMEMLEAK, "clear");
	}
}

static void baseline(void)
{
	settle(30);
	base_used = used_kb();
	base_slab = meminfo_kb("Slab");
	base_shadow = vmstat("workingset_nodes");
	read_caches(&base_caches);
	ktap_diag("start: MemTotal-MemFree %lld kB, Slab %lld kB, "
		  "workingset_nodes %lld, %d nodes", base_used, base_slab,
		  base_shadow, nodes);
}

static int dying_memcgs_freed(void)
{
	double start = now_sec();
	long long left;

	umount_all();
	left = wait_dying(CGROOT, 120, 1);
	ktap_diag("dying memcgs: %lld left after %.0f s (bound 120 s)", left,
		  now_sec() - start);
	CHECK(left == 0);
	return 1;
}

#define USED_MARGIN_KB	(16 * 1024)
#define SLAB_MARGIN_KB	(8 * 1024)

/*
 * Everything the cases made is gone: what is in use is back within
 * USED_MARGIN_KB (per-cpu pages, per-cpu memcg data and page tables come
 * and go), Slab within SLAB_MARGIN_KB, and no shadow node is left.  Not
 * counted: the debug checkers' own bookkeeping (debugobjects' pool and
 * kmemleak's metadata), which grows with the peak load and stays.
 */
static int memory_returned(void)
{
	long long used, slab, shadow, checkers;

	settle(60);
	used = used_kb();
	slab = meminfo_kb("Slab");
	shadow = vmstat("workingset_nodes");
	read_caches(&end_caches);
	checkers = growth_kb("debug_objects_cache") + growth_kb("kmemleak_object");
	ktap_diag("end: MemTotal-MemFree %lld kB (%+lld, margin %d), "
		  "Slab %lld kB (%+lld, margin %d), workingset_nodes %lld; "
		  "%+lld kB of it debugobjects and kmemleak metadata, not counted",
		  used, used - base_used, USED_MARGIN_KB, slab,
		  slab - base_slab, SLAB_MARGIN_KB, shadow, checkers);
	show_growth();
	CHECK(used - base_used - checkers <= USED_MARGIN_KB);
	CHECK(slab - base_slab - checkers <= SLAB_MARGIN_KB);
	CHECK(shadow <= base_shadow);
	return 1;
}

/*
 * A leak kmemleak_clean() knows: v5.15's KFENCE objects file has no
 * .release (fixed upstream by "kfence: fix memory leak when cat kfence
 * objects"), so every open leaks its seq_file and its buffer.
 */
static int known_leak(const char *entry)
{
	return strstr(entry, "seq_open") || strstr(entry, "seq_read_iter");
}

static void show_leak(char *entry, int *shown)
{
	char *line;

	for (line = strtok(entry, "\n"); line && (*shown)++ < 60;
	     line = strtok(NULL, "\n"))
		ktap_diag("kmemleak: %s", line);
}

/* Suspected leaks since kmemleak_start(); their reports as diags. */
static int kmemleak_clean(void)
{
	char entry[8192] = "", line[512];
	int leaks = 0, known = 0, shown = 0;
	FILE *f;

	if (!have_kmemleak) {
		skip_why = "no kmemleak in this kernel";
		return 1;
	}
	/* An object must be unreferenced in a scan and 5 s old. */
	write_file(KMEMLEAK, "scan");
	sleep(6);
	write_file(KMEMLEAK, "scan");
	f = fopen(KMEMLEAK, "r");
	CHECK(f != NULL);
	for (;;) {
		char *ok = fgets(line, sizeof(line), f);

		if ((!ok || strstr(line, "unreferenced object")) && entry[0]) {
			if (known_leak(entry) && known < 2 * kfence_opens) {
				known++;
			} else {
				leaks++;
				show_leak(entry, &shown);
			}
			entry[0] = '\0';
		}
		if (!ok)
			break;
		if (strlen(entry) + strlen(line) < sizeof(entry))
			strcat(entry, line);
	}
	fclose(f);
	ktap_diag("kmemleak: %d suspected leaks; %d known ones of v5.15's "
		  "KFENCE objects file (%d opens, no .release)", leaks, known,
		  kfence_opens);
	CHECK(leaks == 0);
	return 1;
}

/* ---- main ---- */

static char selected[512];	/* "case+case", or "" for all */

static void run_case(const char *name, int (*fn)(void))
{
	int kmsg, ok;
	double start = now_sec();

	if (selected[0] && !strstr(selected, name)) {
		ktap_skip(name, "not selected");
		return;
	}
	kmsg = kmsg_open();
	skip_why = NULL;
	ok = fn();
	if (kmsg_reports(kmsg)) {
		ktap_diag("%s: the kernel reported a problem (above)", name);
		ok = 0;
	}
	ktap_diag("%s: %.1f s", name, now_sec() - start);
	if (ok && skip_why)
		ktap_skip(name, skip_why);
	else
		ktap_result(ok, name);
}

/*
 * SECONDS, MAX_OPS and CASEs from the arguments, or from hargs= on the
 * command line (comma-separated).  0 or nothing: the defaults.
 */
static void parse_args(int argc, char **argv)
{
	char cmdline[4096], *p, *args[3] = { NULL, NULL, NULL };
	int i;

	for (i = 1; i < argc && i <= 3; i++)
		args[i - 1] = argv[i];
	p = read_file("/proc/cmdline", cmdline, sizeof(cmdline)) ? NULL :
	    strstr(cmdline, "hargs=");
	if (argc == 1 && p) {
		p[strcspn(p, " \n")] = '\0';
		args[0] = strtok(p + 6, ",");
		args[1] = strtok(NULL, ",");
		args[2] = strtok(NULL, ",");
	}
	if (args[0] && atoi(args[0]) > 0)
		secs_arg = atoi(args[0]);
	if (args[1] && atol(args[1]) > 0)
		max_ops = atol(args[1]);
	if (args[2])
		snprintf(selected, sizeof(selected), "%s", args[2]);
}

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "kfence_objects_on_lru", kfence_objects_on_lru },
	{ "memcg_freed_before_lru_add", memcg_freed_before_lru_add },
	{ "reparent_races_lru_del", reparent_races_lru_del },
	{ "no_negative_counts", no_negative_counts },
	{ "nfs42_xattr_cache", nfs42_xattr_cache },
	{ "shadow_nodes_freed", shadow_nodes_freed },
	{ "conservation", conservation },
	{ "workload", workload },
	{ "fault_injection", fault_injection },
	{ "dying_memcgs_freed", dying_memcgs_freed },
	{ "memory_returned", memory_returned },
	{ "kmemleak_clean", kmemleak_clean },
};

#define NR_CASES	(int)(sizeof(cases) / sizeof(cases[0]))

int main(int argc, char **argv)
{
	double start = now_sec();
	int i;

	parse_args(argc, argv);
	nodes = online_nodes();
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ktap_suite("stress", NR_CASES);
	ktap_diag("workload of %d s, at most %ld operations%s%s", secs_arg,
		  max_ops, selected[0] ? "; cases " : "", selected);
	if (sh == MAP_FAILED) {
		for (i = 0; i < NR_CASES; i++)
			ktap_result(0, cases[i].name);
		return 1;
	}
	kmemleak_start();
	baseline();
	if (mount_all()) {
		ktap_diag("cannot mount the file systems: %s", strerror(errno));
		for (i = 0; i < NR_CASES; i++)
			ktap_result(0, cases[i].name);
		return 1;
	}
	for (i = 0; i < NR_CASES; i++)
		run_case(cases[i].name, cases[i].fn);
	ktap_diag("stress: %.0f s in all", now_sec() - start);
	return ktap_exit();
}
