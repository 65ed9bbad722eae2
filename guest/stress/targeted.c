// SPDX-License-Identifier: GPL-2.0
/*
 * The targeted cases of the stress suite, one per bug class the upstream
 * version of this design met after it shipped (see main.c for the list):
 * the populations they make on every node, the helper processes that race
 * them, the reclaim that must then free all a memcg held, and the cases
 * themselves, kfence_objects_on_lru to conservation.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/ktap.h"
#include "lib/memcg.h"
#include "lib/vm.h"
#include "stress.h"

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
int kfence_opens;	/* see kmemleak_clean() */

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

int kfence_objects_on_lru(void)
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

int memcg_freed_before_lru_add(void)
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

int reparent_races_lru_del(void)
{
	int ok = race_rounds(STRESS_CG "/rd", "rd", 0) &&
		 parent_consistent(STRESS_CG "/rd", "rd");

	race_cleanup(STRESS_CG "/rd", "rd");
	return ok;
}

int no_negative_counts(void)
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
int nfs42_xattr_cache(void)
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
int write_data(const char *path, int mb)
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
	long long base, peak, after = 0, dying;
	double end, start;
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
	start = now_sec();
	for (end = start + 30; now_sec() < end; usleep(200 * 1000)) {
		after = vmstat("workingset_nodes");
		if (after <= base)
			break;
	}
	ktap_diag("shadow: workingset_nodes %lld -> %lld after reading %d MB "
		  "twice in 4 MB, %lld after rmdir and unlink",
		  base, peak, 2 * SHADOW_MB, after);
	CHECK(peak > base);
	CHECK(after <= base);
	/*
	 * The removed memcg is freed once nothing is charged to it: the
	 * same bound as dying_memcgs_freed, as on a loaded host a debug
	 * kernel under TCG took over 30 s (and left none at the end).
	 */
	dying = wait_dying(STRESS_CG "/sh", 120, 1);
	ktap_diag("shadow: %lld memcgs dying after %.0f s (bound 120 s)",
		  dying, now_sec() - start);
	CHECK(dying == 0);
	return 1;
}

int shadow_nodes_freed(void)
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

int conservation(void)
{
	int ok = __conservation();

	stop_helpers();
	rm_rf(EXT4 "/cons " EXT4 "/side");
	rmcg_tree(STRESS_CG "/cons", 1);
	rmcg(STRESS_CG "/side");
	return ok;
}
