/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the stress suite share: where it works (its memcg,
 * its mounts, the debugfs files it reads), the state main.c sets for the
 * tests (the nodes, a case's reason to skip, the workload's limits), and
 * what each file holds: targeted.c (the harness and the targeted tests),
 * workload.c, checks.c (the cases of the workload test).
 */
#ifndef GUEST_STRESS_H
#define GUEST_STRESS_H

#include "lib/memcg.h"

#define STRESS_CG	CGROOT "/stress"
#define EXT4		"/mnt/ext4"
#define XFS		"/mnt/xfs"
#define KFENCE_OBJECTS	"/sys/kernel/debug/kfence/objects"
#define FAILSLAB	"/sys/kernel/debug/failslab"
#define KMEMLEAK	"/sys/kernel/debug/kmemleak"

/*
 * What a memcg may still show after its own reclaim freed everything, per
 * node: statistics cached in the per-cpu object stock, up to a page per
 * CPU.  (Measured: 0.  The cases read the ext4 device in first and flush
 * XFS's deferred inode work, see warm_bdev() and flush_deferred().)
 */
#define EPS		(16 * 1024)

/* main.c */
extern const char *skip_why;	/* set by a case that could not run */
extern int nodes;		/* NUMA nodes with memory */
extern const char *setup_error;	/* why no test can run, if none can */
int selected_case(const char *name);
int workload_and_end_checks(void);

/* targeted.c */
extern int *kfence_opens;	/* shared by the tests; see kmemleak_clean() */
int write_data(const char *path, int mb);
int run_tests(int argc, char **argv);

/* workload.c */
extern int secs_arg;		/* workload duration */
extern long max_ops;		/* and operation cap */
extern const char *const data_file[];
extern const int data_mb[];
int workload_map(void);
int workload(void);
int fault_injection(void);

/* checks.c */
int online_nodes(void);
int mount_all(void);
void kmemleak_start(void);
void baseline(void);
void show_baseline(void);
int dying_memcgs_freed(void);
int memory_returned(void);
int kmemleak_clean(void);

#endif
