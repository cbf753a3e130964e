package dev.aiperf.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@link BenchmarkTest} method as a named adaptive search (the {@code --search-recipe} bundles of
 * {@code aiperf profile}) instead of a fixed benchmark. The method runs once, after the search, and receives the
 * {@link dev.aiperf.engine.api.model.SearchResult}: the best configuration, the history, the boundary (one
 * searched dimension) or the frontier (several objectives). The test fails, naming the SLA and the boundary, when
 * no configuration tried met the SLA.
 *
 * <pre>{@code
 * @BenchmarkTest(requestCount = 16, isl = 32, osl = 8)
 * @SearchRecipe(name = "max-concurrency-under-sla", e2eSlaMs = 250, concurrencyMax = 64)
 * void maxConcurrency(SearchResult search) {
 *     assertThat(search.boundary().orElseThrow().feasibleMax().value()).isGreaterThanOrEqualTo(8);
 * }
 * }</pre>
 *
 * <p>Recipes whose plan is a fixed set of cells (concurrency-ramp, prefill-ttft-curve, decode-itl-curve,
 * pareto-sweep, and max-concurrency-under-sla with style grid) are not searches; express those with {@link Sweep}. A recipe without
 * its SLA, or combined with {@link Sweep}, is an {@link org.junit.jupiter.api.extension.ExtensionConfigurationException}.
 * Numeric attributes left at {@code -1} are unset.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SearchRecipe {

    /** Unset numeric attribute. */
    int UNSET = -1;

    /** The recipe: max-throughput-ttft-sla, max-throughput-itl-sla, max-concurrency-under-sla or max-goodput-under-slo. */
    String name();

    /** SLA: time to first token p95 below this many ms (needs streaming, which the recipe turns on). */
    double ttftSlaMs() default UNSET;

    /** SLA: inter-token latency p95 below this many ms (also the goodput recipe's TPOT SLA). */
    double itlSlaMs() default UNSET;

    /** SLA: request latency p99 below this many ms. */
    double e2eSlaMs() default UNSET;

    /** SLA: average error rate at most this fraction (0..1). */
    double errorRateSla() default UNSET;

    /** Further SLA filters, {@code TAG:STAT:OP:THRESHOLD}, e.g. {@code time_to_first_token:p95:lt:200}. */
    String[] sla() default {};

    /** Lower bound of the searched concurrency (the recipe's default 1). */
    int concurrencyMin() default UNSET;

    /** Upper bound of the searched concurrency (the recipe's default 1000). */
    int concurrencyMax() default UNSET;

    /** max-concurrency-under-sla: {@code monotonic} (the default) or {@code bo}. */
    String style() default "";

    /** max-goodput-under-slo: fraction of good requests required (0.95). */
    double goodputAttainment() default UNSET;

    /** Caps the search's iterations; {@code -1} keeps the recipe's (20 monotonic, 30 Bayesian). */
    int maxIterations() default UNSET;
}
