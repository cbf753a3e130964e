package dev.aiperf.junit;

import dev.aiperf.engine.api.model.ProfileResult;

import java.util.Map;
import java.util.TreeSet;

/**
 * The whole-method results of a class's finished benchmark methods, by method name: every cell with the sweep
 * aggregate, for checks across cells. Inject it into an {@code @AfterAll} method of a class that is itself
 * annotated {@code @ExtendWith(AIPerfExtension.class)}:
 *
 * <pre>{@code
 * @AfterAll
 * static void acrossCells(BenchmarkResults results) {
 *     ProfileResult grid = results.get("saturation");
 *     ...
 * }
 * }</pre>
 *
 * @param byMethod method name to its result
 */
public record BenchmarkResults(Map<String, ProfileResult> byMethod) {

    public BenchmarkResults {
        byMethod = Map.copyOf(byMethod);
    }

    /** The result of benchmark method {@code method}; fails with the names that did finish if it did not run. */
    public ProfileResult get(String method) {
        ProfileResult r = byMethod.get(method);
        if (r == null) {
            throw new AssertionError("no benchmark method '" + method + "' finished in this class; finished: "
                    + new TreeSet<>(byMethod.keySet()));
        }
        return r;
    }
}
