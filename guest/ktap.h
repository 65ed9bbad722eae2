/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal KTAP output for the in-guest test programs.
 *
 * Each program is one KTAP subtest ("suite"): it prints its own indented
 * header, plan and results; /init prints the top-level result line for it
 * from the exit status, so a program that dies still gets a "not ok".
 */
#ifndef GUEST_KTAP_H
#define GUEST_KTAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

static int ktap_case, ktap_failures;

static inline void ktap_suite(const char *name, int ncases)
{
	printf("    # Subtest: %s\n    1..%d\n", name, ncases);
	fflush(stdout);
}

/* Diagnostic line, shown with the case that follows it. */
static inline void ktap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("    # ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static inline void ktap_result(int ok, const char *name)
{
	ktap_case++;
	if (!ok)
		ktap_failures++;
	printf("    %sok %d - %s\n", ok ? "" : "not ", ktap_case, name);
	fflush(stdout);
}

static inline void ktap_skip(const char *name, const char *why)
{
	ktap_case++;
	printf("    ok %d - %s # SKIP %s\n", ktap_case, name, why);
	fflush(stdout);
}

static inline int ktap_exit(void)
{
	return ktap_failures ? 1 : 0;
}

/* Fail the current case with errno context and return 0 from the caller. */
#define CHECK(cond) do {						\
	if (!(cond)) {							\
		ktap_diag("%s:%d: check failed: %s (errno %d: %s)",	\
			  __FILE__, __LINE__, #cond, errno,		\
			  strerror(errno));				\
		return 0;						\
	}								\
} while (0)

#endif
