package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The one place that decides where a dataset path written in a YAML file points: relative paths are relative to that
 * file's directory, so a config and its trace can move together. Applied to the parsed envelope before the command
 * line is laid over it (an {@code --input-file} is relative to the working directory, as any command-line path), it
 * rewrites {@code dataset.path} and {@code datasets[*].path} of the body, the string values of grid/zip sweep
 * parameters that address a dataset's {@code path}, and the dataset paths of scenario runs.
 *
 * <p>A rewritten path is expressed relative to the working directory when it lies below it, so a config in the
 * working directory keeps its paths exactly as written, and sweep labels and cell directories ({@code path_a.jsonl})
 * stay short; other paths become absolute.
 */
public final class DatasetPaths {
    private DatasetPaths() {
    }

    /** Rewrites, in place, the relative dataset paths of {@code envelope} against {@code configDir}. */
    public static void resolveAgainst(ObjectNode envelope, Path configDir) {
        if (envelope == null || configDir == null) {
            return;
        }
        Path base = configDir.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (base.equals(cwd)) {
            return;
        }
        if (envelope.get("benchmark") instanceof ObjectNode body) {
            body(body, base, cwd);
        }
        if (!(envelope.get("sweep") instanceof ObjectNode sweep)) {
            return;
        }
        if (sweep.get("parameters") instanceof ObjectNode params) {
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (isDatasetPath(p.getKey()) && p.getValue() instanceof ArrayNode values) {
                    for (int i = 0; i < values.size(); i++) {
                        values.set(i, resolved(values.get(i), base, cwd));
                    }
                }
            }
        }
        if (sweep.get("runs") instanceof ArrayNode runs) {
            for (JsonNode run : runs) {
                if (run.get("benchmark") instanceof ObjectNode body) {
                    body(body, base, cwd);
                }
            }
        }
    }

    /** {@code dataset.path}, {@code datasets.<name>.path}: the sweep paths of a dataset file. */
    static boolean isDatasetPath(String sweepPath) {
        String[] segs = sweepPath.split("\\.");
        return (segs.length == 2 && segs[0].equals("dataset") && segs[1].equals("path"))
                || (segs.length == 3 && segs[0].equals("datasets") && segs[2].equals("path"));
    }

    private static void body(ObjectNode body, Path base, Path cwd) {
        JsonNode single = body.get("dataset");
        if (single instanceof ObjectNode ds) {
            entry(ds, base, cwd);
        }
        JsonNode list = body.get("datasets");
        if (list instanceof ArrayNode arr) {
            for (JsonNode ds : arr) {
                if (ds instanceof ObjectNode o) {
                    entry(o, base, cwd);
                }
            }
        }
    }

    private static void entry(ObjectNode ds, Path base, Path cwd) {
        if (ds.hasNonNull("path")) {
            ds.set("path", resolved(ds.get("path"), base, cwd));
        }
    }

    /** A relative path string resolved against {@code base}; anything else (absolute, not text, invalid) as it was. */
    private static JsonNode resolved(JsonNode value, Path base, Path cwd) {
        if (!value.isTextual() || value.asText().isBlank()) {
            return value;
        }
        Path p;
        try {
            p = Path.of(value.asText());
        } catch (InvalidPathException e) {
            return value; // the binder names the bad path
        }
        if (p.isAbsolute()) {
            return value;
        }
        Path abs = base.resolve(p).normalize();
        return TextNode.valueOf((abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString());
    }
}
