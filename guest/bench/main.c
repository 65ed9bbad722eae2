// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmarks for base v5.15 vs the series (issue 6).  scripts/bench.sh
 * boots each kernel with one of these and collects the "# bench: k=v ..."
 * lines; every mode is a KTAP suite whose cases say whether its steps worked.
 *
 *   bench scale N K FSM M...   memory and mount time of M tmpfs mounts (each
 *                              M in turn, cumulative) after N memcgs were
 *                              created and all but K removed; then FSM ext4
 *                              and FSM XFS mounts on loop devices
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
#include "lib/ktap.h"
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

/*
 * bench MODE ARGS [MODE ARGS]...: the modes run one after the other in
 * this boot, each a KTAP subtest.
 */
int main(int argc, char **argv)
{
	const struct mode *mode;
	int i, end, nr = 0, failures;

	for (i = 1; i < argc; i = end, nr++) {
		mode = find_mode(argv[i]);
		for (end = i + 1; end < argc && !find_mode(argv[end]); end++)
			;
		if (!mode || end - i - 1 < mode->nargs)
			break;
	}
	if (!nr || i < argc) {
		fprintf(stderr, "usage: bench MODE ARGS [MODE ARGS]... (see bench/main.c)\n");
		return 2;
	}
	printf("TAP version 14\n1..%d\n", nr);
	fflush(stdout);
	for (i = 1, nr = 1; i < argc; i = end, nr++) {
		mode = find_mode(argv[i]);
		for (end = i + 1; end < argc && !find_mode(argv[end]); end++)
			;
		failures = ktap_failures;
		ktap_case = 0;
		if (mode->fn(end - i - 1, argv + i + 1))
			ktap_failures++;
		printf("%sok %d - bench_%s\n", ktap_failures > failures ? "not " : "",
		       nr, mode->name);
		fflush(stdout);
	}
	return ktap_exit();
}
