package dev.aiperf.engine.api.model;

import java.util.List;

/**
 * The adaptive-search and recipe options of {@code aiperf profile} ({@code --search-recipe}, {@code --search-*}):
 * a recipe, or a search described by hand. Every value is {@code null} unless given.
 *
 * @param recipe a named search bundle, e.g. max-concurrency-under-sla ({@code --search-recipe})
 * @param ttftSlaMs recipe SLA: time to first token p95 below this many ms ({@code --ttft-sla-ms})
 * @param itlSlaMs recipe SLA: inter-token latency p95 below this many ms ({@code --itl-sla-ms})
 * @param tpotSlaMs alias of itlSlaMs ({@code --tpot-sla-ms})
 * @param e2eSlaMs recipe SLA: request latency p99 below this many ms ({@code --e2e-sla-ms})
 * @param errorRateSla recipe SLA: error rate at most this fraction ({@code --error-rate-sla})
 * @param searchSla SLA filters of the search, TAG:STAT:OP:THR ({@code --search-sla})
 * @param concurrencyMin recipe concurrency lower bound ({@code --concurrency-min})
 * @param concurrencyMax recipe concurrency upper bound ({@code --concurrency-max})
 * @param searchStyle max-concurrency-under-sla: monotonic, bo or grid ({@code --search-style})
 * @param goodputAttainment max-goodput-under-slo: fraction of good requests required ({@code --goodput-attainment})
 * @param islOslPairs pareto-sweep: input/output length pairs, e.g. 128/128,512/256 ({@code --isl-osl-pairs})
 * @param degradationThreshold concurrency-ramp: knee threshold as a fraction ({@code --degradation-threshold})
 * @param degradationMetric concurrency-ramp: metric watched for the knee ({@code --degradation-metric})
 * @param degradationStat concurrency-ramp: statistic of that metric ({@code --degradation-stat})
 * @param searchSpace searched dimensions, PATH:LO,HI[:int|real] ({@code --search-space})
 * @param searchMetric objective metric ({@code --search-metric})
 * @param searchStat objective statistic ({@code --search-stat})
 * @param searchDirection maximize or minimize ({@code --search-direction})
 * @param searchMaxIterations iterations ({@code --search-max-iterations})
 * @param searchInitialPoints space-filling points first ({@code --search-initial-points})
 * @param searchRandomSeed planner seed ({@code --search-random-seed})
 * @param searchPlanner bayesian or monotonic_sla ({@code --search-planner})
 */
public record SearchOptions(
        String recipe,
        Double ttftSlaMs,
        Double itlSlaMs,
        Double tpotSlaMs,
        Double e2eSlaMs,
        Double errorRateSla,
        List<String> searchSla,
        Integer concurrencyMin,
        Integer concurrencyMax,
        String searchStyle,
        Double goodputAttainment,
        String islOslPairs,
        Double degradationThreshold,
        String degradationMetric,
        String degradationStat,
        List<String> searchSpace,
        String searchMetric,
        String searchStat,
        String searchDirection,
        Integer searchMaxIterations,
        Integer searchInitialPoints,
        Long searchRandomSeed,
        String searchPlanner) {

    public SearchOptions {
        searchSla = searchSla == null ? null : List.copyOf(searchSla);
        searchSpace = searchSpace == null ? null : List.copyOf(searchSpace);
    }

    /** Nothing set. */
    public static SearchOptions none() {
        return builder().build();
    }

    /**
     * True when any option that defines a search by hand ({@code --search-space}, {@code --search-metric}, ...) is
     * set.
     */
    public boolean explicitSearch() {
        return searchSpace != null || searchMetric != null || searchStat != null || searchDirection != null
                || searchMaxIterations != null || searchInitialPoints != null || searchRandomSeed != null
                || searchPlanner != null;
    }


    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.recipe = recipe;
        b.ttftSlaMs = ttftSlaMs;
        b.itlSlaMs = itlSlaMs;
        b.tpotSlaMs = tpotSlaMs;
        b.e2eSlaMs = e2eSlaMs;
        b.errorRateSla = errorRateSla;
        b.searchSla = searchSla;
        b.concurrencyMin = concurrencyMin;
        b.concurrencyMax = concurrencyMax;
        b.searchStyle = searchStyle;
        b.goodputAttainment = goodputAttainment;
        b.islOslPairs = islOslPairs;
        b.degradationThreshold = degradationThreshold;
        b.degradationMetric = degradationMetric;
        b.degradationStat = degradationStat;
        b.searchSpace = searchSpace;
        b.searchMetric = searchMetric;
        b.searchStat = searchStat;
        b.searchDirection = searchDirection;
        b.searchMaxIterations = searchMaxIterations;
        b.searchInitialPoints = searchInitialPoints;
        b.searchRandomSeed = searchRandomSeed;
        b.searchPlanner = searchPlanner;
        return b;
    }

    /** Sets options one by one; {@code null} means "not given". */
    public static final class Builder {
        private String recipe;
        private Double ttftSlaMs;
        private Double itlSlaMs;
        private Double tpotSlaMs;
        private Double e2eSlaMs;
        private Double errorRateSla;
        private List<String> searchSla;
        private Integer concurrencyMin;
        private Integer concurrencyMax;
        private String searchStyle;
        private Double goodputAttainment;
        private String islOslPairs;
        private Double degradationThreshold;
        private String degradationMetric;
        private String degradationStat;
        private List<String> searchSpace;
        private String searchMetric;
        private String searchStat;
        private String searchDirection;
        private Integer searchMaxIterations;
        private Integer searchInitialPoints;
        private Long searchRandomSeed;
        private String searchPlanner;

        private Builder() {
        }

        /** A named search bundle, e.g. max-concurrency-under-sla ({@code --search-recipe}). */
        public Builder recipe(String recipe) {
            this.recipe = recipe;
            return this;
        }

        /** Recipe SLA: time to first token p95 below this many ms ({@code --ttft-sla-ms}). */
        public Builder ttftSlaMs(Double ttftSlaMs) {
            this.ttftSlaMs = ttftSlaMs;
            return this;
        }

        /** Recipe SLA: inter-token latency p95 below this many ms ({@code --itl-sla-ms}). */
        public Builder itlSlaMs(Double itlSlaMs) {
            this.itlSlaMs = itlSlaMs;
            return this;
        }

        /** Alias of itlSlaMs ({@code --tpot-sla-ms}). */
        public Builder tpotSlaMs(Double tpotSlaMs) {
            this.tpotSlaMs = tpotSlaMs;
            return this;
        }

        /** Recipe SLA: request latency p99 below this many ms ({@code --e2e-sla-ms}). */
        public Builder e2eSlaMs(Double e2eSlaMs) {
            this.e2eSlaMs = e2eSlaMs;
            return this;
        }

        /** Recipe SLA: error rate at most this fraction ({@code --error-rate-sla}). */
        public Builder errorRateSla(Double errorRateSla) {
            this.errorRateSla = errorRateSla;
            return this;
        }

        /** SLA filters of the search, TAG:STAT:OP:THR ({@code --search-sla}). */
        public Builder searchSla(List<String> searchSla) {
            this.searchSla = searchSla;
            return this;
        }

        /** As {@link #searchSla(List)}. */
        public Builder searchSla(String... searchSla) {
            this.searchSla = searchSla == null ? null : List.of(searchSla);
            return this;
        }

        /** Recipe concurrency lower bound ({@code --concurrency-min}). */
        public Builder concurrencyMin(Integer concurrencyMin) {
            this.concurrencyMin = concurrencyMin;
            return this;
        }

        /** Recipe concurrency upper bound ({@code --concurrency-max}). */
        public Builder concurrencyMax(Integer concurrencyMax) {
            this.concurrencyMax = concurrencyMax;
            return this;
        }

        /** Max-concurrency-under-sla: monotonic, bo or grid ({@code --search-style}). */
        public Builder searchStyle(String searchStyle) {
            this.searchStyle = searchStyle;
            return this;
        }

        /** Max-goodput-under-slo: fraction of good requests required ({@code --goodput-attainment}). */
        public Builder goodputAttainment(Double goodputAttainment) {
            this.goodputAttainment = goodputAttainment;
            return this;
        }

        /** Pareto-sweep: input/output length pairs, e.g. 128/128,512/256 ({@code --isl-osl-pairs}). */
        public Builder islOslPairs(String islOslPairs) {
            this.islOslPairs = islOslPairs;
            return this;
        }

        /** Concurrency-ramp: knee threshold as a fraction ({@code --degradation-threshold}). */
        public Builder degradationThreshold(Double degradationThreshold) {
            this.degradationThreshold = degradationThreshold;
            return this;
        }

        /** Concurrency-ramp: metric watched for the knee ({@code --degradation-metric}). */
        public Builder degradationMetric(String degradationMetric) {
            this.degradationMetric = degradationMetric;
            return this;
        }

        /** Concurrency-ramp: statistic of that metric ({@code --degradation-stat}). */
        public Builder degradationStat(String degradationStat) {
            this.degradationStat = degradationStat;
            return this;
        }

        /** Searched dimensions, PATH:LO,HI[:int|real] ({@code --search-space}). */
        public Builder searchSpace(List<String> searchSpace) {
            this.searchSpace = searchSpace;
            return this;
        }

        /** As {@link #searchSpace(List)}. */
        public Builder searchSpace(String... searchSpace) {
            this.searchSpace = searchSpace == null ? null : List.of(searchSpace);
            return this;
        }

        /** Objective metric ({@code --search-metric}). */
        public Builder searchMetric(String searchMetric) {
            this.searchMetric = searchMetric;
            return this;
        }

        /** Objective statistic ({@code --search-stat}). */
        public Builder searchStat(String searchStat) {
            this.searchStat = searchStat;
            return this;
        }

        /** Maximize or minimize ({@code --search-direction}). */
        public Builder searchDirection(String searchDirection) {
            this.searchDirection = searchDirection;
            return this;
        }

        /** Iterations ({@code --search-max-iterations}). */
        public Builder searchMaxIterations(Integer searchMaxIterations) {
            this.searchMaxIterations = searchMaxIterations;
            return this;
        }

        /** Space-filling points first ({@code --search-initial-points}). */
        public Builder searchInitialPoints(Integer searchInitialPoints) {
            this.searchInitialPoints = searchInitialPoints;
            return this;
        }

        /** Planner seed ({@code --search-random-seed}). */
        public Builder searchRandomSeed(Long searchRandomSeed) {
            this.searchRandomSeed = searchRandomSeed;
            return this;
        }

        /** Bayesian or monotonic_sla ({@code --search-planner}). */
        public Builder searchPlanner(String searchPlanner) {
            this.searchPlanner = searchPlanner;
            return this;
        }

        public SearchOptions build() {
            return new SearchOptions(recipe, ttftSlaMs, itlSlaMs, tpotSlaMs, e2eSlaMs, errorRateSla, searchSla,
                    concurrencyMin, concurrencyMax, searchStyle, goodputAttainment, islOslPairs, degradationThreshold,
                    degradationMetric, degradationStat, searchSpace, searchMetric, searchStat, searchDirection,
                    searchMaxIterations, searchInitialPoints, searchRandomSeed, searchPlanner);
        }
    }
}
