#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Tests of scripts/ktap.py's verdict, on small console logs and KTAP.

    python3 scripts/test_ktap.py      (make test runs it first)
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

KTAP = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'ktap.py')
RESULTS = 'TAP version 14\n1..1\nok 1 - smoke\n'
BOOT = '[    0.000000] Linux version 5.15.0\n'


def run(console, results=RESULTS, *args):
    with tempfile.TemporaryDirectory() as d:
        c, r = os.path.join(d, 'console.log'), os.path.join(d, 'results.ktap')
        with open(c, 'w') as f:
            f.write(console)
        with open(r, 'w') as f:
            f.write(results)
        p = subprocess.run([sys.executable, KTAP, *args, c, r],
                           capture_output=True, text=True)
    return p.returncode, p.stdout.splitlines()[-1], p.stdout


def guest(*lines):
    return BOOT + 'HARNESS: start test\n' + ''.join(l + '\n' for l in lines) + \
        'HARNESS: done\n'


class Verdict(unittest.TestCase):
    def test_clean_run_passes(self):
        rc, last, _ = run(guest('ok 1 - smoke'))
        self.assertEqual((rc, last), (0, '3 passed, 0 failed'))

    def test_guest_output_may_say_warning(self):
        # A test's own diagnostic, echoed to the console, is not a report.
        rc, _, _ = run(guest('    # WARNING: 3 of 4 nodes online', 'ok 1 - smoke'))
        self.assertEqual(rc, 0)

    def test_kernel_warning_fails(self):
        rc, _, out = run(guest('[   12.345678] WARNING: CPU: 0 PID: 1 at mm/list_lru.c:1'))
        self.assertEqual(rc, 1)
        self.assertIn('kernel reported a problem', out)

    def test_kernel_line_inside_guest_line_fails(self):
        rc, _, _ = run(guest('    # creating files[    3.100000] BUG: KASAN: use-after-free'))
        self.assertEqual(rc, 1)

    def test_every_listed_report_fails(self):
        with open(os.path.join(os.path.dirname(KTAP), 'kernel-reports.txt')) as f:
            lines = f.read().splitlines()
        for line in lines:
            line = line.strip()
            if not line or line.startswith('#') or line == 'Call Trace:':
                continue
            with self.subTest(report=line):
                rc, _, _ = run(guest('[    5.000000] ' + line + ' something'))
                self.assertEqual(rc, 1)

    def test_oom_kill_stack_dump_is_expected(self):
        rc, _, _ = run(guest('[    9.000000] test_memcontrol invoked oom-killer: gfp_mask=0xcc0',
                             '[    9.000001] CPU: 0 PID: 77 Comm: test_memcontrol',
                             '[    9.000002] Call Trace:'))
        self.assertEqual(rc, 0)

    def test_call_trace_alone_fails(self):
        rc, _, _ = run(guest('[    9.000002] Call Trace:'))
        self.assertEqual(rc, 1)

    def test_unfinished_guest_fails(self):
        rc, _, out = run(BOOT + 'HARNESS: start test\n')
        self.assertEqual(rc, 1)
        self.assertIn('guest did not finish', out)

    def test_plan_mismatch_fails(self):
        rc, _, _ = run(guest(), 'TAP version 14\n1..2\nok 1 - smoke\n')
        self.assertEqual(rc, 1)

    def test_failed_case_fails(self):
        rc, last, _ = run(guest(), 'TAP version 14\n1..1\nnot ok 1 - smoke\n')
        self.assertEqual(rc, 1)
        self.assertIn('1 failed', last)

    def test_failed_case_shows_its_diagnostics(self):
        rc, _, out = run(guest(), 'TAP version 14\n1..2\n# before the first\n'
                         'ok 1 - one\n# one = 3, expected 4\nnot ok 2 - two\n')
        self.assertEqual(rc, 1)
        self.assertIn('# one = 3, expected 4', out)
        self.assertNotIn('before the first', out)

    def test_diagnostic_before_a_plan_is_no_result(self):
        rc, last, _ = run(guest(), 'TAP version 14\n1..1\n    # Subtest: s\n'
                          '    # said before the plan\n    1..1\n    ok 1 - a\nok 1 - s\n')
        self.assertEqual((rc, last), (0, '3 passed, 0 failed'))



class ResultFile(unittest.TestCase):
    """--json writes the counts a calling script adds up, --counts reads
    them back; no file, or a broken one, is no result."""

    def test_json_has_the_verdict(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 'ktap.json')
            rc, last, _ = run(guest(), 'TAP version 14\n1..1\nnot ok 1 - smoke\n',
                              '--json=' + path)
            with open(path) as f:
                self.assertEqual(json.load(f), {'passed': 2, 'failed': 1,
                                                'skipped': 0, 'xfailed': 0})
        self.assertEqual((rc, last), (1, '2 passed, 1 failed'))

    def counts(self, text):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 'summary.json')
            if text is not None:
                with open(path, 'w') as f:
                    f.write(text)
            return subprocess.run([sys.executable, KTAP, '--counts', path],
                                  capture_output=True, text=True)

    def test_counts_of_a_result_file(self):
        p = self.counts('{"passed": 84, "failed": 2}\n')
        self.assertEqual((p.returncode, p.stdout), (0, '84 2\n'))

    def test_no_result_file_is_no_result(self):
        for text in (None, '', '{"passed": 84, "fa', '{"passed": 84}',
                     '{"passed": "84", "failed": 0}', '{"passed": -1, "failed": 0}',
                     '[84, 0]', '84 passed, 0 failed'):
            with self.subTest(text=text):
                p = self.counts(text)
                self.assertEqual((p.returncode, p.stdout), (1, ''))
                self.assertIn('no result', p.stderr)


if __name__ == '__main__':
    unittest.main()
