// SPDX-License-Identifier: GPL-2.0
/*
 * File helpers (lib/fs.h): small proc, sysfs and cgroupfs files read and
 * written whole, "key value" lines looked up, files read through (their
 * pages cached and charged to the reader's memcg) or written, and the
 * populations of files and negative dentries the suites make and remove.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "lib/fs.h"

int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

int read_file(const char *path, char *buf, size_t len)
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
 * Value of the "@key@sep value" line of @path (@sep: ' ' in memory.stat,
 * ':' in /proc/meminfo); -1 if absent.
 */
long long read_field(const char *path, const char *key, char sep)
{
	char line[256];
	size_t klen = strlen(key);
	long long val = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, klen) && line[klen] == sep) {
			val = atoll(line + klen + 1);
			break;
		}
	}
	fclose(f);
	return val;
}

/* Value of "key value" line in a file such as memory.stat; -1 if absent. */
long long read_keyed(const char *path, const char *key)
{
	return read_field(path, key, ' ');
}

/* First number of a file such as /proc/sys/fs/dentry-state. */
long long first_number(const char *path)
{
	char buf[256];

	if (read_file(path, buf, sizeof(buf)))
		return -1;
	return atoll(buf);
}

/* Read @path to its end: its pages are cached, charged to the caller's memcg. */
int read_all(const char *path)
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

/* Write @mb MB to @path (made or truncated); -1 if a write falls short. */
int write_mb(const char *path, int mb)
{
	static char buf[1 << 20];
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	int i;

	if (fd < 0)
		return -1;
	memset(buf, 0x5a, sizeof(buf));
	for (i = 0; i < mb; i++) {
		if (write(fd, buf, sizeof(buf)) != sizeof(buf)) {
			close(fd);
			return -1;
		}
	}
	return close(fd);
}

/*
 * Create the empty files @dir/f@from ... f(@to - 1), closed again (their
 * dentries and inodes unused); -1 at the first that fails.
 */
int touch_files(const char *dir, int from, int to)
{
	char path[1024];
	int i, fd;

	for (i = from; i < to; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		fd = open(path, O_CREAT | O_WRONLY, 0644);
		if (fd < 0)
			return -1;
		close(fd);
	}
	return 0;
}

/*
 * Look up the missing names @dir/@name@from ... @name(@to - 1), leaving
 * negative dentries; -1 if one of them exists.
 */
int lookup_missing(const char *dir, const char *name, int from, int to)
{
	char path[1024];
	struct stat st;
	int i;

	for (i = from; i < to; i++) {
		snprintf(path, sizeof(path), "%s/%s%d", dir, name, i);
		if (stat(path, &st) == 0)
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
int make_dentries(const char *dir, int from, int to, int nfrom, int nto)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/d", dir);
	if (mkdir(path, 0755) && errno != EEXIST)
		return -1;
	if (touch_files(path, from, to))
		return -1;
	return lookup_missing(path, "missing", nfrom, nto);
}

/* rm -rf @path (a shell word list: several paths, or a glob). */
int rm_rf(const char *path)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", path);
	return system(cmd);
}
