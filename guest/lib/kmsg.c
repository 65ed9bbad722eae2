// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/kmsg (lib/kmsg.h): opened at its end as a mark, read record by
 * record over records the ring buffer overwrote meanwhile, and matched
 * against the kernel-report strings that scripts/ktap.py judges a run by,
 * so that a program can fail the case during which the kernel reported.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/kmsg.h"

/*
 * What counts as a kernel report: scripts/kernel-reports.txt, the list
 * scripts/ktap.py judges the run by, made into kernel-reports.h by
 * scripts/initramfs.sh.
 */
static const char *const kernel_reports[] = {
#include "kernel-reports.h"
	NULL
};

/* /dev/kmsg opened at its end: kmsg_reports() reads what comes after. */
int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	return fd;
}

/*
 * The next record of the non-blocking @fd into @rec, NUL-terminated;
 * returns its length, or <= 0 when there is none left.
 */
ssize_t kmsg_next(int fd, char *rec, size_t len)
{
	ssize_t n;

	for (;;) {
		n = read(fd, rec, len - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten records: go on */
		if (n > 0)
			rec[n] = '\0';
		return n;
	}
}

static int is_report(const char *msg)
{
	const char *const *p;

	for (p = kernel_reports; *p; p++)
		if (strstr(msg, *p))
			return 1;
	return 0;
}

/*
 * Kernel reports logged since kmsg_open() gave @fd; the first few are
 * shown as diagnostics ("# kernel: ..." after @indent).  Closes @fd.
 */
int kmsg_reports(int fd, const char *indent)
{
	char rec[8192], *msg, *end;
	int n = 0;

	if (fd < 0)
		return 0;
	while (kmsg_next(fd, rec, sizeof(rec)) > 0) {
		msg = strchr(rec, ';');
		if (!msg)
			continue;
		msg++;
		end = strchr(msg, '\n');
		if (end)
			*end = '\0';
		if (is_report(msg) && ++n <= 5)
			printf("%s# kernel: %s\n", indent, msg);
	}
	fflush(stdout);
	close(fd);
	return n;
}
