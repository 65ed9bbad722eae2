// SPDX-License-Identifier: GPL-2.0
/*
 * Memory cgroups (lib/memcg.h): whether slab is charged at all, moving a
 * task into a memcg or running a function in a child there, reading a
 * memcg's statistics (per node, too), making and removing memcgs one by
 * one, by range or by tree, reclaiming all a memcg can give back, and
 * waiting for removed memcgs to be freed.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/memcg.h"

/*
 * Whether kernel memory accounting is off (cgroup.memory=nokmem on the
 * kernel command line): no slab object is charged to a memcg then.
 */
int kmem_off(void)
{
	char buf[4096];

	return read_file("/proc/cmdline", buf, sizeof(buf)) == 0 &&
	       strstr(buf, "cgroup.memory=nokmem") != NULL;
}

/* Move the calling process into cgroup @cg (a path under CGROOT). */
int cg_enter(const char *cg)
{
	char path[512], pid[32];

	snprintf(path, sizeof(path), "%s/cgroup.procs", cg);
	snprintf(pid, sizeof(pid), "%d", getpid());
	return write_file(path, pid);
}

/*
 * Start @fn(@arg) in a child process inside cgroup @cg (none if NULL), so
 * that what it allocates is charged there.  The child exits 0 if @fn
 * returned 0, 1 if not, 2 if it could not enter @cg.
 */
pid_t fork_in_cgroup(const char *cg, int (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (cg && cg_enter(cg))
			_exit(2);
		_exit(fn(arg) ? 1 : 0);
	}
	return pid;
}

/* fork_in_cgroup() and wait: returns 0 if @fn returned 0. */
int run_in_cgroup(const char *cg, int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork_in_cgroup(cg, fn, arg);

	if (pid < 0)
		return -1;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

long long cg_read(const char *cg, const char *file)
{
	char path[512], buf[64];

	snprintf(path, sizeof(path), "%s/%s", cg, file);
	if (read_file(path, buf, sizeof(buf)))
		return -1;
	return atoll(buf);
}

long long cg_stat(const char *cg, const char *key)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/memory.stat", cg);
	return read_keyed(path, key);
}

/* A memcg's cgroup.stat value, e.g. nr_dying_descendants. */
long long cg_stat_value(const char *cg, const char *key)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/cgroup.stat", cg);
	return read_keyed(path, key);
}

/*
 * Per-node values of @key in @cg's memory.numa_stat (bytes for the slab
 * keys) into @node; returns their sum, or -1 if the key is absent.
 * Reading numa_stat flushes the memcg statistics first.
 */
long long numa_stat(const char *cg, const char *key, long long node[NODES])
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
const char *per_node_kb(const long long node[NODES], int nodes, char *buf,
			size_t len)
{
	size_t off = 0;
	int n;

	buf[0] = '\0';
	for (n = 0; n < nodes && off < len; n++)
		off += snprintf(buf + off, len - off, "%sN%d=%lld", n ? " " : "",
				n, node[n] / 1024);
	return buf;
}

int nodes_below(const long long node[NODES], long long eps)
{
	int n;

	for (n = 0; n < NODES; n++)
		if (node[n] > eps)
			return 0;
	return 1;
}

/* @op on @dir/cg@from ... @dir/cg(@to - 1); -1 at the first that fails. */
static int for_range(const char *dir, int from, int to,
		     int (*op)(const char *path))
{
	char path[256];
	int i;

	for (i = from; i < to; i++) {
		snprintf(path, sizeof(path), "%s/cg%d", dir, i);
		if (op(path))
			return -1;
	}
	return 0;
}

static int mkdir_cg(const char *path)
{
	return mkdir(path, 0755);
}

/* mkdir @dir/cg@from ... @dir/cg(@to - 1); -1 at the first that fails. */
int mkdir_range(const char *dir, int from, int to)
{
	return for_range(dir, from, to, mkdir_cg);
}

/* rmdir what mkdir_range() made; -1 at the first that fails. */
int rmdir_range(const char *dir, int from, int to)
{
	return for_range(dir, from, to, rmdir);
}

/* mkdir a memcg; with @parent, let its children have memory too. */
int mkcg(const char *cg, int parent)
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
int rmcg(const char *cg)
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

/* Remove every cgroup below @cg, deepest first, and @cg itself if @self. */
void rmcg_tree(const char *cg, int self)
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

/*
 * Reclaim all that @cg and its descendants can give back through their
 * own lists: with memory.high 0 the writer reclaims until nothing more
 * goes.  Then lift the limit.
 */
int reclaim_all(const char *cg)
{
	char path[512];
	int ret;

	snprintf(path, sizeof(path), "%s/memory.high", cg);
	ret = write_file(path, "0");
	write_file(path, "max");
	return ret;
}

/*
 * Wait until @cg has no dying descendants, dropping caches (a dying memcg
 * lives as long as pages charged to it); @secs at most.  Returns how many
 * are left.
 */
long long wait_dying(const char *cg, int secs, int drop)
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
