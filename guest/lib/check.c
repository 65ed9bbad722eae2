// SPDX-License-Identifier: GPL-2.0
/*
 * check_say() (lib/check.h): where a failed CHECK() of a measurement
 * says what failed, standard error, a line of its own.
 */
#include <stdarg.h>
#include <stdio.h>
#include "lib/check.h"

void check_say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
