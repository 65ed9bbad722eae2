// SPDX-License-Identifier: GPL-2.0
/*
 * Measurements of base v5.15 vs the series (issue 6): scripts/bench.sh,
 * scripts/hotpath.sh and make demo boot each kernel with one of these.
 * A measurement, not a test: it prints records on standard output, one a
 * line, "bench: test=NAME k=v ...", says what went wrong on standard
 * error, and exits 0 if every step worked, 1 if one failed (it stops
 * there), 2 on wrong arguments.  guest/init passes the records and the
 * exit status to the host (scripts/lib.sh: measure()).
 *
 *   bench scale N K FSM M...   memory and mount time of M tmpfs mounts (each
 *                              M in turn, cumulative) after N memcgs were
 *                              created and all but K removed, and the time
 *                              to create the N; then FSM ext4 and FSM XFS
 *                              mounts on loop devices.  make demo is
 *                              "scale N K 0 M"
 *   bench latency M C          with M tmpfs mounts: time to create C memcgs,
 *                              and to remove a memcg that owns objects on
 *                              all M superblocks (vs one that owns none)
 *   bench hot OPS REPS         per-operation cost in a child memcg: create and
 *                              unlink empty files (tmpfs, ext4), negative
 *                              lookups, cold open/close + reclaim
 *   bench reclaim X N K M      memory.high frees X negative dentries of one
 *                              memcg, alone and then with N memcgs created
 *                              (K alive) and M tmpfs mounts around
 *   bench remount D C R        time of an ext4 remount (shrink_dcache_sb())
 *                              with D negative dentries cached, made by C
 *                              memcgs (D/C each, so C own lists on the
 *                              dentry lru); R rounds
 *
 * Modes may follow each other in one boot ("bench hot 2000 3 reclaim ...");
 * scale and latency leave their mounts and memcgs behind, so they go alone.
 * Times are CLOCK_MONOTONIC: host time under plain TCG, an instruction
 * count under QEMU -icount (see scripts/bench.sh).
 *
 * This file parses the modes and runs them; each mode is in a file of its
 * own (scale.c, latency.c, hot.c, reclaim.c, remount.c), what they share
 * in common.c.
 */
#include <stdio.h>
#include <string.h>
#include "bench.h"

static const struct mode {
	const char *name;
	int (*fn)(int argc, char **argv);
	int nargs;	/* scale: at least */
} modes[] = {
	{ "scale", bench_scale, 4 },
	{ "latency", bench_latency, 2 },
	{ "hot", bench_hot, 2 },
	{ "reclaim", bench_reclaim, 4 },
	{ "remount", bench_remount, 3 },
};

static const struct mode *find_mode(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(name, modes[i].name))
			return &modes[i];
	return NULL;
}

/* The end of the mode whose name is argv[i]: the next mode's name, or argc. */
static int mode_end(int argc, char **argv, int i)
{
	for (i++; i < argc && !find_mode(argv[i]); i++)
		;
	return i;
}

/* bench MODE ARGS [MODE ARGS]...: the modes one after the other. */
int main(int argc, char **argv)
{
	const struct mode *mode;
	int i, end, nr = 0;

	for (i = 1; i < argc; i = end, nr++) {
		mode = find_mode(argv[i]);
		end = mode_end(argc, argv, i);
		if (!mode || end - i - 1 < mode->nargs)
			break;
	}
	if (!nr || i < argc) {
		fprintf(stderr, "usage: bench MODE ARGS [MODE ARGS]... (see bench/main.c)\n");
		return 2;
	}
	for (i = 1; i < argc; i = end) {
		mode = find_mode(argv[i]);
		end = mode_end(argc, argv, i);
		if (!mode->fn(end - i - 1, argv + i + 1)) {
			fprintf(stderr, "bench: %s failed\n", mode->name);
			return 1;
		}
	}
	return 0;
}
