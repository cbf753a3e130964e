package dev.aiperf.maven;

import org.apache.maven.plugin.logging.Log;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs a project's annotated benchmark tests (JUnit tests tagged {@value #TAG}, which {@code @BenchmarkTest}
 * carries) through the JUnit Platform Launcher, on a class loader over the project's test classpath. The Jupiter
 * engine comes from that classpath; the platform API from the plugin, so the project must use the JUnit version
 * the plugin is built with (6.x).
 */
final class BenchmarkTestLauncher {

    /** The tag every benchmark test carries. */
    static final String TAG = "benchmark";

    /**
     * What ran.
     *
     * @param succeeded the display paths of the tests that passed
     * @param failures  one line per failed test: its display path and the failure's message
     * @param aborted   the number of tests aborted (assumptions) or skipped
     */
    record Outcome(List<String> succeeded, List<String> failures, int aborted) {

        Outcome {
            succeeded = List.copyOf(succeeded);
            failures = List.copyOf(failures);
        }

        int run() {
            return succeeded.size() + failures.size();
        }
    }

    private BenchmarkTestLauncher() {
    }

    /**
     * Discovers the benchmark tests under {@code testClasses} whose class name matches one of {@code patterns} and
     * runs them.
     *
     * @param classpath  the project's test classpath (test classes, classes, dependencies)
     * @param testClasses the directory of compiled test classes to scan
     * @param patterns   comma-separated class name patterns ({@code *} any characters; without a package, the simple
     *                   name), e.g. {@code *BenchmarkTest,com.acme.perf.*}
     * @param parameters JUnit configuration parameters, e.g. {@code aiperf.url}
     */
    static Outcome run(List<String> classpath, Path testClasses, String patterns, Map<String, String> parameters,
                       Log log) {
        if (!Files.isDirectory(testClasses)) {
            throw new dev.aiperf.engine.api.model.ConfigException("aiperf.tests: no compiled test classes in "
                    + testClasses + "; run the test-compile phase first, e.g. mvn test-compile aiperf:profile");
        }
        URL[] urls = urls(classpath);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(urls, BenchmarkTestLauncher.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(testClasses)))
                    .filters(ClassNameFilter.includeClassNamePatterns(regexes(patterns)),
                            TagFilter.includeTags(TAG))
                    .configurationParameters(parameters)
                    .build();
            Launcher launcher = LauncherFactory.create();
            Recorder recorder = new Recorder(log);
            launcher.execute(request, recorder);
            return new Outcome(recorder.succeeded, recorder.failures, recorder.aborted);
        } catch (IOException e) {
            throw new UncheckedIOException("closing the test class loader", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** {@code *BenchmarkTest} → {@code (.*\.)?.*BenchmarkTest}; {@code com.acme.*} → {@code com\.acme\..*}. */
    static String[] regexes(String patterns) {
        List<String> out = new ArrayList<>();
        for (String p : patterns.split(",")) {
            String glob = p.trim();
            if (glob.isEmpty()) {
                continue;
            }
            StringBuilder regex = new StringBuilder(glob.contains(".") ? "" : "(.*\\.)?");
            for (String part : glob.split("\\*", -1)) {
                regex.append(Pattern.quote(part)).append(".*");
            }
            regex.setLength(regex.length() - 2);
            out.add(regex.toString());
        }
        if (out.isEmpty()) {
            throw new dev.aiperf.engine.api.model.ConfigException("aiperf.tests: give class name patterns, e.g."
                    + " -Daiperf.tests=*BenchmarkTest (or * for every benchmark test)");
        }
        return out.toArray(String[]::new);
    }

    private static URL[] urls(List<String> classpath) {
        List<URL> urls = new ArrayList<>();
        for (String element : classpath) {
            try {
                urls.add(Path.of(element).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("test classpath element " + element, e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Logs each benchmark test as it finishes and keeps the verdicts. */
    private static final class Recorder implements TestExecutionListener {

        private final Log log;
        private final List<String> succeeded = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private int aborted;
        private TestPlan plan;

        Recorder(Log log) {
            this.log = log;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                aborted++;
                log.warn("Benchmark test skipped: " + path(id) + " (" + reason + ")");
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            String path = path(id);
            switch (result.getStatus()) {
                case SUCCESSFUL -> {
                    if (id.isTest()) {
                        succeeded.add(path);
                        log.info("Benchmark test passed: " + path);
                    }
                }
                case ABORTED -> {
                    if (id.isTest()) {
                        aborted++;
                        log.warn("Benchmark test aborted: " + path + reason(result));
                    }
                }
                case FAILED -> {
                    // A container fails too when its setup does (bad annotations, a class that does not load).
                    failures.add(path + reason(result));
                    log.error("Benchmark test failed: " + path + reason(result));
                }
            }
        }

        private static String reason(TestExecutionResult result) {
            return result.getThrowable().map(t -> ": " + (t.getMessage() == null ? t.toString() : t.getMessage()))
                    .orElse("");
        }

        /** {@code LatencyBench > ttftUnderLoad > concurrency=4}. */
        private String path(TestIdentifier id) {
            List<String> names = new ArrayList<>();
            for (TestIdentifier cur = id; cur != null; cur = plan.getParent(cur).orElse(null)) {
                if (cur.getParentId().isEmpty()) {
                    break; // the engine itself
                }
                names.add(0, cur.getDisplayName());
            }
            return String.join(" > ", names);
        }
    }
}
