# The plots of docs/results.md; scripts/report.py runs it once per plot:
#   gnuplot -c scripts/bench.gp OUT.svg DATA TITLE YLABEL K KERNELS MS
# DATA has one block of "N value" lines per (kernel, M), kernels outer, M
# inner, blocks apart by two blank lines (what `index` counts).  KERNELS
# and MS are space-separated lists; K is the memcgs left alive.  The colour
# says the kernel, dashes and point shape say M.
set terminal svg size 800,500 dynamic font 'sans,12'
set output ARG1
set title ARG3
set xlabel sprintf('N memcgs ever created (%s left alive)', ARG5)
set linetype 1 lc rgb '#d62728'
set linetype 2 lc rgb '#1f77b4'
set ylabel ARG4
set logscale y
set key outside right
set grid
nm = words(ARG7)
plot for [i = 0:words(ARG6) * nm - 1] ARG2 index i with linespoints \
	lc i / nm + 1 dt i % nm + 1 pt 5 + 2 * (i % nm % 4) lw 2 \
	title sprintf('%s, M=%s', word(ARG6, i / nm + 1), word(ARG7, i % nm + 1))
