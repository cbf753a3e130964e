package dev.aiperf.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every key and list item of a YAML document, recorded by walking it with Jackson's streaming
 * {@code YAMLParser}. Paths are dotted with list indexes in brackets: {@code benchmark.phases[0].rate}.
 *
 * <p>Lookups are forgiving, because errors are reported against the normalised tree rather than the text: a
 * singular {@code dataset:} is found under {@code datasets[0]} and vice versa, and a path that was never
 * written (a missing required key) reports the line of its closest written parent.
 */
public final class YamlSourceLines implements SourceLines {
    private final Map<String, Integer> lines;

    private YamlSourceLines(Map<String, Integer> lines) {
        this.lines = Map.copyOf(lines);
    }

    /** Scans {@code yaml}; a document that does not parse yields an empty map (the tree parser reports the error). */
    public static YamlSourceLines scan(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonStreamContext ctx = p.getParsingContext();
                boolean record = t == JsonToken.FIELD_NAME
                        || (ctx.inArray() && t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT);
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    // A container's context is its own; the key or index it sits under is the parent's.
                    ctx = ctx.getParent();
                    record = ctx != null && ctx.inArray();
                }
                if (record && ctx != null) {
                    lines.putIfAbsent(pathOf(ctx), p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // Reported with its line by the tree parser.
        }
        return new YamlSourceLines(lines);
    }

    private static String pathOf(JsonStreamContext ctx) {
        StringBuilder sb = new StringBuilder();
        build(ctx, sb);
        return sb.toString();
    }

    private static void build(JsonStreamContext ctx, StringBuilder sb) {
        if (ctx == null || ctx.inRoot()) {
            return;
        }
        build(ctx.getParent(), sb);
        if (ctx.inArray()) {
            sb.append('[').append(Math.max(0, ctx.getCurrentIndex())).append(']');
        } else if (ctx.getCurrentName() != null) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(ctx.getCurrentName());
        }
    }

    @Override
    public int lineOf(String path) {
        String p = path;
        while (p != null && !p.isEmpty()) {
            Integer line = find(p);
            if (line != null) {
                return line;
            }
            p = parent(p);
        }
        return 0;
    }

    private Integer find(String p) {
        Integer line = lines.get(p);
        if (line == null && p.contains("datasets[0]")) {
            line = lines.get(p.replace("datasets[0]", "dataset"));
        }
        if (line == null && p.contains(".dataset.")) {
            line = lines.get(p.replace(".dataset.", ".datasets[0]."));
        }
        return line;
    }

    private static String parent(String p) {
        int dot = p.lastIndexOf('.');
        int bracket = p.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? null : p.substring(0, cut);
    }

    /** Number of recorded paths (for diagnostics and tests). */
    public int size() {
        return lines.size();
    }
}
