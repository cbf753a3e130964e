package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;

import java.util.List;

/**
 * One axis of a Sobol or Latin-hypercube design: a range {@code [lo, hi]} (linear or log scale, int or real) or a
 * list of choices. Maps a unit coordinate {@code u} in [0, 1) to a config value.
 *
 * @param path    canonical dotted path (aliases resolved)
 * @param lo      lower bound, or {@code null} with choices
 * @param hi      upper bound, or {@code null} with choices
 * @param scale   linear or log (log needs lo &gt; 0)
 * @param kind    int (round half to even, then clamp to [ceil(lo), floor(hi)]) or real
 * @param choices the options, or {@code null} with a range
 */
public record SamplingDimension(String path, Double lo, Double hi, Scale scale, ValueKind kind, List<JsonNode> choices) {

    public SamplingDimension {
        choices = choices == null ? null : List.copyOf(choices);
    }

    /** Scale of a range dimension. */
    public enum Scale {
        LINEAR, LOG
    }

    /** Whether a range dimension yields integers or reals. */
    public enum ValueKind {
        INT, REAL
    }

    /** Maps {@code u} in [0, 1) to this dimension's value, as AIPerf does. */
    public JsonNode map(double u) {
        if (choices != null) {
            int k = choices.size();
            return choices.get(Math.min((int) Math.floor(u * k), k - 1));
        }
        double x = scale == Scale.LOG
                ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)))
                : lo + u * (hi - lo);
        if (kind == ValueKind.INT) {
            // Python's round() is round-half-to-even; Math.rint is the same rule.
            double r = Math.rint(x);
            r = Math.max(Math.ceil(lo), Math.min(Math.floor(hi), r));
            return LongNode.valueOf((long) r);
        }
        return DoubleNode.valueOf(x);
    }
}
