package dev.aiperf.junit;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.SlaVerdict;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.platform.commons.JUnitException;
import org.opentest4j.AssertionFailedError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One cell of a benchmark method as a test invocation: runs the cell's trials before the method, injects the
 * {@link CellResult}, attaches the artifacts and fails the invocation on an SLA breach.
 */
final class CellInvocation implements TestTemplateInvocationContext {

    private final MethodSession session;
    private final int index;
    private final String displayName;

    CellInvocation(MethodSession session, int index, String displayName) {
        this.session = session;
        this.index = index;
        this.displayName = displayName;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return displayName;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new Cell());
    }

    /** The per-invocation callbacks; holds the cell's result once it ran. */
    private final class Cell implements BeforeTestExecutionCallback, AfterTestExecutionCallback, ParameterResolver {

        private CellResult result;

        @Override
        public void beforeTestExecution(ExtensionContext context) {
            result = session.runCell(index);
            publish(context, result);
            if (!result.succeeded()) {
                throw new AssertionFailedError("cell " + displayName + ": no run succeeded; "
                        + result.failedRuns().stream().map(f -> f.label() + ": " + f.error()).collect(Collectors.joining("; ")));
            }
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            if (result == null) {
                return;
            }
            List<SlaVerdict> breaches = result.slaBreaches();
            if (!breaches.isEmpty()) {
                double level = result.aggregate().confidenceLevel();
                throw new AssertionFailedError((breaches.size() == 1 ? "SLA breached: " : breaches.size()
                        + " SLAs breached:\n  ")
                        + breaches.stream()
                        .map(b -> new SlaVerdict(b.rule(), displayName, b.stats(), b.passed()).describe(level)).collect(Collectors.joining("\n  ")));
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == CellResult.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return result;
        }
    }

    /** Report entries name the directories; the aggregate (or the single run's export) is attached as a file. */
    private static void publish(ExtensionContext context, CellResult result) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("aiperf.cell", result.label().isEmpty() ? "benchmark" : result.label());
        for (int i = 0; i < result.runDirs().size(); i++) {
            entry.put("aiperf.run_dir." + (i + 1), result.runDirs().get(i).toString());
        }
        if (result.aggregateDir() != null) {
            entry.put("aiperf.aggregate_dir", result.aggregateDir().toString());
        }
        context.publishReportEntry(entry);
        Path file = result.exportFile();
        if (Files.isRegularFile(file)) {
            try {
                context.publishFile(file.getFileName().toString(), MediaType.APPLICATION_JSON,
                        target -> Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING));
            } catch (JUnitException e) {
                // A launcher without an output directory (EngineTestKit's default) cannot take files; the report
                // entry above still names every directory, and a benchmark must not fail over an attachment.
                context.publishReportEntry("aiperf.attachment", "not attached (" + e.getMessage() + ")");
            }
        }
    }
}
