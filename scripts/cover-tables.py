#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print the cover letter's two tables from one `make bench` run.

    cover-tables.py [DIR]        (DIR: the run's CSV files, docs/bench)

The results table (memory and time of mounts and memcg operations) and
the cost table (instructions per operation, remount time) come from the
same run, so every figure in the cover letter has one source.  The cover
letter carries the output verbatim; `make review` checks that it does.
"""
import csv
import os
import statistics
import sys
from collections import defaultdict


def rows(d, name):
    path = os.path.join(d, name + '.csv')
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return list(csv.DictReader(f))


def median_by(rs, key, value):
    """{key tuple: median over rounds of the median over repetitions}."""
    acc = defaultdict(lambda: defaultdict(list))
    for r in rs:
        acc[tuple(r[k] for k in key)][r['round']].append(float(r[value]))
    return {k: statistics.median(statistics.median(v) for v in rounds.values())
            for k, rounds in acc.items()}


def results(d):
    out = ['  %-36s %11s %11s  %s' % ('', 'v5.15', 'series', 'ratio')]
    scale = [r for r in rows(d, 'scale') if r['fs'] == 'tmpfs']
    by = {(r['kernel'], int(r['n']), int(r['m'])): r for r in scale}
    m = max((int(r['m']) for r in scale), default=0)
    for n in sorted({int(r['n']) for r in scale if int(r['n'])}):
        b, s = by.get(('base', n, m)), by.get(('series', n, m))
        if not b or not s:
            continue
        bs, ss = float(b['slab_kb']) / 1024, float(s['slab_kb']) / 1024
        out.append('  %-36s %8.1f MB %8.1f MB  %.3f'
                   % ('Slab of %d tmpfs mounts, N=%d' % (m, n), bs, ss, ss / bs))
    n = max((int(r['n']) for r in scale), default=0)
    b, s = by.get(('base', n, m)), by.get(('series', n, m))
    if b and s:
        out.append('  %-36s %8.1f MB %8.1f MB'
                   % ('kmalloc-32 of those, N=%d' % n, float(b['kmalloc32_kb']) / 1024,
                      float(s['kmalloc32_kb']) / 1024))
        out.append('  %-36s %8.0f ms %8.0f ms  %.3f'
                   % ('time of those mounts, N=%d' % n, float(b['mount_ms']),
                      float(s['mount_ms']), float(s['mount_ms']) / float(b['mount_ms'])))
    lat = {(r['kernel'], int(r['m'])): r for r in rows(d, 'latency')}
    ms = sorted(m for k, m in lat if k == 'base' and ('series', m) in lat)
    if ms:
        m = ms[-1]
        b, s = lat[('base', m)], lat[('series', m)]
        for key, what in (('create_ms', 'create %s memcgs, %d mounts' % (b['c'], m)),
                          ('rmdir_owner_ms', 'rmdir of a memcg with files on them'),
                          ('rmdir_idle_ms', 'rmdir of an idle memcg')):
            out.append('  %-36s %8.1f ms %8.1f ms  %.3f'
                       % (what, float(b[key]), float(s[key]), float(s[key]) / float(b[key])))
    return out


# ext4 create and unlink are left out: they wait on the journal, and
# rounds of the same kernel differ by tens of percent (docs/results.md).
HOT = [('tmpfs_create', 'tmpfs create'),
       ('tmpfs_unlink', 'tmpfs unlink'),
       ('tmpfs_neg', 'tmpfs lookup of a missing name'),
       ('ext4_neg_new', 'ext4 the same, dentry kept'),
       ('ext4_neg_hit', 'lookup hitting the dcache'),
       ('ext4_neg_reclaim', 'memcg reclaim, negative dentry'),
       ('ext4_open_close', 'open/close of a cold ext4 file'),
       ('ext4_open_close_reclaim', 'memcg reclaim, dentry + inode')]


def cost(d):
    hot = median_by(rows(d, 'hot'), ('clock', 'op', 'kernel'), 'ns_per_op')
    out = ['  %-36s %8s %8s  %-6s %s' % ('instructions per operation', 'v5.15', 'series',
                                        'ratio', '(-Os)')]
    for op, what in HOT:
        b, s = hot.get(('icount-O2', op, 'base')), hot.get(('icount-O2', op, 'series'))
        bo, so = hot.get(('icount', op, 'base')), hot.get(('icount', op, 'series'))
        if not (b and s and bo and so):
            continue
        out.append('  %-36s %8.0f %8.0f  %.3f  (%.3f)' % (what, b, s, s / b, so / bo))
    rem = {(r['kernel'], int(r['c'])): float(r['ms']) for r in rows(d, 'remount')}
    for c in sorted({c for _, c in rem}):
        b, s = rem.get(('base', c)), rem.get(('series', c))
        if b and s:
            d_ = int(rows(d, 'remount')[0]['d'])
            out.append('  %-36s %5.0f ms %5.0f ms  %.3f'
                       % ('ext4 remount, %d dentries, %d memcgs' % (d_, c), b, s, s / b))
    return out


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else 'docs/bench'
    print('\n'.join(results(d)))
    print()
    print('\n'.join(cost(d)))


if __name__ == '__main__':
    main()
