#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Tables of an xfstests.sh run, as Markdown.

    xfstests-report.py LOGDIR ["REFERENCE OTHER..."]

LOGDIR holds one directory per kernel, with results.ktap (the guest's
KTAP: a subtest per filesystem, a case per test in it, then the end
checks) and seconds, the boot's wall time.  Prints
per filesystem and kernel the tests run, passed, failed and not run and
the wall time; then every test whose verdict differs between the kernels;
then the tests that fail or are not run on the first kernel (the
reference), with the reason.
"""
import os
import re
import sys

CASE = re.compile(r'^    (not )?ok \d+ - (\S+)(?: # SKIP ?(.*))?$')
DIAG = re.compile(r'^    # (.*)$')
SUBTEST = re.compile(r'^    # Subtest: xfstests_(\S+)$')


def read(path):
    """Filesystem -> test name -> (verdict, reason), in run order."""
    per_fs, cases, diag = {}, {}, []
    for line in open(path, errors='replace'):
        line = line.rstrip('\n')
        m = SUBTEST.match(line)
        if m:
            cases = per_fs.setdefault(m.group(1), {})
            diag = []
            continue
        m = DIAG.match(line)
        if m:
            diag.append(m.group(1))
            continue
        m = CASE.match(line)
        if not m:
            continue
        if m.group(1):
            cases[m.group(2)] = ('failed', diag[0] if diag else '')
        elif m.group(3) is not None:
            cases[m.group(2)] = ('not run', m.group(3))
        else:
            cases[m.group(2)] = ('passed', '')
        diag = []
    return per_fs


def main():
    logs = sys.argv[1]
    boots = {}
    order = sys.argv[2].split() if len(sys.argv) > 2 else sorted(os.listdir(logs))
    for kernel in order:
        ktap = os.path.join(logs, kernel, 'results.ktap')
        if not os.path.isfile(ktap):
            continue
        seconds = os.path.join(logs, kernel, 'seconds')
        secs = open(seconds).read().strip() if os.path.exists(seconds) else '?'
        for fs, cases in read(ktap).items():
            boots.setdefault(fs, {})[kernel] = (cases, secs)

    print('| fs | kernel | tests | passed | failed | not run | boot (all fs) |')
    print('|---|---|---:|---:|---:|---:|---:|')
    for fs, kernels in sorted(boots.items()):
        for kernel, (cases, secs) in kernels.items():
            tests = {n: v for n, v in cases.items() if '/' in n}
            count = lambda what: sum(1 for v, _ in tests.values() if v == what)
            wall = '%d min' % (int(secs) // 60) if secs.isdigit() else secs
            print('| %s | %s | %d | %d | %d | %d | %s |' % (
                fs, kernel, len(tests), count('passed'), count('failed'),
                count('not run'), wall))

    for fs, kernels in sorted(boots.items()):
        names = list(kernels)
        ref = kernels[names[0]][0]
        print('\n### %s\n' % fs)
        for other in names[1:]:
            cases = kernels[other][0]
            diff = [n for n in ref if cases.get(n, ('missing',))[0] != ref[n][0]]
            diff += [n for n in cases if n not in ref]
            print('Verdicts that differ, %s vs %s: %s\n' % (
                names[0], other, ', '.join(
                    '%s (%s -> %s)' % (n, ref.get(n, ('missing',))[0],
                                       cases.get(n, ('missing',))[0])
                    for n in diff) or 'none'))
        bad = [(n, v, r) for n, (v, r) in ref.items() if v != 'passed']
        if bad:
            print('Not passed on %s:\n' % names[0])
            print('| test | verdict | reason |')
            print('|---|---|---|')
            for n, v, r in bad:
                print('| %s | %s | %s |' % (n, v, r.replace('|', '/')))


main()
