#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Tests of scripts/ktap.py's verdict, on small console logs and KTAP, and
of how scripts/report.py reads the measurements' records.

    python3 scripts/test_ktap.py      (make test runs it first)
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

KTAP = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'ktap.py')
REPORT = os.path.join(os.path.dirname(KTAP), 'report.py')
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



def nested(program, *lines):
    """A kselftest_harness.h program's output as guest/init nests it."""
    return ('TAP version 14\n1..1\n    TAP version 13\n    # Subtest: %s\n' % program +
            ''.join('    ' + l + '\n' for l in lines))


class Harness(unittest.TestCase):
    """The kselftest_harness.h programs' KTAP, nested under /init's."""

    def test_passed_and_skipped_tests(self):
        rc, last, out = run(guest(), nested(
            'lists',
            '1..3',
            '# Starting 3 tests from 2 test cases.',
            '#  RUN           lists.ext4.memcg_reclaim_frees ...',
            '# ext4: slab_reclaimable 0 -> 7957272 -> 99136 after memory.high',
            '#            OK  lists.ext4.memcg_reclaim_frees',
            'ok 1 lists.ext4.memcg_reclaim_frees',
            '#  RUN           global.numa_nodes_online ...',
            '#            OK  global.numa_nodes_online',
            'ok 2 global.numa_nodes_online',
            '#  RUN           lazy.lists_follow_use ...',
            '#      SKIP      lists are not lazy',
            '#            OK  lazy.lists_follow_use',
            'ok 3 # SKIP lists are not lazy',
            '# PASSED: 3 / 3 tests passed.',
            '# Totals: pass:2 fail:0 xfail:0 xpass:0 skip:1 error:0') +
            'ok 1 - lists\n', '-v')
        self.assertEqual((rc, last), (0, '4 passed, 0 failed, 1 skipped'))
        # The fixture named as the program, and "global", are left out;
        # the skipped test is named by its RUN line.
        self.assertIn('ok   guest.lists.ext4.memcg_reclaim_frees', out)
        self.assertIn('ok   guest.lists.numa_nodes_online', out)
        self.assertIn('SKIP guest.lists.lazy.lists_follow_use', out)

    def test_failed_assert_shows_both_values(self):
        rc, last, out = run(guest(), nested(
            'lists',
            '1..2',
            '# Starting 2 tests from 2 test cases.',
            '#  RUN           lists.ext4.memcg_reclaim_frees ...',
            '# ext4: slab_reclaimable 0 -> 7957272 -> 7957000 after memory.high',
            '# lists.c:211:memcg_reclaim_frees:Expected filled - after (272) >= '
            '(filled - before) / 2 (3978636)',
            '# memcg_reclaim_frees: Test terminated by assertion',
            '#          FAIL  lists.ext4.memcg_reclaim_frees',
            'not ok 1 lists.ext4.memcg_reclaim_frees',
            '#  RUN           lists.xfs.memcg_reclaim_frees ...',
            '#            OK  lists.xfs.memcg_reclaim_frees',
            'ok 2 lists.xfs.memcg_reclaim_frees',
            '# FAILED: 1 / 2 tests passed.') + 'not ok 1 - lists\n')
        self.assertEqual((rc, last), (1, '3 passed, 1 failed'))
        self.assertIn('FAIL guest.lists.ext4.memcg_reclaim_frees', out)
        self.assertIn('Expected filled - after (272) >= (filled - before) / 2 (3978636)', out)
        self.assertIn('7957272 -> 7957000', out)
        self.assertNotIn('Starting 2 tests', out)
        self.assertNotIn('guest.lists.xfs.memcg_reclaim_frees', out)

    def test_timed_out_test_fails(self):
        rc, last, out = run(guest(), nested(
            'xarray',
            '1..1',
            '#  RUN           global.test_xarray ...',
            '# test_xarray: Test terminated by timeout',
            '#          FAIL  global.test_xarray',
            'not ok 1 global.test_xarray',
            '# FAILED: 0 / 1 tests passed.') + 'not ok 1 - xarray\n')
        self.assertEqual((rc, last), (1, '2 passed, 1 failed'))
        self.assertIn('FAIL guest.xarray.test_xarray', out)
        self.assertIn('Test terminated by timeout', out)

    def test_timeout_inside_a_nested_subtest(self):
        # stress's workload test prints its parts as a subtest; killed in
        # the middle, the plan is short and the timeout is shown.
        rc, _, out = run(guest(), nested(
            'stress',
            '1..1',
            '#  RUN           stress.workload ...',
            '    # Subtest: workload',
            '    1..5',
            '    ok 1 - workload',
            '# workload: Test terminated by timeout',
            '#          FAIL  stress.workload',
            'not ok 1 stress.workload') + 'not ok 1 - stress\n')
        self.assertEqual(rc, 1)
        self.assertIn('guest.stress.workload: planned 5 tests, ran 1', out)
        self.assertIn('Test terminated by timeout', out)

    def test_three_levels(self):
        # kunit_memcg: a KUnit suite's cases under a harness test.
        rc, last, out = run(guest(), nested(
            'kunit_memcg',
            '1..2',
            '#  RUN           kunit_memcg.list_lru ...',
            '    # Subtest: list_lru',
            '    1..2',
            '    ok 1 - list_lru_test_add_del',
            '    # list_lru_test_counts: EXPECTATION FAILED at mm/list_lru_kunit.c:90',
            '    not ok 2 - list_lru_test_counts',
            '# list_lru: pass:1 fail:1 skip:0 total:2',
            '# kunit_memcg.c:290:list_lru:Expected 1 (1) == copy_suite("list_lru", 1, &skipped) (0)',
            '# list_lru: Test terminated by assertion',
            '#          FAIL  kunit_memcg.list_lru',
            'not ok 1 kunit_memcg.list_lru',
            '#  RUN           kunit_memcg.unload_and_rmdir ...',
            '#            OK  kunit_memcg.unload_and_rmdir',
            'ok 2 kunit_memcg.unload_and_rmdir') + 'not ok 1 - kunit_memcg\n', '-v')
        self.assertEqual((rc, last), (1, '4 passed, 1 failed'))
        self.assertIn('ok   guest.kunit_memcg.list_lru.list_lru_test_add_del', out)
        self.assertIn('FAIL guest.kunit_memcg.list_lru.list_lru_test_counts', out)
        self.assertIn('EXPECTATION FAILED', out)
        self.assertIn('ok   guest.kunit_memcg.unload_and_rmdir', out)

    def test_missing_tests_fail(self):
        # The program died after its first test: the plan says 3.
        rc, _, out = run(guest(), nested(
            'smoke', '1..3', '#  RUN           global.numa_nodes_online ...',
            'ok 1 global.numa_nodes_online') + 'not ok 1 - smoke\n')
        self.assertEqual(rc, 1)
        self.assertIn('guest.smoke: planned 3 tests, ran 1', out)

    def test_baseline_names_match(self):
        # xarray's case is guest.xarray.test_xarray in both formats.
        with tempfile.TemporaryDirectory() as d:
            base = os.path.join(d, 'base.ktap')
            with open(base, 'w') as f:
                f.write('TAP version 14\n1..1\n    # Subtest: xarray\n    1..1\n'
                        '    not ok 1 - test_xarray\nnot ok 1 - xarray\n')
            rc, last, out = run(guest(), nested(
                'xarray', '1..1', '#  RUN           global.test_xarray ...',
                'not ok 1 global.test_xarray') + 'not ok 1 - xarray\n',
                '--baseline=' + base)
        self.assertIn('XFAIL guest.xarray.test_xarray', out)
        self.assertEqual((rc, last), (0, '2 passed, 0 failed, 1 failing on v5.15 too'))


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


def report(cmd, text):
    """report.py CMD on a file holding TEXT: (exit status, output)."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'records.txt')
        with open(path, 'w') as f:
            f.write(text)
        p = subprocess.run([sys.executable, REPORT, cmd, path],
                           capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


# bench's scale mode, "scale 2000 100 0 500", on each kernel, as
# scripts/demo.sh keeps its records.
DEMO = (
    'kernel=base test=memcgs n=2000 k=100 mkdir_ms=435.2\n'
    'kernel=base test=scale fs=tmpfs n=2000 k=100 m=500 mem_kb=521404 '
    'kmalloc32_kb=383600 slab_kb=518208 mount_ms=2414.3\n'
    'kernel=base test=umount fs=tmpfs n=2000 k=100 m=500 umount_ms=812.0\n'
    'kernel=series test=memcgs n=2000 k=100 mkdir_ms=367.4\n'
    'kernel=series test=scale fs=tmpfs n=2000 k=100 m=500 mem_kb=10116 '
    'kmalloc32_kb=0 slab_kb=7148 mount_ms=39.1\n'
    'kernel=series test=umount fs=tmpfs n=2000 k=100 m=500 umount_ms=20.5\n')


class Report(unittest.TestCase):
    """report.py's tables from the records of the measurements."""

    def test_demo_table(self):
        rc, out = report('demo', DEMO)
        self.assertEqual(rc, 0)
        self.assertIn('N=2000 memcgs created, K=100 left, M=500 tmpfs mounts', out)
        lines = out.splitlines()
        self.assertIn('mounts: MemTotal-MemFree         509.2 MB       9.9 MB    0.0194', lines)
        self.assertIn('mounts: kmalloc-32               374.6 MB       0.0 MB    0.0000', lines)
        self.assertIn('mounts: Slab                     506.1 MB       7.0 MB    0.0138', lines)
        self.assertIn('mount time                         2.41 s       0.04 s    0.0162', lines)
        self.assertIn('create N memcgs                    0.44 s       0.37 s    0.8442', lines)

    def test_demo_needs_both_kernels(self):
        rc, out = report('demo', ''.join(l + '\n' for l in DEMO.splitlines()
                                         if 'series' not in l or 'memcgs' not in l))
        self.assertEqual(rc, 1)
        self.assertIn('not one scale and one memcgs record of series', out)

    def test_contend_table(self):
        rc, out = report('contend', ''.join(
            '%s tasks=%d secs=10 ops=%d ops_per_s=%d\n' % (k, t, v * 10, v)
            for k, t, v in [('before', 1, 1000), ('after', 1, 1010),
                            ('before', 2, 1500), ('after', 2, 1800)]))
        self.assertEqual(rc, 0)
        self.assertIn('1      1000/1000/1000             1010/1010/1010             1.010', out)
        self.assertIn('2      1500/1500/1500             1800/1800/1800             1.200', out)


if __name__ == '__main__':
    unittest.main()
