def log = new File(basedir, 'build.log').text
assert log.contains('AIPerf compare: 1 regression(s) against the baseline')
assert log.contains('concurrency=8 request_latency_p99: 300.67 ms -> 360.33 ms (+19.8%, p=0.0002): worse by 19.8%, beyond tolerance 10% / 2 ms')
assert !log.contains('concurrency=4 request_latency_p99: ')
def md = new File(basedir, 'target/aiperf-compare/compare_summary.md').text
assert md.startsWith('## AIPerf compare: **REGRESSION** (1 of 12 comparisons)')
def xml = new File(basedir, 'target/aiperf-compare/TEST-aiperf-compare.xml').text
assert xml.contains('tests="12" failures="1"')
assert xml.contains('<testcase classname="aiperf.compare.concurrency=8" name="request_latency_p99" time="0"><failure')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException')
true
