#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Strict KTAP reader for the guest's output, and the run's verdict.

    ktap.py [--kunit] [--baseline=BASE_RESULTS_KTAP] [--json=FILE] CONSOLE_LOG RESULTS_KTAP
    ktap.py --reports CONSOLE_LOG     (only the kernel-report check)
    ktap.py --counts FILE             (read a result file back)

Reads every KTAP document in RESULTS_KTAP (the in-guest programs) and, with
--kunit, in CONSOLE_LOG (KUnit at boot).  Every plan must match the results
that follow it, numbers must run 1..N, and a subtest whose result line says
"not ok" fails even if its cases passed.  A subtest may start with a
version line of its own: the kselftest_harness.h programs print a document
("TAP version 13", "1..N", "ok N fixture.variant.test"), which guest/init
nests under the program's result.  Their case names lose the harness's
fixture part where it says nothing: "global" (TEST()) or the program's own
name (FIXTURE(lists) in lists), so lists.ext4.memcg_reclaim_frees in the
program lists is guest.lists.ext4.memcg_reclaim_frees.  v5.15's harness
prints a skipped test as "ok N # SKIP why": its name is the one of the
"#  RUN name ..." line before it.  The console must show that the
guest finished, and no line the kernel printed (one with a printk
timestamp) may hold a report listed in kernel-reports.txt (a memcg OOM
kill's own stack dump is expected, not one); the guest programs' own
output may.
With --baseline (v5.15's results.ktap), a case that fails there too is
counted as such, not as a failure, and a case that passes there must pass
here.  Prints one line per test (a failed one with the diagnostics the
test printed before its result) and ends with "N passed, M failed".
Exit status 0 only if nothing failed.
--json=FILE also writes the counts to FILE, {"passed": N, "failed": M, ...}:
the result file the calling script reads with --counts instead of parsing
the last line.  --counts FILE prints "N M" from such a file (any script's:
lib.sh's write_counts writes the same), or says on stderr why there is no
valid one and exits 1: the run that should have written it died.
"""
import contextlib
import io
import json
import os
import re
import sys

TIMESTAMP = re.compile(r'^\[\s*\d+\.\d+\] ')
LINE = re.compile(r'^( *)(TAP version \d+|\d+\.\.\d+|#.*|'
                  r'(?:not )?ok \d+.*)$')
RESULT = re.compile(r'^(not )?ok (\d+)(?: -)? ?([^#]*?)\s*(#\s*(\S+).*)?$')
# kselftest_harness.h's line before it forks a test.
RUN = re.compile(r'^#\s+RUN\s+(\S+) \.\.\.$')
# The kernel's reports: one fixed string per line of kernel-reports.txt.
REPORTS = [line.rstrip('\n') for line in
           open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                             'kernel-reports.txt'))
           if line.strip() and not line.startswith('#')]
BAD = re.compile('(' + '|'.join(re.escape(r) for r in REPORTS) + ')')
# Where a kernel line starts in a console line: the printk timestamp.  The
# guest programs' output, echoed to the console by init, has none.
KERNEL = re.compile(r'\[\s*\d+\.\d+\] ')
# Case name -> 'ok', 'fail' or 'skip' on the baseline kernel.
BASELINE = {}


class Counts:
    def __init__(self):
        self.passed = self.failed = self.skipped = self.xfailed = 0
        self.failures = []
        self.cases = {}

    def add(self, other):
        self.passed += other.passed
        self.failed += other.failed
        self.skipped += other.skipped
        self.xfailed += other.xfailed
        self.failures += other.failures
        self.cases.update(other.cases)

    def fail(self, what):
        self.failed += 1
        self.failures.append(what)


def tokens(path, console):
    """KTAP lines of a file as (indent, text), other lines dropped.

    In the console log only what the kernel printed before /init started
    counts: the guest programs' output is echoed there too, but is read
    from their own file."""
    out = []
    with open(path, errors='replace') as f:
        for raw in f:
            line = raw.rstrip('\r\n')
            if console:
                if line.startswith('HARNESS: start'):
                    break
                line = TIMESTAMP.sub('', line)
            m = LINE.match(line)
            if m:
                out.append((len(m.group(1)), m.group(2)))
    return out


def is_diag(text):
    return text.startswith('#') and not text.startswith('# Subtest:')


def case_name(desc, where, run):
    """A result's name: @desc, else the harness's test @run; without the
    harness's fixture part where it is "global" or the name of the
    subtest @where it is in."""
    desc = desc or run or ''
    first, dot, rest = desc.partition('.')
    if dot and rest and first in ('global', where.rsplit('.', 1)[-1]):
        return rest
    return desc


def show_diag(full, diag, label='FAIL'):
    print(label, full)
    for line in diag[-20:]:
        print('     #', line)


def parse_block(toks, i, indent, where, verbose):
    """Parse a plan and its results at @indent; return (next index, Counts)."""
    counts = Counts()
    planned = None
    diag = []       # the "# ..." lines since the last result at @indent
    while i < len(toks) and is_diag(toks[i][1]):
        i += 1
    if i < len(toks) and toks[i][0] == indent and re.match(r'\d+\.\.\d+$', toks[i][1]):
        planned = int(toks[i][1].split('..')[1])
        i += 1
    seen = 0
    sub = None
    name = where
    run = None      # the harness's test, from its "#  RUN" line
    while i < len(toks):
        ind, text = toks[i]
        if ind < indent or (ind == indent and text.startswith('TAP version')):
            break
        if is_diag(text):
            if ind == indent:
                m = RUN.match(text)
                if m:       # a harness test starts: its lines only
                    run, diag = m.group(1), []
                diag.append(text[1:].strip())
            i += 1
            continue
        if ind > indent:
            if text.startswith('# Subtest:'):
                name = where + '.' + text[len('# Subtest:'):].strip()
                i += 1
                continue
            if text.startswith('TAP version'):
                i += 1     # the subtest's own document starts
                continue
            i, sub = parse_block(toks, i, ind, name, verbose)
            continue
        m = RESULT.match(text)
        if not m:
            i += 1
            continue
        seen += 1
        ok, num, desc, directive = not m.group(1), int(m.group(2)), m.group(3), m.group(5)
        desc = case_name(desc, where, run)
        full = where + '.' + desc if desc else where + '.#%d' % num
        if num != seen:
            counts.fail('%s: result numbered %d, expected %d' % (full, num, seen))
        if sub is not None:
            counts.add(sub)
            if not ok and sub.failed == 0 and sub.xfailed == 0:
                counts.fail('%s: not ok' % full)
                show_diag(full, diag)
            elif not ok and diag and sub.failed:
                # Counted in its subtest; what it said besides: a timeout.
                show_diag(full, diag, 'not ok')
        elif directive and directive.upper() == 'SKIP':
            counts.skipped += 1
            counts.cases[full] = 'skip'
            verbose and print('SKIP', full)
        elif ok:
            counts.passed += 1
            counts.cases[full] = 'ok'
            verbose and print('ok  ', full)
        elif BASELINE.get(full) == 'fail':
            counts.xfailed += 1
            counts.cases[full] = 'fail'
            print('XFAIL', full, '(fails on v5.15 too)')
        else:
            counts.fail(full)
            counts.cases[full] = 'fail'
            show_diag(full, diag)
        sub = None
        diag = []
        name = where
        run = None
        i += 1
    if planned is None:
        counts.fail('%s: no plan' % where)
    elif seen != planned:
        counts.fail('%s: planned %d tests, ran %d' % (where, planned, seen))
    return i, counts


def parse_file(path, console, label, verbose):
    toks = tokens(path, console)
    total, docs, i = Counts(), 0, 0
    while i < len(toks):
        if toks[i][1].startswith('TAP version'):
            docs += 1
            i, c = parse_block(toks, i + 1, toks[i][0], label, verbose)
            total.add(c)
        else:
            i += 1
    return docs, total


def check_console(path):
    counts = Counts()
    with open(path, errors='replace') as f:
        log = f.read()
    if 'HARNESS: done' in log:
        counts.passed += 1
    else:
        counts.fail('guest did not finish (crash, panic or hang): see %s' % path)
    bad, oom = [], -10
    for i, line in enumerate(log.splitlines()):
        k = KERNEL.search(line)
        m = BAD.search(line, k.start()) if k else None
        # A memcg OOM kill, which the cgroup selftests provoke, dumps the
        # stack of the task that hit the limit: "invoked oom-killer", CPU,
        # hardware name, "Call Trace:".
        if 'invoked oom-killer' in line:
            oom = i
        elif m and not (m.group(1) == 'Call Trace:' and i - oom <= 5):
            bad.append(line)
    if bad:
        counts.fail('kernel reported a problem in %s: %s' % (path, bad[0].strip()))
    else:
        counts.passed += 1
    return counts


def reports_only(console):
    """ktap.py --reports CONSOLE: print the kernel's reports, exit 1 if any."""
    c = check_console(console)
    bad = [f for f in c.failures if f.startswith('kernel reported')]
    for f in bad:
        print(f)
    return 1 if bad else 0


def read_counts(path):
    """ktap.py --counts FILE: print "PASSED FAILED" from a result file."""
    try:
        with open(path) as f:
            d = json.load(f)
        n = (d['passed'], d['failed'])
        if not all(type(x) is int and x >= 0 for x in n):
            raise ValueError('counts are not numbers: %r' % (n,))
    except (OSError, ValueError, KeyError, TypeError) as e:
        print('%s: no result (%s)' % (path, e), file=sys.stderr)
        return 1
    print('%d %d' % n)
    return 0


def main():
    args = sys.argv[1:]
    if args[:1] == ['--reports']:
        return reports_only(args[1])
    if args[:1] == ['--counts']:
        return read_counts(args[1])
    kunit = '--kunit' in args
    verbose = '-v' in args
    console, results = [a for a in args if not a.startswith('-')]
    for a in args:
        if a.startswith('--baseline='):
            with contextlib.redirect_stdout(io.StringIO()):
                BASELINE.update(parse_file(a.split('=', 1)[1], False, 'guest', False)[1].cases)
    total = Counts()
    docs, c = parse_file(results, False, 'guest', verbose)
    total.add(c)
    if docs == 0:
        total.fail('no KTAP from the guest programs in %s' % results)
    if kunit:
        docs, c = parse_file(console, True, 'kunit', verbose)
        total.add(c)
        if docs == 0:
            total.fail('no KUnit KTAP in %s' % console)
    # A case that fails here was counted above; one skipped or missing here
    # that passes on v5.15 fails too, if its suite ran here.
    suites = {'.'.join(name.split('.')[:2]) for name in total.cases}
    for name, status in sorted(BASELINE.items()):
        here = total.cases.get(name, 'missing')
        if (status == 'ok' and here not in ('ok', 'fail') and
                '.'.join(name.split('.')[:2]) in suites):
            print('FAIL', name)
            total.fail('%s: passes on v5.15, %s here' % (name, here))
    total.add(check_console(console))
    for f in total.failures:
        print('FAILED:', f)
    skipped = ', %d skipped' % total.skipped if total.skipped else ''
    if total.xfailed:
        skipped += ', %d failing on v5.15 too' % total.xfailed
    print('%d passed, %d failed%s' % (total.passed, total.failed, skipped))
    for a in args:
        if a.startswith('--json='):
            with open(a.split('=', 1)[1], 'w') as f:
                json.dump({'passed': total.passed, 'failed': total.failed,
                           'skipped': total.skipped, 'xfailed': total.xfailed}, f)
                f.write('\n')
    return 1 if total.failed else 0


if __name__ == '__main__':
    sys.exit(main())
