# One entry point.  Everything generated goes to build/ (git-ignored).
#
#   make test     tree, checkpatch, guest build, boot, KTAP results (CI)
#   make check    boot the series kernel as built (build/out/guest) with the
#                 suites TESTS names; only the initramfs is made again
#   make shell    the same kernel, a busybox shell on this terminal (exit ends it)
#   make demo     base v5.15 vs the series on the seed's scenario
#   make bench    memory, latency, hot path: base vs series, plots, docs/results.md
#   make bench-quick  the same with small parameters (< 15 min), build/bench-quick/
#   make contend  memcgs contending on one lru, before and after part 3
#   make tree     build/linux = v5.15 + series/ (git am)
#   make export   series/ = the commits on top of v5.15 in build/linux
#   make kernel   build the guest kernel from build/linux
#   make deps     install the Debian packages the harness needs
#   make test-debug  the same tests on the debug kernel (KASAN, lockdep, ...)
#   make stress   guest/stress/ for SECS seconds on the debug kernel
#   make bisect   build, test and demo every prefix of the series
#   make sweep    compile every touched .c with W=1 + sparse, v5.15 vs series
#   make review   all reviewer checks on series/, one table
#   make radix-tree  the userspace XArray suite, v5.15 and series
#   make xfstests xfstests -g quick on ext4 and XFS in a Debian guest under
#                 memcg churn, v5.15 vs the series; then make systemd
#   make systemd  the series kernel with systemd as PID 1 in that guest: 200
#                 transient services on ext4 and XFS, no failed unit, their
#                 memcgs and lists freed
#   make clean    remove build/ except the kernel tree and ccache
#   make help     this text
#
# Variables (make VAR=value):
#   N K M         demo/bench scenario: memcgs made, kept, mounts (2000 100 500)
#   SECS          make stress workload seconds (600)
#   SKIP FIRST    make review: checks to leave out (sweep,configs,bisect,debug);
#                 first patch to bisect
#   XFSTESTS      make xfstests: check's arguments, commas for spaces
#                 (-g,quick; or generic/006,generic/007)
#   TESTS KARGS   make check: guest suites, commas (smoke,lists,kunit_memcg,
#                 xarray,kselftest,stress: the default); kernel arguments
#                 (make shell too)
#   LOGDIR        make check, make shell: logs (build/logs/check, .../shell)
# Environment knobs of the scripts are documented at the top of each one:
#   TESTS= KARGS= BASELINE= (run-tests.sh), TIMEOUT= CPUS= MEM_MB= CONSOLE= (boot.sh),
#   LINUX_SRC= LINUX_TARBALL= (tree.sh), ACCEL= (accel.sh), JOBS= (build),
#   SERVICES= FAIL_SERVICE= KERNEL= (systemd.sh).

N ?= 2000
K ?= 100
M ?= 500
SECS ?= 600
comma := ,

.PHONY: help test check shell test-debug stress demo bench bench-quick contend tree export kernel deps bisect sweep review radix-tree review-deps xfstests systemd clean

test:
	scripts/test.sh

help:
	@sed -n '1,/^$$/s/^# \{0,1\}//p' Makefile

# make check and make shell take the kernel as it is: no tree, no build.
# The kernel's own suites are judged against the v5.15 run of the last
# make test if there is one, else with no baseline (strictly).
GUEST := build/out/guest/arch/x86/boot/bzImage
check: $(GUEST)
	TESTS="$(TESTS)" KARGS="$(KARGS)" BASELINE="$(wildcard build/logs/test-base/results.ktap)" \
		scripts/run-tests.sh build/linux build/out/guest $(or $(LOGDIR),build/logs/check)

shell: $(GUEST)
	scripts/initramfs.sh
	CONSOLE=stdio scripts/boot.sh $(GUEST) $(or $(LOGDIR),build/logs/shell) "hmode=shell $(KARGS)"

$(GUEST):
	@echo "no $@: make kernel (or make test) first" >&2; exit 1

# Not the stress suite: its short form alone takes ~30 min on the debug
# kernel; make stress runs it there.
# Judged against the v5.15 run of the last make test (build/logs/test-base).
test-debug: tree
	scripts/build-kernel.sh build/linux build/out/debug configs/guest.config configs/debug.config
	TIMEOUT=1800 TESTS=smoke,lists,kunit_memcg,xarray,kselftest \
		BASELINE=build/logs/test-base/results.ktap \
		scripts/run-tests.sh build/linux build/out/debug build/logs/test-debug

stress: tree
	scripts/stress.sh $(SECS)

demo:
	N=$(N) K=$(K) M=$(M) scripts/demo.sh

bench:
	scripts/bench.sh

bench-quick:
	QUICK=1 scripts/bench.sh

tree: deps
	scripts/tree.sh

export:
	scripts/export.sh

kernel: tree
	scripts/build-kernel.sh build/linux build/out/guest configs/guest.config

deps:
	scripts/deps.sh

bisect: deps
	scripts/bisect.sh

sweep: deps review-deps
	scripts/sweep.sh

contend: deps
	scripts/contend.sh

review: deps review-deps
	SKIP="$(SKIP)" FIRST="$(FIRST)" scripts/review.sh

radix-tree: deps review-deps tree
	[ -d build/base ] || git -C build/linux worktree add -q --detach $(CURDIR)/build/base v5.15
	scripts/radix-tree.sh build/base build/logs/radix-tree-base.log
	scripts/radix-tree.sh build/linux build/logs/radix-tree-series.log

# The systemd case boots the series kernel the xfstests run has just built.
xfstests: deps tree
	scripts/xfstests.sh build/logs/xfstests $(or $(XFSTESTS),-g$(comma)quick); rc=$$?; \
	scripts/xfstests-report.py build/logs/xfstests "base-xfstests guest-xfstests" > build/logs/xfstests/report.md; \
	KERNEL=guest-xfstests scripts/systemd.sh build/logs/systemd || rc=1; exit $$rc

systemd: deps tree
	scripts/systemd.sh build/logs/systemd

review-deps:
	EXTRA_PKGS="gcc-powerpc64-linux-gnu sparse liburcu-dev clang" scripts/deps.sh

clean:
	rm -rf build/out build/logs build/initramfs build/initramfs.cpio.gz build/accel
