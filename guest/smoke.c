// SPDX-License-Identifier: GPL-2.0
/*
 * Smoke suite: the guest is what the other tests assume it is.
 *
 * 4 NUMA nodes online, the cgroup v2 memory controller on, a memcg can be
 * created, used and removed, and tmpfs, ext4 and XFS mount and take files
 * whose inodes and dentries are charged to the memcg that created them.
 */
#include <dirent.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "lib/fs.h"
#include "lib/ktap.h"
#include "lib/memcg.h"

#define NFILES	2000
/* A dentry alone is 192 bytes; an inode is larger on every filesystem. */
#define MIN_CHARGE_PER_FILE	256

struct fs {
	const char *name;
	const char *dev;	/* NULL: no block device */
	const char *dir;
};

static const struct fs filesystems[] = {
	{ "tmpfs", NULL, "/mnt/tmpfs" },
	{ "ext4", "/dev/vda", "/mnt/ext4" },
	{ "xfs", "/dev/vdb", "/mnt/xfs" },
};

static int numa_nodes_online(void)
{
	char buf[64];

	CHECK(read_file("/sys/devices/system/node/online", buf, sizeof(buf)) == 0);
	ktap_diag("nodes online: %s", strtok(buf, "\n"));
	CHECK(!strcmp(buf, "0-3"));
	return 1;
}

static int memory_controller_on(void)
{
	char buf[256];

	CHECK(read_file(CGROOT "/cgroup.controllers", buf, sizeof(buf)) == 0);
	CHECK(strstr(buf, "memory"));
	CHECK(read_file(CGROOT "/cgroup.subtree_control", buf, sizeof(buf)) == 0);
	CHECK(strstr(buf, "memory"));
	return 1;
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

static int mount_fs(const struct fs *fs)
{
	mkdir(fs->dir, 0755);
	if (!fs->dev)
		return mount("tmpfs", fs->dir, "tmpfs", 0, NULL);
	return mount(fs->dev, fs->dir, fs->name, 0, NULL);
}

static int memcg_create_use_remove(void)
{
	const char *cg = CGROOT "/smoke";
	struct stat st;

	CHECK(mkdir(cg, 0755) == 0);
	CHECK(create_files_in(cg, "/tmp", 100) == 0);
	ktap_diag("memory.current after 100 files: %lld", cg_read(cg, "memory.current"));
	/* Empty files on tmpfs: slab only, which nokmem does not charge. */
	CHECK(kmem_off() || cg_read(cg, "memory.current") > 0);
	CHECK(count_files("/tmp") == 100);
	CHECK(remove_files("/tmp", 100) == 0);
	CHECK(rmdir(cg) == 0);
	CHECK(stat(cg, &st) < 0 && errno == ENOENT);
	return 1;
}

/*
 * Mount, create NFILES files from inside a fresh memcg, check the memcg was
 * charged for their slab objects, check they persist across a remount on a
 * block filesystem, remove them, unmount.
 */
static int fs_files_charged(const struct fs *fs)
{
	char cg[256];
	long long before, after;

	snprintf(cg, sizeof(cg), CGROOT "/smoke-%s", fs->name);
	CHECK(mkdir(cg, 0755) == 0);
	CHECK(mount_fs(fs) == 0);
	before = cg_stat(cg, "slab");
	CHECK(before >= 0);
	CHECK(create_files_in(cg, fs->dir, NFILES) == 0);
	after = cg_stat(cg, "slab");
	ktap_diag("%s: %d files charged %lld bytes of slab to the memcg",
		  fs->name, NFILES, after - before);
	if (kmem_off())
		CHECK(after - before == 0);
	else
		CHECK(after - before >= (long long)NFILES * MIN_CHARGE_PER_FILE);
	CHECK(count_files(fs->dir) == NFILES);
	if (fs->dev) {
		CHECK(umount(fs->dir) == 0);
		CHECK(mount_fs(fs) == 0);
		CHECK(count_files(fs->dir) == NFILES);
	}
	CHECK(remove_files(fs->dir, NFILES) == 0);
	CHECK(umount(fs->dir) == 0);
	CHECK(rmdir(cg) == 0);
	return 1;
}

int main(void)
{
	unsigned int i;

	ktap_suite("smoke", 3 + 3);
	ktap_result(numa_nodes_online(), "numa_nodes_online");
	ktap_result(memory_controller_on(), "memory_controller_on");
	ktap_result(memcg_create_use_remove(), "memcg_create_use_remove");
	for (i = 0; i < 3; i++) {
		char name[64];

		snprintf(name, sizeof(name), "%s_files_charged_to_memcg",
			 filesystems[i].name);
		ktap_result(fs_files_charged(&filesystems[i]), name);
	}
	return ktap_exit();
}
