package dev.aiperf.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs every cell several times and aggregates the trials into confidence statistics (mean, standard deviation,
 * t-based confidence interval per metric and stat), written over the config's {@code multi_run:} block.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface MultiRun {

    /** Trials per cell, 1..10. */
    int runs();

    /** Confidence level of the intervals in (0, 1); {@code -1} keeps the config's (0.95 by default). */
    double confidenceLevel() default -1;

    /** Idle seconds between trials; {@code -1} keeps the config's (0 by default). */
    double cooldownSeconds() default -1;

    /** Run warmup phases on the first trial only. */
    boolean disableWarmupAfterFirst() default true;

    /**
     * Stops a cell's trials as soon as this metric has converged ({@code multi_run.convergence.metric}), e.g.
     * {@code request_throughput}; {@code ""} (the default) always runs {@link #runs()} trials. A {@link Sweep} then
     * runs in the independent order (each cell's trials together), which it takes unless told otherwise.
     */
    String convergenceMetric() default "";

    /** The statistic of the convergence metric. */
    String convergenceStat() default "avg";

    /** How convergence is judged. */
    Convergence convergenceMode() default Convergence.CI_WIDTH;

    /** Threshold of the criterion in (0, 1); {@code -1}: 0.10 for CI_WIDTH, 0.05 for CV and DISTRIBUTION. */
    double convergenceThreshold() default -1;

    /** Trials before convergence is judged (at least 2). */
    int convergenceMinRuns() default 2;

    /** AIPerf's convergence criteria. */
    enum Convergence {
        /** The confidence interval's width relative to the mean, {@code 2·t·se/mean}, is below the threshold. */
        CI_WIDTH,
        /** The coefficient of variation {@code std/mean} is below the threshold. */
        CV,
        /** A Kolmogorov-Smirnov test cannot tell the last trial's requests from the earlier ones' (p above it). */
        DISTRIBUTION
    }
}
