/*
 * Builds the project a newcomer writes after reading docs/JUNIT.md, from the Markdown itself; the invoker then runs
 * `mvn test` in it (invoker.properties) and verify.groovy reads Surefire's reports.
 *
 *   pom.xml            the one ```xml block of docs/JUNIT.md that is a whole POM (it has <modelVersion>), verbatim,
 *                      once its versions are checked against this build's (aiperf-junit, junit-jupiter, Surefire)
 *   src/test/java      every ```java block of docs/JUNIT.md and README.md; each must declare one top-level class,
 *                      since every Java example is meant to compile as written (a fragment is an error here)
 *   src/test/resources every ```yaml block whose first line is "# src/test/resources/<path>"
 *
 * An example whose config = "..." no block provides is an error, as it would be for the newcomer. The classes found
 * are listed in docs-examples.txt (class name, then the block it came from) for verify.groovy.
 *
 * Script variables (aiperf-junit/pom.xml): repositoryRoot, aiperfVersion, junitVersion, surefireVersion.
 */

def root = new File(repositoryRoot).canonicalFile
def sources = ['docs/JUNIT.md', 'README.md']

/** Fenced blocks of a Markdown file: [where: 'docs/JUNIT.md:123', lang: 'java', text: '...']. */
def fencedBlocks = { String rel ->
    def blocks = []
    def lines = new File(root, rel).getText('UTF-8').readLines()
    Map open = null
    lines.eachWithIndex { String line, int i ->
        def fence = line =~ /^(\s*)```\s*([\w-]*)\s*$/
        if (open == null) {
            if (fence.matches()) {
                open = [where: "${rel}:${i + 1}", lang: fence.group(2), indent: fence.group(1).length(), body: []]
            }
        } else if (line.trim() == '```') {
            blocks << [where: open.where, lang: open.lang, text: open.body.join('\n') + '\n']
            open = null
        } else {
            // A block indented under a list item: drop the fence's indentation from its lines.
            int cut = 0
            while (cut < open.indent && cut < line.length() && line.charAt(cut) == (char) ' ') {
                cut++
            }
            open.body << line.substring(cut)
        }
    }
    assert open == null : "${open?.where}: a ``` block is never closed"
    blocks
}

def blocks = sources.collectMany { fencedBlocks(it) }

// pom.xml: the whole POM that JUNIT.md shows, written as it is.
def poms = blocks.findAll { it.lang == 'xml' && it.text.contains('<modelVersion>') }
assert poms.size() == 1 : "docs/JUNIT.md should show exactly one whole pom.xml (an ```xml block with <modelVersion>);" +
        " found ${poms*.where}"
def pomText = poms[0].text
def pom = new groovy.xml.XmlSlurper(false, false).parseText(pomText)
def dependency = { String g, String a ->
    pom.dependencies.dependency.find { it.groupId.text() == g && it.artifactId.text() == a }
}
def versions = [
        'dev.aiperf:aiperf-junit'                        : [dependency('dev.aiperf', 'aiperf-junit').version.text(), aiperfVersion],
        'org.junit.jupiter:junit-jupiter'                : [dependency('org.junit.jupiter', 'junit-jupiter').version.text(), junitVersion],
        'org.apache.maven.plugins:maven-surefire-plugin' : [pom.build.plugins.plugin.find {
            it.artifactId.text() == 'maven-surefire-plugin' }.version.text(), surefireVersion]]
versions.each { artifact, shownAndBuilt ->
    assert shownAndBuilt[0] == shownAndBuilt[1] : "${poms[0].where}: the pom.xml shows ${artifact} " +
            "'${shownAndBuilt[0]}', but this build uses ${shownAndBuilt[1]}; update docs/JUNIT.md"
}
new File(basedir, 'pom.xml').setText(pomText, 'UTF-8')

// src/test/resources: the YAML blocks that say where they belong.
def resources = [] as Set
blocks.findAll { it.lang in ['yaml', 'yml'] }.each { block ->
    def marker = block.text.readLines()[0] =~ /^#\s*src\/test\/resources\/(\S+)\s*$/
    if (marker.matches()) {
        def path = marker.group(1)
        assert resources.add(path) : "${block.where}: a second block for src/test/resources/${path}"
        def file = new File(basedir, "src/test/resources/${path}")
        file.parentFile.mkdirs()
        file.setText(block.text, 'UTF-8')
    }
}

// src/test/java: every Java block, each a whole class.
def classes = [:]  // fully qualified name -> where
blocks.findAll { it.lang == 'java' }.each { block ->
    def types = (block.text =~ /(?m)^(?:(?:public|final|abstract)\s+)*(?:class|record|interface|enum)\s+(\w+)/)
            .collect { it[1] }
    assert types.size() == 1 : "${block.where}: a ```java block should be one whole class with its imports, so that" +
            " it compiles as written; found top-level types ${types}"
    def pkg = (block.text =~ /(?m)^package\s+([\w.]+)\s*;/).with { it.find() ? it.group(1) : '' }
    def fqcn = pkg ? "${pkg}.${types[0]}" : types[0]
    assert !classes.containsKey(fqcn) : "${block.where}: class ${fqcn} is already declared at ${classes[fqcn]};" +
            " give each example its own name"
    classes[fqcn] = block.where
    def file = new File(basedir, "src/test/java/${fqcn.replace('.', '/')}.java")
    file.parentFile.mkdirs()
    file.setText(block.text, 'UTF-8')
    (block.text =~ /config\s*=\s*"([^"]+)"/).each { m ->
        assert resources.contains(m[1]) : "${block.where}: ${fqcn} names config = \"${m[1]}\", but no ```yaml block" +
                " whose first line is '# src/test/resources/${m[1]}' provides it"
    }
}
assert classes : "no ```java block found in ${sources}"

new File(basedir, 'docs-examples.txt').setText(classes.collect { k, v -> "${k}\t${v}" }.join('\n') + '\n', 'UTF-8')
println "docs examples: ${classes.size()} classes (${classes.keySet().join(', ')}), resources ${resources}"
true
