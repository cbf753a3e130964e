def log = new File(basedir, 'build.log').text
assert log.contains('typo.yaml: ')
assert log.contains("benchmark.phases[0].concurency (line 3): unknown key 'concurency'; did you mean 'concurrency'?")
assert !log.contains('NullPointerException')
assert !new File(basedir, 'target/aiperf').exists()
assert log.contains('Caused by: org.apache.maven.plugin.MojoExecutionException')
true
