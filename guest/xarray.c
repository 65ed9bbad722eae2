// SPDX-License-Identifier: GPL-2.0
/*
 * lib/test_xarray from the tree under test (CONFIG_TEST_XARRAY=m): the
 * module runs its checks when it is loaded, prints "XArray: N of M tests
 * passed" and refuses to load if any failed.  One kselftest_harness.h
 * test (lib/harness.h), TEST(test_xarray); the counts are its diagnostic.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include "lib/harness.h"
#include "lib/kmsg.h"

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

TEST(test_xarray)
{
	unsigned int passed = 0, run = 0;
	struct utsname u;
	char path[256];
	int fd, kmsg, loaded;

	ASSERT_OK(uname(&u));
	snprintf(path, sizeof(path), "/lib/modules/%s/kernel/lib/test_xarray.ko", u.release);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd) TH_LOG("%s: %s", path, strerror(errno));
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, kmsg) TH_LOG("/dev/kmsg: %s", strerror(errno));
	ASSERT_LE(0, lseek(kmsg, 0, SEEK_END));
	loaded = syscall(SYS_finit_module, fd, "", 0) == 0;
	if (!loaded)
		ksft_print_msg("finit_module(%s): %s\n", path, strerror(errno));
	close(fd);
	ASSERT_TRUE(find_summary(kmsg, &passed, &run));
	close(kmsg);
	ksft_print_msg("XArray: %u of %u tests passed\n", passed, run);
	if (loaded)
		syscall(SYS_delete_module, "test_xarray", O_NONBLOCK);
	ASSERT_TRUE(loaded);
	ASSERT_LT(0U, run);
	ASSERT_EQ(run, passed);
}

TEST_HARNESS_MAIN
