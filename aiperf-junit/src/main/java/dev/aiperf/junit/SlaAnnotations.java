package dev.aiperf.junit;

import dev.aiperf.engine.config.ClosestKey;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.metrics.MetricTag;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.stats.ConfidenceAggregator;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns a method's {@link Sla} annotations into engine rules, rejecting metrics and stats the engine never reports. */
final class SlaAnnotations {

    private SlaAnnotations() {
    }

    static List<SlaRule> rules(Method method, String where) {
        List<SlaRule> rules = new ArrayList<>();
        for (Sla s : AnnotationSupport.findRepeatableAnnotations(method, Sla.class)) {
            String spec = "@Sla(metric = \"" + s.metric() + "\", stat = \"" + s.stat() + "\")";
            MetricTag tag = MetricTag.fromTag(s.metric());
            if (tag == null) {
                List<String> tags = Arrays.stream(MetricTag.values()).map(MetricTag::tag).toList();
                throw new ExtensionConfigurationException(where + ": " + spec + " names an unknown metric"
                        + closest(s.metric(), tags) + "; known metrics: " + String.join(", ", tags));
            }
            if (!ConfidenceAggregator.STAT_KEYS.contains(s.stat())) {
                throw new ExtensionConfigurationException(where + ": " + spec + " names an unknown stat"
                        + closest(s.stat(), ConfidenceAggregator.STAT_KEYS) + "; use one of "
                        + String.join(", ", ConfidenceAggregator.STAT_KEYS));
            }
            if (tag.kind() == MetricTag.Kind.AGGREGATE && !s.stat().equals("avg")) {
                throw new ExtensionConfigurationException(where + ": " + spec + ": " + s.metric()
                        + " is one value per run, so it has no " + s.stat() + "; write stat = \"avg\"");
            }
            try {
                rules.add(new SlaRule(s.metric(), s.stat(), s.op(), s.threshold()));
            } catch (ConfigException e) {
                throw new ExtensionConfigurationException(where + ": " + spec + ": " + e.getMessage(), e);
            }
        }
        return rules;
    }

    /** {@code " (did you mean 'p99'?)"} for a near miss, else empty. */
    static String closest(String word, List<String> candidates) {
        String c = ClosestKey.of(word, candidates);
        return c == null ? "" : " (did you mean '" + c + "'?)";
    }
}
