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
}
