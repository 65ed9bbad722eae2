// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks in sibling memcgs putting dentries on one superblock's dentry lru,
 * on one NUMA node, at the same time: the case where a single lock per
 * node serialises memcgs that touch disjoint lists.
 *
 *   contend SECONDS TASKS
 *
 * Each task sits in a memcg of its own and on a CPU of its own, allocates
 * from node 0 only, and looks up names that do not exist in a directory
 * of its own on ext4 (a negative dentry each: d_alloc and list_lru_add),
 * reclaiming its memcg down every BATCH lookups (a walk that isolates
 * them).  A measurement: it prints its records, the lookups per second of
 * each task and of all,
 *
 *   contend: task=I ops=.. ops_per_s=..
 *   contend: tasks=TASKS secs=SECONDS ops=.. ops_per_s=..
 *
 * says what failed on standard error, and exits 0 if all worked, 1 if
 * not, 2 on wrong arguments (scripts/contend.sh).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/check.h"
#include "lib/memcg.h"

#define CONTEND_CG	CGROOT "/contend"
#define MNT		"/mnt/ext4"
#define BATCH		4096
#define MAX_TASKS	8
#define MPOL_BIND	2

struct task {
	int id;
	double secs;
	long long *ops;		/* shared with the parent */
};

static int bind_to_node0_and_cpu(int cpu)
{
	unsigned long mask = 1;
	cpu_set_t cpus;

	CPU_ZERO(&cpus);
	CPU_SET(cpu, &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus))
		return -1;
	return syscall(SYS_set_mempolicy, MPOL_BIND, &mask, 8 * sizeof(mask));
}

static void reclaim_self(const char *cg)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/memory.high", cg);
	write_file(path, "1");
	write_file(path, "max");
}

static int lookup_loop(void *arg)
{
	const struct task *t = arg;
	char cg[128], path[128];
	struct stat st;
	long long n = 0;
	double end;

	snprintf(cg, sizeof(cg), CONTEND_CG "/t%d", t->id);
	snprintf(path, sizeof(path), MNT "/t%d", t->id);
	if (bind_to_node0_and_cpu(t->id % 2) || (mkdir(path, 0755) && errno != EEXIST))
		return -1;
	end = now_sec() + t->secs;
	while (now_sec() < end) {
		int i;

		for (i = 0; i < BATCH; i++, n++) {
			snprintf(path, sizeof(path), MNT "/t%d/m%lld", t->id, n);
			if (stat(path, &st) == 0)
				return -1;
		}
		reclaim_self(cg);
	}
	*t->ops = n;
	return 0;
}

static int run(double secs, int tasks, long long *ops)
{
	struct task t[MAX_TASKS];
	char cg[128];
	pid_t pid[MAX_TASKS];
	int i, status, ok = 1;

	for (i = 0; i < tasks; i++) {
		snprintf(cg, sizeof(cg), CONTEND_CG "/t%d", i);
		CHECK(mkdir(cg, 0755) == 0 || errno == EEXIST);
		t[i] = (struct task){ i, secs, &ops[i] };
	}
	for (i = 0; i < tasks; i++) {
		pid[i] = fork();
		CHECK(pid[i] >= 0);
		if (pid[i] == 0) {
			snprintf(cg, sizeof(cg), CONTEND_CG "/t%d", i);
			_exit(cg_enter(cg) || lookup_loop(&t[i]) ? 1 : 0);
		}
	}
	for (i = 0; i < tasks; i++) {
		if (waitpid(pid[i], &status, 0) != pid[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status))
			ok = 0;
	}
	CHECK(ok);
	for (i = 0; i < tasks; i++) {
		snprintf(cg, sizeof(cg), CONTEND_CG "/t%d", i);
		CHECK(rmdir(cg) == 0);
	}
	return 1;
}

static int setup(void)
{
	mkdir(MNT, 0755);
	CHECK(mkdir(CONTEND_CG, 0755) == 0);
	CHECK(write_file(CONTEND_CG "/cgroup.subtree_control", "+memory") == 0);
	CHECK(mount("/dev/vda", MNT, "ext4", 0, NULL) == 0);
	return 1;
}

int main(int argc, char **argv)
{
	long long *ops, total = 0;
	double secs;
	int tasks, i, ok;

	if (argc != 3) {
		fprintf(stderr, "usage: contend SECONDS TASKS\n");
		return 2;
	}
	secs = atof(argv[1]);
	tasks = atoi(argv[2]);
	if (tasks < 1 || tasks > MAX_TASKS)
		return 2;
	ops = mmap(NULL, MAX_TASKS * sizeof(*ops), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (ops == MAP_FAILED)
		return 1;

	ok = setup() && run(secs, tasks, ops);
	for (i = 0; ok && i < tasks; i++) {
		total += ops[i];
		printf("contend: task=%d ops=%lld ops_per_s=%.0f\n", i, ops[i], ops[i] / secs);
	}
	if (ok)
		printf("contend: tasks=%d secs=%.0f ops=%lld ops_per_s=%.0f\n",
		       tasks, secs, total, total / secs);
	umount(MNT);
	rmdir(CONTEND_CG);
	return ok ? 0 : 1;
}
