// SPDX-License-Identifier: GPL-2.0
/*
 * Stress for per-memcg list_lru lists, and one named case per bug class
 * the upstream version of this design met after it shipped.
 *
 *   stress [SECONDS [MAX_OPS [CASE+CASE...]]]
 *   hargs=SECONDS[,MAX_OPS[,CASE+CASE...]] on the kernel command line
 *                                (hmode=test htests=stress)
 *
 * With CASEs named, the others are skipped.
 *
 * Cases, in this order (the targeted ones first, so that a kernel bug is
 * reported by the case made for it rather than by the workload):
 *
 *  kfence_objects_on_lru        KFENCE-sampled dentries and inodes of many
 *                               memcgs reach the lrus, are reparented and
 *                               reclaimed (upstream: GPF in list_lru_add()
 *                               for an object whose memcg had no list)
 *  memcg_freed_before_lru_add   objects whose memcg is gone (freed, or going
 *                               away) are added to the lru afterwards
 *                               (upstream: memcg looked up outside RCU)
 *  reparent_races_lru_del       list_lru_del() of a memcg's objects while the
 *                               memcg goes offline (upstream: list
 *                               corruption, caught by DEBUG_LIST/KASAN)
 *  no_negative_counts           the same race with the parent's shrinker
 *                               counting all the while (upstream: false
 *                               negative-count warnings)
 *  nfs42_xattr_cache            skipped: no NFS in the guest (see below)
 *  shadow_nodes_freed           workingset shadow nodes of a memcg that is
 *                               removed are all freed (upstream: leaks)
 *  conservation                 what a memcg holds per node before rmdir is
 *                               what its parent's reclaim frees after it,
 *                               object for object, under concurrent add/del
 *  workload                     SECONDS of everything at once (memcg churn,
 *                               file churn on tmpfs/ext4/xfs, page cache and
 *                               shadow nodes, memory.high, drop_caches, tmpfs
 *                               mount churn), counts of every operation
 *  fault_injection              during the workload, failslab on
 *                               radix_tree_node and the kmalloc caches of
 *                               the per-memcg lists for two workers:
 *                               ENOMEM, and they keep going
 *  dying_memcgs_freed           nr_dying_descendants back to 0
 *  memory_returned              MemTotal-MemFree, Slab and shadow nodes back
 *                               to the start within stated margins
 *  kmemleak_clean               nothing new in kmemleak (if present)
 *
 * Every case also fails if the kernel logged a report (Oops, WARNING,
 * KASAN, lockdep, RCU, list corruption...) while it ran.
 *
 * The targeted cases are kselftest_harness.h tests (targeted.c has the
 * harness), each forked with its own timeout; the workload, fault
 * injection and the end checks stay one test of it, "workload", since
 * they share the workload's process and judge what everything before
 * left: its cases are a KTAP subtest of that test, which this file
 * prints, as the program's own were.
 *
 * This file reads the arguments, sets up (mounts, the start's
 * measurements) and runs the tests; they are in targeted.c (the harness,
 * kfence_objects_on_lru to conservation), workload.c (workload,
 * fault_injection) and checks.c (the set-up, and the end checks from
 * dying_memcgs_freed on).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/kmsg.h"
#include "lib/ktap.h"
#include "stress.h"

const char *skip_why;	/* set by a case that could not run */
int nodes = 1;		/* NUMA nodes with memory */
const char *setup_error;	/* why the tests cannot run, if they cannot */

static char selected[512];	/* "case+case", or "" for all */
static double program_start;

int selected_case(const char *name)
{
	return !selected[0] || strstr(selected, name);
}

/* A case of the workload test's subtest. */
static void run_case(const char *name, int (*fn)(void))
{
	int kmsg, ok;
	double start = now_sec();

	if (!selected_case(name)) {
		ktap_skip(name, "not selected");
		return;
	}
	kmsg = kmsg_open();
	skip_why = NULL;
	ok = fn();
	if (kmsg_reports(kmsg, "    ")) {
		ktap_diag("%s: the kernel reported a problem (above)", name);
		ok = 0;
	}
	ktap_diag("%s: %.1f s", name, now_sec() - start);
	if (ok && skip_why)
		ktap_skip(name, skip_why);
	else
		ktap_result(ok, name);
}

/*
 * SECONDS, MAX_OPS and CASEs from the arguments, or from hargs= on the
 * command line (comma-separated).  0 or nothing: the defaults.
 */
static void parse_args(int argc, char **argv)
{
	char cmdline[4096], *p, *args[3] = { NULL, NULL, NULL };
	int i;

	for (i = 1; i < argc && i <= 3; i++)
		args[i - 1] = argv[i];
	p = read_file("/proc/cmdline", cmdline, sizeof(cmdline)) ? NULL :
	    strstr(cmdline, "hargs=");
	if (argc == 1 && p) {
		p[strcspn(p, " \n")] = '\0';
		args[0] = strtok(p + 6, ",");
		args[1] = strtok(NULL, ",");
		args[2] = strtok(NULL, ",");
	}
	if (args[0] && atoi(args[0]) > 0)
		secs_arg = atoi(args[0]);
	if (args[1] && atol(args[1]) > 0)
		max_ops = atol(args[1]);
	if (args[2])
		snprintf(selected, sizeof(selected), "%s", args[2]);
}

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "workload", workload },
	{ "fault_injection", fault_injection },
	{ "dying_memcgs_freed", dying_memcgs_freed },
	{ "memory_returned", memory_returned },
	{ "kmemleak_clean", kmemleak_clean },
};

#define NR_CASES	(int)(sizeof(cases) / sizeof(cases[0]))

/*
 * The workload test's cases, as a subtest one level under the harness's
 * results; returns how many failed.
 */
int workload_and_end_checks(void)
{
	int i;

	ktap_suite("workload", NR_CASES);
	ktap_diag("workload of %d s, at most %ld operations%s%s", secs_arg,
		  max_ops, selected[0] ? "; cases " : "", selected);
	show_baseline();
	for (i = 0; i < NR_CASES; i++)
		run_case(cases[i].name, cases[i].fn);
	ktap_diag("stress: %.0f s in all", now_sec() - program_start);
	return ktap_failures;
}

int main(int argc, char **argv)
{
	static char why[256];

	program_start = now_sec();
	parse_args(argc, argv);
	nodes = online_nodes();
	if (!workload_map())
		setup_error = "cannot map the workload's shared memory";
	kmemleak_start();
	baseline();
	if (!setup_error && mount_all()) {
		snprintf(why, sizeof(why), "cannot mount the file systems: %s",
			 strerror(errno));
		setup_error = why;
	}
	return run_tests(argc, argv);
}
