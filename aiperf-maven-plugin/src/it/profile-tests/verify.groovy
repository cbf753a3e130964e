def log = new File(basedir, 'build.log').text
assert log.contains('AIPerf benchmark tests matching *BenchmarkTest in ')
assert log.contains('Benchmark test passed: LatencyBenchmarkTest > throughputWithinBudget(TestInfo)')
assert log.contains('AIPerf benchmark tests: 2 run, 1 passed, 1 failed, 0 skipped')
assert log.contains('AIPerf profile: 1 SLA breach(es):')
assert log.contains('- benchmark test LatencyBenchmarkTest > latencyOverBudget(): cell concurrency=4: time_to_first_token p99 < 200 breached: measured 231.40 ms (1 run)')
assert !log.contains('must not run untagged tests')
assert !log.contains('AIPerf profile (no YAML config')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException')
true
