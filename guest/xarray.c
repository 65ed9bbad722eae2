// SPDX-License-Identifier: GPL-2.0
/*
 * lib/test_xarray from the tree under test (CONFIG_TEST_XARRAY=m): the
 * module runs its checks when it is loaded, prints "XArray: N of M tests
 * passed" and refuses to load if any failed.  One KTAP case; the counts
 * are its diagnostic.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include "lib/kmsg.h"
#include "lib/ktap.h"

/* The module's summary line, from the kernel log records after @kmsg's offset. */
static int find_summary(int kmsg, unsigned int *passed, unsigned int *run)
{
	char rec[1024], *msg;
	int found = 0;

	while (kmsg_next(kmsg, rec, sizeof(rec)) > 0) {
		msg = strstr(rec, ";XArray: ");
		if (msg && sscanf(msg, ";XArray: %u of %u tests passed", passed, run) == 2)
			found = 1;
	}
	return found;
}

static int test_xarray(void)
{
	unsigned int passed = 0, run = 0;
	struct utsname u;
	char path[256];
	int fd, kmsg, loaded;

	CHECK(uname(&u) == 0);
	snprintf(path, sizeof(path), "/lib/modules/%s/kernel/lib/test_xarray.ko", u.release);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	CHECK(fd >= 0);
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	CHECK(kmsg >= 0);
	CHECK(lseek(kmsg, 0, SEEK_END) >= 0);
	loaded = syscall(SYS_finit_module, fd, "", 0) == 0;
	if (!loaded)
		ktap_diag("finit_module(%s): %s", path, strerror(errno));
	close(fd);
	CHECK(find_summary(kmsg, &passed, &run));
	close(kmsg);
	ktap_diag("XArray: %u of %u tests passed", passed, run);
	if (loaded)
		syscall(SYS_delete_module, "test_xarray", O_NONBLOCK);
	CHECK(loaded && run > 0 && passed == run);
	return 1;
}

int main(void)
{
	ktap_suite("xarray", 1);
	ktap_result(test_xarray(), "test_xarray");
	return ktap_exit();
}
