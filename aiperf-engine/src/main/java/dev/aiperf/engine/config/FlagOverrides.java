package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ProfileOptions;

/**
 * Applies command-line flags over a YAML envelope: flags win. Scalar flags set the base tree; a comma list on
 * a magic-list flag ({@code --concurrency 1,2,4}) becomes {@code sweep: {type, parameters: {path: [values]}}}
 * with its first value left in the base as placeholder, as AIPerf's CLI does.
 *
 * <p>One class per concern: {@link ScalarFlags}, {@link PhaseFlags}, {@link DatasetFlags}, {@link MultiRunFlags},
 * and {@link MagicListSweep}, which the phase and dataset flags feed; {@link FlagValues} parses the numbers.
 */
public final class FlagOverrides {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FlagOverrides() {
    }

    /** Returns a new envelope: {@code envelope} (not modified) with the flags of {@code opts} applied. */
    public static ObjectNode apply(ProfileOptions opts, ObjectNode envelope) {
        ObjectNode env = envelope == null ? NODES.objectNode() : envelope.deepCopy();
        JsonNode rawBody = env.get("benchmark");
        if (rawBody != null && !rawBody.isNull() && !rawBody.isObject()) {
            return env; // the loader reports the wrong type with its line
        }
        // The canonical form names the profiling phase and the main dataset, which the flags address.
        ObjectNode body = BenchmarkBinder.canonicalTree((ObjectNode) rawBody, SourceLines.NONE, "benchmark");
        env.set("benchmark", body);

        ScalarFlags.apply(opts, env, body);
        MagicListSweep lists = new MagicListSweep();
        PhaseFlags.apply(opts, body, lists);
        DatasetFlags.apply(opts, body, lists);
        MultiRunFlags.apply(opts, env);
        lists.writeInto(opts, env);
        return env;
    }

    /** The mapping under {@code key} of {@code parent}, created (replacing any non-mapping value) when missing. */
    static ObjectNode mapping(ObjectNode parent, String key) {
        JsonNode n = parent.get(key);
        if (n instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(key);
    }
}
