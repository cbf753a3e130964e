package dev.aiperf.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The cells of a {@link BenchmarkTest}: a grid (every combination), a zip (the i-th value of every parameter
 * together) or named scenarios. Replaces the config's {@code sweep:} block, so a config that has one is rejected.
 *
 * <pre>{@code
 * @Sweep(parameters = {@Param(path = "concurrency", values = {"1", "4", "16"})})
 * @Sweep(type = Sweep.Type.ZIP, parameters = {@Param(path = "isl", values = {"128", "512"}),
 *                                             @Param(path = "osl", values = {"32", "128"})})
 * @Sweep(type = Sweep.Type.SCENARIOS, scenarios = {@Scenario(name = "chatbot", set = {"isl=128", "osl=64"})})
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface Sweep {

    /** How the cells are formed. */
    enum Type { GRID, ZIP, SCENARIOS }

    /** Run order of cells and trials when {@link MultiRun} repeats them ({@code DEFAULT}: the config's, else repeated). */
    enum Order { DEFAULT, REPEATED, INDEPENDENT }

    Type type() default Type.GRID;

    /** The swept parameters of a grid or zip. */
    Param[] parameters() default {};

    /** The cells of a scenarios sweep. */
    Scenario[] scenarios() default {};

    /** Only matters with several trials per cell; each cell is still one test invocation. */
    Order iterationOrder() default Order.DEFAULT;

    /** Every cell draws the same seed, so cells differ only in their values. */
    boolean sameSeed() default false;

    /** Idle seconds between cells; {@code -1} keeps the config's (0 by default). */
    double cooldownSeconds() default -1;
}
