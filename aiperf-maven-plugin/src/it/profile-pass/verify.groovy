def log = new File(basedir, 'build.log').text
assert log.contains('AIPerf profile ') && log.contains('smoke.yaml -> ')
assert log.contains('AIPerf profile smoke: 2 cell(s), every SLA met')
assert !log.contains('SLA BREACH')
// Jetty's own lifecycle lines (the embedded mock server's) stay out of the build log.
assert !log.contains('oejs.') : 'Jetty log noise in the build log'
for (c in [1, 2]) {
    def export = new File(basedir, "target/aiperf/concurrency_${c}/profile_export_aiperf.json")
    assert export.isFile() : "missing ${export}"
    assert export.text.contains('"request_latency"')
}
true
