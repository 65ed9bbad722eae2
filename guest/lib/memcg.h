/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory cgroup helpers the guest programs share: making and removing
 * memcgs, running a function inside one, reading its files (memory.stat,
 * memory.numa_stat, cgroup.stat), reclaiming it, and waiting for removed
 * memcgs to be freed.
 */
#ifndef GUEST_MEMCG_H
#define GUEST_MEMCG_H

#include <stddef.h>
#include <sys/types.h>

#define CGROOT "/sys/fs/cgroup"
#define NODES		8	/* at most this many N<n>= columns are read */

int kmem_off(void);
int cg_enter(const char *cg);
pid_t fork_in_cgroup(const char *cg, int (*fn)(void *), void *arg);
int run_in_cgroup(const char *cg, int (*fn)(void *), void *arg);
long long cg_read(const char *cg, const char *file);
long long cg_stat(const char *cg, const char *key);
long long cg_stat_value(const char *cg, const char *key);
long long numa_stat(const char *cg, const char *key, long long node[NODES]);
const char *per_node_kb(const long long node[NODES], int nodes, char *buf,
			size_t len);
int nodes_below(const long long node[NODES], long long eps);
int mkdir_range(const char *dir, int from, int to);
int rmdir_range(const char *dir, int from, int to);
int mkcg(const char *cg, int parent);
int rmcg(const char *cg);
void rmcg_tree(const char *cg, int self);
int reclaim_all(const char *cg);
long long wait_dying(const char *cg, int secs, int drop);

#endif
