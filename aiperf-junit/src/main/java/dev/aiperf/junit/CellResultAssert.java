package dev.aiperf.junit;

import dev.aiperf.engine.api.model.CellResult;
import org.assertj.core.api.AbstractAssert;

import java.util.stream.Collectors;

/** Assertions on one benchmark cell; start with {@link AIPerfAssertions#assertThat(CellResult)}. */
public final class CellResultAssert extends AbstractAssert<CellResultAssert, CellResult> {

    CellResultAssert(CellResult actual) {
        super(actual, CellResultAssert.class);
    }

    /** The statistics of a metric tag, e.g. {@code time_to_first_token}; pick the stat next ({@code .p99()}). */
    public MetricAssert metric(String metric) {
        isNotNull();
        return new MetricAssert(actual, metric);
    }

    /** Every trial of the cell succeeded. */
    public CellResultAssert hasNoFailedRuns() {
        isNotNull();
        if (!actual.failedRuns().isEmpty()) {
            failWithMessage("Expecting cell %s to have no failed runs, but %d of %d failed:%n  %s", name(),
                    actual.failedRuns().size(), actual.runDirs().size(), actual.failedRuns().stream()
                            .map(f -> f.label() + ": " + f.error()).collect(Collectors.joining("\n  ")));
        }
        return this;
    }

    /** The cell ran {@code n} trials. */
    public CellResultAssert hasRuns(int n) {
        isNotNull();
        if (actual.runDirs().size() != n) {
            failWithMessage("Expecting cell %s to have %d runs, but it has %d", name(), n, actual.runDirs().size());
        }
        return this;
    }

    /**
     * The cell's results converged ({@code @MultiRun(convergenceMetric = ...)}): its trials stopped early, or the
     * criterion held when all of them had run.
     */
    public CellResultAssert hasConverged() {
        isNotNull();
        var c = actual.aggregate() == null ? null : actual.aggregate().convergence();
        if (c == null) {
            failWithMessage("Expecting cell %s to have converged, but it has no convergence criterion; set"
                    + " @MultiRun(convergenceMetric = ...)", name());
        } else if (!c.converged()) {
            failWithMessage("Expecting cell %s to have converged, but it %s", name(), c.describe());
        }
        return this;
    }

    /** Every {@code @Sla} rule (and YAML {@code sla_filters} rule) is met in this cell. */
    public CellResultAssert meetsSla() {
        isNotNull();
        if (!actual.slaPassed()) {
            double level = actual.aggregate() == null ? 0.95 : actual.aggregate().confidenceLevel();
            failWithMessage("Expecting cell %s to meet its SLAs, but:%n  %s", name(), actual.slaBreaches().stream()
                    .map(v -> v.describe(level)).collect(Collectors.joining("\n  ")));
        }
        return this;
    }

    private String name() {
        return cellName(actual);
    }

    static String cellName(CellResult cell) {
        return cell.label().isEmpty() ? "'benchmark'" : "'" + cell.label() + "'";
    }
}
