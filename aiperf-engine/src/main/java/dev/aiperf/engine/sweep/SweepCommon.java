package dev.aiperf.engine.sweep;

import dev.aiperf.engine.api.model.SlaRule;

import java.util.List;

/**
 * Fields every sweep type accepts.
 *
 * @param cooldownSeconds idle seconds between variations (or search iterations), only when another run follows
 * @param slaFilters      cells must pass every rule to count as feasible in the sweep aggregate
 * @param postProcess     a recipe's post-processing hook, or {@code null}
 * @param recipeName      the recipe that produced this sweep, or {@code null}
 * @param warnings        non-fatal findings of the parser, in the order found
 */
public record SweepCommon(
        double cooldownSeconds,
        List<SlaRule> slaFilters,
        PostProcess postProcess,
        String recipeName,
        List<String> warnings) {

    public SweepCommon {
        slaFilters = List.copyOf(slaFilters);
        warnings = List.copyOf(warnings);
    }

    public static SweepCommon defaults() {
        return new SweepCommon(0.0, List.of(), null, null, List.of());
    }
}
