/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel log, read from /dev/kmsg from a mark on: the records that
 * came after it, and how many of them are kernel reports (Oops, WARNING,
 * KASAN, lockdep, ...: scripts/kernel-reports.txt).
 */
#ifndef GUEST_KMSG_H
#define GUEST_KMSG_H

#include <stddef.h>
#include <sys/types.h>

int kmsg_open(void);
ssize_t kmsg_next(int fd, char *rec, size_t len);
int kmsg_reports(int fd, const char *indent);

#endif
