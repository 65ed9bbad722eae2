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
 * x's freed ID.  And /kunit/d/e is removed during
 * nofail_while_memcg_and_parent_die by a third child, then /kunit/d, once
 * e's memory.current turns non-zero.  It loads
 * list_lru_kunit.ko with their paths, which runs the suites, and copies
 * each suite's results from debugfs into this program's KTAP, one subtest
 * per suite.
 *
 * The module looks the paths up with cgroup_get_from_path(), so no task
 * has to move into the cgroups: a memcg is online from mkdir to rmdir.
 * A memcg case that is skipped fails here, since the cgroups it would
 * need were given.  Skipped where the kernel has no such module (v5.15).
 *
 * kselftest_harness.h tests (lib/harness.h) of FIXTURE(kunit_memcg), in
 * this order: load_list_lru_kunit (the cgroups, the children, insmod),
 * list_lru and list_lru_memcg (a suite's results, its cases nested under
 * the test), memcg_cases_all_ran or, without kmem accounting,
 * memcg_cases_skipped_without_kmem, victim_removed_during_...,
 * reuse_path_removed_during_... and nofail_path_removed_during_...,
 * unload_and_rmdir.  Each test is a
 * process of its own: what the load learns from its children is kept in
 * a shared page for the tests after it, and they skip if it did not load.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/harness.h"
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
#define NOFAIL		CGROOT "/kunit/d/e"
#define NOFAIL_PARENT	CGROOT "/kunit/d"
#define NOFAIL_PARAMS	" nofail_path=/kunit/d/e"
#define REMOVE_WAIT_S	120	/* for the case to charge the victim */
/* The module runs both suites at load; the children wait 120 s at most. */
#define LOAD_TIMEOUT_S	1200

/* Children after their parents: rmdir goes backwards. */
static const char *const cgroups[] = {
	CGROOT "/kunit", CGROOT "/kunit/a", CGROOT "/kunit/a/b",
	CGROOT "/kunit/c", CGROOT "/kunit/v", VICTIM, CGROOT "/kunit/r", REUSED,
	NOFAIL_PARENT, NOFAIL,
};

#define NR_CGROUPS	(sizeof(cgroups) / sizeof(cgroups[0]))

static void make_cgroups(struct __test_metadata *_metadata)
{
	ASSERT_OK(mkdir(cgroups[0], 0755));
	ASSERT_OK(write_file(CGROOT "/kunit/cgroup.subtree_control", "+memory"));
	ASSERT_OK(mkdir(cgroups[1], 0755));
	ASSERT_OK(write_file(CGROOT "/kunit/a/cgroup.subtree_control", "+memory"));
	ASSERT_OK(mkdir(cgroups[2], 0755));
	ASSERT_OK(mkdir(cgroups[3], 0755));
	ASSERT_OK(mkdir(cgroups[4], 0755));
	ASSERT_OK(write_file(CGROOT "/kunit/v/cgroup.subtree_control", "+memory"));
	ASSERT_OK(mkdir(cgroups[5], 0755));
	ASSERT_OK(mkdir(cgroups[6], 0755));
	ASSERT_OK(write_file(CGROOT "/kunit/r/cgroup.subtree_control", "+memory"));
	ASSERT_OK(mkdir(cgroups[7], 0755));
	ASSERT_OK(mkdir(cgroups[8], 0755));
	ASSERT_OK(write_file(NOFAIL_PARENT "/cgroup.subtree_control", "+memory"));
	ASSERT_OK(mkdir(cgroups[9], 0755));
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

/*
 * Fork a child that removes /kunit/d/e once its memory.current turns
 * non-zero, then /kunit/d, which it may only once e is offline (EBUSY
 * until then).  It exits 0 once it removed both.
 */
static pid_t start_nofail_remover(void)
{
	double deadline = now_sec() + REMOVE_WAIT_S;
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	while (now_sec() < deadline) {
		if (cg_read(NOFAIL, "memory.current") > 0) {
			if (rmdir(NOFAIL))
				_exit(1);
			while (rmdir(NOFAIL_PARENT)) {
				if (errno != EBUSY || now_sec() > deadline)
					_exit(1);
				usleep(1000);
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
			ksft_print_msg("rmdir %s: %s\n", path, strerror(errno));
			ok = 0;
		}
	}
	for (i = NR_CGROUPS - 1; i >= 0; i--) {
		if (rmdir(cgroups[i]) && errno != ENOENT) {
			ksft_print_msg("rmdir %s: %s\n", cgroups[i], strerror(errno));
			ok = 0;
		}
	}
	return ok;
}

/* Run a shell command; what it prints lands in the KTAP stream, ignored. */
static int run(const char *cmd)
{
	int status;

	ksft_print_msg("%s\n", cmd);
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
 * Read the debugfs results of @suite; with @print, print them as the
 * subtest of the test that called, one level deeper than its result,
 * without the suite's own result line: KUnit numbers it 1, and the
 * harness prints the test's.  The suite's totals come first in debugfs;
 * they go after its cases, as the test's diagnostics.  Returns whether
 * the suite passed, -1 if it has no results; *skipped counts the lines
 * that say SKIP.  v5.15's debugfs prints a suite whose cases all skipped
 * as "not ok": such a suite passed.
 */
static int read_suite(const char *suite, int print, int *skipped)
{
	char path[512], line[1024], totals[1024] = "";
	int ok = 0, cases = 0, cases_skipped = 0, cases_failed = 0;
	FILE *f;

	*skipped = 0;
	snprintf(path, sizeof(path), KUNIT_DIR "/%s/results", suite);
	f = fopen(path, "r");
	if (!f) {
		ksft_print_msg("%s: %s\n", path, strerror(errno));
		return -1;
	}
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
		if (!print)
			continue;
		if (line[0] != '#')
			printf("%s", line);
		else if (strlen(totals) + strlen(line) < sizeof(totals))
			strcat(totals, line);
	}
	fclose(f);
	printf("%s", totals);
	return ok || (cases && cases_skipped == cases && !cases_failed);
}

/*
 * What the load learned, for the tests after it: each runs in a process
 * of its own, forked from the harness's.
 */
static struct load_result {
	int tried, loaded;	/* load_list_lru_kunit ran; insmod succeeded */
	int removed, reused;	/* what its children did */
	int nofail_removed;
} *load;

static void __attribute__((constructor)) map_load(void)
{
	load = mmap(NULL, sizeof(*load), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (load == MAP_FAILED)
		load = NULL;
}

FIXTURE(kunit_memcg) {
	char path[512];		/* of list_lru_kunit.ko */
	const char *absent;	/* why the module was not loaded, if not */
	int nokmem;
	/* Whether the module has these cases (a bisect: not yet). */
	int victim, reuse, nofail;
};

FIXTURE_SETUP(kunit_memcg)
{
	struct utsname u;

	ASSERT_NE(NULL, load);
	ASSERT_OK(uname(&u));
	snprintf(self->path, sizeof(self->path),
		 "/lib/modules/%s/kernel/mm/list_lru_kunit.ko", u.release);
	if (access(self->path, R_OK))
		self->absent = "no list_lru_kunit.ko in this kernel";
	else if (load->tried && !load->loaded)
		self->absent = "list_lru_kunit.ko did not load";
	/*
	 * Without kmem accounting the memcg cases skip: nothing to remove.
	 * A module from before a race case (a bisect) has no parameter for it.
	 */
	self->nokmem = kmem_off();
	self->victim = !self->nokmem && module_has_param(self->path, "victim_path");
	self->reuse = !self->nokmem && module_has_param(self->path, "reuse_path");
	self->nofail = !self->nokmem && module_has_param(self->path, "nofail_path");
}

FIXTURE_TEARDOWN(kunit_memcg)
{
}

#define SKIP_IF_ABSENT() do {						\
	if (self->absent)						\
		SKIP(return, "%s", self->absent);			\
} while (0)

static pid_t remover = -1, reuser = -1, nofail_remover = -1;

/* A load that failed: its children stopped, its cgroups removed. */
static void load_cleanup(void *arg)
{
	(void)arg;
	stop_remover(remover);
	stop_remover(reuser);
	stop_remover(nofail_remover);
	remove_cgroups();
}

/*
 * Make the cgroups, start the children that remove the victims while the
 * module's race cases run, load the module (which runs the suites) and
 * wait for the children.
 */
TEST_F_TIMEOUT(kunit_memcg, load_list_lru_kunit, LOAD_TIMEOUT_S)
{
	char cmd[1024];

	SKIP_IF_ABSENT();
	load->tried = 1;
	snprintf(cmd, sizeof(cmd), "insmod %s " PARAMS "%s%s 2>&1", self->path,
		 self->reuse ? REUSE_PARAMS : "", self->nofail ? NOFAIL_PARAMS : "");
	cleanup_on_abort(load_cleanup, NULL);
	make_cgroups(_metadata);
	if (self->victim) {
		remover = start_remover();
		ASSERT_LE(0, remover);
	}
	if (self->reuse) {
		reuser = start_reuser();
		ASSERT_LE(0, reuser);
	}
	if (self->nofail) {
		nofail_remover = start_nofail_remover();
		ASSERT_LE(0, nofail_remover);
	}
	ASSERT_TRUE(run(cmd));
	load->loaded = 1;
	cleanup_on_abort(NULL, NULL);
	if (self->victim)
		load->removed = stop_remover(remover);
	if (self->reuse)
		load->reused = wait_reuser(reuser);
	if (self->nofail)
		load->nofail_removed = stop_remover(nofail_remover);
}

/* The module's suites: those this program copies, and no other. */
TEST_F(kunit_memcg, suites_known)
{
	struct dirent **suites;
	int i, n, unknown = 0;

	SKIP_IF_ABSENT();
	n = scandir(KUNIT_DIR, &suites, is_lru_suite, alphasort);
	ASSERT_LE(0, n) TH_LOG(KUNIT_DIR ": %s", strerror(errno));
	for (i = 0; i < n; i++) {
		if (strcmp(suites[i]->d_name, "list_lru") &&
		    strcmp(suites[i]->d_name, MEMCG_SUITE)) {
			ksft_print_msg("suite %s: not copied by kunit_memcg\n",
				       suites[i]->d_name);
			unknown++;
		}
	}
	ASSERT_EQ(0, unknown);
}

TEST_F(kunit_memcg, list_lru)
{
	int skipped;

	SKIP_IF_ABSENT();
	ASSERT_EQ(1, read_suite("list_lru", 1, &skipped));
}

TEST_F(kunit_memcg, list_lru_memcg)
{
	int skipped;

	SKIP_IF_ABSENT();
	ASSERT_EQ(1, read_suite(MEMCG_SUITE, 1, &skipped));
}

/* How many list_lru_memcg cases skipped; the suite must have results. */
static int memcg_skips(struct __test_metadata *_metadata)
{
	int skipped;

	ASSERT_LE(0, read_suite(MEMCG_SUITE, 0, &skipped))
		TH_LOG("no %s results in " KUNIT_DIR, MEMCG_SUITE);
	return skipped;
}

/* A memcg case that skipped had no cgroups: they were given. */
TEST_F(kunit_memcg, memcg_cases_all_ran)
{
	int skipped;

	SKIP_IF_ABSENT();
	if (self->nokmem)
		SKIP(return, "kernel memory accounting is off");
	skipped = memcg_skips(_metadata);
	ASSERT_EQ(0, skipped)
		TH_LOG("%d %s cases skipped with " PARAMS, skipped, MEMCG_SUITE);
}

/* Without kmem accounting the list_lru suite ran; the memcg cases must all skip. */
TEST_F(kunit_memcg, memcg_cases_skipped_without_kmem)
{
	SKIP_IF_ABSENT();
	if (!self->nokmem)
		SKIP(return, "kernel memory accounting is on");
	ASSERT_LT(0, memcg_skips(_metadata));
}

/* No child for a race case without kmem accounting, or before the case. */
#define SKIP_NO_CHILD(started, kase) do {				\
	if (!(started))							\
		SKIP(return, "%s", self->nokmem ?			\
		     "kernel memory accounting is off" :		\
		     "the module has no " kase);			\
} while (0)

TEST_F(kunit_memcg, victim_removed_during_reparent_races_add_del)
{
	SKIP_IF_ABSENT();
	SKIP_NO_CHILD(self->victim, "reparent_races_add_del");
	ASSERT_TRUE(load->removed);
}

TEST_F(kunit_memcg, reuse_path_removed_during_id_reused_under_lookup)
{
	SKIP_IF_ABSENT();
	SKIP_NO_CHILD(self->reuse, "id_reused_under_lookup");
	ASSERT_TRUE(load->reused);
}

TEST_F(kunit_memcg, nofail_path_removed_during_nofail_while_memcg_and_parent_die)
{
	SKIP_IF_ABSENT();
	SKIP_NO_CHILD(self->nofail, "nofail_while_memcg_and_parent_die");
	ASSERT_TRUE(load->nofail_removed);
}

/* Only now: unloading takes the results out of debugfs. */
TEST_F(kunit_memcg, unload_and_rmdir)
{
	SKIP_IF_ABSENT();
	ASSERT_TRUE(run("rmmod list_lru_kunit 2>&1"));
	ASSERT_TRUE(remove_cgroups());
}

TEST_HARNESS_MAIN
