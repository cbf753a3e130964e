package dev.aiperf.engine.api;

import dev.aiperf.mock.MockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java example in docs/ compiles as written against the public API (and the mock module's), so a reader who
 * copies one is not handed a method that does not exist or an internal class. The JUnit examples of JUNIT.md and
 * README.md are whole test classes that a throw-away project compiles and runs (aiperf-junit's docs-examples
 * integration test); the other pages show fragments, which compile here inside a method, with the API's packages
 * imported.
 */
class DocsJavaExamplesTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```");
    private static final String IMPORTS = """
            import dev.aiperf.engine.api.*;
            import dev.aiperf.engine.api.model.*;
            import dev.aiperf.mock.*;
            import java.net.URI;
            import java.nio.file.Path;
            import java.util.List;
            import java.util.Map;
            """;

    @TempDir
    Path tmp;

    @Test
    void everyFragmentCompilesAgainstThePublicApi() throws IOException, URISyntaxException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                if (page.getFileName().toString().equals("JUNIT.md")) {
                    continue; // whole classes, compiled and run by aiperf-junit's docs-examples integration test
                }
                String text = Files.readString(page, StandardCharsets.UTF_8);
                Matcher m = BLOCK.matcher(text);
                int n = 0;
                while (m.find()) {
                    int line = text.substring(0, m.start()).split("\n", -1).length;
                    String name = "Example_" + page.getFileName().toString().replace(".md", "") + "_" + (++n);
                    sources.put(page.getFileName() + ":" + line, "// " + page.getFileName() + " line " + line
                            + "\n" + IMPORTS + "class " + name + " {\n    void example() throws Exception {\n"
                            + m.group(1) + "\n    }\n}\n");
                }
            }
        }
        assertThat(sources).as("Java examples found in docs/").hasSizeGreaterThanOrEqualTo(5);

        List<File> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = tmp.resolve(e.getValue().lines().skip(1 + IMPORTS.lines().count()).findFirst().orElseThrow()
                    .replace("class ", "").replace(" {", "").trim() + ".java");
            Files.writeString(file, e.getValue());
            files.add(file.toFile());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classpath = location(Benchmark.class) + File.pathSeparator + location(MockServer.class);
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diagnostics, List.of("-d", tmp.toString(), "-cp", classpath,
                    "-proc:none", "-Xlint:none"), null, fm.getJavaFileObjectsFromFiles(files)).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> firstLine(d) + ": " + d.getMessage(null)).toList();
            assertThat(errors).as("docs examples that do not compile").isEmpty();
            assertThat(ok).isTrue();
        }
    }

    /** Where the example came from: its page and line, from the comment the wrapper starts with. */
    private static String firstLine(Diagnostic<? extends JavaFileObject> d) {
        try {
            String src = d.getSource().getCharContent(true).toString();
            return src.lines().findFirst().orElse("?").substring(3) + " (+" + (d.getLineNumber()
                    - 1 - IMPORTS.lines().count() - 2) + ")";
        } catch (IOException e) {
            return String.valueOf(d.getSource());
        }
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
