// SPDX-License-Identifier: GPL-2.0
/*
 * Per-memcg list_lru lists, seen from userspace.
 *
 * - memcg reclaim (memory.high) frees a memcg's dentries and inodes through
 *   the memcg-aware superblock shrinker, on ext4 and XFS;
 * - removing a memcg moves its objects to the parent, whose reclaim then
 *   frees them;
 * - a memcg's workingset shadow nodes are on its own list: its reclaim
 *   frees them;
 * - removing a memcg while another task evicts its inodes loses nothing
 *   and corrupts no list;
 * - with lazily allocated lists (the series): a mount costs the same with
 *   thousands of dead memcgs as with none and allocates no lists for
 *   thousands of live memcgs that put nothing on it, a memcg that creates
 *   files on a mount gets lists there for itself and its parent only, and
 *   removing the memcgs frees those lists again.
 *
 * With cgroup.memory=nokmem on the kernel command line no slab object is
 * charged: the cases that need charged objects are skipped, and
 * lists_follow_use expects no lists at all.
 *
 * The lazy-list cases are skipped on kernels without memcg_list_lru_alloc
 * or still with memcg_update_all_list_lrus (the eager resize), unless
 * lists_all=1 is on the kernel command line (the kernel hands it to init's
 * environment), which shows them failing on v5.15.
 *
 * kselftest_harness.h tests (lib/harness.h), each in a fixture whose
 * teardown undoes what a failed test left, so that the next one starts
 * clean: FIXTURE(lists), ext4 or XFS mounted, with a variant for each
 * (lists.ext4.memcg_reclaim_frees, lists.xfs.memcg_reclaim_frees, ...);
 * FIXTURE(ext4) for the rmdir race; FIXTURE(lazy) for the lazy-list
 * cases, whose tmpfs mounts and memcgs its teardown removes.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "lib/fs.h"
#include "lib/harness.h"
#include "lib/memcg.h"
#include "lib/vm.h"

#define NEG_DENTRIES	20000
#define FILES		3000
#define DENTRY_SIZE	192

struct fs {
	const char *name;
	const char *dev;
	const char *dir;
};

/*
 * tmpfs is not here: it pins its dentries and inodes and deletes negative
 * dentries at once, so nothing of it is ever on an lru to reclaim.
 */
static const struct fs ext4_fs = { "ext4", "/dev/vda", "/mnt/ext4" };
static const struct fs xfs_fs = { "xfs", "/dev/vdb", "/mnt/xfs" };

static int kernel_has(const char *symbol)
{
	char line[256];
	size_t len = strlen(symbol);
	int found = 0;
	FILE *f = fopen("/proc/kallsyms", "r");

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		char *name = strrchr(line, ' ');

		found = name && !strncmp(name + 1, symbol, len) &&
			name[len + 1] == '\n';
	}
	fclose(f);
	return found;
}

/*
 * Wait, 20 seconds at most, until the memcgs removed so far are freed, so
 * that their memory does not come back in the middle of a measurement.
 */
static void wait_no_dying(void)
{
	int i;

	/* Their page cache (say, directory blocks) pins them: drop it too. */
	sync();
	for (i = 0; i < 40; i++) {
		write_file("/proc/sys/vm/drop_caches", "3");
		if (read_keyed(CGROOT "/cgroup.stat", "nr_dying_descendants") <= 0)
			return;
		usleep(500 * 1000);
	}
}

/* Remove what populate() made in @dir. */
static int remove_tree(const char *dir)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/d", dir);
	return rm_rf(path);
}

/* Undo whatever a failed test left behind, so the next one starts clean. */
static void cleanup(const char *dir, const char *const *cgroups)
{
	if (dir) {
		remove_tree(dir);
		umount(dir);
	}
	for (; cgroups && *cgroups; cgroups++)
		rmdir(*cgroups);
}

static int mount_fs(const struct fs *fs)
{
	mkdir(fs->dir, 0755);
	return mount(fs->dev, fs->dir, fs->name, 0, NULL);
}

struct population {
	const char *dir;
	int files, neg;
};

/*
 * Create p->files empty files in p->dir/d (closed again, so inode and
 * dentry are unused) and look up p->neg names that do not exist, leaving
 * negative dentries.
 */
static int populate(void *arg)
{
	const struct population *p = arg;

	return make_dentries(p->dir, 0, p->files, 0, p->neg);
}

static int populate_in(const char *cg, const char *dir, int files, int neg)
{
	struct population p = { dir, files, neg };

	return run_in_cgroup(cg, populate, &p);
}

/* Reclaim in @cg down to what it holds minus @bytes, via memory.high. */
static int reclaim(const char *cg, long long bytes)
{
	char path[512], val[32];
	long long target = cg_read(cg, "memory.current") - bytes;
	int ret;

	snprintf(path, sizeof(path), "%s/memory.high", cg);
	snprintf(val, sizeof(val), "%lld", target > 0 ? target : 0);
	ret = write_file(path, val);
	write_file(path, "max");
	return ret;
}

/*
 * ext4 or XFS mounted for the test, which makes its memcgs under CGROOT;
 * the teardown removes its files, the mount and whichever of them are
 * left.
 */
FIXTURE(lists) {
	const struct fs *fs;
};

FIXTURE_VARIANT(lists) {
	const struct fs *fs;
};

FIXTURE_VARIANT_ADD(lists, ext4) { .fs = &ext4_fs };
FIXTURE_VARIANT_ADD(lists, xfs) { .fs = &xfs_fs };

static void lists_cleanup(void *arg)
{
	static const char *const cgroups[] = {
		CGROOT "/lists-reclaim", CGROOT "/lists-parent/child",
		CGROOT "/lists-parent", CGROOT "/lists-shadow", NULL
	};
	FIXTURE_DATA(lists) *self = arg;
	char file[256];

	snprintf(file, sizeof(file), "%s/big", self->fs->dir);
	unlink(file);
	cleanup(self->fs->dir, cgroups);
}

/* Without kmem accounting nothing is charged: the tests skip. */
FIXTURE_SETUP(lists)
{
	self->fs = variant->fs;
	if (kmem_off())
		return;
	cleanup_on_abort(lists_cleanup, self);
	ASSERT_OK(mount_fs(self->fs));
}

FIXTURE_TEARDOWN(lists)
{
	lists_cleanup(self);
}

#define SKIP_WITHOUT_KMEM() do {					\
	if (kmem_off())							\
		SKIP(return, "kernel memory accounting is off");	\
} while (0)

/*
 * A memcg's unused dentries and inodes are on its own lists: its reclaim
 * finds them.  Half of what they take must go.
 */
TEST_F(lists, memcg_reclaim_frees)
{
	const char *cg = CGROOT "/lists-reclaim";
	const struct fs *fs = self->fs;
	long long before, filled, after;
	int files = FILES;

	SKIP_WITHOUT_KMEM();
	ASSERT_OK(mkdir(cg, 0755));
	before = cg_stat(cg, "slab_reclaimable");
	ASSERT_OK(populate_in(cg, fs->dir, files, NEG_DENTRIES));
	filled = cg_stat(cg, "slab_reclaimable");
	ASSERT_GE(filled - before, (long long)NEG_DENTRIES * DENTRY_SIZE);
	ASSERT_OK(reclaim(cg, (filled - before) * 3 / 4));
	after = cg_stat(cg, "slab_reclaimable");
	ksft_print_msg("%s: slab_reclaimable %lld -> %lld -> %lld after memory.high\n",
		       fs->name, before, filled, after);
	ASSERT_GE(filled - after, (filled - before) / 2);
	/* What a test that went well removes: its files, the mount, its memcg. */
	ASSERT_OK(remove_tree(fs->dir));
	ASSERT_OK(umount(fs->dir));
	ASSERT_OK(rmdir(cg));
}

/*
 * Removing a memcg moves its objects to the parent: the parent is still
 * charged for them and its reclaim frees them.
 */
TEST_F(lists, rmdir_reparents)
{
	const char *parent = CGROOT "/lists-parent";
	const char *child = CGROOT "/lists-parent/child";
	const struct fs *fs = self->fs;
	long long before, filled, moved, after;
	int files = FILES;

	SKIP_WITHOUT_KMEM();
	ASSERT_OK(mkdir(parent, 0755));
	ASSERT_OK(write_file(CGROOT "/lists-parent/cgroup.subtree_control", "+memory"));
	ASSERT_OK(mkdir(child, 0755));
	before = cg_stat(parent, "slab_reclaimable");
	ASSERT_OK(populate_in(child, fs->dir, files, NEG_DENTRIES));
	filled = cg_stat(parent, "slab_reclaimable");
	ASSERT_OK(rmdir(child));
	moved = cg_stat(parent, "slab_reclaimable");
	ASSERT_OK(reclaim(parent, (moved - before) * 3 / 4));
	after = cg_stat(parent, "slab_reclaimable");
	ksft_print_msg("%s: parent slab_reclaimable %lld -> %lld -> rmdir %lld -> %lld after memory.high\n",
		       fs->name, before, filled, moved, after);
	ASSERT_GE(filled - before, (long long)NEG_DENTRIES * DENTRY_SIZE);
	ASSERT_GE(moved - before, (filled - before) * 9 / 10);
	ASSERT_GE(moved - after, (moved - before) / 2);
	ASSERT_OK(remove_tree(fs->dir));
	ASSERT_OK(umount(fs->dir));
	ASSERT_OK(rmdir(parent));
}

#define SHADOW_FILE_MB	48
#define SHADOW_MEMCG_MAX	"8M"

/* For run_in_cgroup(): read the file @arg through its memcg's page cache. */
static int read_through(void *arg)
{
	return read_all(arg);
}

/*
 * Reading a file much larger than its memory.max makes a memcg evict its
 * own page cache, leaving shadow entries in xarray nodes charged to it and
 * put on its list of the workingset shadow_nodes lru.  The memcg's reclaim
 * must find and free them.  v5.15 has no per-memcg count of shadow nodes,
 * so the system-wide one is watched on an otherwise quiet guest.
 */
TEST_F(lists, shadow_nodes_reclaimed)
{
	const char *cg = CGROOT "/lists-shadow";
	const struct fs *fs = self->fs;
	char file[256], max[512];
	long long before, evicted, after;
	long long nodes = (long long)SHADOW_FILE_MB * 256 / 64;

	SKIP_WITHOUT_KMEM();
	ASSERT_OK(mkdir(cg, 0755));
	snprintf(file, sizeof(file), "%s/big", fs->dir);
	ASSERT_OK(write_mb(file, SHADOW_FILE_MB));
	sync();
	/* Invalidation leaves no shadow entries: start from none. */
	ASSERT_OK(write_file("/proc/sys/vm/drop_caches", "1"));
	before = read_keyed("/proc/vmstat", "workingset_nodes");
	snprintf(max, sizeof(max), "%s/memory.max", cg);
	ASSERT_OK(write_file(max, SHADOW_MEMCG_MAX));
	ASSERT_OK(run_in_cgroup(cg, read_through, file));
	evicted = read_keyed("/proc/vmstat", "workingset_nodes");
	ASSERT_OK(reclaim(cg, cg_read(cg, "memory.current")));
	after = read_keyed("/proc/vmstat", "workingset_nodes");
	ksft_print_msg("%s: workingset_nodes %lld -> %lld after reading %d MB in %s -> %lld after memory.high\n",
		       fs->name, before, evicted, SHADOW_FILE_MB, SHADOW_MEMCG_MAX, after);
	ASSERT_GE(evicted - before, nodes / 4);
	ASSERT_GE(evicted - after, (evicted - before) / 2);
	ASSERT_OK(unlink(file));
	ASSERT_OK(umount(fs->dir));
	ASSERT_OK(rmdir(cg));
}

#define RACE_ROUNDS	8
#define RACE_FILES	1500

/* In the child memcg: make files, then push their inodes onto its lru. */
static int race_populate(void *arg)
{
	const char *cg = arg;
	struct population p = { "/mnt/ext4", RACE_FILES, 0 };

	if (populate(&p))
		return -1;
	/* Reclaiming dentries puts their inodes on the memcg's inode list. */
	return reclaim(cg, cg_read(cg, "memory.current") / 2);
}

/* In the root memcg: unlink them all, evicting inodes off that list. */
static int race_unlink(void *arg)
{
	char path[128];
	int i;

	(void)arg;
	for (i = 0; i < RACE_FILES; i++) {
		snprintf(path, sizeof(path), "/mnt/ext4/d/f%d", i);
		if (unlink(path))
			return -1;
	}
	return 0;
}

/* ext4, for the race: a memcg and its parent, and the mount. */
FIXTURE(ext4) {
	int unused;
};

static void ext4_cleanup(void *arg)
{
	static const char *const cgroups[] = {
		CGROOT "/lists-race/c", CGROOT "/lists-race", NULL
	};

	(void)arg;
	cleanup(ext4_fs.dir, cgroups);
}

FIXTURE_SETUP(ext4)
{
	if (kmem_off())
		return;
	cleanup_on_abort(ext4_cleanup, NULL);
	ASSERT_OK(mount_fs(&ext4_fs));
}

FIXTURE_TEARDOWN(ext4)
{
	ext4_cleanup(NULL);
}

/*
 * rmdir of a memcg while another task deletes its objects from its lists:
 * the reparenting (a worker, after rmdir returns) races list_lru_del() of
 * inodes being evicted.  Every object must end up deleted from the list it
 * was on (the console scan catches list corruption and warnings), and the
 * memcg must go away once its objects are gone.
 */
TEST_F(ext4, rmdir_races_inode_eviction)
{
	const char *parent = CGROOT "/lists-race", *child = CGROOT "/lists-race/c";
	int round, status;
	long long dying = -1;
	pid_t pid;

	SKIP_WITHOUT_KMEM();
	ASSERT_OK(mkdir(parent, 0755));
	ASSERT_OK(write_file(CGROOT "/lists-race/cgroup.subtree_control", "+memory"));
	for (round = 0; round < RACE_ROUNDS; round++) {
		ASSERT_OK(mkdir(child, 0755));
		ASSERT_OK(run_in_cgroup(child, race_populate, (void *)child));
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0)
			_exit(race_unlink(NULL) ? 1 : 0);
		usleep(20 * 1000 * (round % 4));
		ASSERT_OK(rmdir(child));
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFEXITED(status));
		ASSERT_EQ(0, WEXITSTATUS(status));
		ASSERT_OK(rmdir("/mnt/ext4/d"));
	}
	/* The filesystem's buffers, charged to the memcgs, go with it. */
	ASSERT_OK(umount("/mnt/ext4"));
	wait_no_dying();
	dying = read_keyed(CGROOT "/lists-race/cgroup.stat", "nr_dying_descendants");
	ksft_print_msg("%d rounds of %d inodes evicted while their memcg was removed; %lld memcgs still dying\n",
		       RACE_ROUNDS, RACE_FILES, dying);
	ASSERT_EQ(0, dying);
	ASSERT_OK(rmdir(parent));
}

#define DEAD_MEMCGS	2000
#define MOUNTS		50
#define COST_MOUNTS	200
#define COST_ROUNDS	3

static int mount_many(int first, int n)
{
	char path[64];
	int i;

	for (i = first; i < first + n; i++) {
		snprintf(path, sizeof(path), "/mnt/l%d", i);
		if (mkdir(path, 0755) || mount("tmpfs", path, "tmpfs", 0, NULL))
			return -1;
	}
	return 0;
}

static int umount_many(int first, int n)
{
	char path[64];
	int i;

	for (i = first; i < first + n; i++) {
		snprintf(path, sizeof(path), "/mnt/l%d", i);
		if (umount(path) || rmdir(path))
			return -1;
	}
	return 0;
}

/* Slab cost of mounting @n tmpfs, in kB per mount. */
static long long mount_cost_kb(int first, int n)
{
	long long before, after;

	settle_caches("2");
	before = meminfo_kb("Slab");
	if (mount_many(first, n))
		return -1;
	settle_caches("2");
	after = meminfo_kb("Slab");
	return (after - before) / n;
}

/*
 * The lazy-list tests: tmpfs mounts /mnt/lN and memcgs lists-live,
 * lists-dead and lists-use, which the teardown removes.
 */
FIXTURE(lazy) {
	int lazy;
};

static void cleanup_mounts(void *arg)
{
	(void)arg;
	system("umount /mnt/l* 2>/dev/null; rmdir /mnt/l* 2>/dev/null;"
	       "cd " CGROOT " && rmdir lists-use/p*/c lists-use/p* lists-use"
	       " lists-dead/* lists-dead lists-live/* lists-live 2>/dev/null");
}

/*
 * Lists are lazy once the slab hook can allocate them and the eager
 * resize of every lru is gone: a bisect stops between the two.
 * lists_all=1 on the kernel command line runs the tests anyway, to fail.
 */
FIXTURE_SETUP(lazy)
{
	self->lazy = (kernel_has("memcg_list_lru_alloc") &&
		      !kernel_has("memcg_update_all_list_lrus")) ||
		     getenv("lists_all");
	cleanup_on_abort(cleanup_mounts, NULL);
}

FIXTURE_TEARDOWN(lazy)
{
	cleanup_mounts(NULL);
}

#define SKIP_NOT_LAZY() do {						\
	if (!self->lazy)						\
		SKIP(return, "lists are not lazy");			\
} while (0)

#define LIVE_MEMCGS	1000

/*
 * The caches a memcg's lists on 4 nodes come from: struct list_lru_memcg
 * is kmalloc-128, or kmalloc-192 once each list has its own lock.
 */
static long long memcg_lists_kb(void)
{
	return slab_kb("kmalloc-128") + slab_kb("kmalloc-192");
}

/* What the lists are made of: list_lru_one on v5.15, list_lru_memcg after. */
static long long list_caches_kb(void)
{
	settle_caches("2");
	return slab_kb("kmalloc-32") + memcg_lists_kb();
}

/*
 * Thousands of live memcgs that put nothing on a mount get no lists on it.
 * (The mount still costs v5.15's per-memcg shrinker maps, which grow with
 * every registered shrinker; they are not lists and not in these caches.)
 */
TEST_F(lazy, mount_cost_flat_in_live_memcgs)
{
	char path[256];
	long long clean, busy, before;
	int i;

	SKIP_NOT_LAZY();
	before = list_caches_kb();
	ASSERT_OK(mount_many(0, MOUNTS));
	clean = list_caches_kb() - before;
	ASSERT_OK(mkdir(CGROOT "/lists-live", 0755));
	ASSERT_OK(write_file(CGROOT "/lists-live/cgroup.subtree_control", "+memory"));
	for (i = 0; i < LIVE_MEMCGS; i++) {
		snprintf(path, sizeof(path), CGROOT "/lists-live/%d", i);
		ASSERT_OK(mkdir(path, 0755));
	}
	before = list_caches_kb();
	ASSERT_OK(mount_many(MOUNTS, MOUNTS));
	busy = list_caches_kb() - before;
	ksft_print_msg("kmalloc-32/128/192 for %d tmpfs mounts: %lld kB, %lld kB with %d live memcgs\n",
		       MOUNTS, clean, busy, LIVE_MEMCGS);
	/* v5.15: 2 lrus x 4 nodes x 1000 memcgs x 32 bytes = 250 kB a mount */
	ASSERT_LE(busy, clean + 64);
	ASSERT_OK(umount_many(0, 2 * MOUNTS));
	for (i = 0; i < LIVE_MEMCGS; i++) {
		snprintf(path, sizeof(path), CGROOT "/lists-live/%d", i);
		ASSERT_OK(rmdir(path));
	}
	ASSERT_OK(rmdir(CGROOT "/lists-live"));
}

/* Thousands of memcgs that once existed cost a new mount nothing. */
TEST_F(lazy, mount_cost_flat_in_dead_memcgs)
{
	char path[256];
	long long clean = 0, dirty;
	int i, round;

	SKIP_NOT_LAZY();
	/*
	 * A mount costs a few kB; slab freed meanwhile by something else
	 * (RCU callbacks, a dying memcg's last objects) can hide it.  A
	 * cost that is not positive is such noise: measure on more mounts.
	 */
	wait_no_dying();
	for (round = 0; round < COST_ROUNDS; round++) {
		clean = mount_cost_kb(round * COST_MOUNTS, COST_MOUNTS);
		if (clean > 0)
			break;
		ksft_print_msg("slab per tmpfs mount: %lld kB, measuring again\n",
			       clean);
	}
	if (round == COST_ROUNDS)
		round--;
	ASSERT_GT(clean, 0);
	ASSERT_OK(mkdir(CGROOT "/lists-dead", 0755));
	ASSERT_OK(write_file(CGROOT "/lists-dead/cgroup.subtree_control", "+memory"));
	for (i = 0; i < DEAD_MEMCGS; i++) {
		snprintf(path, sizeof(path), CGROOT "/lists-dead/%d", i);
		ASSERT_OK(mkdir(path, 0755));
	}
	for (i = 0; i < DEAD_MEMCGS; i++) {
		snprintf(path, sizeof(path), CGROOT "/lists-dead/%d", i);
		ASSERT_OK(rmdir(path));
	}
	dirty = mount_cost_kb((round + 1) * COST_MOUNTS, COST_MOUNTS);
	ksft_print_msg("slab per tmpfs mount: %lld kB, %lld kB after %d memcgs came and went\n",
		       clean, dirty, DEAD_MEMCGS);
	ASSERT_LE(dirty, clean + 4);
	ASSERT_OK(umount_many(0, (round + 2) * COST_MOUNTS));
	ASSERT_OK(rmdir(CGROOT "/lists-dead"));
}

/* Create file u<user> on each of the mounts. */
static int touch_on_mounts(void *arg)
{
	int user = *(int *)arg;
	char path[64];
	int m, fd;

	for (m = 0; m < MOUNTS; m++) {
		snprintf(path, sizeof(path), "/mnt/l%d/u%d", m, user);
		fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
		if (fd < 0)
			return -1;
		close(fd);
	}
	return 0;
}

#define USERS		100
#define LIST_BYTES_MIN	128	/* struct list_lru_memcg on 4 nodes */
#define LIST_BYTES_MAX	192

/*
 * USERS leaf memcgs, each under a parent of its own that creates nothing,
 * create one file on each of MOUNTS mounts: leaf and parent get lists on
 * that mount's two lrus (inodes and dentries), nothing else does.  Removing
 * them frees those lists.
 */
TEST_F(lazy, lists_follow_use)
{
	char cg[256];
	long long base, used, freed, lo, hi;
	int i;

	SKIP_NOT_LAZY();
	ASSERT_OK(mount_many(0, MOUNTS));
	ASSERT_OK(mkdir(CGROOT "/lists-use", 0755));
	ASSERT_OK(write_file(CGROOT "/lists-use/cgroup.subtree_control", "+memory"));
	for (i = 0; i < USERS; i++) {
		snprintf(cg, sizeof(cg), CGROOT "/lists-use/p%d", i);
		ASSERT_OK(mkdir(cg, 0755));
		strcat(cg, "/cgroup.subtree_control");
		ASSERT_OK(write_file(cg, "+memory"));
		snprintf(cg, sizeof(cg), CGROOT "/lists-use/p%d/c", i);
		ASSERT_OK(mkdir(cg, 0755));
	}
	settle_caches("2");
	base = memcg_lists_kb();
	for (i = 0; i < USERS; i++) {
		snprintf(cg, sizeof(cg), CGROOT "/lists-use/p%d/c", i);
		ASSERT_OK(run_in_cgroup(cg, touch_on_mounts, &i));
	}
	settle_caches("2");
	used = memcg_lists_kb() - base;
	for (i = 0; i < USERS; i++) {
		snprintf(cg, sizeof(cg), CGROOT "/lists-use/p%d/c", i);
		ASSERT_OK(rmdir(cg));
		snprintf(cg, sizeof(cg), CGROOT "/lists-use/p%d", i);
		ASSERT_OK(rmdir(cg));
	}
	settle_caches("2");
	freed = base + used - memcg_lists_kb();
	lo = (long long)USERS * 2 * MOUNTS * 2 * LIST_BYTES_MIN / 1024;
	hi = (long long)USERS * 2 * MOUNTS * 2 * LIST_BYTES_MAX / 1024;
	if (kmem_off()) {
		/* Nothing is charged: no memcg has lists, and no lru is memcg aware. */
		lo = 0;
		hi = 64;
	}
	ksft_print_msg("kmalloc-128/192: +%lld kB for %d memcgs x %d mounts (expected %lld-%lld), -%lld kB on rmdir\n",
		       used, 2 * USERS, MOUNTS, lo, hi, freed);
	if (kmem_off()) {
		ASSERT_LE(used, hi);
	} else {
		ASSERT_GE(used, lo * 8 / 10);
		ASSERT_LE(used, hi * 3 / 2);
		ASSERT_GE(freed, lo * 8 / 10);
	}
	ASSERT_OK(rmdir(CGROOT "/lists-use"));
	ASSERT_OK(umount_many(0, MOUNTS));
}

TEST_HARNESS_MAIN
