package dev.aiperf.junit;

import dev.aiperf.engine.api.model.SlaOp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service-level rule judged on every cell, on the mean over the cell's trials of {@code <metric>_<stat>}:
 * {@code @Sla(metric = "time_to_first_token", stat = "p99", op = SlaOp.LT, threshold = 200)}. A breach fails the
 * cell with the metric, stat, threshold, measured value and its confidence interval. Thresholds are in display
 * units (ms for times, tokens/sec for throughputs).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Repeatable(Slas.class)
public @interface Sla {

    /** A metric tag, e.g. {@code time_to_first_token}, {@code request_throughput}. */
    String metric();

    /** {@code avg}, {@code min}, {@code max}, {@code p1}..{@code p99}, {@code std}; per-run metrics have only avg. */
    String stat() default "avg";

    /** The comparison, measured value on the left. */
    SlaOp op();

    double threshold();
}
