package dev.aiperf.engine.api;

import dev.aiperf.engine.api.model.StatKeys;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.config.BenchmarkConfig;
import dev.aiperf.engine.config.ClosestKey;
import dev.aiperf.engine.metrics.MetricTag;
import dev.aiperf.engine.stats.ConfidenceAggregator;

import java.util.Arrays;
import java.util.List;

/**
 * Checks SLA rules before anything runs, so a typo or a rule that can never be measured fails at once instead of
 * after every cell ran: the metric must be one the engine reports, the stat one it computes for that metric, and a
 * token-timing metric needs a streaming endpoint.
 */
final class SlaCheck {

    private SlaCheck() {
    }

    /**
     * @param rules the gate rules
     * @param cells the bound benchmark of every cell (the streaming check applies to each)
     * @throws ConfigException naming the rule and the fix
     */
    static void check(List<SlaRule> rules, List<BenchmarkConfig> cells) {
        for (SlaRule rule : rules) {
            MetricTag tag = MetricTag.fromTag(rule.metric());
            String what = "SLA rule " + rule.spec();
            if (tag == null) {
                List<String> tags = Arrays.stream(MetricTag.values()).map(MetricTag::tag).toList();
                throw new ConfigException(what, "names an unknown metric '" + rule.metric() + "'"
                        + closest(rule.metric(), tags) + "; known metrics: " + String.join(", ", tags));
            }
            if (!StatKeys.ALL.contains(rule.stat())) {
                throw new ConfigException(what, "names an unknown stat '" + rule.stat() + "'"
                        + closest(rule.stat(), StatKeys.ALL) + "; use one of "
                        + String.join(", ", StatKeys.ALL));
            }
            if (tag.kind() == MetricTag.Kind.AGGREGATE && !rule.stat().equals("avg")) {
                throw new ConfigException(what, rule.metric() + " is one value per run, so it has no "
                        + rule.stat() + "; use the stat avg");
            }
            if (tag.streamingOnly() && cells.stream().anyMatch(c -> !c.endpoint().streaming())) {
                throw new ConfigException(what, rule.metric() + " is measured only on streamed responses, and the"
                        + " endpoint does not stream; turn streaming on (--streaming, streaming: true in the"
                        + " endpoint, @BenchmarkTest(streaming = true), -Daiperf.streaming=true)");
            }
        }
    }

    /** {@code " (did you mean 'p99'?)"} for a near miss, else empty. */
    private static String closest(String word, List<String> candidates) {
        String c = ClosestKey.of(word, candidates);
        return c == null ? "" : " (did you mean '" + c + "'?)";
    }
}
