// SPDX-License-Identifier: GPL-2.0
/*
 * The seed's scenario: create N memcgs, remove all but K, then mount M
 * tmpfs and measure what the mounts cost in memory and time.
 *
 *   demo N K M
 *
 * Prints one "# demo: key=value ..." line that the host turns into a table,
 * inside a KTAP suite whose cases say whether each step worked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/ktap.h"
#include "lib/memcg.h"
#include "lib/vm.h"

#define DEMO_CG	CGROOT "/demo"

static int make_memcgs(int n, double *secs)
{
	double t0 = now_sec();

	CHECK(mkdir(DEMO_CG, 0755) == 0);
	CHECK(write_file(DEMO_CG "/cgroup.subtree_control", "+memory") == 0);
	CHECK(mkdir_range(DEMO_CG, 0, n) == 0);
	*secs = now_sec() - t0;
	return 1;
}

static int remove_memcgs(int from, int to)
{
	CHECK(rmdir_range(DEMO_CG, from, to) == 0);
	return 1;
}

static int mount_all(int m, double *secs)
{
	char path[64];
	double t0;
	int i;

	for (i = 0; i < m; i++) {
		snprintf(path, sizeof(path), "/mnt/demo%d", i);
		CHECK(mkdir(path, 0755) == 0);
	}
	t0 = now_sec();
	for (i = 0; i < m; i++) {
		snprintf(path, sizeof(path), "/mnt/demo%d", i);
		CHECK(mount("tmpfs", path, "tmpfs", 0, NULL) == 0);
	}
	*secs = now_sec() - t0;
	return 1;
}

static int umount_all(int m)
{
	char path[64];
	int i;

	for (i = 0; i < m; i++) {
		snprintf(path, sizeof(path), "/mnt/demo%d", i);
		CHECK(umount(path) == 0);
		CHECK(rmdir(path) == 0);
	}
	return 1;
}

int main(int argc, char **argv)
{
	struct mem_snapshot before, after;
	double mkdir_s = 0, mount_s = 0;
	int n, k, m;

	if (argc != 4) {
		fprintf(stderr, "usage: demo N K M\n");
		return 2;
	}
	n = atoi(argv[1]);
	k = atoi(argv[2]);
	m = atoi(argv[3]);
	if (k > n)
		k = n;

	printf("TAP version 14\n1..1\n");
	ktap_suite("demo", 5);
	ktap_result(make_memcgs(n, &mkdir_s), "create_memcgs");
	ktap_result(remove_memcgs(k, n), "remove_all_but_k");
	mem_snapshot(&before);
	ktap_result(mount_all(m, &mount_s), "mount_tmpfs");
	mem_snapshot(&after);
	ktap_result(umount_all(m), "umount_tmpfs");
	ktap_result(remove_memcgs(0, k) && rmdir(DEMO_CG) == 0, "remove_memcgs");
	printf("# demo: n=%d k=%d m=%d mem_kb=%lld kmalloc32_kb=%lld slab_kb=%lld mount_ms=%.0f mkdir_ms=%.0f\n",
	       n, k, m, after.used_kb - before.used_kb,
	       after.kmalloc32_kb - before.kmalloc32_kb,
	       after.slab_kb - before.slab_kb, mount_s * 1000, mkdir_s * 1000);
	printf("%sok 1 - demo\n", ktap_failures ? "not " : "");
	return ktap_exit();
}
