// SPDX-License-Identifier: GPL-2.0
/*
 * Smoke suite: the guest is what the other tests assume it is.
 *
 * 4 NUMA nodes online, the cgroup v2 memory controller on, a memcg can be
 * created, used and removed, and tmpfs, ext4 and XFS mount and take files
 * whose inodes and dentries are charged to the memcg that created them.
 *
 * kselftest_harness.h tests (lib/harness.h): three TEST()s, then
 * FIXTURE(smoke), a fresh memcg and a mount, with a variant per file
 * system: smoke.tmpfs.files_charged_to_memcg and so on.
 */
#include <dirent.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "lib/fs.h"
#include "lib/harness.h"
#include "lib/memcg.h"

#define NFILES	2000
/* A dentry alone is 192 bytes; an inode is larger on every filesystem. */
#define MIN_CHARGE_PER_FILE	256

TEST(numa_nodes_online)
{
	char buf[64];

	ASSERT_OK(read_file("/sys/devices/system/node/online", buf, sizeof(buf)));
	ksft_print_msg("nodes online: %s\n", strtok(buf, "\n"));
	ASSERT_STREQ("0-3", buf);
}

TEST(memory_controller_on)
{
	char buf[256];

	ASSERT_OK(read_file(CGROOT "/cgroup.controllers", buf, sizeof(buf)));
	ASSERT_NE(NULL, strstr(buf, "memory")) TH_LOG("controllers: %s", buf);
	ASSERT_OK(read_file(CGROOT "/cgroup.subtree_control", buf, sizeof(buf)));
	ASSERT_NE(NULL, strstr(buf, "memory")) TH_LOG("subtree_control: %s", buf);
}

struct files {
	const char *dir;
	int n;
};

/* Create files->n empty files files->dir/d/fN. */
static int create_files(void *arg)
{
	const struct files *f = arg;
	char path[512];

	snprintf(path, sizeof(path), "%s/d", f->dir);
	if (mkdir(path, 0755) && errno != EEXIST)
		return -1;
	return touch_files(path, 0, f->n);
}

static int create_files_in(const char *cg, const char *dir, int n)
{
	struct files f = { dir, n };

	return run_in_cgroup(cg, create_files, &f);
}

static int count_files(const char *dir)
{
	char path[512];
	struct dirent *de;
	int n = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s/d", dir);
	d = opendir(path);
	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static int remove_files(const char *dir, int n)
{
	char path[512];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/d/f%d", dir, i);
		if (unlink(path))
			return -1;
	}
	snprintf(path, sizeof(path), "%s/d", dir);
	return rmdir(path);
}

TEST(memcg_create_use_remove)
{
	const char *cg = CGROOT "/smoke";
	struct stat st;

	ASSERT_OK(mkdir(cg, 0755));
	ASSERT_OK(create_files_in(cg, "/tmp", 100));
	ksft_print_msg("memory.current after 100 files: %lld\n",
		       cg_read(cg, "memory.current"));
	/* Empty files on tmpfs: slab only, which nokmem does not charge. */
	if (!kmem_off()) {
		ASSERT_GT(cg_read(cg, "memory.current"), 0);
	}
	ASSERT_EQ(100, count_files("/tmp"));
	ASSERT_OK(remove_files("/tmp", 100));
	ASSERT_OK(rmdir(cg));
	ASSERT_GT(0, stat(cg, &st));
	ASSERT_EQ(ENOENT, errno);
}

/* A file system to mount, fresh, and a memcg to create files from. */
FIXTURE(smoke) {
	char cg[256];
	const FIXTURE_VARIANT(smoke) *fs;
};

FIXTURE_VARIANT(smoke) {
	const char *name;
	const char *dev;	/* NULL: no block device */
	const char *dir;
};

FIXTURE_VARIANT_ADD(smoke, tmpfs) { "tmpfs", NULL, "/mnt/tmpfs" };
FIXTURE_VARIANT_ADD(smoke, ext4) { "ext4", "/dev/vda", "/mnt/ext4" };
FIXTURE_VARIANT_ADD(smoke, xfs) { "xfs", "/dev/vdb", "/mnt/xfs" };

static int mount_fs(const FIXTURE_VARIANT(smoke) *fs)
{
	mkdir(fs->dir, 0755);
	if (!fs->dev)
		return mount("tmpfs", fs->dir, "tmpfs", 0, NULL);
	return mount(fs->dev, fs->dir, fs->name, 0, NULL);
}

/* What a test that failed left: nothing is left of one that passed. */
static void smoke_cleanup(void *arg)
{
	FIXTURE_DATA(smoke) *self = arg;
	char path[512];

	snprintf(path, sizeof(path), "%s/d", self->fs->dir);
	rm_rf(path);
	umount(self->fs->dir);
	rmdir(self->cg);
}

FIXTURE_SETUP(smoke)
{
	self->fs = variant;
	snprintf(self->cg, sizeof(self->cg), CGROOT "/smoke-%s", variant->name);
	cleanup_on_abort(smoke_cleanup, self);
	ASSERT_OK(mkdir(self->cg, 0755));
	ASSERT_OK(mount_fs(variant));
}

FIXTURE_TEARDOWN(smoke)
{
	smoke_cleanup(self);
}

/*
 * Create NFILES files from inside the fresh memcg, check the memcg was
 * charged for their slab objects, check they persist across a remount on
 * a block filesystem, remove them, unmount.
 */
TEST_F(smoke, files_charged_to_memcg)
{
	long long before, after;

	before = cg_stat(self->cg, "slab");
	ASSERT_GE(before, 0);
	ASSERT_OK(create_files_in(self->cg, variant->dir, NFILES));
	after = cg_stat(self->cg, "slab");
	ksft_print_msg("%s: %d files charged %lld bytes of slab to the memcg\n",
		       variant->name, NFILES, after - before);
	if (kmem_off()) {
		ASSERT_EQ(0, after - before);
	} else {
		ASSERT_GE(after - before, (long long)NFILES * MIN_CHARGE_PER_FILE);
	}
	ASSERT_EQ(NFILES, count_files(variant->dir));
	if (variant->dev) {
		ASSERT_OK(umount(variant->dir));
		ASSERT_OK(mount_fs(variant));
		ASSERT_EQ(NFILES, count_files(variant->dir));
	}
	ASSERT_OK(remove_files(variant->dir, NFILES));
	ASSERT_OK(umount(variant->dir));
	ASSERT_OK(rmdir(self->cg));
}

TEST_HARNESS_MAIN
