def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def md = new File(basedir, 'target/aiperf-compare/compare_summary.md').text
assert md.startsWith('## AIPerf compare: **NO REGRESSION** (12 comparisons)')
// The latency of concurrency=4 moved by more than the 5% tolerance, but within the noise of three trials.
assert md.contains('| concurrency=4 | request_latency_p99 (ms) | 201.67 ± 12.58 (n=3) | 214.33 ± 16.62 (n=3) | +6.3% |')
assert !md.contains('**REGRESSION**')
true
