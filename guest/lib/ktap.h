/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal KTAP output, for the guest programs that print their KTAP
 * themselves: kselftest (the kernel's own programs' cases) and the
 * subtest of stress's workload test.  The tests are kselftest_harness.h
 * tests (lib/harness.h); the measurements (bench, contend) print records,
 * not KTAP.
 *
 * A program is one KTAP subtest ("suite"): it prints its own indented
 * header, plan and results; /init prints the top-level result line for it
 * from the exit status, so a program that dies still gets a "not ok".
 * The counters are shared by all the files of a program (lib/ktap.c).
 */
#ifndef GUEST_KTAP_H
#define GUEST_KTAP_H

extern int ktap_case, ktap_failures;

void ktap_suite(const char *name, int ncases);
/* Diagnostic line, shown with the case that follows it. */
void ktap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ktap_result(int ok, const char *name);
void ktap_skip(const char *name, const char *why);
int ktap_exit(void);

/* A failed CHECK() (lib/check.h) is a diagnostic of the current case. */
#undef CHECK_SAY
#define CHECK_SAY ktap_diag
#include "lib/check.h"

#endif
