package dev.aiperf.engine.sweep;

import java.util.List;

/**
 * A parsed, validated {@code sweep:} block: which variations of the base benchmark to run.
 *
 * <p>The family is closed: grid (the default), zip, scenarios, the two space-filling designs and adaptive search.
 * Every type carries the {@link SweepCommon common fields}; warnings found while parsing (power-of-two sample
 * counts, ignored knobs, ...) are kept on {@link SweepCommon#warnings()} for the front-end to print.
 */
public sealed interface SweepConfig
        permits GridSweep, ZipSweep, ScenarioSweep, SobolSweep, LatinHypercubeSweep, AdaptiveSearchSweep {

    /** Fields shared by every sweep type. */
    SweepCommon common();

    /** The YAML spelling of the type: {@code grid}, {@code zip}, {@code scenarios}, ... */
    String typeName();

    /** Trial/variation nesting; adaptive search always runs its trials per iteration ({@code independent}). */
    IterationOrder iterationOrder();

    /** Messages the user should see but that do not stop the sweep. */
    default List<String> warnings() {
        return common().warnings();
    }
}
