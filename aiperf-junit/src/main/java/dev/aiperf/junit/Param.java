package dev.aiperf.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One swept parameter of a grid or zip {@link Sweep}: a dotted path rooted at {@code benchmark:} (or a bare alias
 * such as {@code concurrency}, {@code rate}, {@code requests}; {@code isl} and {@code osl} mean
 * {@code dataset.prompts.isl}/{@code osl}) and its values, each written as a YAML scalar or flow mapping
 * ({@code "16"}, {@code "0.5"}, {@code "{type: normal, mean: 512, stddev: 50}"}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Param {

    /** E.g. {@code concurrency}, {@code phases.profiling.rate}, {@code isl}. */
    String path();

    /** The values, in sweep order. */
    String[] values();
}
