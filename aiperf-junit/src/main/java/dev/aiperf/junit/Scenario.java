package dev.aiperf.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One named cell of a {@code SCENARIOS} {@link Sweep}: {@code path=value} assignments deep-merged onto the base
 * config, e.g. {@code @Scenario(name = "chatbot", set = {"isl=128", "osl=64", "concurrency=8"})}. Paths and values
 * are written as in {@link Param}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Scenario {

    /** The cell's label and directory name: letters, digits, {@code _}, {@code -}. */
    String name();

    /** {@code path=value} assignments. */
    String[] set() default {};
}
