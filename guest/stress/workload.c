// SPDX-License-Identifier: GPL-2.0
/*
 * The workload of the stress suite: SECONDS of everything at once (memcg
 * trees, file churn on tmpfs, ext4 and XFS, page cache and shadow nodes,
 * memory.high, drop_caches, tmpfs mount churn) by forked workers that
 * count every operation in shared memory, with failslab two more whose
 * allocations fail now and then; and the fault_injection case, which
 * judges what those two saw.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/ktap.h"
#include "lib/memcg.h"
#include "lib/vm.h"
#include "stress.h"

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
int secs_arg = 45;		/* workload duration */
long max_ops = 100000000;	/* and operation cap */

/* The workers' shared state, in memory they keep sharing once forked. */
int workload_map(void)
{
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	return sh != MAP_FAILED;
}

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

const char *const data_file[] = { EXT4 "/data", XFS "/data" };
const int data_mb[] = { 24, 96 };

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

int workload(void)
{
	int ok = __workload();

	cleanup_workload();
	return ok;
}

/* Counted by failslab itself; the workers that saw ENOMEM kept going. */
int fault_injection(void)
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
