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
 * This file reads the arguments and runs the cases in that order; they
 * are in targeted.c (kfence_objects_on_lru to conservation), workload.c
 * (workload, fault_injection) and checks.c (the set-up, and the end
 * checks from dying_memcgs_freed on).
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

static char selected[512];	/* "case+case", or "" for all */

static void run_case(const char *name, int (*fn)(void))
{
	int kmsg, ok;
	double start = now_sec();

	if (selected[0] && !strstr(selected, name)) {
		ktap_skip(name, "not selected");
		return;
	}
	kmsg = kmsg_open();
	skip_why = NULL;
	ok = fn();
	if (kmsg_reports(kmsg)) {
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
	{ "kfence_objects_on_lru", kfence_objects_on_lru },
	{ "memcg_freed_before_lru_add", memcg_freed_before_lru_add },
	{ "reparent_races_lru_del", reparent_races_lru_del },
	{ "no_negative_counts", no_negative_counts },
	{ "nfs42_xattr_cache", nfs42_xattr_cache },
	{ "shadow_nodes_freed", shadow_nodes_freed },
	{ "conservation", conservation },
	{ "workload", workload },
	{ "fault_injection", fault_injection },
	{ "dying_memcgs_freed", dying_memcgs_freed },
	{ "memory_returned", memory_returned },
	{ "kmemleak_clean", kmemleak_clean },
};

#define NR_CASES	(int)(sizeof(cases) / sizeof(cases[0]))

int main(int argc, char **argv)
{
	double start = now_sec();
	int i, mapped;

	parse_args(argc, argv);
	nodes = online_nodes();
	mapped = workload_map();
	ktap_suite("stress", NR_CASES);
	ktap_diag("workload of %d s, at most %ld operations%s%s", secs_arg,
		  max_ops, selected[0] ? "; cases " : "", selected);
	if (!mapped) {
		for (i = 0; i < NR_CASES; i++)
			ktap_result(0, cases[i].name);
		return 1;
	}
	kmemleak_start();
	baseline();
	if (mount_all()) {
		ktap_diag("cannot mount the file systems: %s", strerror(errno));
		for (i = 0; i < NR_CASES; i++)
			ktap_result(0, cases[i].name);
		return 1;
	}
	for (i = 0; i < NR_CASES; i++)
		run_case(cases[i].name, cases[i].fn);
	ktap_diag("stress: %.0f s in all", now_sec() - start);
	return ktap_exit();
}
