package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.ClosestKey;
import dev.aiperf.engine.config.Fields;
import dev.aiperf.engine.config.Problems;
import dev.aiperf.engine.config.SourceLines;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses and validates the raw {@code sweep:} node into a {@link SweepConfig}: reads the type, checks the keys
 * that type allows and hands the block to the type's parser ({@link GridZipParser}, {@link ScenariosParser},
 * {@link SpaceFillingParser}, {@link AdaptiveSearchParser}). Every problem found is reported at once in one
 * {@link ConfigException} naming each YAML path and what to change; non-fatal findings go to
 * {@link SweepConfig#warnings()}.
 */
public final class SweepParser {

    private static final List<String> TYPES =
            List.of("grid", "zip", "scenarios", "sobol", "latin_hypercube", "adaptive_search");

    private SweepParser() {
    }

    /** Parses {@code sweepNode} (the value of the envelope's {@code sweep:} key). */
    public static SweepConfig parse(JsonNode sweepNode, SourceLines lines) {
        Problems problems = new Problems(lines);
        SweepConfig config = parse(Fields.of(sweepNode, "sweep", problems));
        problems.throwIfAny();
        return config;
    }

    private static SweepConfig parse(Fields f) {
        if (f == null) {
            return null;
        }
        String type = f.has("type") ? f.string("type") : "grid";
        if (type == null) {
            return null;
        }
        if (!TYPES.contains(type)) {
            String c = ClosestKey.of(type, TYPES);
            f.error("type", "unknown sweep type '" + type + "'" + (c == null ? "" : "; did you mean '" + c + "'?")
                    + " Valid types: " + TYPES);
            return null; // which keys are allowed depends on the type
        }
        List<String> allowed = new ArrayList<>(SweepCommonParser.KEYS);
        allowed.addAll(switch (type) {
            case "grid", "zip" -> GridZipParser.KEYS;
            case "scenarios" -> ScenariosParser.KEYS;
            case "sobol" -> SpaceFillingParser.SOBOL_KEYS;
            case "latin_hypercube" -> SpaceFillingParser.LATIN_HYPERCUBE_KEYS;
            default -> AdaptiveSearchParser.KEYS;
        });
        if ((type.equals("grid") || type.equals("zip")) && f.has("variables") && !f.has("parameters")) {
            f.error("variables", "'variables' is the older spelling of the sweep's value lists; write 'parameters:'"
                    + " (the envelope-level 'variables:' block is separate)");
            allowed.add("variables"); // reported once, as the old spelling, not again as an unknown key
            f.allowOnly(allowed);
            return null;
        }
        f.allowOnly(allowed);
        List<String> warnings = new ArrayList<>();
        return switch (type) {
            case "grid", "zip" -> GridZipParser.parse(f, type, warnings);
            case "scenarios" -> ScenariosParser.parse(f, warnings);
            case "sobol", "latin_hypercube" -> SpaceFillingParser.parse(f, type, warnings);
            default -> AdaptiveSearchParser.parse(f, warnings);
        };
    }
}
