// SPDX-License-Identifier: GPL-2.0
/*
 * System memory figures and settling (lib/vm.h): what /proc/meminfo,
 * /proc/vmstat, /proc/slabinfo and the dentry and inode counts say, and
 * the loops that drop caches, shrink slabs or wait until deferred frees
 * (RCU callbacks, css release work, KASAN's quarantine) are done, so that
 * what is measured next is not what the kernel had yet to free.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/vm.h"

/* "Key:   value kB" line of /proc/meminfo, in kB; -1 if absent. */
long long meminfo_kb(const char *key)
{
	return read_field("/proc/meminfo", key, ':');
}

/* Memory in use, MemTotal - MemFree, in kB. */
long long used_kb(void)
{
	return meminfo_kb("MemTotal") - meminfo_kb("MemFree");
}

long long vmstat(const char *key)
{
	return read_keyed("/proc/vmstat", key);
}

/* Memory held by the slabs of one cache, from /proc/slabinfo, in kB. */
long long slab_kb(const char *cache)
{
	char line[512], name[64];
	long active, num, objsize, perslab, pages, aslabs, nslabs;
	long long val = -1;
	FILE *f = fopen("/proc/slabinfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %ld %ld %ld %ld %ld : tunables %*d %*d %*d : slabdata %ld %ld",
			   name, &active, &num, &objsize, &perslab, &pages,
			   &aslabs, &nslabs) == 8 && !strcmp(name, cache)) {
			val = (long long)nslabs * pages * 4;
			break;
		}
	}
	fclose(f);
	return val;
}

long long nr_dentries(void)
{
	return first_number("/proc/sys/fs/dentry-state");
}

long long nr_inodes(void)
{
	return first_number("/proc/sys/fs/inode-state");
}

/*
 * Let deferred frees (RCU, css release work) finish: write @what to
 * drop_caches ("2": dentries and inodes, "3": the page cache too) until
 * Slab stops moving, for 5 seconds at most.
 */
void settle_caches(const char *what)
{
	long long prev = -1, now;
	int i;

	sync();
	for (i = 0; i < 10; i++) {
		write_file("/proc/sys/vm/drop_caches", what);
		usleep(500 * 1000);
		now = meminfo_kb("Slab");
		if (prev >= 0 && llabs(now - prev) < 32)
			break;
		prev = now;
	}
}

void mem_snapshot(struct mem_snapshot *s)
{
	settle_caches("3");
	s->used_kb = used_kb();
	s->kmalloc32_kb = slab_kb("kmalloc-32");
	s->slab_kb = meminfo_kb("Slab");
}

/*
 * Shrink every slab cache: frees their empty slabs and, with KASAN, empties
 * the quarantine of each cache, which otherwise holds freed objects back.
 */
void shrink_slabs(void)
{
	char path[512];
	struct dirent *e;
	DIR *d = opendir("/sys/kernel/slab");

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink",
			 e->d_name);
		write_file(path, "1");
	}
	closedir(d);
}

/*
 * The caches whose objects go on memcg-aware lrus, and count as
 * slab_reclaimable: dentries, inodes, xarray (shadow) nodes.
 */
const char *const lru_caches[] = {
	"dentry", "ext4_inode_cache", "xfs_inode", "shmem_inode_cache",
	"radix_tree_node", NULL
};

/*
 * On KASAN kernels v5.15 uncharges a freed slab object from its memcg only
 * when it leaves KASAN's quarantine (memcg_slab_free_hook() is called from
 * do_slab_free()): a memcg's reclaim frees its objects but its statistics
 * do not show it.  Shrinking a cache empties the quarantine of that cache.
 */
void flush_lru_caches(void)
{
	const char *const *c;
	char path[256];

	for (c = lru_caches; *c; c++) {
		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink", *c);
		write_file(path, "1");
	}
}

/*
 * Let deferred frees finish (RCU callbacks, css release work, XFS inode
 * reclaim): drop every cache and shrink the slabs until MemTotal-MemFree
 * moves by less than 256 kB in a second, for @secs seconds at most.
 */
void settle(int secs)
{
	long long prev = -1, now = 0;
	double end = now_sec() + secs;

	sync();
	while (now_sec() < end) {
		write_file("/proc/sys/vm/drop_caches", "3");
		shrink_slabs();
		sleep(1);
		now = used_kb();
		if (prev >= 0 && llabs(now - prev) < 256)
			break;
		prev = now;
	}
}

/*
 * Wait until the dentry and inode counts have not moved for 1.5 s (RCU
 * frees done; they come in bursts on a slow kernel), @secs seconds at
 * most.  Drops nothing.
 */
void quiesce(int secs)
{
	long long d = -1, i = -1, d2, i2;
	double end = now_sec() + secs;
	int still = 0;

	while (still < 3 && now_sec() < end) {
		usleep(500 * 1000);
		d2 = nr_dentries();
		i2 = nr_inodes();
		still = d2 == d && i2 == i ? still + 1 : 0;
		d = d2;
		i = i2;
	}
}
