def log = new File(basedir, 'build.log').text
assert log.contains('AIPerf benchmark tests matching *BenchmarkTest in ')
assert log.contains('Benchmark test passed: LatencyBenchmarkTest > throughputWithinBudget(TestInfo)')
assert log.contains('AIPerf benchmark tests: 2 run, 1 passed, 1 failed, 0 skipped')
assert !log.contains('must not run untagged tests')
assert !log.contains('AIPerf profile (no YAML config')
def breach = '- benchmark test LatencyBenchmarkTest > latencyOverBudget(): cell concurrency=4: time_to_first_token p99 < 200 breached: measured 231.40 ms (1 run)'
// aiperf:profile only warns ...
assert log.contains('(not failing: aiperf.failOnViolation=false; aiperf:verify fails on these)')
// ... and aiperf:verify fails the build with the same message.
assert log =~ /Failed to execute goal dev\.aiperf:aiperf-maven-plugin:[^:]+:verify \(default-cli\) on project profile-tests: AIPerf profile: 1 SLA breach\(es\):/
assert log.contains(breach)
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException')
assert new File(basedir, 'target/aiperf-reports/aiperf-profile-summary.json').text.contains('"result" : "breached"')
true
