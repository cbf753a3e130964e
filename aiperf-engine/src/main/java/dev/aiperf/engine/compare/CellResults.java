package dev.aiperf.engine.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.aiperf.engine.api.model.StatKeys;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The results of one sweep cell (or of the whole benchmark without a sweep), from per-run exports or, when only
 * those were kept, from an aggregate. Only successful trials are measurements; the failed and cancelled ones are
 * listed in {@link #excluded()}.
 */
public sealed interface CellResults {

    /** Canonical cell key used to match baseline and candidate, e.g. {@code concurrency=10}; empty without a sweep. */
    String key();

    /** The cell's display name: the variation label, else the key. */
    String label();

    /** The statistic {@code <tag>_<stat>} across the cell's trials; {@link MetricSample#EMPTY} when absent. */
    MetricSample sample(String tag, String stat);

    /** The metric's display unit, or an empty string. */
    String unit(String tag);

    /** The {@code input_config} the cell ran with, or a missing node when the source does not record it. */
    JsonNode inputConfig();

    /** The number of successful trials, the only ones compared; 0 when every trial was excluded. */
    int trials();

    /** The cell's trials left out of the comparison because they failed or were cancelled, in trial order. */
    List<ExcludedTrial> excluded();

    /**
     * A cell read from its run directories: the t-test sees every successful trial's value.
     *
     * @param runs     the cell's successful runs in trial order
     * @param excluded the cell's failed and cancelled runs in trial order
     */
    record Runs(String key, String label, List<RunResult> runs, List<ExcludedTrial> excluded)
            implements CellResults {

        public Runs {
            runs = List.copyOf(runs);
            excluded = List.copyOf(excluded);
        }

        /** A cell whose runs all succeeded. */
        public Runs(String key, String label, List<RunResult> runs) {
            this(key, label, runs, List.of());
        }

        @Override
        public int trials() {
            return runs.size();
        }

        /** The per-trial values of {@code <tag>.<stat>}, skipping runs without a finite value. */
        public double[] values(String tag, String stat) {
            return runs.stream().map(r -> r.value(tag, stat)).filter(OptionalDouble::isPresent)
                    .mapToDouble(OptionalDouble::getAsDouble).toArray();
        }

        @Override
        public MetricSample sample(String tag, String stat) {
            return MetricSample.of(values(tag, stat));
        }

        @Override
        public String unit(String tag) {
            return runs.stream().map(r -> r.unit(tag)).filter(u -> !u.isEmpty()).findFirst().orElse("");
        }

        @Override
        public JsonNode inputConfig() {
            return runs.isEmpty() ? MissingNode.getInstance() : runs.get(0).inputConfig();
        }
    }

    /**
     * A cell read from a confidence aggregate ({@code profile_export_aiperf_aggregate.json}) or from one entry of
     * a sweep aggregate's {@code per_combination_metrics}: the t-test works from mean, std and trial count.
     *
     * @param metrics  the flattened {@code <tag>_<stat>} entries, each with {@code mean}, {@code std}, {@code unit}
     * @param trials   the number of successful trials the aggregate summarises
     * @param excluded the runs the aggregate's metadata lists as failed or cancelled
     */
    record Aggregate(String key, String label, JsonNode metrics, int trials, List<ExcludedTrial> excluded)
            implements CellResults {

        public Aggregate {
            excluded = List.copyOf(excluded);
        }

        /** An aggregate that lists no failed or cancelled run. */
        public Aggregate(String key, String label, JsonNode metrics, int trials) {
            this(key, label, metrics, trials, List.of());
        }

        @Override
        public MetricSample sample(String tag, String stat) {
            JsonNode entry = metrics.path(tag + "_" + stat);
            JsonNode mean = entry.path("mean");
            if (trials < 1 || !mean.isNumber() || !Double.isFinite(mean.asDouble())) {
                return MetricSample.EMPTY;
            }
            int n = trials;
            double std = entry.path("std").isNumber() && n > 1 ? entry.path("std").asDouble() : 0;
            return new MetricSample(mean.asDouble(), Double.isFinite(std) ? std : 0, n);
        }

        @Override
        public String unit(String tag) {
            for (var it = metrics.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().startsWith(tag + "_") && e.getValue().path("unit").isTextual()
                        && StatKeys.ALL.contains(e.getKey().substring(tag.length() + 1))) {
                    return e.getValue().path("unit").asText();
                }
            }
            return "";
        }

        @Override
        public JsonNode inputConfig() {
            return MissingNode.getInstance();
        }
    }
}
