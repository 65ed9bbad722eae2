// SPDX-License-Identifier: GPL-2.0
/*
 * KTAP output (lib/ktap.h): the case counter and failure count of the
 * program, kept here once so that every file of a program that is split
 * in several (stress/, bench/) numbers its cases in one sequence.
 */
#include <stdarg.h>
#include <stdio.h>
#include "lib/ktap.h"

int ktap_case, ktap_failures;

void ktap_suite(const char *name, int ncases)
{
	printf("    # Subtest: %s\n    1..%d\n", name, ncases);
	fflush(stdout);
}

void ktap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("    # ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

void ktap_result(int ok, const char *name)
{
	ktap_case++;
	if (!ok)
		ktap_failures++;
	printf("    %sok %d - %s\n", ok ? "" : "not ", ktap_case, name);
	fflush(stdout);
}

void ktap_skip(const char *name, const char *why)
{
	ktap_case++;
	printf("    ok %d - %s # SKIP %s\n", ktap_case, name, why);
	fflush(stdout);
}

int ktap_exit(void)
{
	return ktap_failures ? 1 : 0;
}
