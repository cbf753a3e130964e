package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One scenario of a {@link ScenarioSweep}.
 *
 * @param name      the label and directory name, or {@code null} (then {@code scenario_<i>})
 * @param benchmark the override deep-merged onto the body (a singular {@code dataset:} already rewritten to
 *                  {@code datasets:} when the name was known at parse time), never null
 * @param variables override merged into the envelope {@code variables:}, never null
 * @param values    the declared cell values (flat, scalar), or {@code null} when not given
 */
public record ScenarioRun(String name, ObjectNode benchmark, ObjectNode variables, ObjectNode values) {
}
