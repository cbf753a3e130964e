package dev.aiperf.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Shapes the embedded mock server that a test class's benchmarks use when no endpoint URL is configured. The
 * server is started once per class, on a free loopback port, and stopped after the class.
 *
 * <pre>{@code
 * @MockServerSettings(latency = MockServerSettings.Latency.FAST)
 * class ServingBenchmarkTest { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MockServerSettings {

    /** The latency model. */
    enum Latency {
        /** Continuous batching, batch 32, 4 ms + 0.125 ms per sequence per step: the engine's default. */
        BATCHING,
        /** The same batching curve ten times quicker (0.4 ms steps): for tests that must finish in seconds. */
        FAST,
        /** Each request on its own clock: {@link #ttftMs()} then one token every {@link #itlMs()}. */
        OPEN_LOOP,
        /** Every token at once: for measuring the client itself. */
        ZERO_LATENCY
    }

    Latency latency() default Latency.BATCHING;

    /** Batching: sequences per step; {@code -1} keeps the model's (32). */
    int maxBatch() default -1;

    /** Batching: fixed step time in ms; {@code -1} keeps the model's. */
    double stepBaseMs() default -1;

    /** Batching: step time per sequence in the batch, ms; {@code -1} keeps the model's. */
    double stepPerSeqMs() default -1;

    /** Open loop: time to first token, ms. */
    double ttftMs() default 20;

    /** Open loop: time between tokens, ms. */
    double itlMs() default 2;

    /** Seeds generated text, output lengths and jitter. */
    long seed() default 42;
}
