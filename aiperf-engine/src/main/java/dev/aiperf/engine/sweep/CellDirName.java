package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The directory name of a sweep cell, as AIPerf names it: {@code <last segment>_<str(value)>} per (path, value),
 * joined with {@code __}, with {@code / \ .. < > : " | ? *} removed; e.g. {@code concurrency_10},
 * {@code request_rate_5.0}, {@code b_1__d_2}. Nested values or an empty result fall back to the sanitised label
 * ({@code qps:100 → qps100}), and then to {@code variation_<index>}.
 */
public final class CellDirName {
    private CellDirName() {
    }

    public static String of(Map<String, JsonNode> values, String label, int index) {
        String fromValues = "";
        if (!values.isEmpty() && values.values().stream().noneMatch(JsonNode::isContainerNode)) {
            List<String> parts = new ArrayList<>();
            values.forEach((path, v) -> parts.add(DottedPath.leaf(path) + "_" + PythonStr.str(v)));
            fromValues = sanitise(String.join("__", parts));
        }
        if (!fromValues.isEmpty()) {
            return fromValues;
        }
        String fromLabel = label == null ? "" : sanitise(label);
        return fromLabel.isEmpty() ? "variation_" + index : fromLabel;
    }

    /** Removes path separators, {@code ..} and characters Windows forbids; an all-dots result becomes empty. */
    public static String sanitise(String s) {
        String out = s.replace("/", "").replace("\\", "").replace("..", "");
        out = out.replaceAll("[<>:\"|?*]", "");
        return out.chars().allMatch(c -> c == '.') ? "" : out;
    }
}
