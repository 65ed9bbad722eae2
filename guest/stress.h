/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of guest/stress.c: the kernel log since a mark, per-node memcg
 * statistics, object counts, reclaim and settling.
 */
#ifndef GUEST_STRESS_H
#define GUEST_STRESS_H

#include <dirent.h>
#include <signal.h>
#include <sys/vfs.h>
#include "ktap.h"
#include "util.h"

#define NODES		8	/* at most this many N<n>= columns are read */

/*
 * What counts as a kernel report: scripts/kernel-reports.txt, the list
 * scripts/ktap.py judges the run by, made into kernel-reports.h by
 * scripts/initramfs.sh.
 */
static const char *const kernel_reports[] = {
#include "kernel-reports.h"
	NULL
};

/* /dev/kmsg opened at its end: kmsg_reports() reads what comes after. */
static inline int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	return fd;
}

static inline int is_report(const char *msg)
{
	const char *const *p;

	for (p = kernel_reports; *p; p++)
		if (strstr(msg, *p))
			return 1;
	return 0;
}

/*
 * Kernel reports logged since kmsg_open() gave @fd; the first few are
 * shown as diagnostics.  Closes @fd.
 */
static inline int kmsg_reports(int fd)
{
	char rec[8192], *msg, *end;
	ssize_t len;
	int n = 0;

	if (fd < 0)
		return 0;
	for (;;) {
		len = read(fd, rec, sizeof(rec) - 1);
		if (len < 0 && errno == EPIPE)
			continue;	/* overwritten records: go on */
		if (len <= 0)
			break;
		rec[len] = '\0';
		msg = strchr(rec, ';');
		if (!msg)
			continue;
		msg++;
		end = strchr(msg, '\n');
		if (end)
			*end = '\0';
		if (is_report(msg) && ++n <= 5)
			ktap_diag("kernel: %s", msg);
	}
	close(fd);
	return n;
}

/*
 * Per-node values of @key in @cg's memory.numa_stat (bytes for the slab
 * keys) into @node; returns their sum, or -1 if the key is absent.
 * Reading numa_stat flushes the memcg statistics first.
 */
static inline long long numa_stat(const char *cg, const char *key,
				  long long node[NODES])
{
	char path[512], line[1024], *p;
	size_t klen = strlen(key);
	long long sum = -1, v;
	int n;
	FILE *f;

	memset(node, 0, NODES * sizeof(*node));
	snprintf(path, sizeof(path), "%s/memory.numa_stat", cg);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (sum < 0 && fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, klen) || line[klen] != ' ')
			continue;
		sum = 0;
		for (p = line + klen; (p = strstr(p, " N")); p += 2) {
			if (sscanf(p, " N%d=%lld", &n, &v) == 2 &&
			    n >= 0 && n < NODES) {
				node[n] = v;
				sum += v;
			}
		}
	}
	fclose(f);
	return sum;
}

/* "N0=a N1=b ..." of @node for the first @nodes nodes, in kB. */
static inline const char *per_node_kb(const long long node[NODES], int nodes,
				      char *buf, size_t len)
{
	size_t off = 0;
	int n;

	buf[0] = '\0';
	for (n = 0; n < nodes && off < len; n++)
		off += snprintf(buf + off, len - off, "%sN%d=%lld", n ? " " : "",
				n, node[n] / 1024);
	return buf;
}

/* First number of a file such as /proc/sys/fs/dentry-state. */
static inline long long first_number(const char *path)
{
	char buf[256];

	if (read_file(path, buf, sizeof(buf)))
		return -1;
	return atoll(buf);
}

static inline long long nr_dentries(void)
{
	return first_number("/proc/sys/fs/dentry-state");
}

static inline long long nr_inodes(void)
{
	return first_number("/proc/sys/fs/inode-state");
}

static inline long long vmstat(const char *key)
{
	return read_keyed("/proc/vmstat", key);
}

/* Memory in use, MemTotal - MemFree, in kB. */
static inline long long used_kb(void)
{
	return meminfo_kb("MemTotal") - meminfo_kb("MemFree");
}

/*
 * Shrink every slab cache: frees their empty slabs and, with KASAN, empties
 * the quarantine of each cache, which otherwise holds freed objects back.
 */
static inline void shrink_slabs(void)
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
static const char *const lru_caches[] = {
	"dentry", "ext4_inode_cache", "xfs_inode", "shmem_inode_cache",
	"radix_tree_node", NULL
};

/*
 * On KASAN kernels v5.15 uncharges a freed slab object from its memcg only
 * when it leaves KASAN's quarantine (memcg_slab_free_hook() is called from
 * do_slab_free()): a memcg's reclaim frees its objects but its statistics
 * do not show it.  Shrinking a cache empties the quarantine of that cache.
 */
static inline void flush_lru_caches(void)
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
static inline void settle(int secs)
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
static inline void quiesce(int secs)
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

/*
 * Reclaim all that @cg and its descendants can give back through their
 * own lists: with memory.high 0 the writer reclaims until nothing more
 * goes.  Then lift the limit.
 */
static inline int reclaim_all(const char *cg)
{
	char path[512];
	int ret;

	snprintf(path, sizeof(path), "%s/memory.high", cg);
	ret = write_file(path, "0");
	write_file(path, "max");
	return ret;
}

static inline int nodes_below(const long long node[NODES], long long eps)
{
	int n;

	for (n = 0; n < NODES; n++)
		if (node[n] > eps)
			return 0;
	return 1;
}

/*
 * Have the file systems finish what they defer: write back (an inode
 * that was dirty reaches the lru only then), and XFS's inactivation of
 * deleted inodes, which v5.15 queues until 256 are pending on a CPU and
 * statfs() flushes; XFS frees them after that, in the background.
 */
static inline void flush_deferred(void)
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
static inline long long reclaim_until(const char *cg, long long eps, int secs,
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
static inline int warm_bdev(const char *dev)
{
	return read_all(dev);
}

/* mkdir a memcg; with @parent, let its children have memory too. */
static inline int mkcg(const char *cg, int parent)
{
	char path[512];

	if (mkdir(cg, 0755) && errno != EEXIST)
		return -1;
	if (!parent)
		return 0;
	snprintf(path, sizeof(path), "%s/cgroup.subtree_control", cg);
	return write_file(path, "+memory");
}

/* rmdir, retrying while the memcg still shows tasks that just left it. */
static inline int rmcg(const char *cg)
{
	int i;

	for (i = 0; i < 100; i++) {
		if (!rmdir(cg) || errno == ENOENT)
			return 0;
		if (errno != EBUSY)
			return -1;
		usleep(20 * 1000);
	}
	return -1;
}

/* A memcg's cgroup.stat value, e.g. nr_dying_descendants. */
static inline long long cg_stat_value(const char *cg, const char *key)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/cgroup.stat", cg);
	return read_keyed(path, key);
}

/*
 * Wait until @cg has no dying descendants, dropping caches (a dying memcg
 * lives as long as pages charged to it); @secs at most.  Returns how many
 * are left.
 */
static inline long long wait_dying(const char *cg, int secs, int drop)
{
	double end = now_sec() + secs;
	long long n;

	while ((n = cg_stat_value(cg, "nr_dying_descendants")) > 0 &&
	       now_sec() < end) {
		if (drop)
			write_file("/proc/sys/vm/drop_caches", "3");
		usleep(200 * 1000);
	}
	return n;
}

static inline int rm_rf(const char *path)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", path);
	return system(cmd);
}

/* Remove every cgroup below @cg, deepest first, and @cg itself if @self. */
static inline void rmcg_tree(const char *cg, int self)
{
	char path[1024];
	struct dirent *e;
	DIR *d = opendir(cg);

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%.500s/%.255s", cg, e->d_name);
		rmcg_tree(path, 1);
	}
	closedir(d);
	if (self)
		rmcg(cg);
}

#endif
