package dev.aiperf.junit;

import dev.aiperf.engine.api.Execution;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.api.model.SearchResult;
import dev.aiperf.engine.api.model.SlaBreach;
import dev.aiperf.engine.api.model.SlaRule;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.AssertionFailedError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The single invocation of a {@link SearchRecipe} method: runs the whole search before the method, injects the
 * {@link SearchResult}, and fails before the method body when no configuration tried met the SLA.
 */
final class SearchInvocation implements TestTemplateInvocationContext, AutoCloseable {

    private final Execution session;
    private final String displayName;
    private final String method;
    private final Map<String, ProfileResult> finished;

    /** {@code finished} receives the search's {@link ProfileResult} under {@code method} (for {@link BenchmarkResults}). */
    SearchInvocation(Execution session, String displayName, String method, Map<String, ProfileResult> finished) {
        this.session = session;
        this.displayName = displayName;
        this.method = method;
        this.finished = finished;
    }

    /** Stops the embedded server of a search that never ran (a filter, an aborted launch). */
    @Override
    public void close() {
        session.close();
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return displayName;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new Search());
    }

    /** The per-invocation callbacks; holds the result once the search ran. */
    private final class Search implements BeforeTestExecutionCallback, ParameterResolver {

        private SearchResult result;

        @Override
        public void beforeTestExecution(ExtensionContext context) {
            try {
                result = session.runSearch();
            } finally {
                session.close();
            }
            finished.put(method, result.profile());
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("aiperf.search", displayName);
            entry.put("aiperf.search_history", result.historyPath().toString());
            entry.put("aiperf.convergence_reason", String.valueOf(result.convergenceReason()));
            context.publishReportEntry(entry);
            if (!result.feasibleFound()) {
                throw new AssertionFailedError(infeasibleMessage(displayName, result));
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == SearchResult.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return result;
        }
    }

    /** Names the SLA filters, the smallest value that broke them and how many configurations were tried. */
    static String infeasibleMessage(String name, SearchResult result) {
        String slas = result.slaFilters().stream().map(SearchInvocation::describe)
                .collect(Collectors.joining(", "));
        StringBuilder b = new StringBuilder("search ").append(name).append(": no configuration met the SLA (")
                .append(slas.isEmpty() ? "none" : slas).append("); ").append(result.iterations().size())
                .append(" configuration(s) tried, stopped on ").append(result.convergenceReason());
        result.boundary().ifPresent(bs -> {
            if (bs.infeasibleMin() != null) {
                b.append("; boundary: even ").append(bs.sweptDimPath()).append('=')
                        .append(num(bs.infeasibleMin().value())).append(" was infeasible");
                SlaBreach breach = bs.infeasibleMin().firstBreach();
                if (breach != null) {
                    b.append(" (").append(breach.rule().metric()).append(' ').append(breach.rule().stat())
                            .append(" was ").append(num(breach.observed())).append(", needed ")
                            .append(breach.rule().op().word()).append(' ').append(num(breach.rule().threshold()))
                            .append(')');
                }
            }
        });
        return b.append("; see ").append(result.historyPath()).toString();
    }

    private static String describe(SlaRule r) {
        return r.metric() + " " + r.stat() + " " + r.op().word() + " " + num(r.threshold());
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%.4g", v);
    }
}
