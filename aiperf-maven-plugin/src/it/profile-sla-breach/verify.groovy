def log = new File(basedir, 'build.log').text
assert log.contains('AIPerf profile: 2 SLA breach(es):')
assert log =~ /- cell phases\.profiling\.concurrency=1: request_throughput avg > 1000000 breached: measured [0-9.]+ requests\/sec \(1 run\)/
assert log =~ /- cell phases\.profiling\.concurrency=2: request_throughput avg > 1000000 breached: measured [0-9.]+ requests\/sec \(1 run\)/
assert !log.contains('request_latency avg < 60000 breached')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException')
assert new File(basedir, 'target/aiperf/concurrency_2/profile_export_aiperf.json').isFile()
true
