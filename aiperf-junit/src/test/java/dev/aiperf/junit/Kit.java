package dev.aiperf.junit;

import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs fixture classes through the Jupiter engine with artifacts in a temporary directory. */
final class Kit {

    private Kit() {
    }

    static EngineExecutionResults run(Class<?> fixture, Path artifacts) {
        return run(fixture, artifacts, Map.of());
    }

    static EngineExecutionResults run(Class<?> fixture, Path artifacts, Map<String, String> parameters) {
        Path reports = artifacts.resolve("reports");
        EngineTestKit.Builder b = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .configurationParameter(AIPerfExtension.ARTIFACTS_PARAMETER, artifacts.toString())
                .outputDirectoryCreator(new OutputDirectoryCreator() {
                    @Override
                    public Path getRootDirectory() {
                        return reports;
                    }

                    @Override
                    public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
                        String name = descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9=,-]+", "_");
                        return Files.createDirectories(reports.resolve(Integer.toHexString(name.hashCode())));
                    }
                });
        parameters.forEach(b::configurationParameter);
        return b.execute();
    }

    /** Display names of the started tests, in order. */
    static List<String> names(Events events) {
        return events.started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    /** The failure messages of the finished-with-failure events. */
    static List<String> failures(Events events) {
        return events.failed().stream().map(Event::getPayload)
                .map(p -> p.map(o -> ((TestExecutionResult) o).getThrowable().map(Kit::message).orElse("?"))
                        .orElse("?"))
                .toList();
    }

    private static String message(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
