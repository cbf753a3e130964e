package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.SlaOp;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.config.Fields;

import java.util.ArrayList;
import java.util.List;

/** Reads the fields every sweep type accepts ({@link SweepCommon}) and the trial ordering most types accept. */
final class SweepCommonParser {
    /** Keys of every sweep type. */
    static final List<String> KEYS = List.of("type", "cooldown_seconds", "sla_filters", "post_process",
            "recipe_name");
    /** Keys of the types that run a fixed list of variations (all but adaptive search). */
    static final List<String> ORDER_KEYS = List.of("iteration_order", "same_seed");

    private SweepCommonParser() {
    }

    /**
     * The common fields, carrying {@code warnings} as found so far; call it last so that the type's own warnings
     * are in. Failed reads are recorded and leave defaults, as the caller builds nothing then.
     */
    static SweepCommon parse(Fields f, List<String> warnings) {
        Double cooldown = f.has("cooldown_seconds") ? f.number("cooldown_seconds", 0, false) : null;
        List<SlaRule> filters = new ArrayList<>();
        if (f.has("sla_filters")) {
            JsonNode list = f.get("sla_filters");
            if (!list.isArray()) {
                f.error("sla_filters", "must be a list of {metric_tag, stat, op, threshold}");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    SlaRule rule = slaFilter(f.mapping("sla_filters", i));
                    if (rule != null) {
                        filters.add(rule);
                    }
                }
            }
        }
        PostProcess pp = f.has("post_process") ? postProcess(f.mapping("post_process")) : null;
        return new SweepCommon(cooldown == null ? 0.0 : cooldown, filters, pp, f.string("recipe_name"), warnings);
    }

    /** {@code iteration_order}, {@code repeated} by default; {@code null} when misspelt (recorded). */
    static IterationOrder iterationOrder(Fields f) {
        String s = f.choice("iteration_order", "repeated", List.of("repeated", "independent"));
        return s == null ? null : IterationOrder.fromName(s);
    }

    private static SlaRule slaFilter(Fields s) {
        if (s == null) {
            return null;
        }
        s.allowOnly(List.of("metric_tag", "stat", "op", "threshold"));
        String tag = s.requiredString("metric_tag");
        String stat = s.has("stat") ? s.string("stat") : "p95";
        String opText = s.requiredString("op");
        SlaOp op = opText == null ? null : SlaOp.parse(opText);
        if (opText != null && op == null) {
            s.error("op", "'" + opText + "' is not one of lt, le, gt, ge");
        }
        Double threshold = s.requiredNumber("threshold");
        return tag == null || stat == null || op == null || threshold == null ? null
                : new SlaRule(tag, stat, op, threshold);
    }

    private static PostProcess postProcess(Fields p) {
        if (p == null) {
            return null;
        }
        p.allowOnly(List.of("handler", "params", "output_filename"));
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        if (p.has("params")) {
            if (!p.get("params").isObject()) {
                p.error("params", "must be a mapping of handler parameters");
            } else {
                params = ((ObjectNode) p.get("params")).deepCopy();
            }
        }
        String handler = p.requiredString("handler");
        return handler == null ? null : new PostProcess(handler, params, p.string("output_filename"));
    }
}
