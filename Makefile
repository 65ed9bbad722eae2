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
# Variables (make VAR=value, or in the environment, where the scripts read
# them; defaults in parentheses, "q:" make bench-quick's):
#   N                 demo, bisect: memcgs created (2000)
#   K                 demo, bisect: memcgs of the N left alive; bench: in its scale runs (100)
#   M                 demo, bisect: tmpfs mounts (500)
#   TESTS             check: guest suites, commas (all); bisect: (smoke,lists,kunit_memcg,stress)
#   KARGS             check, shell: kernel command-line arguments to add
#   LOGDIR            check, shell: where the logs go (build/logs/check, build/logs/shell)
#   SECS              stress: workload seconds (600); contend: seconds a boot (10)
#   OUT               bench: where results.md goes (docs; q: build/bench-quick); stress: kernel to boot
#   BUILD             bench, demo: 0 boots the kernels in build/out/ as they are (1)
#   NS                bench: memcgs created, a scale run each ("0 1000 5000 10000"; q: "0 2000")
#   MS                bench: tmpfs mounts of a scale run, cumulative ("100 500 1000"; q: "100 500")
#   FSM               bench: ext4 and XFS mounts of a scale run (50; q: 10)
#   SCALE_MEM_MB      bench: guest memory of the scale runs, MB (8192; q: 4096)
#   LAT_MS            bench: tmpfs mounts, a latency run each ("100 500 1000"; q: "100 500")
#   LAT_C             bench: memcgs a latency run creates and removes (1000)
#   ROUNDS            bench: hot-path boots of each kernel under -icount (5)
#   TCG_ROUNDS        bench: hot-path boots of each kernel on plain TCG (5)
#   OPS               bench: operations per hot-path figure (5000; q: 1000)
#   REPS              bench: hot-path rounds in a boot (3); contend: boots a kernel and task count (5)
#   RECLAIM           bench: the reclaim runs' "X N K M" ("20000 5000 1000 500"; q: "5000 1000 200 100")
#   REMOUNT_D         bench: negative dentries of a remount run (1000000; q: 200000)
#   REMOUNT_C         bench: memcgs that make them, a run each ("1000 5000"; q: 1000)
#   BEFORE            contend: a built kernel directory without part 3 (none: build it and the series)
#   AFTER             contend: with BEFORE, the kernel directory to compare it to (build/out/guest)
#   SKIP              review: checks to leave out, commas (sweep,configs,nomemcg,bisect,debug)
#   FIRST             review: the first patch to bisect (1)
#   DEMO              bisect: 0 leaves out the demo boot of each prefix (1)
#   BISECT_LEDGER     bisect, review: prefixes known to pass, not built again (review: docs/bisect.txt)
#   XFSTESTS          xfstests: check's arguments, commas for spaces (-g,quick; or generic/006,...)
#   CHURN             xfstests: seconds between memcg moves (5; 0: none)
#   KERNELS           xfstests: build/out/ directories to boot as they are, the reference first
#   XFSTESTS_TARBALL  xfstests: the xfstests sources (../shared/xfstests.tar.xz)
#   LINUX_TARBALL     tree, and what makes it: the v5.15 tarball (../shared/linux-5.15.tar.xz)
#   LINUX_SRC         tree: a v5.15 git checkout to take instead of the tarball
#   FORCE             tree: 1 resets build/linux to series/ when its commits differ
#   JOBS              kernel builds: make -j (CPUs + 1)
#   SERVICES          systemd: transient services to start (200)
#   FAIL_SERVICE      systemd: make service I fail on purpose, to see the case fail
#   LEAK              systemd: 1 keeps a memcg of harness.slice and its lists alive, to see the lists check fail
#   KERNEL            systemd: a build/out/ directory to boot as it is (build it)
#   ACCEL             boots: QEMU's accelerator (kvm if a probe boot works, else tcg,thread=multi)
# The scripts' other environment variables are set by the scripts that call
# them and documented at the top of the script that reads them.

# The variables above reach the scripts through the environment only: in
# MAKEFLAGS they would reach the kernel's make too, where M=, for one, names
# an external module to build.
MAKEOVERRIDES :=
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
	scripts/demo.sh

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
	scripts/review.sh

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
