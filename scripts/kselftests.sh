#!/bin/bash
# Build the kernel selftests the guest runs (guest/kselftest.c) from one
# kernel tree: static, against the tree's own UAPI headers (OUT/usr/include,
# from `make headers_install`), into DEST/cgroup/PROG with PROG.cases
# naming the program's cases in the order it runs them.
#   kselftests.sh SRC OUT DEST
# The test sources are used as they are, wrapped so that:
#   PROG CASE...   runs every case but the CASEs, reported as skipped
#                  (v5.15's programs run all their cases, no selection);
#   PROG --list    prints the case names;
# and stdout is line-buffered: the programs fork children that exit() with
# a copy of the parent's stdio buffer, so through the guest's pipe (fully
# buffered) every result line printed before a fork would show up twice.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

src=$1 out=$2 dest=$3
dir=$(realpath "$src/tools/testing/selftests/cgroup")
mkdir -p "$dest/cgroup" "$out/kselftest"
for prog in test_kmem test_memcontrol; do
	cat > "$out/kselftest/$prog.c" <<EOF
#define main ksft_main
#include "$dir/$prog.c"
#undef main

static int not_run(const char *root)
{
	return KSFT_SKIP;
}

__attribute__((constructor)) static void line_buffered(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}

int main(int argc, char **argv)
{
	size_t i;
	int j;

	for (i = 0; i < ARRAY_SIZE(tests); i++) {
		if (argc == 2 && !strcmp(argv[1], "--list"))
			printf("%s\n", tests[i].name);
		for (j = 1; j < argc; j++)
			if (!strcmp(argv[j], tests[i].name))
				tests[i].fn = not_run;
	}
	return argc == 2 && !strcmp(argv[1], "--list") ? 0 : ksft_main(argc, argv);
}
EOF
	# Their Makefile's flags: no -O.  At -O2 gcc drops alloc_anon()'s
	# malloc, stores and free, and the OOM cases allocate nothing.  glibc
	# warns that static getaddrinfo() needs its NSS libraries at run time;
	# the guest has none, and test_memcg_sock is skipped there.
	gcc -static -Wall -pthread -isystem "$out/usr/include" \
		-o "$dest/cgroup/$prog" "$out/kselftest/$prog.c" "$dir/cgroup_util.c" \
		2> >(grep -v "getaddrinfo\|in function .tcp_client" >&2) ||
		die "building $dir/$prog failed"
	"$dest/cgroup/$prog" --list > "$dest/cgroup/$prog.cases"
	[ -s "$dest/cgroup/$prog.cases" ] || die "$dest/cgroup/$prog --list: no cases"
done
