package dev.aiperf.junit;

import dev.aiperf.engine.api.model.ConfidenceStats;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractDoubleAssert;
import org.assertj.core.api.Assertions;

import java.util.Locale;

/**
 * One metric/stat of a cell over its trials. The comparisons judge the mean over trials and print the interval;
 * {@link #mean()}, {@link #ciLow()}, {@link #ciHigh()}, {@link #std()} and {@link #cv()} give plain AssertJ double
 * assertions, described by cell, metric and stat.
 */
public final class StatAssert extends AbstractAssert<StatAssert, ConfidenceStats> {

    private final String what;
    private final double level;

    StatAssert(ConfidenceStats actual, String what, double level) {
        super(actual, StatAssert.class);
        this.what = what;
        this.level = level;
    }

    public StatAssert isLessThan(double threshold) {
        return check(actual.mean() < threshold, "to be less than", threshold);
    }

    public StatAssert isLessThanOrEqualTo(double threshold) {
        return check(actual.mean() <= threshold, "to be less than or equal to", threshold);
    }

    public StatAssert isGreaterThan(double threshold) {
        return check(actual.mean() > threshold, "to be greater than", threshold);
    }

    public StatAssert isGreaterThanOrEqualTo(double threshold) {
        return check(actual.mean() >= threshold, "to be greater than or equal to", threshold);
    }

    /** The mean lies in {@code [low, high]}. */
    public StatAssert isBetween(double low, double high) {
        if (!(actual.mean() >= low && actual.mean() <= high)) {
            failWithMessage("Expecting %s (%s) to be between %s and %s", what, measured(), fmt(low), fmt(high));
        }
        return this;
    }

    /** The mean over the trials. */
    public AbstractDoubleAssert<?> mean() {
        return Assertions.assertThat(actual.mean()).as("%s mean (%s)", what, measured());
    }

    /** The lower bound of the confidence interval of the mean. */
    public AbstractDoubleAssert<?> ciLow() {
        return Assertions.assertThat(actual.ciLow()).as("%s lower CI bound (%s)", what, measured());
    }

    /** The upper bound of the confidence interval of the mean. */
    public AbstractDoubleAssert<?> ciHigh() {
        return Assertions.assertThat(actual.ciHigh()).as("%s upper CI bound (%s)", what, measured());
    }

    /** The standard deviation across trials. */
    public AbstractDoubleAssert<?> std() {
        return Assertions.assertThat(actual.std()).as("%s std across runs (%s)", what, measured());
    }

    /** The coefficient of variation across trials. */
    public AbstractDoubleAssert<?> cv() {
        return Assertions.assertThat(actual.cv()).as("%s cv across runs (%s)", what, measured());
    }

    private StatAssert check(boolean ok, String relation, double threshold) {
        if (!ok) {
            failWithMessage("Expecting %s %s %s, but it was %s", what, relation, fmt(threshold), measured());
        }
        return this;
    }

    /** {@code 231.40 ms (95% CI 220.12..242.68, 3 runs)} or {@code 231.40 ms (1 run)}. */
    private String measured() {
        String unit = actual.unit() == null ? "" : " " + actual.unit();
        String value = String.format(Locale.ROOT, "%.2f%s", actual.mean(), unit);
        if (actual.n() > 1) {
            return value + String.format(Locale.ROOT, " (%.0f%% CI %.2f..%.2f, %d runs)", level * 100,
                    actual.ciLow(), actual.ciHigh(), actual.n());
        }
        return value + " (" + actual.n() + " run)";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
