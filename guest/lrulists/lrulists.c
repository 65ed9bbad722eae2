// SPDX-License-Identifier: GPL-2.0
/*
 * lrulists: who owns each per-memcg list of the series' list_lrus.
 *
 * A test module for the systemd case (guest/xfstests/systemd-test), built
 * out of tree against the series kernel it is loaded into (scripts/
 * systemd.sh).  /sys/kernel/debug/lrulists/lists has one line per struct
 * list_lru_memcg that an lru's xarray holds:
 *
 *	STATE PATH LRU ITEMS
 *
 * STATE is "online", "dying" (removed, not offline yet), "offline" (its
 * lists should have been reparented and freed) or "freed" (the owner is no
 * memcg any more: PATH is then "-"); PATH the owner's cgroup path; LRU
 * "FSTYPE:DEVICE:dentries", "FSTYPE:DEVICE:inodes", "shadow_nodes", the
 * symbol of a static lru, or "lru@ADDRESS"; ITEMS the objects on its lists
 * (a dead list counts 0).  /sys/kernel/debug/lrulists/memcgs has a line
 * "STATE PATH" for every memcg that exists, online or not.
 *
 * The kernel exports none of the lists this walks, so their addresses come
 * from /proc/kallsyms (CONFIG_KALLSYMS_ALL) as parameters: list_lrus and
 * list_lrus_mutex (mm/list_lru.c), super_blocks and sb_lock (fs/super.c),
 * root_mem_cgroup and shadow_nodes.  The listing is made under
 * list_lrus_mutex (no lru is destroyed meanwhile), sb_lock (no superblock
 * is freed) and the RCU read lock (no memcg seen in the walk is freed, and
 * neither are the lists).
 */
#include <linux/cgroup.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/list_lru.h>
#include <linux/memcontrol.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/nodemask.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>

/* Parameters named after the kernel's symbols, whose addresses they hold. */
static unsigned long list_lrus_addr;
static unsigned long list_lrus_mutex_addr;
static unsigned long super_blocks_addr;
static unsigned long sb_lock_addr;
static unsigned long root_mem_cgroup_addr;
static unsigned long shadow_nodes_addr;
module_param_named(list_lrus, list_lrus_addr, ulong, 0400);
module_param_named(list_lrus_mutex, list_lrus_mutex_addr, ulong, 0400);
module_param_named(super_blocks, super_blocks_addr, ulong, 0400);
module_param_named(sb_lock, sb_lock_addr, ulong, 0400);
module_param_named(root_mem_cgroup, root_mem_cgroup_addr, ulong, 0400);
module_param_named(shadow_nodes, shadow_nodes_addr, ulong, 0400);

static struct dentry *lrulists_dir;

/* Whether @memcg is still one of the memcgs below the root.  Under RCU. */
static bool memcg_exists(struct mem_cgroup *memcg)
{
	struct mem_cgroup *root = *(struct mem_cgroup **)root_mem_cgroup_addr;
	struct cgroup_subsys_state *css;

	css_for_each_descendant_pre(css, &root->css)
		if (css == &memcg->css)
			return true;
	return false;
}

static void show_memcg(struct seq_file *m, struct mem_cgroup *memcg)
{
	char path[256];

	if (cgroup_path(memcg->css.cgroup, path, sizeof(path)) < 0)
		strscpy(path, "?", sizeof(path));
	if (mem_cgroup_online(memcg))
		seq_printf(m, "%s %s", css_is_dying(&memcg->css) ? "dying" : "online", path);
	else
		seq_printf(m, "offline %s", path);
}

static void show_owner(struct seq_file *m, struct mem_cgroup *memcg)
{
	if (memcg_exists(memcg))
		show_memcg(m, memcg);
	else
		seq_puts(m, "freed -");
}

/* What @lru is for.  Under sb_lock. */
static void show_lru(struct seq_file *m, struct list_lru *lru)
{
	struct super_block *sb;

	if (lru == (struct list_lru *)shadow_nodes_addr) {
		seq_puts(m, "shadow_nodes");
		return;
	}
	list_for_each_entry(sb, (struct list_head *)super_blocks_addr, s_list) {
		if (lru == &sb->s_dentry_lru || lru == &sb->s_inode_lru) {
			seq_printf(m, "%s:%s:%s", sb->s_type->name, sb->s_id,
				   lru == &sb->s_dentry_lru ? "dentries" : "inodes");
			return;
		}
	}
	seq_printf(m, "%ps", lru);
}

static long list_lru_memcg_items(struct list_lru_memcg *mlru)
{
	long items = 0;
	int nid;

	for_each_node(nid)
		items += max(READ_ONCE(mlru->node[nid].nr_items), 0L);
	return items;
}

static int lists_show(struct seq_file *m, void *unused)
{
	struct list_lru_memcg *mlru;
	struct list_lru *lru;
	unsigned long idx;

	mutex_lock((struct mutex *)list_lrus_mutex_addr);
	rcu_read_lock();
	spin_lock((spinlock_t *)sb_lock_addr);
	list_for_each_entry(lru, (struct list_head *)list_lrus_addr, list) {
		xa_for_each(&lru->xa, idx, mlru) {
			show_owner(m, mlru->memcg);
			seq_putc(m, ' ');
			show_lru(m, lru);
			seq_printf(m, " %ld\n", list_lru_memcg_items(mlru));
		}
	}
	spin_unlock((spinlock_t *)sb_lock_addr);
	rcu_read_unlock();
	mutex_unlock((struct mutex *)list_lrus_mutex_addr);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lists);

static int memcgs_show(struct seq_file *m, void *unused)
{
	struct mem_cgroup *root = *(struct mem_cgroup **)root_mem_cgroup_addr;
	struct cgroup_subsys_state *css;

	rcu_read_lock();
	css_for_each_descendant_pre(css, &root->css) {
		show_memcg(m, mem_cgroup_from_css(css));
		seq_putc(m, '\n');
	}
	rcu_read_unlock();
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(memcgs);

static int __init lrulists_init(void)
{
	if (!list_lrus_addr || !list_lrus_mutex_addr || !super_blocks_addr ||
	    !sb_lock_addr || !root_mem_cgroup_addr || !shadow_nodes_addr) {
		pr_err("lrulists: every address parameter is needed (CONFIG_KALLSYMS_ALL)\n");
		return -EINVAL;
	}
	lrulists_dir = debugfs_create_dir("lrulists", NULL);
	debugfs_create_file("lists", 0400, lrulists_dir, NULL, &lists_fops);
	debugfs_create_file("memcgs", 0400, lrulists_dir, NULL, &memcgs_fops);
	return 0;
}

static void __exit lrulists_exit(void)
{
	debugfs_remove_recursive(lrulists_dir);
}

module_init(lrulists_init);
module_exit(lrulists_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("List the owners of the per-memcg list_lru lists (test only)");
