# One entry point.  Everything generated goes to build/ (git-ignored).
#
#   make test     tree, checkpatch, guest build, boot, KTAP results (CI)
#   make demo     base v5.15 vs the series on the seed's scenario
#   make tree     build/linux = v5.15 + series/ (git am)
#   make export   series/ = the commits on top of v5.15 in build/linux
#   make kernel   build the guest kernel from build/linux
#   make boot     boot it and run the smoke suite, without checkpatch
#   make deps     install the Debian packages the harness needs
#   make clean    remove build/ except the kernel tree and ccache

N ?= 2000
K ?= 100
M ?= 500

.PHONY: test demo tree export kernel boot deps clean

test:
	scripts/test.sh

demo:
	N=$(N) K=$(K) M=$(M) scripts/demo.sh

tree: deps
	scripts/tree.sh

export:
	scripts/export.sh

kernel: tree
	scripts/build-kernel.sh build/linux build/out/guest configs/guest.config

deps:
	scripts/deps.sh

clean:
	rm -rf build/out build/logs build/initramfs build/initramfs.cpio.gz build/accel
