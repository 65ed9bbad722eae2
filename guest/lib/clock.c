// SPDX-License-Identifier: GPL-2.0
/*
 * now_sec() (lib/clock.h): CLOCK_MONOTONIC as a double, for timing steps
 * and for the deadlines of the loops that wait for the kernel.
 */
#include <time.h>
#include "lib/clock.h"

double now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}
