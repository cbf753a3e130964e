package dev.aiperf.engine.api;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.api.model.StatKeys;
import dev.aiperf.engine.config.BenchmarkConfig;
import dev.aiperf.engine.config.ClosestKey;
import dev.aiperf.engine.config.MultiRunConfig;
import dev.aiperf.engine.metrics.MetricTag;

import java.util.Arrays;
import java.util.List;

/**
 * Checks every metric a user names (SLA rules, the convergence criterion) before anything runs, so a typo or a
 * metric that can never be measured fails at once instead of after every cell ran: the metric must be one the engine
 * reports, the stat one it computes for that metric, and a token-timing metric needs a streaming endpoint.
 */
final class MetricCheck {

    private MetricCheck() {
    }

    /**
     * @param rules the gate rules
     * @param cells the bound benchmark of every cell (the streaming check applies to each)
     * @throws ConfigException naming the rule and the fix
     */
    static void sla(List<SlaRule> rules, List<BenchmarkConfig> cells) {
        for (SlaRule rule : rules) {
            check("SLA rule " + rule.spec(), rule.metric(), rule.stat(), cells);
        }
    }

    /**
     * The convergence criterion's metric: without a known, measurable metric it could never be judged, and every
     * cell would quietly run all its trials. The distribution test needs per-request values.
     */
    static void convergence(MultiRunConfig multiRun, List<BenchmarkConfig> cells) {
        MultiRunConfig.ConvergenceConfig c = multiRun == null ? null : multiRun.convergence();
        if (c == null) {
            return;
        }
        String what = "multi_run.convergence (--convergence-metric " + c.metric() + ")";
        MetricTag tag = check(what, c.metric(), c.stat() == null ? "avg" : c.stat(), cells);
        if (c.mode() == MultiRunConfig.ConvergenceConfig.Mode.DISTRIBUTION && tag.kind() != MetricTag.Kind.RECORD) {
            throw new ConfigException(what, "the distribution criterion compares per-request values, and "
                    + c.metric() + " is one value per run; use a per-request metric such as request_latency, or the"
                    + " ci_width or cv criterion");
        }
    }

    private static MetricTag check(String what, String metric, String stat, List<BenchmarkConfig> cells) {
        MetricTag tag = MetricTag.fromTag(metric);
        if (tag == null) {
            List<String> tags = Arrays.stream(MetricTag.values()).map(MetricTag::tag).toList();
            throw new ConfigException(what, "names an unknown metric '" + metric + "'" + closest(metric, tags)
                    + "; known metrics: " + String.join(", ", tags));
        }
        if (!StatKeys.ALL.contains(stat)) {
            throw new ConfigException(what, "names an unknown stat '" + stat + "'" + closest(stat, StatKeys.ALL)
                    + "; use one of " + String.join(", ", StatKeys.ALL));
        }
        if (tag.kind() == MetricTag.Kind.AGGREGATE && !stat.equals("avg")) {
            throw new ConfigException(what, metric + " is one value per run, so it has no " + stat
                    + "; use the stat avg");
        }
        if (tag.streamingOnly() && cells.stream().anyMatch(c -> !c.endpoint().streaming())) {
            throw new ConfigException(what, metric + " is measured only on streamed responses, and the endpoint does"
                    + " not stream; turn streaming on (--streaming, streaming: true in the endpoint,"
                    + " @BenchmarkTest(streaming = true), -Daiperf.streaming=true)");
        }
        return tag;
    }

    /** {@code " (did you mean 'p99'?)"} for a near miss, else empty. */
    private static String closest(String word, List<String> candidates) {
        String c = ClosestKey.of(word, candidates);
        return c == null ? "" : " (did you mean '" + c + "'?)";
    }
}
