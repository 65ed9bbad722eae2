#!/bin/bash
# Regenerate series/ from the commits on top of v5.15 in build/linux,
# keeping the cover letter's subject and blurb.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

tree=build/linux
[ -d "$tree/.git" ] || die "no $tree: run make tree first"
[ -z "$(git -C "$tree" status --porcelain --untracked-files=no)" ] ||
	die "$tree has uncommitted changes: commit them first"
n=$(git -C "$tree" rev-list --count v5.15..HEAD)
tmp=$(mktemp -d)
git -C "$tree" format-patch -q --cover-letter --base=v5.15 -o "$tmp" v5.15..HEAD
if [ -f series/0000-cover-letter.patch ] && [ "$n" -gt 0 ]; then
	scripts/cover.py series/0000-cover-letter.patch "$tmp"/0000-cover-letter.patch
fi
rm -f series/*.patch
[ "$n" -gt 0 ] && mv "$tmp"/*.patch series/
rm -rf "$tmp"
say "exported $n patches to series/"
