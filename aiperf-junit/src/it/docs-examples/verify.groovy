/*
 * `mvn test` in the project built from the docs (prebuild.groovy) ran every example as a test: each class has a
 * Surefire report (a class Surefire's default includes skip has none), with exactly the cells the docs describe,
 * named by cell (the reporter setting JUNIT.md shows), and none failed or was skipped.
 */

// The tests each example of docs/JUNIT.md and README.md reports, as Surefire's XML names them. A new example, or a
// new cell in one, is added here: the docs say how many tests a class reports, and this checks that it does.
def expected = [
        'ServingBenchmarkTest'               : ['saturation(CellResult) concurrency=1',
                                                'saturation(CellResult) concurrency=4',
                                                'saturation(CellResult) concurrency=16'],
        'MaxConcurrencyUnderSlaBenchmarkTest': ['maxConcurrency(SearchResult) max-concurrency-under-sla'],
        'CellAssertionsBenchmarkTest'        : ['latency(CellResult) benchmark'],
        'ThroughputScalingBenchmarkTest'     : ['saturation(CellResult) concurrency=1',
                                                'saturation(CellResult) concurrency=16'],
        'ConcurrencyGridBenchmarkTest'       : ['saturation(CellResult) concurrency=1',
                                                'saturation(CellResult) concurrency=4',
                                                'saturation(CellResult) concurrency=16']]

def listing = new File(basedir, 'docs-examples.txt')
assert listing.isFile() : 'prebuild.groovy stopped before writing the project (its error is above in build.log)'
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS') : 'mvn test failed in the project made from the docs; see build.log'

def extracted = listing.readLines().findAll { it }.collectEntries {
    def (fqcn, where) = it.split('\t') as List
    [(fqcn): where]
}
assert extracted.keySet() == expected.keySet() : "the docs' examples are ${extracted.keySet()}, this test expects" +
        " ${expected.keySet()}: add the new example's tests to 'expected' in verify.groovy"

def reports = new File(basedir, 'target/surefire-reports')
def total = 0
expected.each { fqcn, names ->
    def report = new File(reports, "TEST-${fqcn}.xml")
    assert report.isFile() : "${fqcn} (${extracted[fqcn]}) did not run: no ${report.name}; Surefire runs only classes" +
            " named Test*, *Test, *Tests or *TestCase"
    def suite = new groovy.xml.XmlSlurper(false, false).parse(report)
    def cases = suite.testcase.collect { it.@name.text() }
    assert cases == names : "${fqcn} (${extracted[fqcn]}) reported ${cases}, expected ${names}"
    ['failures', 'errors', 'skipped'].each { attr ->
        assert suite."@${attr}".text() == '0' : "${fqcn}: ${attr}=${suite."@${attr}"} in ${report}"
    }
    assert suite.testcase.failure.size() + suite.testcase.error.size() + suite.testcase.skipped.size() == 0 :
            "${fqcn}: a failed, errored or skipped testcase in ${report}"
    total += cases.size()
}
// Surefire's own count agrees: nothing else ran, nothing failed.
assert log =~ /(?m)^\[INFO\] Tests run: ${total}, Failures: 0, Errors: 0, Skipped: 0\s*$/ :
        "expected Surefire's summary 'Tests run: ${total}, Failures: 0, Errors: 0, Skipped: 0' in build.log"
println "docs examples: ${total} tests in ${expected.size()} classes passed, named by cell"
true
