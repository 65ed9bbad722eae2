// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's own selftests, built from the tree under test, as KTAP.
 *
 * scripts/kselftests.sh builds each program statically and packs it with
 * the kernel's modules (boot.sh appends them to the initramfs) as
 * KSFT_DIR/DIR/PROG, with PROG.cases naming its cases in order; the
 * program leaves out the cases named on its command line.  v5.15's
 * programs print "ok N name" lines but no plan: the plan comes from the
 * cases file, every case gets one result line, and a case the program
 * never reported (it crashed or hung) fails.
 *
 * The programs run chrooted on XFS (with /proc, /sys, /dev, /usr bound in),
 * not on the initramfs: test_kmem_basic needs the negative dentries of its
 * stat()s of "/something-non-existent-..." to stay cached, which tmpfs and
 * ramfs never do, and test_memcontrol's page cache comes from reading the
 * holes of an O_TMPFILE file in ".", which tmpfs serves from the zero page
 * without charging anything.  A swap file on the same disk lets
 * test_memcg_swap_max run.
 */
#include <signal.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/swap.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "lib/ktap.h"
#include "lib/vm.h"

#define KSFT_DIR	"/usr/lib/kselftest"
#define WORK_DIR	"/mnt/kselftest"
#define SWAP_FILE	WORK_DIR "/swap"
#define SWAP_MB		"64"
/* A program that hangs is killed after this long; TCG runs each in ~2 min. */
#define PROG_TIMEOUT	900
#define MAX_CASES	64

static const char *const progs[] = {
	"cgroup/test_kmem",
	"cgroup/test_memcontrol",
};

static int no_sockets(void)
{
	int fd = socket(AF_INET6, SOCK_STREAM, 0);

	if (fd < 0)
		return 1;
	close(fd);
	return 0;
}

static int no_swap(void)
{
	return meminfo_kb("SwapTotal") <= 0;
}

static int always(void)
{
	return 1;
}

/*
 * Cases reported as SKIP, and why: those this guest cannot run are not
 * run (checked at run time: a guest that can run them does); the rest
 * comes from configs/kselftest-policy.txt, where the reasons are given:
 * cases not run at all, and cases that pass or fail from run to run on
 * v5.15 too, which are run and their result shown with the SKIP, but not
 * counted.
 */
static const struct skip {
	const char *name;
	int (*applies)(void);
	int run;
	const char *why;
} skips[] = {
	{ "test_memcg_sock", no_sockets, 0,
	  "no sockets: the guest kernel has no CONFIG_NET" },
	{ "test_memcg_swap_max", no_swap, 0,
	  "no swap: the swap file could not be enabled" },
#include "kselftest-policy.h"
};

static const struct skip *skipped(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(skips) / sizeof(skips[0]); i++)
		if (!strcmp(skips[i].name, name) && skips[i].applies())
			return &skips[i];
	return NULL;
}

static const char *const binds[] = { "proc", "sys", "dev", "usr" };

static int setup(void)
{
	char from[64], to[256];
	unsigned int i;

	mkdir(WORK_DIR, 0755);
	CHECK(mount("/dev/vdb", WORK_DIR, "xfs", 0, NULL) == 0);
	for (i = 0; i < sizeof(binds) / sizeof(binds[0]); i++) {
		snprintf(from, sizeof(from), "/%s", binds[i]);
		snprintf(to, sizeof(to), WORK_DIR "/%s", binds[i]);
		mkdir(to, 0755);
		CHECK(mount(from, to, NULL, MS_BIND | MS_REC, NULL) == 0);
	}
	if (system("dd if=/dev/zero of=" SWAP_FILE " bs=1M count=" SWAP_MB " 2>/dev/null && "
		   "mkswap " SWAP_FILE " >/dev/null && swapon " SWAP_FILE))
		ktap_diag("no swap file: test_memcg_swap_max will be skipped");
	return 1;
}

static void teardown(void)
{
	char path[256];
	unsigned int i;

	swapoff(SWAP_FILE);
	unlink(SWAP_FILE);
	for (i = 0; i < sizeof(binds) / sizeof(binds[0]); i++) {
		snprintf(path, sizeof(path), WORK_DIR "/%s", binds[i]);
		umount2(path, MNT_DETACH);
		rmdir(path);
	}
	if (umount(WORK_DIR))
		ktap_diag("could not unmount " WORK_DIR ": %s", strerror(errno));
}

struct prog {
	const char *path;	/* under KSFT_DIR */
	const char *name;
	int ncases;
	char cases[MAX_CASES][64];
	const struct skip *skip[MAX_CASES];	/* non-NULL: reported as SKIP */
};

/* Read @p's cases from its .cases file; returns their number. */
static int read_cases(struct prog *p)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), KSFT_DIR "/%s.cases", p->path);
	f = fopen(path, "r");
	if (!f)
		return 0;
	for (p->ncases = 0; p->ncases < MAX_CASES &&
	     fgets(p->cases[p->ncases], 64, f); p->ncases++) {
		p->cases[p->ncases][strcspn(p->cases[p->ncases], "\n")] = '\0';
		p->skip[p->ncases] = skipped(p->cases[p->ncases]);
	}
	fclose(f);
	return p->ncases;
}

/*
 * Start @p chrooted in WORK_DIR, told to leave out the unrunnable cases;
 * returns its stdout and stderr as one stream.
 */
static FILE *start(const struct prog *p, pid_t *pid)
{
	char path[256], *argv[MAX_CASES + 2], *envp[] = { NULL };
	int fds[2], i, argc = 0;

	snprintf(path, sizeof(path), KSFT_DIR "/%s", p->path);
	argv[argc++] = path;
	for (i = 0; i < p->ncases; i++)
		if (p->skip[i] && !p->skip[i]->run)
			argv[argc++] = (char *)p->cases[i];
	argv[argc] = NULL;
	if (pipe(fds))
		return NULL;
	*pid = fork();
	if (*pid < 0)
		return NULL;
	if (*pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		if (chroot(WORK_DIR) || chdir("/")) {
			perror(WORK_DIR);
			_exit(127);
		}
		/* Survives exec: a program that hangs is killed. */
		alarm(PROG_TIMEOUT);
		execve(path, argv, envp);
		perror(path);
		_exit(127);
	}
	close(fds[1]);
	return fdopen(fds[0], "r");
}

/*
 * Print the result of case @i (0-based) from the program's line
 * "[not ]ok N [# SKIP ]name"; returns 0 if @line is not that result.
 */
static int report(const struct prog *p, int i, const char *line, int *failed)
{
	const char *name = p->cases[i];
	char rest[256];
	int n, ok = strncmp(line, "not ", 4) != 0;

	if (sscanf(ok ? line : line + 4, "ok %d %255[^\n]", &n, rest) != 2 || n != i + 1)
		return 0;
	if (!strncmp(rest, "# SKIP ", 7) && !strcmp(rest + 7, name))
		printf("        ok %d - %s # SKIP %s\n", n, name,
		       p->skip[i] ? p->skip[i]->why : "skipped by the test itself");
	else if (strcmp(rest, name))
		return 0;
	else if (p->skip[i])
		printf("        ok %d - %s # SKIP %s (this run: %s)\n", n, name,
		       p->skip[i]->why, ok ? "passed" : "failed");
	else
		printf("        %sok %d - %s\n", ok ? "" : "not ", n, name);
	*failed += !ok && !p->skip[i];
	fflush(stdout);
	return 1;
}

/* Run one program as a KTAP subtest; returns 1 if no case failed. */
static int run(struct prog *p)
{
	int i = 0, failed = 0, status = 0;
	char line[1024];
	pid_t pid;
	FILE *out;

	p->name = strrchr(p->path, '/') + 1;
	if (!read_cases(p)) {
		printf("        # Subtest: %s\n        1..1\n        # no " KSFT_DIR
		       "/%s.cases: kernel not built by build-kernel.sh?\n"
		       "        not ok 1 - %s\n", p->name, p->path, p->name);
		return 0;
	}
	printf("        # Subtest: %s\n        1..%d\n", p->name, p->ncases);
	fflush(stdout);
	out = start(p, &pid);
	while (out && fgets(line, sizeof(line), out)) {
		if (i < p->ncases && report(p, i, line, &failed)) {
			i++;
			continue;
		}
		line[strcspn(line, "\n")] = '\0';
		printf("        # %s\n", line);
		fflush(stdout);
	}
	if (out) {
		fclose(out);
		waitpid(pid, &status, 0);
	}
	if (i < p->ncases)
		printf("        # %s stopped after %d of %d cases (wait status 0x%x)\n",
		       p->name, i, p->ncases, status);
	for (; i < p->ncases; i++, failed++)
		printf("        not ok %d - %s\n", i + 1, p->cases[i]);
	return failed == 0;
}

int main(void)
{
	static struct prog prog;
	unsigned int i, n = sizeof(progs) / sizeof(progs[0]);
	int ready;

	ktap_suite("kselftest", n);
	ready = setup();
	for (i = 0; i < n; i++) {
		memset(&prog, 0, sizeof(prog));
		prog.path = progs[i];
		ktap_result(ready && run(&prog), strrchr(progs[i], '/') + 1);
	}
	if (ready)
		teardown();
	return ktap_exit();
}
