/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of bench share: where it works (its memcgs under
 * bench/, at most MAX_M mounts), the helpers of common.c, and the entry
 * point of each mode, one file each (scale.c, latency.c, hot.c,
 * reclaim.c, remount.c), which main.c runs by name.
 */
#ifndef GUEST_BENCH_H
#define GUEST_BENCH_H

#include <stddef.h>
#include "lib/memcg.h"

#define BENCH_CG	CGROOT "/bench"
#define HOT_CG		BENCH_CG "/hot"
#define MAX_M		4096

/* common.c */
void emit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int setup_bench_cg(void);
void cg_path(char *buf, size_t len, int i);
int make_memcgs(int from, int to);
int remove_memcgs(int from, int to);
int no_dying(double timeout);
void mnt_path(char *buf, size_t len, char kind, int i);
int make_mnts(char kind, int from, int to);
int mount_tmpfs(int from, int to);
int umount_all(char kind, int n);
void before_timing(void);
double reclaim_timed(const char *cg, long long *freed);
int cache_disk(const char *dev);
int neg_dentries_in(const char *dir, int n);

/*
 * The modes: each prints its records and returns 1, or 0 when a step (or
 * a check of its arguments) failed, which it said on standard error.
 */
int bench_scale(int argc, char **argv);
int bench_latency(int argc, char **argv);
int bench_hot(int argc, char **argv);
int bench_reclaim(int argc, char **argv);
int bench_remount(int argc, char **argv);

#endif
