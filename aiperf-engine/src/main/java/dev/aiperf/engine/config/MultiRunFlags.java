package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;

import java.util.Locale;

/**
 * The multi-run flags ({@code --num-profile-runs}, {@code --profile-run-cooldown-seconds}, {@code --confidence-level},
 * {@code --convergence-*}): they set the envelope's {@code multi_run} block, over the YAML's.
 */
final class MultiRunFlags {
    private MultiRunFlags() {
    }

    static void apply(ProfileOptions o, ObjectNode env) {
        if (o.numProfileRuns() != null) {
            multiRun(env).put("num_runs", o.numProfileRuns());
        }
        if (o.profileRunCooldownSeconds() != null) {
            multiRun(env).put("cooldown_seconds", o.profileRunCooldownSeconds());
        }
        if (o.confidenceLevel() != null) {
            multiRun(env).put("confidence_level", o.confidenceLevel());
        }
        convergence(o, env);
    }

    /** Created on first use only: without multi-run flags the envelope keeps whatever the YAML wrote. */
    private static ObjectNode multiRun(ObjectNode env) {
        return FlagOverrides.mapping(env, "multi_run");
    }

    /** {@code --convergence-*}: AIPerf's {@code multi_run.convergence} block, over the YAML's. */
    private static void convergence(ProfileOptions o, ObjectNode env) {
        boolean any = o.convergenceMetric() != null || o.convergenceStat() != null || o.convergenceMode() != null
                || o.convergenceThreshold() != null || o.convergenceMinRuns() != null;
        if (!any) {
            return;
        }
        ObjectNode c = FlagOverrides.mapping(multiRun(env), "convergence");
        if (o.convergenceMetric() != null) {
            c.put("metric", o.convergenceMetric().trim());
        } else if (!c.hasNonNull("metric")) {
            throw new ConfigException("--convergence-metric", "the --convergence-* flags need a metric to watch, e.g."
                    + " --convergence-metric request_throughput");
        }
        if (o.convergenceStat() != null) {
            c.put("stat", o.convergenceStat().trim());
        }
        if (o.convergenceMode() != null) {
            c.put("mode", o.convergenceMode().trim().toLowerCase(Locale.ROOT));
        }
        if (o.convergenceThreshold() != null) {
            c.put("threshold", o.convergenceThreshold());
        }
        if (o.convergenceMinRuns() != null) {
            c.put("min_runs", o.convergenceMinRuns());
        }
    }
}
