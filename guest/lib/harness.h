/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-guest tests are kselftest_harness.h tests: the header of the
 * tree under test (tools/testing/selftests, on the include path that
 * guest/Makefile sets), nothing copied.  This file includes it and adds
 * what v5.15's copy lacks for tests that run minutes and change the
 * system:
 *
 * - a longer default timeout: each test is forked and killed after
 *   TEST_TIMEOUT_DEFAULT seconds (TEST_F_TIMEOUT() sets its own), 30 in
 *   v5.15; a case here takes seconds under TCG and up to 20 times that on
 *   the debug kernel;
 * - stdout line-buffered: a test's process ends with _exit(), or abort()
 *   on a failed ASSERT_*, neither of which flushes stdio, so what it
 *   printed to /init's pipe would be lost;
 * - cleanup_on_abort(): v5.15 aborts the test's process on a failed
 *   ASSERT_* without running FIXTURE_TEARDOWN (later kernels run it), and
 *   the next test must not find the mounts, files and memcgs of a failed
 *   one;
 * - ASSERT_OK(): ASSERT_EQ(0, call) that also shows errno.
 *
 * Diagnostics are ksft_print_msg() lines ("# ..."): /init nests the
 * program's KTAP under its result, and scripts/ktap.py shows the lines a
 * test printed before its result when it fails.
 *
 * Only one file of a program may include this: the harness defines its
 * globals in the header.
 */
#ifndef GUEST_HARNESS_H
#define GUEST_HARNESS_H

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "kselftest_harness.h"

#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT	600

#define ASSERT_OK(call) \
	ASSERT_EQ(0, (call)) TH_LOG("errno %d: %s", errno, strerror(errno))

static void __attribute__((constructor)) harness_line_buffered(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}

static void (*harness_cleanup)(void *);
static void *harness_cleanup_arg;

static void harness_abort(int sig)
{
	void (*fn)(void *) = harness_cleanup;

	(void)sig;
	harness_cleanup = NULL;
	if (fn)
		fn(harness_cleanup_arg);
	fflush(stdout);
	/* abort() goes on: the default action, which the harness reports. */
}

/*
 * Run @fn(@arg) if the test's process aborts (a failed ASSERT_*, in the
 * test or in FIXTURE_SETUP after this call); NULL: no longer.  The
 * process is the test's own, so this lasts for the one test.
 */
static inline void cleanup_on_abort(void (*fn)(void *), void *arg)
{
	harness_cleanup = fn;
	harness_cleanup_arg = arg;
	signal(SIGABRT, harness_abort);
}

#endif
