package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line's magic lists: a comma list on a phase or dataset flag ({@code --concurrency 1,2,4}) becomes
 * {@code sweep: {type, parameters: {path: [values]}}}, as AIPerf's CLI does (the flag's first value stays in the
 * base tree as placeholder). Also applies the sweep-level flags to whichever sweep results.
 */
final class MagicListSweep {
    private final Map<String, List<JsonNode>> lists = new LinkedHashMap<>();
    private final Map<String, String> flagOfPath = new LinkedHashMap<>();

    /** Records the values {@code flag} gave for the tree path {@code path}; a single value is no sweep. */
    void add(String path, String flag, List<JsonNode> values) {
        if (values.size() > 1) {
            lists.put(path, values);
            flagOfPath.put(path, flag);
        }
    }

    /** Writes the sweep (grid unless {@code --sweep-type zip}) and the sweep-level flags into {@code env}. */
    void writeInto(ProfileOptions o, ObjectNode env) {
        String type = null;
        if (o.sweepType() != null) {
            type = o.sweepType().trim().toLowerCase(Locale.ROOT);
            if (!type.equals("grid") && !type.equals("zip")) {
                throw new ConfigException("--sweep-type", "unknown sweep type '" + o.sweepType()
                        + "'; use grid or zip");
            }
        }
        JsonNode yamlSweep = env.get("sweep");
        boolean hasYamlSweep = yamlSweep != null && !yamlSweep.isNull();
        if (!lists.isEmpty() && hasYamlSweep) {
            throw new ConfigException("sweep", "magic-list flags " + new ArrayList<>(flagOfPath.values())
                    + " cannot be combined with the config's sweep: block; put the values into sweep.parameters,"
                    + " or pass single values on the command line");
        }
        if (!lists.isEmpty()) {
            if ("zip".equals(type)) {
                Set<Integer> sizes = new HashSet<>();
                lists.values().forEach(v -> sizes.add(v.size()));
                if (sizes.size() > 1) {
                    Map<String, Integer> got = new LinkedHashMap<>();
                    flagOfPath.forEach((path, flag) -> got.put(flag, lists.get(path).size()));
                    throw new ConfigException("--sweep-type zip", "zip sweep parameters must all have equal length;"
                            + " got " + got + ". Give every list flag the same number of values, or use grid");
                }
            }
            ObjectNode sweep = env.putObject("sweep");
            sweep.put("type", type == null ? "grid" : type);
            ObjectNode params = sweep.putObject("parameters");
            lists.forEach((path, values) -> params.putArray(path).addAll(values));
        }
        JsonNode sweep = env.get("sweep");
        if (sweep instanceof ObjectNode s) {
            if (o.parameterSweepSameSeed() != null) {
                s.put("same_seed", o.parameterSweepSameSeed());
            }
            if (o.parameterSweepCooldownSeconds() != null) {
                s.put("cooldown_seconds", o.parameterSweepCooldownSeconds());
            }
        }
    }
}
