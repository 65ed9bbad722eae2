/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CHECK(cond) for the steps of the guest programs that are not
 * kselftest_harness.h tests (those have ASSERT_*): when @cond is false,
 * say which check failed, where, and errno, and return 0 from the step.
 *
 * It says so through CHECK_SAY, a printf-like function that ends the line
 * itself: check_say(), on standard error, for the measurements (bench,
 * contend), whose standard output is their records; lib/ktap.h makes it
 * ktap_diag(), a KTAP diagnostic, for the programs that print KTAP.
 */
#ifndef GUEST_CHECK_H
#define GUEST_CHECK_H

#include <errno.h>
#include <string.h>

void check_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#ifndef CHECK_SAY
#define CHECK_SAY check_say
#endif

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		CHECK_SAY("%s:%d: check failed: %s (errno %d: %s)",	\
			  __FILE__, __LINE__, #cond, errno,		\
			  strerror(errno));				\
		return 0;						\
	}								\
} while (0)

#endif
