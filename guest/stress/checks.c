// SPDX-License-Identifier: GPL-2.0
/*
 * The set-up of the stress suite and its end checks: the file systems
 * mounted and the memory measured before the cases run, and the cases
 * that come last and find everything back (dying_memcgs_freed,
 * memory_returned, kmemleak_clean): no memcg left dying; memory, Slab and
 * shadow nodes where they were; nothing new in kmemleak.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "lib/clock.h"
#include "lib/fs.h"
#include "lib/ktap.h"
#include "lib/memcg.h"
#include "lib/vm.h"
#include "stress.h"

/* ---- set-up, the start and the end ---- */

static long long base_used, base_slab, base_shadow;

#define MAX_CACHES	512

struct caches {
	int n;
	char name[MAX_CACHES][32];
	long long kb[MAX_CACHES];
};

static struct caches base_caches, end_caches;

/* Memory of every slab cache, from /proc/slabinfo. */
static void read_caches(struct caches *c)
{
	long active, num, objsize, perslab, pages, aslabs, nslabs;
	char line[512], name[64];
	FILE *f = fopen("/proc/slabinfo", "r");

	c->n = 0;
	while (f && c->n < MAX_CACHES && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %ld %ld %ld %ld %ld : tunables %*d %*d %*d : slabdata %ld %ld",
			   name, &active, &num, &objsize, &perslab, &pages,
			   &aslabs, &nslabs) != 8)
			continue;
		snprintf(c->name[c->n], sizeof(c->name[0]), "%.31s", name);
		c->kb[c->n++] = (long long)nslabs * pages * 4;
	}
	if (f)
		fclose(f);
}

/* Growth of cache @name since the start, in kB (end_caches read). */
static long long growth_kb(const char *name)
{
	long long d = 0;
	int i;

	for (i = 0; i < end_caches.n; i++)
		if (!strcmp(end_caches.name[i], name))
			d += end_caches.kb[i];
	for (i = 0; i < base_caches.n; i++)
		if (!strcmp(base_caches.name[i], name))
			d -= base_caches.kb[i];
	return d;
}

/* The caches that grew most since the start, as a diagnostic. */
static void show_growth(void)
{
	char line[512];
	size_t off = 0;
	int shown, i, j, best;
	long long d, bestd;
	static char done[MAX_CACHES];

	for (shown = 0; shown < 6; shown++) {
		best = -1;
		bestd = 16;	/* kB: less is noise */
		for (i = 0; i < end_caches.n; i++) {
			d = end_caches.kb[i];
			for (j = 0; j < base_caches.n; j++)
				if (!strcmp(base_caches.name[j], end_caches.name[i]))
					d -= base_caches.kb[j];
			if (!done[i] && d > bestd) {
				best = i;
				bestd = d;
			}
		}
		if (best < 0)
			break;
		done[best] = 1;
		off += snprintf(line + off, sizeof(line) - off, " %s %+lld",
				end_caches.name[best], bestd);
	}
	ktap_diag("end: slab caches that grew (kB):%s", off ? line : " none");
}
static int have_kmemleak;

/* Other suites may have left the directory behind. */
static int mount_on(const char *src, const char *dir, const char *type,
		    const char *opts)
{
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -1;
	return mount(src, dir, type, 0, opts);
}

int mount_all(void)
{
	static const char *const tmpfs[] = { "/mnt/t0", "/mnt/t1", "/mnt/t2" };
	int i;

	for (i = 0; i < 3; i++)
		if (mount_on("tmpfs", tmpfs[i], "tmpfs", "size=64m"))
			return -1;
	if (mount_on("/dev/vda", EXT4, "ext4", NULL) ||
	    mount_on("/dev/vdb", XFS, "xfs", NULL))
		return -1;
	for (i = 0; i < 2; i++)
		if (write_data(data_file[i], data_mb[i]))
			return -1;
	return mkcg(STRESS_CG, 1);
}

static void umount_all(void)
{
	static const char *const mnts[] = {
		"/mnt/t0", "/mnt/t1", "/mnt/t2", EXT4, XFS, NULL
	};
	const char *const *m;

	for (m = mnts; *m; m++) {
		umount(*m);
		rmdir(*m);
	}
	rmcg_tree(STRESS_CG, 1);
}

int online_nodes(void)
{
	char buf[64];
	int first, last;

	if (read_file("/sys/devices/system/node/has_memory", buf, sizeof(buf)) ||
	    sscanf(buf, "%d-%d", &first, &last) != 2)
		return 1;
	return last - first + 1;
}

/* Scan now, then mark what is found as known: only new leaks count. */
void kmemleak_start(void)
{
	have_kmemleak = !access(KMEMLEAK, F_OK);
	if (have_kmemleak) {
		write_file(KMEMLEAK, "scan");
		write_file(KMEMLEAK, "clear");
	}
}

/* Before the first test: memory_returned() compares the end with it. */
void baseline(void)
{
	settle(30);
	base_used = used_kb();
	base_slab = meminfo_kb("Slab");
	base_shadow = vmstat("workingset_nodes");
	read_caches(&base_caches);
}

void show_baseline(void)
{
	ktap_diag("start: MemTotal-MemFree %lld kB, Slab %lld kB, "
		  "workingset_nodes %lld, %d nodes", base_used, base_slab,
		  base_shadow, nodes);
}

int dying_memcgs_freed(void)
{
	double start = now_sec();
	long long left;

	umount_all();
	left = wait_dying(CGROOT, 120, 1);
	ktap_diag("dying memcgs: %lld left after %.0f s (bound 120 s)", left,
		  now_sec() - start);
	CHECK(left == 0);
	return 1;
}

#define USED_MARGIN_KB	(16 * 1024)
#define SLAB_MARGIN_KB	(8 * 1024)

/*
 * Everything the cases made is gone: what is in use is back within
 * USED_MARGIN_KB (per-cpu pages, per-cpu memcg data and page tables come
 * and go), Slab within SLAB_MARGIN_KB, and no shadow node is left.  Not
 * counted: the debug checkers' own bookkeeping (debugobjects' pool and
 * kmemleak's metadata), which grows with the peak load and stays.
 */
int memory_returned(void)
{
	long long used, slab, shadow, checkers;

	settle(60);
	used = used_kb();
	slab = meminfo_kb("Slab");
	shadow = vmstat("workingset_nodes");
	read_caches(&end_caches);
	checkers = growth_kb("debug_objects_cache") + growth_kb("kmemleak_object");
	ktap_diag("end: MemTotal-MemFree %lld kB (%+lld, margin %d), "
		  "Slab %lld kB (%+lld, margin %d), workingset_nodes %lld; "
		  "%+lld kB of it debugobjects and kmemleak metadata, not counted",
		  used, used - base_used, USED_MARGIN_KB, slab,
		  slab - base_slab, SLAB_MARGIN_KB, shadow, checkers);
	show_growth();
	CHECK(used - base_used - checkers <= USED_MARGIN_KB);
	CHECK(slab - base_slab - checkers <= SLAB_MARGIN_KB);
	CHECK(shadow <= base_shadow);
	return 1;
}

/*
 * A leak kmemleak_clean() knows: v5.15's KFENCE objects file has no
 * .release (fixed upstream by "kfence: fix memory leak when cat kfence
 * objects"), so every open leaks its seq_file and its buffer.
 */
static int known_leak(const char *entry)
{
	return strstr(entry, "seq_open") || strstr(entry, "seq_read_iter");
}

static void show_leak(char *entry, int *shown)
{
	char *line;

	for (line = strtok(entry, "\n"); line && (*shown)++ < 60;
	     line = strtok(NULL, "\n"))
		ktap_diag("kmemleak: %s", line);
}

/* Suspected leaks since kmemleak_start(); their reports as diags. */
int kmemleak_clean(void)
{
	char entry[8192] = "", line[512];
	int leaks = 0, known = 0, shown = 0;
	FILE *f;

	if (!have_kmemleak) {
		skip_why = "no kmemleak in this kernel";
		return 1;
	}
	/* An object must be unreferenced in a scan and 5 s old. */
	write_file(KMEMLEAK, "scan");
	sleep(6);
	write_file(KMEMLEAK, "scan");
	f = fopen(KMEMLEAK, "r");
	CHECK(f != NULL);
	for (;;) {
		char *ok = fgets(line, sizeof(line), f);

		if ((!ok || strstr(line, "unreferenced object")) && entry[0]) {
			if (known_leak(entry) && known < 2 * *kfence_opens) {
				known++;
			} else {
				leaks++;
				show_leak(entry, &shown);
			}
			entry[0] = '\0';
		}
		if (!ok)
			break;
		if (strlen(entry) + strlen(line) < sizeof(entry))
			strcat(entry, line);
	}
	fclose(f);
	ktap_diag("kmemleak: %d suspected leaks; %d known ones of v5.15's "
		  "KFENCE objects file (%d opens, no .release)", leaks, known,
		  *kfence_opens);
	CHECK(leaks == 0);
	return 1;
}
