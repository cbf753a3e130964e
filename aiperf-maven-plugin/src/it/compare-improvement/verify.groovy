def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def md = new File(basedir, 'target/aiperf-compare/compare_summary.md').text
assert md.startsWith('## AIPerf compare: **IMPROVEMENT**, no regression (3 of 12 comparisons improved)')
assert md.contains('| concurrency=4 | request_latency_p99 (ms) | 200.67 ± 3.06 (n=3) | 170.00 ± 2.00 (n=3) | -15.3% |')
def xml = new File(basedir, 'target/aiperf-compare/TEST-aiperf-compare.xml').text
assert xml.contains('tests="12" failures="0"')
true
