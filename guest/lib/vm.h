/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory of the whole system, as the guest programs measure it:
 * meminfo, vmstat, slabinfo and the dentry and inode counts, and the ways
 * to let it settle (drop_caches, slab shrinking, waiting for RCU frees)
 * before a figure is read.
 */
#ifndef GUEST_VM_H
#define GUEST_VM_H

/*
 * What the memory of the system is, once settled: what bench's scale
 * mode (make bench, make demo) compares before and after the mounts.
 */
struct mem_snapshot {
	long long used_kb, kmalloc32_kb, slab_kb;
};

extern const char *const lru_caches[];

long long meminfo_kb(const char *key);
long long used_kb(void);
long long vmstat(const char *key);
long long slab_kb(const char *cache);
long long nr_dentries(void);
long long nr_inodes(void);
void settle_caches(const char *what);
void mem_snapshot(struct mem_snapshot *s);
void shrink_slabs(void);
void flush_lru_caches(void);
void settle(int secs);
void quiesce(int secs);

#endif
