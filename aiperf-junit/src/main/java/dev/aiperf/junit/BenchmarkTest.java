package dev.aiperf.junit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns a test method into a benchmark: every cell of its {@link Sweep} (or the single cell without one) becomes one
 * invocation, named by the cell's values, that runs all the cell's trials ({@link MultiRun}) against the endpoint and
 * receives the {@link dev.aiperf.engine.api.model.CellResult} as a parameter. {@link Sla} rules fail the cell they
 * are breached in.
 *
 * <p>The base configuration is the YAML named by {@link #config()} (a classpath resource or a file path), with every
 * attribute that is set here written over it. Attributes left at their sentinel default ({@code ""}, {@code -1})
 * leave the YAML's value (or the engine's default) alone. Artifacts go to
 * {@code target/aiperf/<class simple name>/<method>/} (the base is the {@code aiperf.artifacts.dir} configuration
 * parameter), in the standard layout.
 *
 * <p>The endpoint is the configured URL, else the {@code aiperf.url} (and {@code aiperf.model}) configuration
 * parameter or system property, else the embedded mock server, started once per test class and shaped by
 * {@link MockServerSettings}.
 *
 * <pre>{@code
 * @BenchmarkTest(streaming = true, requestCount = 20, isl = 128, osl = 32)
 * @Sweep(parameters = @Param(path = "concurrency", values = {"1", "4", "16"}))
 * @Sla(metric = "time_to_first_token", stat = "p99", op = SlaOp.LT, threshold = 200)
 * void saturation(CellResult cell) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(AIPerfExtension.class)
@Tag("benchmark")
public @interface BenchmarkTest {

    /** Sentinel of the numeric attributes: "not set here". */
    int UNSET = -1;

    /** YAML envelope ({@code benchmark:}, {@code multi_run:} ...): a classpath resource, else a file path. */
    String config() default "";

    /** The served model ({@code benchmark.models}). */
    String model() default "";

    /** The server's base URL, e.g. {@code http://localhost:8000} ({@code benchmark.endpoint.urls}). */
    String url() default "";

    /** {@code chat}, {@code completions}, {@code embeddings} ({@code benchmark.endpoint.type}). */
    String endpointType() default "";

    /**
     * Request streamed (SSE) responses ({@code benchmark.endpoint.streaming}): needed for the token-timing metrics
     * (time to first token, inter-token latency). {@code false} keeps the config's setting.
     */
    boolean streaming() default false;

    /** Concurrent requests of the profiling phase ({@code phases.profiling.concurrency}). */
    int concurrency() default UNSET;

    /** Requests of the profiling phase ({@code phases.profiling.requests}). */
    int requestCount() default UNSET;

    /** Requests per second of the profiling phase (a Poisson schedule unless the config names a type). */
    double requestRate() default UNSET;

    /** Length of the profiling phase in seconds ({@code phases.profiling.duration}). */
    double durationSeconds() default UNSET;

    /** Input sequence length in tokens ({@code dataset.prompts.isl}). */
    int isl() default UNSET;

    /** Output sequence length in tokens ({@code dataset.prompts.osl}). */
    int osl() default UNSET;

    /** The envelope's {@code random_seed}. */
    long seed() default UNSET;

    /** Requests of a warmup phase run before profiling and excluded from the results. */
    int warmupRequestCount() default UNSET;
}
