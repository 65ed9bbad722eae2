// SPDX-License-Identifier: GPL-2.0
/*
 * The list_lru KUnit suites, run from a module against real memory cgroups.
 *
 * KUnit cannot make cgroups, so this program makes them: /kunit/a/b, whose
 * objects the list_lru_memcg cases allocate (b has an ancestor, a, below
 * the root), and /kunit/c, a sibling that allocates nothing, with the
 * memory controller enabled down to both, and /kunit/v/w, the victim of
 * reparent_races_add_del, which a child of this program removes while
 * that case adds and deletes its objects: once the victim's
 * memory.current turns non-zero, the case has allocated them.  Likewise
 * /kunit/r/x is removed during id_reused_under_lookup by a second child
 * on CPU 0, which then makes /kunit/r/n0 .. n63 so that one of them gets
 * x's freed ID.  It loads
 * list_lru_kunit.ko with their paths, which runs the suites, and copies
 * each suite's results from debugfs into this program's KTAP, one subtest
 * per suite.
 *
 * The module looks the paths up with cgroup_get_from_path(), so no task
 * has to move into the cgroups: a memcg is online from mkdir to rmdir.
 * A memcg case that is skipped fails here, since the cgroups it would
 * need were given.  Skipped where the kernel has no such module (v5.15).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/ktap.h"
#include "lib/memcg.h"

#define KUNIT_DIR	"/sys/kernel/debug/kunit"
#define SUITE_PREFIX	"list_lru"
#define MEMCG_SUITE	"list_lru_memcg"
#define VICTIM		CGROOT "/kunit/v/w"
#define REUSED		CGROOT "/kunit/r/x"
#define REUSE_NEW	CGROOT "/kunit/r/n"
#define REUSE_NEW_MAX	64
#define PARAMS		"memcg_path=/kunit/a/b sibling_path=/kunit/c " \
			"victim_path=/kunit/v/w"
#define REUSE_PARAMS	" reuse_path=/kunit/r/x reuse_new=/kunit/r/n"
#define REMOVE_WAIT_S	120	/* for the case to charge the victim */

/* Children after their parents: rmdir goes backwards. */
static const char *const cgroups[] = {
	CGROOT "/kunit", CGROOT "/kunit/a", CGROOT "/kunit/a/b",
	CGROOT "/kunit/c", CGROOT "/kunit/v", VICTIM, CGROOT "/kunit/r", REUSED,
};

#define NR_CGROUPS	(sizeof(cgroups) / sizeof(cgroups[0]))

static int make_cgroups(void)
{
	CHECK(mkdir(cgroups[0], 0755) == 0);
	CHECK(write_file(CGROOT "/kunit/cgroup.subtree_control", "+memory") == 0);
	CHECK(mkdir(cgroups[1], 0755) == 0);
	CHECK(write_file(CGROOT "/kunit/a/cgroup.subtree_control", "+memory") == 0);
	CHECK(mkdir(cgroups[2], 0755) == 0);
	CHECK(mkdir(cgroups[3], 0755) == 0);
	CHECK(mkdir(cgroups[4], 0755) == 0);
	CHECK(write_file(CGROOT "/kunit/v/cgroup.subtree_control", "+memory") == 0);
	CHECK(mkdir(cgroups[5], 0755) == 0);
	CHECK(mkdir(cgroups[6], 0755) == 0);
	CHECK(write_file(CGROOT "/kunit/r/cgroup.subtree_control", "+memory") == 0);
	CHECK(mkdir(cgroups[7], 0755) == 0);
	return 1;
}

/*
 * Fork a child that removes the victim 200 ms after its memory.current
 * turns non-zero: reparent_races_add_del's workers are then running.
 * It exits 0 once it removed it.
 */
static pid_t start_remover(void)
{
	double deadline = now_sec() + REMOVE_WAIT_S;
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	while (now_sec() < deadline) {
		if (cg_read(VICTIM, "memory.current") > 0) {
			usleep(200000);
			_exit(rmdir(VICTIM) ? 1 : 0);
		}
		usleep(1000);
	}
	_exit(1);
}

/*
 * Fork a child on CPU 0 that removes /kunit/r/x 200 ms after its
 * memory.current turns non-zero, then makes /kunit/r/n0 .. n63, one every
 * 20 ms: id_reused_under_lookup looks for the one that got x's ID.  It
 * exits 0 once it removed x and made them all.
 */
static pid_t start_reuser(void)
{
	double deadline = now_sec() + REMOVE_WAIT_S;
	char path[256];
	cpu_set_t cpu0;
	pid_t pid = fork();
	int i;

	if (pid != 0)
		return pid;
	CPU_ZERO(&cpu0);
	CPU_SET(0, &cpu0);
	if (sched_setaffinity(0, sizeof(cpu0), &cpu0))
		_exit(1);
	while (now_sec() < deadline) {
		if (cg_read(REUSED, "memory.current") > 0) {
			usleep(200000);
			if (rmdir(REUSED))
				_exit(1);
			for (i = 0; i < REUSE_NEW_MAX; i++) {
				snprintf(path, sizeof(path), REUSE_NEW "%d", i);
				if (mkdir(path, 0755))
					_exit(1);
				usleep(20000);
			}
			_exit(0);
		}
		usleep(1000);
	}
	_exit(1);
}

/* Whether the remover removed the victim; stops it if it still waits. */
static int stop_remover(pid_t pid)
{
	int status;

	if (pid < 0)
		return 0;
	if (waitpid(pid, &status, WNOHANG) == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/*
 * Whether the reuser removed x and made all n*: it may still be making
 * them when the case, which needed one, is done; it ends on its own.
 */
static int wait_reuser(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return 0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int remove_cgroups(void)
{
	char path[256];
	int i, ok = 1;

	for (i = 0; i < REUSE_NEW_MAX; i++) {
		snprintf(path, sizeof(path), REUSE_NEW "%d", i);
		if (rmdir(path) && errno != ENOENT) {
			ktap_diag("rmdir %s: %s", path, strerror(errno));
			ok = 0;
		}
	}
	for (i = NR_CGROUPS - 1; i >= 0; i--) {
		if (rmdir(cgroups[i]) && errno != ENOENT) {
			ktap_diag("rmdir %s: %s", cgroups[i], strerror(errno));
			ok = 0;
		}
	}
	return ok;
}

/* Run a shell command; what it prints lands in the KTAP stream, ignored. */
static int run(const char *cmd)
{
	int status;

	ktap_diag("%s", cmd);
	fflush(stdout);
	status = system(cmd);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/*
 * Whether the module at @path has parameter @name: modules of earlier
 * patches of the series have no id_reused_under_lookup, and refuse to
 * load with parameters they do not know.
 */
static int module_has_param(const char *path, const char *name)
{
	char want[128], *buf;
	FILE *f = fopen(path, "r");
	long len;
	int found = 0;

	if (!f)
		return 0;
	snprintf(want, sizeof(want), "parm=%s:", name);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc(len);
	if (buf && fread(buf, 1, len, f) == (size_t)len)
		found = memmem(buf, len, want, strlen(want)) != NULL;
	free(buf);
	fclose(f);
	return found;
}

static int is_lru_suite(const struct dirent *d)
{
	return !strncmp(d->d_name, SUITE_PREFIX, strlen(SUITE_PREFIX));
}

/*
 * Print the debugfs results of @suite one level deeper, as a subtest of
 * this program, without the suite's own result line: KUnit numbers it 1,
 * and the caller prints it with its number here.  The suite's totals come
 * first in debugfs; they go after its cases.  Returns whether the suite
 * passed; adds its skipped cases to *skipped.  v5.15's debugfs prints a
 * suite whose cases all skipped as "not ok": such a suite passed.
 */
static int copy_suite(const char *suite, int *skipped)
{
	char path[512], line[1024], totals[1024] = "";
	int ok = 0, cases = 0, cases_skipped = 0, cases_failed = 0;
	FILE *f;

	snprintf(path, sizeof(path), KUNIT_DIR "/%s/results", suite);
	f = fopen(path, "r");
	CHECK(f);
	while (fgets(line, sizeof(line) - 1, f)) {
		/* KUnit's log is bounded: a cut line must not join the next. */
		if (line[strlen(line) - 1] != '\n')
			strcat(line, "\n");
		if (!strncmp(line, "ok ", 3) || !strncmp(line, "not ok ", 7)) {
			ok = line[0] == 'o';
			continue;
		}
		if (!strncmp(line, "    ok ", 7) || !strncmp(line, "    not ok ", 11)) {
			cases++;
			cases_failed += line[4] == 'n';
			cases_skipped += strstr(line, "# SKIP") != NULL;
		}
		if (strstr(line, "# SKIP"))
			(*skipped)++;
		if (line[0] != '#')
			printf("    %s", line);
		else if (strlen(totals) + 4 + strlen(line) < sizeof(totals))
			strcat(strcat(totals, "    "), line);
	}
	fclose(f);
	printf("%s", totals);
	return ok || (cases && cases_skipped == cases && !cases_failed);
}

int main(void)
{
	char path[512], cmd[1024];
	struct dirent **suites;
	struct utsname u;
	int i, n, skipped = 0, memcg_seen = 0, removed = 0, reused = 0;
	int victim, reuse;
	int nokmem = kmem_off();
	pid_t remover = -1, reuser = -1;

	uname(&u);
	snprintf(path, sizeof(path), "/lib/modules/%s/kernel/mm/list_lru_kunit.ko",
		 u.release);
	if (access(path, R_OK)) {
		ktap_suite("kunit_memcg", 1);
		ktap_skip("list_lru_kunit", "no list_lru_kunit.ko in this kernel");
		return 0;
	}

	/*
	 * Without kmem accounting the memcg cases skip: nothing to remove.
	 * A module from before a race case (a bisect) has no parameter for it.
	 */
	victim = !nokmem && module_has_param(path, "victim_path");
	reuse = !nokmem && module_has_param(path, "reuse_path");
	snprintf(cmd, sizeof(cmd), "insmod %s " PARAMS "%s 2>&1", path,
		 reuse ? REUSE_PARAMS : "");
	if (make_cgroups()) {
		fflush(stdout);
		remover = victim ? start_remover() : -1;
		reuser = reuse ? start_reuser() : -1;
	}
	if ((victim && remover < 0) || (reuse && reuser < 0) || !run(cmd)) {
		stop_remover(remover);
		stop_remover(reuser);
		ktap_suite("kunit_memcg", 1);
		ktap_result(0, "load_list_lru_kunit");
		remove_cgroups();
		return ktap_exit();
	}
	if (victim)
		removed = stop_remover(remover);
	if (reuse)
		reused = wait_reuser(reuser);

	n = scandir(KUNIT_DIR, &suites, is_lru_suite, alphasort);
	if (n < 0)
		n = 0;
	ktap_suite("kunit_memcg", n + (nokmem ? 2 : 2 + victim + reuse));
	for (i = 0; i < n; i++) {
		int other = 0, *count = &other;

		if (!strcmp(suites[i]->d_name, MEMCG_SUITE)) {
			memcg_seen = 1;
			count = &skipped;
		}
		ktap_result(copy_suite(suites[i]->d_name, count),
			    suites[i]->d_name);
		free(suites[i]);
	}
	if (n > 0)
		free(suites);

	if (!memcg_seen)
		ktap_diag("no %s results in " KUNIT_DIR, MEMCG_SUITE);
	else if (skipped)
		ktap_diag("%d %s cases skipped with " PARAMS, skipped, MEMCG_SUITE);
	if (nokmem) {
		/* The list_lru suite ran; the memcg cases must all skip. */
		ktap_result(memcg_seen && skipped > 0, "memcg_cases_skipped_without_kmem");
		goto unload;
	}
	ktap_result(memcg_seen && !skipped, "memcg_cases_all_ran");
	if (victim)
		ktap_result(removed, "victim_removed_during_reparent_races_add_del");
	if (reuse)
		ktap_result(reused, "reuse_path_removed_during_id_reused_under_lookup");

unload:
	/* Only now: unloading takes the results out of debugfs. */
	ktap_result(run("rmmod list_lru_kunit 2>&1") && remove_cgroups(),
		    "unload_and_rmdir");
	return ktap_exit();
}
