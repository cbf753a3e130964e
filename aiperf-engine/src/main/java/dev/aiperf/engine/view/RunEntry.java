package dev.aiperf.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run as the report sees it: its directory, the cell it belongs to, and whether it counts.
 *
 * @param dir    the run directory
 * @param params the cell's parameters by their last path segment, e.g. {@code concurrency -> 8}
 * @param label  the run's label, e.g. {@code trial_0002} (the directory name when run_info has none)
 * @param ok     false when {@code run_status.json} says failed or cancelled, or the export was cancelled
 * @param export the run's {@code profile_export_aiperf.json}
 */
record RunEntry(Path dir, Map<String, String> params, String label, boolean ok, JsonNode export) {

    static RunEntry read(Path exportFile, ObjectMapper json) {
        JsonNode export = readTree(exportFile, json);
        JsonNode info = export.path("run_info");
        Map<String, String> params = leafParams(info.path("variation_values"));
        Path dir = exportFile.getParent();
        boolean ok = !export.path("was_cancelled").asBoolean(false);
        Path status = dir.resolve("run_status.json");
        if (Files.isRegularFile(status)) {
            ok &= "ok".equals(readTree(status, json).path("status").asText("ok"));
        }
        String label = info.path("run_label").asText(dir.getFileName().toString());
        return new RunEntry(dir, params, label, ok, export);
    }

    /** {@code {"phases.profiling.concurrency": 8}} → {@code {concurrency: "8"}}, keeping the order. */
    static Map<String, String> leafParams(JsonNode values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            out.put(key.substring(key.lastIndexOf('.') + 1), e.getValue().asText());
        }
        return out;
    }

    /** The cell's display label, e.g. {@code concurrency=8, isl=512}; empty without a sweep. */
    static String label(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** The same cell whatever the order its parameters were written in. */
    static String key(Map<String, String> params) {
        return label(new java.util.TreeMap<>(params));
    }

    static JsonNode readTree(Path file, ObjectMapper json) {
        try {
            return json.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
