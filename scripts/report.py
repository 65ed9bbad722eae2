#!/usr/bin/env python3
"""The harness's report tool: measurements in, tables out.

    report.py bench OUT [RAW META]   make bench: OUT/results.md and plots
    report.py hotpath FILE.ns...     scripts/hotpath.sh's table
    report.py demo DEMO.txt          make demo's table
    report.py contend RAW.txt        make contend's table

The scripts boot the guests and keep what they printed; this renders it.
How the figures are measured is docs/bench-method.md, written by hand.

bench: RAW holds one line per result, "kernel=.. clock=.. round=.. test=..
k=v ..." (guest/bench/'s records, "bench: test=.. k=v ...", prefixed by
scripts/bench.sh),
META the run's key=value facts.  With them, OUT/bench/<test>.csv and
OUT/bench/meta.txt are written first; then OUT/results.md and
OUT/bench/*.svg are rendered from OUT/bench/ alone, so `report.py bench
docs` renders docs/results.md again from the saved data.
hotpath: FILE.ns lines "OP VALUE", a file per kernel named NAME.ns; one
row per OP: each kernel's median, then its ratio to the first kernel's.
demo: the records of bench's scale mode, "scale N K 0 M", on each kernel,
as bench's RAW but prefixed with kernel= alone (scripts/demo.sh).
contend: lines "before|after tasks=T ... ops_per_s=R" (guest/contend.c's
"contend: tasks=" records, prefixed by scripts/contend.sh).
"""
import csv
import glob
import os
import shutil
import statistics
import subprocess
import sys
from collections import defaultdict

KERNELS = ('base', 'series')
GNUPLOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'bench.gp')
METHOD = 'bench-method.md'


def table(head, rows, widths=None):
    """The one table helper: markdown, or, given a width per column
    (negative: left-aligned, as printf's %-Ns), aligned text for the
    terminal, which is what hotpath, demo and contend have always printed."""
    if widths is None:
        out = ['| ' + ' | '.join(head) + ' |',
               '|' + '|'.join(' --- ' for _ in head) + '|']
        out += ['| ' + ' | '.join(str(c) for c in r) + ' |' for r in rows]
        return '\n'.join(out) + '\n'
    return ''.join(' '.join(str(c).ljust(-w) if w < 0 else str(c).rjust(w)
                            for c, w in zip(r, widths)) + '\n'
                   for r in [head] + rows)


def number(v):
    """A field as int, else float, else the string itself."""
    try:
        return int(v)
    except ValueError:
        try:
            return float(v)
        except ValueError:
            return v


def ratio(s, b):
    return '%.4f' % (s / b) if b else '-'


def mb(kb):
    return '%.1f' % (kb / 1024)


def method(anchor):
    return '[method](%s#%s)' % (METHOD, anchor)


def spread(values):
    """(max - min) / median, in percent."""
    med = statistics.median(values)
    return 100 * (max(values) - min(values)) / med if med else 0


# --- bench: data in and out -------------------------------------------------

def parse_raw(path):
    """Rows per test, each a dict; numbers converted."""
    tests = defaultdict(list)
    for line in open(path):
        row = {k: number(v) for k, v in (kv.split('=', 1) for kv in line.split())}
        tests[row['test']].append(row)
    return tests


def write_csv(path, rows):
    keys = [k for k in rows[0] if k != 'test']
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(keys)
        for r in rows:
            w.writerow([r.get(k, '') for k in keys])


def read_csvs(d):
    """{test: rows} from D/<test>.csv, as parse_raw() read them."""
    tests = {}
    for path in sorted(glob.glob(os.path.join(d, '*.csv'))):
        name = os.path.basename(path)[:-len('.csv')]
        with open(path, newline='') as f:
            tests[name] = [dict({k: number(v) for k, v in r.items() if v != ''}, test=name)
                           for r in csv.DictReader(f)]
    return tests


def read_meta(path):
    meta = dict(line.rstrip('\n').split('=', 1) for line in open(path) if '=' in line)
    for p in meta['params'].split():
        if '=' in p:
            k, v = p.split('=', 1)
            meta[k] = v.strip('"')
    return meta


# --- 1. memory vs scale ----------------------------------------------------

def scale_section(rows, outdir):
    by = {(r['kernel'], r['fs'], r['n'], r['m']): r for r in rows}
    ns = sorted({r['n'] for r in rows})
    md = ['\n## 1. Memory vs scale\n\n',
          'What M mounts cost after N memcgs were created and all but K=%d '
          'removed (N=0: none), from `/proc/meminfo` and '
          '`/sys/kernel/slab/kmalloc-32`; %s.\n'
          % (max(r['k'] for r in rows), method('1-memory-vs-scale'))]
    for fs in ('tmpfs', 'ext4', 'xfs'):
        ms = sorted({r['m'] for r in rows if r['fs'] == fs})
        if not ms:
            continue
        md.append('\n### %s\n\n' % fs)
        body = []
        for n in ns:
            for m in ms:
                b, s = by.get(('base', fs, n, m)), by.get(('series', fs, n, m))
                if not b or not s:
                    continue
                body.append([n, m,
                             mb(b['slab_kb']), mb(s['slab_kb']),
                             ratio(s['slab_kb'], b['slab_kb']),
                             mb(b['kmalloc32_kb']), mb(s['kmalloc32_kb']),
                             mb(b['mem_kb']), mb(s['mem_kb']),
                             ratio(s['mem_kb'], b['mem_kb']),
                             '%.0f' % (b['slab_kb'] / m),
                             '%.1f' % (s['slab_kb'] / m)])
        md.append(table(['N', 'M', 'Slab base MB', 'Slab series MB', 'ratio',
                         'kmalloc-32 base MB', 'kmalloc-32 series MB',
                         'MemTotal-MemFree base MB', 'series MB', 'ratio',
                         'Slab per mount base kB', 'series kB'], body))
    md.append('\n![Slab of the tmpfs mounts vs N](bench/memory_vs_n.svg)\n')
    plot_vs_n(rows, outdir, 'memory_vs_n', 'slab_kb', 1024,
              'Slab of M tmpfs mounts (MB, log)', 'Slab cost of M tmpfs mounts vs memcgs ever created')
    return md


def plot_vs_n(rows, outdir, name, key, scale, ylabel, title, per_mount=False):
    """One line per (kernel, M) of tmpfs rows: key/scale vs N, drawn by
    bench.gp from a data file with a block per line, kernels outer."""
    ms = sorted({r['m'] for r in rows if r['fs'] == 'tmpfs'})
    data = os.path.join(outdir, 'bench', name + '.dat')
    with open(data, 'w') as f:
        for k in KERNELS:
            for m in ms:
                pts = sorted((r['n'], r[key] / scale / (r['m'] if per_mount else 1))
                             for r in rows if r['fs'] == 'tmpfs' and r['kernel'] == k
                             and r['m'] == m)
                f.write('# %s M=%d\n' % (k, m))
                for n, v in pts:
                    f.write('%d %g\n' % (n, max(v, 1e-3)))
                f.write('\n\n')
    subprocess.run(['gnuplot', '-c', GNUPLOT, os.path.join(outdir, 'bench', name + '.svg'),
                    data, title, ylabel, str(max(r['k'] for r in rows)),
                    ' '.join(KERNELS), ' '.join(map(str, ms))], check=True)
    os.unlink(data)


def mount_section(rows, memcgs, outdir):
    by = {(r['kernel'], r['fs'], r['n'], r['m']): r for r in rows}
    md = ['\n## 2. Latency\n\n### Mount time vs N\n\n'
          'Time for all M mounts in the runs of section 1, under -icount; '
          '%s.\n\n' % method('mount-time-vs-n')]
    body = []
    for fs in ('tmpfs', 'ext4', 'xfs'):
        for (k, f, n, m), b in sorted(by.items()):
            if k != 'base' or f != fs:
                continue
            s = by.get(('series', fs, n, m))
            if s:
                body.append([fs, n, m, '%.0f' % b['mount_ms'], '%.0f' % s['mount_ms'],
                             ratio(s['mount_ms'], b['mount_ms']),
                             '%.2f' % (b['mount_ms'] / m), '%.2f' % (s['mount_ms'] / m)])
    md.append(table(['fs', 'N', 'M', 'base ms', 'series ms', 'ratio',
                     'base ms/mount', 'series ms/mount'], body))
    md.append('\n![tmpfs mount time vs N](bench/mount_time_vs_n.svg)\n')
    plot_vs_n(rows, outdir, 'mount_time_vs_n', 'mount_ms', 1,
              'ms per tmpfs mount (guest time, -icount; log)', 'Time per tmpfs mount vs memcgs ever created',
              per_mount=True)
    mk = {(r['kernel'], r['n']): r for r in memcgs}
    body = [[n, '%.0f' % mk[('base', n)]['mkdir_ms'], '%.0f' % mk[('series', n)]['mkdir_ms'],
             ratio(mk[('series', n)]['mkdir_ms'], mk[('base', n)]['mkdir_ms'])]
            for n in sorted({n for _, n in mk}) if n and ('series', n) in mk and ('base', n) in mk]
    if body:
        md.append('\nCreating the N memcgs of the scale runs (no mounts but '
                  'the guest\'s own), under -icount:\n\n')
        md.append(table(['N', 'base ms', 'series ms', 'ratio'], body))
    return md


def latency_section(rows):
    by = {(r['kernel'], r['m']): r for r in rows}
    c = rows[0]['c']
    md = ['\n### Memcg creation and removal vs mounts present\n\n'
          'With M tmpfs mounts: creating %d memcgs, then removing one that '
          'created a file on each mount ("owner") and one that created '
          'nothing ("idle"), until it is released (median of 3), then the '
          'rest; %s.\n\n' % (c, method('memcg-creation-and-removal-vs-mounts-present'))]
    body = []
    for m in sorted({m for _, m in by}):
        b, s = by.get(('base', m)), by.get(('series', m))
        if not b or not s:
            continue
        body.append([m, '%.0f' % b['create_ms'], '%.0f' % s['create_ms'],
                     ratio(s['create_ms'], b['create_ms']),
                     '%.1f' % b['rmdir_owner_ms'], '%.1f' % s['rmdir_owner_ms'],
                     ratio(s['rmdir_owner_ms'], b['rmdir_owner_ms']),
                     '%.1f' % b['rmdir_idle_ms'], '%.1f' % s['rmdir_idle_ms'],
                     '%.0f' % b['remove_ms'], '%.0f' % s['remove_ms']])
    md.append(table(['M', 'create %d base ms' % c, 'series ms', 'ratio',
                     'rmdir owner base ms', 'series ms', 'ratio',
                     'rmdir idle base ms', 'series ms',
                     'remove %d base ms' % c, 'series ms'], body))
    return md


# --- 5. remount ------------------------------------------------------------

def remount_section(rows):
    by = {(r['kernel'], r['c']): r for r in rows}
    d = rows[0]['d']
    md = ['\n## 5. Remount with a big dentry cache\n\n'
          'Time of an ext4 remount with %d negative dentries cached, made by '
          'C memcgs; %s.\n\n' % (d, method('5-remount-with-a-big-dentry-cache'))]
    body = []
    for c in sorted({c for _, c in by}):
        b, s = by.get(('base', c)), by.get(('series', c))
        if b and s:
            body.append([c, '%.1f' % b['ms'], '%.1f' % s['ms'], ratio(s['ms'], b['ms'])])
    md.append(table(['C memcgs', 'remount base ms', 'series ms', 'ratio'], body))
    return md


# --- 3. hot path and 4. reclaim ----------------------------------------------

def per_round(rows, key, value):
    """{(clock, key..., kernel): {round: median over reps}}."""
    acc = defaultdict(lambda: defaultdict(list))
    for r in rows:
        acc[(r['clock'],) + tuple(r[k] for k in key) + (r['kernel'],)][r['round']].append(r[value])
    return {g: {rd: statistics.median(v) for rd, v in rounds.items()}
            for g, rounds in acc.items()}


def compare(stats, clock, keys):
    """Table rows: per key, base and series min/median/max and ratios."""
    body, noise = [], []
    for key in keys:
        b = stats.get((clock,) + key + ('base',))
        s = stats.get((clock,) + key + ('series',))
        if not b or not s:
            continue
        rounds = sorted(set(b) & set(s))
        ratios = [s[r] / b[r] for r in rounds if b[r]]
        bv, sv = list(b.values()), list(s.values())
        noise.append(spread(bv))
        body.append(list(key) + [
            '%.0f / **%.0f** / %.0f' % (min(bv), statistics.median(bv), max(bv)),
            '%.0f / **%.0f** / %.0f' % (min(sv), statistics.median(sv), max(sv)),
            '**%.4f**' % (statistics.median(sv) / statistics.median(bv)),
            '%.4f / %.4f' % (min(ratios), max(ratios)),
            '%.1f%%' % spread(bv), len(rounds)])
    return body, noise


HOT_OPS = [
    ('tmpfs_create', 'create an empty file (open O_CREAT, close)'),
    ('tmpfs_unlink', 'unlink it'),
    ('ext4_create', 'create an empty file (at most 4000 at a time: 16k inodes)'),
    ('ext4_unlink', 'unlink it'),
    ('tmpfs_neg', 'stat a missing name: a dentry allocated and freed'),
    ('ext4_neg_new', 'stat a new missing name: negative dentry kept, onto the lru'),
    ('ext4_neg_hit', 'stat it again: dcache hit'),
    ('ext4_neg_reclaim', 'memory.high=0 frees those dentries, per dentry'),
    ('ext4_open_close', 'open+close a file whose dentry and inode were reclaimed'),
    ('ext4_open_close_reclaim', 'memory.high=0 frees them again, per dentry'),
]


CLOCKS = {
    'icount-O2': 'Under `-icount shift=0,sleep=off`, 1 vCPU, kernels built with '
                 '`configs/perf.config` (-O2, static keys, 64-slot xarray nodes: '
                 'as a distribution kernel)',
    'icount': 'Under `-icount shift=0,sleep=off` (guest ns = instructions), 1 vCPU, '
              '`configs/guest.config` kernels (tinyconfig: -Os, no static keys, '
              '16-slot xarray nodes)',
    'tcg': 'Plain TCG (host-time clock), 2 vCPUs',
}


def hot_section(rows, meta):
    stats = per_round(rows, ('op',), 'ns_per_op')
    order = {'icount-O2': 0, 'icount': 1}
    clocks = sorted({r['clock'] for r in rows}, key=lambda c: order.get(c, 2))
    md = ['\n## 3. Hot path\n\n'
          'Each operation %s times in a child memcg, %s rounds per boot '
          '(their median kept), boots alternating base, series...; %s.  Cells: '
          'min / **median** / max over the runs of the time per operation in '
          'ns; ratio: series median / base median, then the min and max of the '
          'per-run ratios (run i of series over run i of base); base spread: '
          '(max - min) / median of the base runs.\n'
          % (meta['OPS'], meta['REPS'], method('3-hot-path'))]
    noise = {}
    for clock in clocks:
        md.append('\n### %s\n\n' % CLOCKS.get(clock, clock))
        body, noise[clock] = compare(stats, clock, [(op,) for op, _ in HOT_OPS])
        desc = dict(HOT_OPS)
        for r in body:
            r.insert(1, desc[r[0]])
        md.append(table(['op', 'what', 'base ns', 'series ns', 'ratio',
                         'per-run ratios min / max', 'base spread', 'runs'], body))
    return md, noise


def reclaim_section(rows):
    stats = per_round(rows, ('crowd',), 'ns_per_dentry')
    crowds = sorted({r['crowd'] for r in rows}, key=lambda c: c != 'none')
    x = rows[0]['x']
    md = ['\n## 4. Reclaim\n\n'
          'Time per freed dentry of the memory.high=0 write that reclaims a '
          'memcg\'s %d negative dentries on ext4, alone ("none") and in a crowd '
          'nN-kK-mM (N memcgs created, K alive, M tmpfs mounts), under '
          '-icount; %s.\n\n' % (x, method('4-reclaim'))]
    body, _ = compare(stats, 'icount', [(c,) for c in crowds])
    md.append(table(['crowd', 'base ns/dentry', 'series ns/dentry', 'ratio',
                     'per-run ratios min / max', 'base spread', 'runs'], body))
    return md


def headline(tests):
    """The figures the issue sets targets for, in a few lines."""
    md = ['## Headline\n\n']
    scale = [r for r in tests.get('scale', []) if r['fs'] == 'tmpfs']
    if scale:
        by = {(r['kernel'], r['n'], r['m']): r for r in scale}
        n, m, n0 = max(r['n'] for r in scale), max(r['m'] for r in scale), min(r['n'] for r in scale)
        b, s = by.get(('base', n, m)), by.get(('series', n, m))
        s0 = by.get(('series', n0, m))
        if b and s:
            md.append('- Memory of %d tmpfs mounts after %d memcgs: Slab %.1f MB -> %.1f MB '
                      '(ratio %.4f), MemTotal-MemFree %.1f MB -> %.1f MB (ratio %.4f), '
                      'kmalloc-32 %.1f MB -> %.1f MB.  Target: <= 1%% of base.\n'
                      % (m, n, b['slab_kb'] / 1024, s['slab_kb'] / 1024,
                         s['slab_kb'] / b['slab_kb'], b['mem_kb'] / 1024, s['mem_kb'] / 1024,
                         s['mem_kb'] / b['mem_kb'], b['kmalloc32_kb'] / 1024,
                         s['kmalloc32_kb'] / 1024))
            if s0 and n0 != n:
                md.append('- Flat in N: with the series the %d mounts take %.1f MB of Slab at '
                          'N=%d (no memcg alive) and %.1f MB at N=%d (%d alive); mounting them '
                          'takes %.0f ms and %.0f ms (base: %.0f ms and %.0f ms).\n'
                          % (m, s0['slab_kb'] / 1024, n0, s['slab_kb'] / 1024, n, s['k'],
                             s0['mount_ms'], s['mount_ms'], by[('base', n0, m)]['mount_ms'],
                             b['mount_ms']))
    lat = tests.get('latency', [])
    if lat:
        by = {(r['kernel'], r['m']): r for r in lat}
        ms = sorted(m for k, m in by if k == 'base' and ('series', m) in by)
        if ms:
            md.append('- Creating %d memcgs with %s tmpfs mounts present: base %s ms, series '
                      '%s ms.\n' % (lat[0]['c'], '/'.join(map(str, ms)),
                                    '/'.join('%.0f' % by[('base', m)]['create_ms'] for m in ms),
                                    '/'.join('%.0f' % by[('series', m)]['create_ms'] for m in ms)))
    for clock, what in (('icount-O2', 'perf.config (-O2)'), ('icount', 'guest.config (-Os)')):
        hot = [r for r in tests.get('hot', []) if r['clock'] == clock]
        if not hot:
            continue
        stats = per_round(hot, ('op',), 'ns_per_op')
        ratios = []
        for op, _ in HOT_OPS:
            b, s = stats.get((clock, op, 'base')), stats.get((clock, op, 'series'))
            if b and s:
                ratios.append('%s %.3f' % (op, statistics.median(s.values()) /
                                           statistics.median(b.values())))
        md.append('- Hot path under -icount, %s kernels, series/base per operation '
                  '(target: within 1%%): %s.\n' % (what, ', '.join(ratios)))
    return md


def noise_section(noise):
    md = ['\n## Noise\n\n'
          'Spread of the base kernel\'s repeated hot-path runs ((max - min) / '
          'median over the runs, per operation):\n\n']
    body = []
    for clock in ('tcg', 'icount'):
        if noise.get(clock):
            v = noise[clock]
            body.append([clock, '%.1f%%' % statistics.median(v),
                         '%.1f%%' % min(v), '%.1f%%' % max(v)])
    md.append(table(['clock', 'median over ops', 'min', 'max'], body))
    md.append('\nWhy plain TCG is that noisy and what -icount changes: %s.\n'
              % method('noise'))
    return md


def bench(args):
    """bench OUT [RAW META]: see the top of the file."""
    if len(args) not in (1, 3):
        sys.exit('usage: report.py bench OUT [RAW META]')
    out = args[0]
    data = os.path.join(out, 'bench')
    if len(args) == 3:
        os.makedirs(data, exist_ok=True)
        # No table of a test this run did not make may stay behind.
        for path in glob.glob(os.path.join(data, '*.csv')):
            os.unlink(path)
        for name, rows in parse_raw(args[1]).items():
            write_csv(os.path.join(data, name + '.csv'), rows)
        shutil.copyfile(args[2], os.path.join(data, 'meta.txt'))
    meta = read_meta(os.path.join(data, 'meta.txt'))
    tests = read_csvs(data)

    dur = int(meta['duration_s'])
    md = ['# Benchmarks: v5.15 vs v5.15 + the series\n\n',
          'Generated by `make bench%s` (scripts/bench.sh, guest/bench/, '
          'scripts/report.py) on %s; %s run, %d min %02d s.  Raw data: '
          '`bench/*.csv` (one line per guest measurement; `kernel`, `clock`, '
          '`round` say which boot).  How each figure is measured, what to keep '
          'in mind reading it, and how to reproduce it: [%s](%s).\n\n'
          % ('' if meta['mode'] == 'full' else '-quick', meta['date'], meta['mode'],
             dur // 60, dur % 60, METHOD, METHOD),
          '- Host: %s, %s CPUs, %s GB; %s; load average at start %s, at end %s.\n'
          % (meta['cpu'], meta['host_cpus'], meta['host_mem_gb'], meta['qemu'],
             meta['load_start'], meta['load_end']),
          '- Guest: QEMU TCG, 4 NUMA nodes (ACPI SRAT), 1 vCPU under `-icount '
          'shift=0,sleep=off` (2 vCPUs for the plain-TCG noise runs), 4 GB (scale '
          'runs: %s MB), `configs/guest.config`, cgroup v2.  Times are guest '
          'CLOCK_MONOTONIC: under -icount 1 ns is one guest instruction.\n'
          % meta['SCALE_MEM_MB'],
          '- Kernels: base `%s`; series `%s` (%s commits on v5.15).\n'
          % (meta['base'], meta['series'], meta['series_patches']),
          '- Parameters: `%s`.\n\n' % meta['params']]
    md += headline(tests)
    if 'scale' in tests:
        md += scale_section(tests['scale'], out)
        md += mount_section(tests['scale'], tests.get('memcgs', []), out)
    if 'latency' in tests:
        md += latency_section(tests['latency'])
    noise = {}
    if 'hot' in tests:
        hot, noise = hot_section(tests['hot'], meta)
        md += hot
    if 'reclaim' in tests:
        md += reclaim_section(tests['reclaim'])
    if 'remount' in tests:
        md += remount_section(tests['remount'])
    md += noise_section(noise)
    with open(os.path.join(out, 'results.md'), 'w') as f:
        f.write(''.join(md))


# --- scripts/hotpath.sh, make demo, make contend ------------------------------

def hotpath(files):
    """Per op, each kernel's median (the lower middle value for an even
    count, as hotpath.sh's awk had it), then its ratio to the first's."""
    names, ops, values = [], [], defaultdict(list)
    for path in files:
        name = os.path.basename(path).removesuffix('.ns')
        names.append(name)
        for line in open(path):
            op, v = line.split()
            if op not in ops:
                ops.append(op)
            values[(name, op)].append(float(v))
    rows = []
    for op in ops:
        m = [statistics.median_low(values[(n, op)]) if values[(n, op)] else None
             for n in names]
        rows.append([op] + ['%.1f' % v if v is not None else '-' for v in m] +
                    ['%.4f' % (v / m[0]) if v is not None and m[0] else '-' for v in m[1:]])
    head = ['op'] + names + [n + '/' + names[0] for n in names[1:]]
    sys.stdout.write(table(head, rows, [-24] + [10] * (len(head) - 1)))


def demo_rows(path):
    """make demo's figures per kernel, from the records of bench's scale
    mode that scripts/demo.sh keeps ("kernel=K test=.. k=v ..."): the
    tmpfs row of the scale test with the memcgs test's mkdir_ms."""
    tests = parse_raw(path)
    rows = {}
    for k in KERNELS:
        scale = [r for r in tests['scale'] if r['kernel'] == k and r['fs'] == 'tmpfs']
        memcgs = [r for r in tests['memcgs'] if r['kernel'] == k]
        if len(scale) != 1 or len(memcgs) != 1:
            sys.exit('%s: not one scale and one memcgs record of %s' % (path, k))
        rows[k] = dict(scale[0], mkdir_ms=memcgs[0]['mkdir_ms'])
    return rows['base'], rows['series']


def demo(path):
    """Base and series of the demo scenario, side by side."""
    b, s = demo_rows(path)
    print('\nN=%s memcgs created, K=%s left, M=%s tmpfs mounts, 4 NUMA nodes;'
          ' times under -icount' % (b['n'], b['k'], b['m']))
    body = []
    for key, name, scale in [('mem_kb', 'mounts: MemTotal-MemFree', 1024),
                             ('kmalloc32_kb', 'mounts: kmalloc-32', 1024),
                             ('slab_kb', 'mounts: Slab', 1024),
                             ('mount_ms', 'mount time', 1000),
                             ('mkdir_ms', 'create N memcgs', 1000)]:
        unit, digits = ('MB', 1) if scale == 1024 else ('s', 2)
        bv, sv = float(b[key]), float(s[key])
        body.append([name, '%.*f %s' % (digits, bv / scale, unit),
                     '%.*f %s' % (digits, sv / scale, unit),
                     '%.4f' % (sv / bv) if bv > 0 else '-'])
    sys.stdout.write(table(['', 'v5.15', '+series', 'ratio'], body, [-28, 12, 12, 9]))


def contend(path):
    """Lookups/s before and after part 3, per number of tasks."""
    runs = {}
    for line in open(path):
        k, *kv = line.split()
        d = dict(x.split('=') for x in kv)
        runs.setdefault((k, int(d['tasks'])), []).append(float(d['ops_per_s']))
    print('negative-dentry lookups/s on one ext4 sb, node 0 (min/median/max)')
    body = []
    for t in (1, 2):
        b, a = runs[('before', t)], runs[('after', t)]
        f = lambda v: '%.0f/%.0f/%.0f' % (min(v), statistics.median(v), max(v))
        body.append([t, f(b), f(a), '%.3f' % (statistics.median(a) / statistics.median(b))])
    sys.stdout.write(table(['tasks', 'before part 3', 'after part 3', 'median ratio'],
                           body, [-6, -26, -26, 0]))


def main():
    cmd, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ('', [])
    if cmd == 'bench':
        bench(args)
    elif cmd == 'hotpath' and args:
        hotpath(args)
    elif cmd in ('demo', 'contend') and len(args) == 1:
        (demo if cmd == 'demo' else contend)(args[0])
    else:
        sys.exit(__doc__.split('\n\n')[1])


if __name__ == '__main__':
    main()
