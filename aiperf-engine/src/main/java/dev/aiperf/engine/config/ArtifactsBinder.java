package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Binds {@code benchmark.artifacts}: where a run's files go (AIPerf's auto-named directory by default) and which
 * summaries are written.
 */
final class ArtifactsBinder {
    static final Set<String> KEYS = Set.of("dir", "summary");

    private ArtifactsBinder() {
    }

    /** The artifacts settings; the default directory is named after the models, endpoint and first measured phase. */
    static ArtifactsConfig bind(Fields root, List<String> models, EndpointConfig endpoint, List<PhaseConfig> phases,
                                Problems problems) {
        Fields f = Fields.of(root.get("artifacts"), root.pathOf("artifacts"), problems);
        if (f == null) {
            return null;
        }
        f.allowOnly(KEYS);
        List<String> summary = List.of("json", "csv");
        if (f.has("summary")) {
            JsonNode s = f.get("summary");
            List<String> out = new ArrayList<>();
            if (!s.isArray()) {
                problems.add(f.pathOf("summary"), "expected a list of formats, e.g. [json, csv]; got " + Fields.describe(s));
            } else {
                for (int i = 0; i < s.size(); i++) {
                    String fmt = s.get(i).asText();
                    if (!fmt.equals("json") && !fmt.equals("csv")) {
                        problems.add(f.pathOf("summary") + "[" + i + "]", "unknown summary format '" + fmt
                                + "'; use json or csv");
                    }
                    out.add(fmt);
                }
                summary = out;
            }
        }
        String dir = f.string("dir");
        if (dir == null) {
            if (models.isEmpty() || endpoint == null || phases == null) {
                return null;
            }
            dir = defaultDir(models, endpoint, phases);
        }
        return new ArtifactsConfig(Path.of(dir), summary);
    }

    /**
     * AIPerf's auto-named artifact directory: {@code artifacts/<model>-openai-<type>-<stimulus>}, the stimulus
     * being {@code concurrency<N>} and/or {@code request_rate<R>} of the first measured phase, or
     * {@code fixed_schedule} for a trace replay (whose load is the trace's).
     */
    private static String defaultDir(List<String> models, EndpointConfig endpoint, List<PhaseConfig> phases) {
        String model = models.get(0).replace('/', '_').replace('\\', '_');
        if (models.size() > 1) {
            model += "_multi";
        }
        PhaseConfig p = phases.stream().filter(ph -> !ph.excludeFromResults()).findFirst().orElse(phases.get(0));
        List<String> stimulus = new ArrayList<>();
        if (p.type() == PhaseType.FIXED_SCHEDULE) {
            stimulus.add("fixed_schedule");
        }
        if (p.concurrency() != null) {
            stimulus.add("concurrency" + p.concurrency());
        }
        if (p.type().openLoop() && p.rate() != null) {
            stimulus.add("request_rate" + pythonFloat(p.rate()));
        }
        return "artifacts/" + model + "-openai-" + endpoint.type().yamlName() + "-" + String.join("-", stimulus);
    }

    /** Python's str() of a float: 10.0 stays "10.0". */
    private static String pythonFloat(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e16 ? (long) d + ".0" : Double.toString(d);
    }
}
