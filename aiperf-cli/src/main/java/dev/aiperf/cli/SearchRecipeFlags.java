package dev.aiperf.cli;

import dev.aiperf.engine.api.model.SearchOptions;
import picocli.CommandLine.Option;

import java.util.List;

/** The adaptive-search and recipe flags of {@code aiperf profile} and {@code aiperf plan} (a picocli mixin). */
public final class SearchRecipeFlags {

    @Option(names = "--search-recipe", paramLabel = "NAME", description = "A named search bundle: "
            + "max-throughput-ttft-sla, max-throughput-itl-sla, max-concurrency-under-sla, max-goodput-under-slo,"
            + " concurrency-ramp, prefill-ttft-curve, decode-itl-curve, pareto-sweep.")
    String recipe;

    @Option(names = "--ttft-sla-ms", paramLabel = "MS", description = "Recipe SLA: time to first token p95 below MS.")
    Double ttftSlaMs;

    @Option(names = "--itl-sla-ms", paramLabel = "MS", description = "Recipe SLA: inter-token latency p95 below MS.")
    Double itlSlaMs;

    @Option(names = "--tpot-sla-ms", paramLabel = "MS", description = "Alias of --itl-sla-ms.")
    Double tpotSlaMs;

    @Option(names = "--e2e-sla-ms", paramLabel = "MS", description = "Recipe SLA: request latency p99 below MS.")
    Double e2eSlaMs;

    @Option(names = "--error-rate-sla", paramLabel = "FRACTION",
            description = "Recipe SLA: error rate at most FRACTION (0..1).")
    Double errorRateSla;

    @Option(names = "--search-sla", paramLabel = "TAG:STAT:OP:THR",
            description = "An SLA filter of the search, e.g. time_to_first_token:p95:lt:200 (repeatable).")
    List<String> searchSla;

    @Option(names = "--concurrency-min", paramLabel = "N", description = "Recipe concurrency lower bound (default 1).")
    Integer concurrencyMin;

    @Option(names = "--concurrency-max", paramLabel = "N",
            description = "Recipe concurrency upper bound (default 1000).")
    Integer concurrencyMax;

    @Option(names = "--search-style", paramLabel = "STYLE",
            description = "max-concurrency-under-sla: monotonic (default), smooth_isotonic, bo or grid.")
    String searchStyle;

    @Option(names = "--goodput-attainment", paramLabel = "FRACTION",
            description = "max-goodput-under-slo: fraction of good requests required (default 0.95).")
    Double goodputAttainment;

    @Option(names = "--isl-osl-pairs", paramLabel = "I/O[,I/O...]",
            description = "pareto-sweep: input/output length pairs, e.g. 128/128,512/256.")
    String islOslPairs;

    @Option(names = "--degradation-threshold", paramLabel = "FRACTION",
            description = "concurrency-ramp: knee when the metric exceeds the baseline by this fraction (0.20).")
    Double degradationThreshold;

    @Option(names = "--degradation-metric", paramLabel = "TAG",
            description = "concurrency-ramp: metric watched for the knee (request_latency).")
    String degradationMetric;

    @Option(names = "--degradation-stat", paramLabel = "STAT",
            description = "concurrency-ramp: statistic of that metric (p99).")
    String degradationStat;

    @Option(names = "--search-space", paramLabel = "PATH:LO,HI[:int|real]",
            description = "A searched dimension, e.g. concurrency:1,256:int (repeatable).")
    List<String> searchSpace;

    @Option(names = "--search-metric", paramLabel = "TAG", description = "Objective metric (output_token_throughput).")
    String searchMetric;

    @Option(names = "--search-stat", paramLabel = "STAT", description = "Objective statistic (avg).")
    String searchStat;

    @Option(names = "--search-direction", paramLabel = "DIR", description = "maximize (default) or minimize.")
    String searchDirection;

    @Option(names = "--search-max-iterations", paramLabel = "N", description = "Iterations (default 30).")
    Integer searchMaxIterations;

    @Option(names = "--search-initial-points", paramLabel = "N", description = "Space-filling points first (5).")
    Integer searchInitialPoints;

    @Option(names = "--search-random-seed", paramLabel = "SEED", description = "Planner seed.")
    Long searchRandomSeed;

    @Option(names = "--search-planner", paramLabel = "NAME", description = "bayesian (default) or monotonic_sla.")
    String searchPlanner;

    /** The flags as the engine's search options. */
    public SearchOptions toOptions() {
        return SearchOptions.builder()
                .recipe(recipe)
                .ttftSlaMs(ttftSlaMs)
                .itlSlaMs(itlSlaMs)
                .tpotSlaMs(tpotSlaMs)
                .e2eSlaMs(e2eSlaMs)
                .errorRateSla(errorRateSla)
                .searchSla(searchSla)
                .concurrencyMin(concurrencyMin)
                .concurrencyMax(concurrencyMax)
                .searchStyle(searchStyle)
                .goodputAttainment(goodputAttainment)
                .islOslPairs(islOslPairs)
                .degradationThreshold(degradationThreshold)
                .degradationMetric(degradationMetric)
                .degradationStat(degradationStat)
                .searchSpace(searchSpace)
                .searchMetric(searchMetric)
                .searchStat(searchStat)
                .searchDirection(searchDirection)
                .searchMaxIterations(searchMaxIterations)
                .searchInitialPoints(searchInitialPoints)
                .searchRandomSeed(searchRandomSeed)
                .searchPlanner(searchPlanner)
                .build();
    }
}
