/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers the guest programs share: cgroup, proc and sysfs files, memcgs, dentries. */
#ifndef GUEST_UTIL_H
#define GUEST_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#define CGROOT "/sys/fs/cgroup"

static inline int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static inline int read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/*
 * Whether kernel memory accounting is off (cgroup.memory=nokmem on the
 * kernel command line): no slab object is charged to a memcg then.
 */
static inline int kmem_off(void)
{
	char buf[4096];

	return read_file("/proc/cmdline", buf, sizeof(buf)) == 0 &&
	       strstr(buf, "cgroup.memory=nokmem") != NULL;
}

/* Value of "key value" line in a file such as memory.stat; -1 if absent. */
static inline long long read_keyed(const char *path, const char *key)
{
	char line[256];
	size_t klen = strlen(key);
	long long val = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, klen) && line[klen] == ' ') {
			val = atoll(line + klen + 1);
			break;
		}
	}
	fclose(f);
	return val;
}

/* "Key:   value kB" line of /proc/meminfo, in kB; -1 if absent. */
static inline long long meminfo_kb(const char *key)
{
	char line[256];
	size_t klen = strlen(key);
	long long val = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, klen) && line[klen] == ':') {
			val = atoll(line + klen + 1);
			break;
		}
	}
	fclose(f);
	return val;
}

/* Memory held by the slabs of one cache, from /proc/slabinfo, in kB. */
static inline long long slab_kb(const char *cache)
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

/*
 * Let deferred frees (RCU, css release work) finish: write @what to
 * drop_caches ("2": dentries and inodes, "3": the page cache too) until
 * Slab stops moving, for 5 seconds at most.
 */
static inline void settle_caches(const char *what)
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

/*
 * What the memory of the system is, once settled: make demo and make
 * bench measure the same way, so their figures can be compared.
 */
struct mem_snapshot {
	long long used_kb, kmalloc32_kb, slab_kb;
};

static inline void mem_snapshot(struct mem_snapshot *s)
{
	settle_caches("3");
	s->used_kb = meminfo_kb("MemTotal") - meminfo_kb("MemFree");
	s->kmalloc32_kb = slab_kb("kmalloc-32");
	s->slab_kb = meminfo_kb("Slab");
}

/* Read @path to its end: its pages are cached, charged to the caller's memcg. */
static inline int read_all(const char *path)
{
	static char buf[1 << 20];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	close(fd);
	return n < 0 ? -1 : 0;
}

/* mkdir @dir/cg@from ... @dir/cg(@to - 1); -1 at the first that fails. */
static inline int mkdir_range(const char *dir, int from, int to)
{
	char path[256];
	int i;

	for (i = from; i < to; i++) {
		snprintf(path, sizeof(path), "%s/cg%d", dir, i);
		if (mkdir(path, 0755))
			return -1;
	}
	return 0;
}

/* rmdir what mkdir_range() made; -1 at the first that fails. */
static inline int rmdir_range(const char *dir, int from, int to)
{
	char path[256];
	int i;

	for (i = from; i < to; i++) {
		snprintf(path, sizeof(path), "%s/cg%d", dir, i);
		if (rmdir(path))
			return -1;
	}
	return 0;
}

/*
 * In @dir/d: create the empty files f@from ... f(@to - 1), closed again
 * (their dentries and inodes unused, on the lrus), and look up the
 * missing names missing@nfrom ... missing(@nto - 1), leaving negative
 * dentries.  -1 on the first failure.
 */
static inline int make_dentries(const char *dir, int from, int to,
				int nfrom, int nto)
{
	char path[512];
	struct stat st;
	int i, fd;

	snprintf(path, sizeof(path), "%s/d", dir);
	if (mkdir(path, 0755) && errno != EEXIST)
		return -1;
	for (i = from; i < to; i++) {
		snprintf(path, sizeof(path), "%s/d/f%d", dir, i);
		fd = open(path, O_CREAT | O_WRONLY, 0644);
		if (fd < 0)
			return -1;
		close(fd);
	}
	for (i = nfrom; i < nto; i++) {
		snprintf(path, sizeof(path), "%s/d/missing%d", dir, i);
		if (stat(path, &st) == 0)
			return -1;
	}
	return 0;
}

static inline double now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Move the calling process into cgroup @cg (a path under CGROOT). */
static inline int cg_enter(const char *cg)
{
	char path[512], pid[32];

	snprintf(path, sizeof(path), "%s/cgroup.procs", cg);
	snprintf(pid, sizeof(pid), "%d", getpid());
	return write_file(path, pid);
}

/*
 * Run @fn(@arg) in a child process inside cgroup @cg (none if NULL), so that
 * what it allocates is charged there.  Returns 0 if @fn returned 0.
 */
static inline int run_in_cgroup(const char *cg, int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (cg && cg_enter(cg))
			_exit(2);
		_exit(fn(arg) ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static inline long long cg_read(const char *cg, const char *file)
{
	char path[512], buf[64];

	snprintf(path, sizeof(path), "%s/%s", cg, file);
	if (read_file(path, buf, sizeof(buf)))
		return -1;
	return atoll(buf);
}

static inline long long cg_stat(const char *cg, const char *key)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/memory.stat", cg);
	return read_keyed(path, key);
}

#endif
