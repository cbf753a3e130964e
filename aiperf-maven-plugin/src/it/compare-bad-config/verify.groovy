def log = new File(basedir, 'build.log').text
assert log.contains('baseline: directory ')
assert log.contains('no-such-baseline does not exist; pass the artifacts directory written by aiperf profile')
assert !log.contains('NullPointerException')
assert !new File(basedir, 'target/aiperf-compare').exists()
assert log.contains('Caused by: org.apache.maven.plugin.MojoExecutionException')
true
