package dev.aiperf.engine.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.compare.ComparisonReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@value #FILE_NAME}: one HTML file with the page's style and script, ECharts and the report's data inlined,
 * so it opens from disk with no network. The data is read from the artifacts alone ({@link ReportData}).
 */
public final class HtmlReport {

    /** The report's file name in the artifact directory. */
    public static final String FILE_NAME = "report.html";
    /** The size the report is held to, whatever the run's size (REPORT.md, PERFORMANCE.md). */
    public static final long SIZE_LIMIT_BYTES = 5L * 1024 * 1024;

    /** The ECharts bundle of the webjar (org.webjars.npm:echarts), self-contained and minified. */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final String TEMPLATE = "dev/aiperf/engine/view/report.html";
    private static final String SCRIPT = "dev/aiperf/engine/view/report.js";

    private static final ObjectMapper JSON = new ObjectMapper();

    private HtmlReport() {
    }

    /**
     * Reads the artifacts of {@code dir} and writes {@code report.html} into {@code outputDir}.
     *
     * @param comparison the comparison to show beside the candidate's results, or null
     * @return the file written
     * @throws dev.aiperf.engine.api.model.ConfigException when {@code dir} is missing or holds no results
     */
    public static Path write(Path dir, Path outputDir, ComparisonReport comparison) {
        ObjectNode data = ReportData.build(ArtifactFiles.scan(dir), comparison, JSON);
        Path target = outputDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(outputDir);
            Files.writeString(target, render(data), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** The page for the given data. */
    static String render(ObjectNode data) {
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data is always serialisable", e);
        }
        // The data sits in a <script> element, where "</script" or "<!--" would change how the page parses: every
        // "<" (only ever inside a JSON string) is written as the escape \\u003c, the same JSON.
        return fill(resource(TEMPLATE), new String[][]{
                {"<!--TITLE-->", escape(data.path("title").asText())},
                {"/*ECHARTS*/", resource(ECHARTS)},
                {"/*REPORT_JS*/", resource(SCRIPT)},
                {"/*DATA*/", json.replace("<", "\\u003c")}});
    }

    /** Each marker replaced once, where it stands in the template (inlined text is never searched for markers). */
    private static String fill(String template, String[][] markers) {
        StringBuilder out = new StringBuilder(template.length() + 1_200_000);
        int from = 0;
        while (true) {
            int at = -1;
            String[] next = null;
            for (String[] m : markers) {
                int i = template.indexOf(m[0], from);
                if (i >= 0 && (at < 0 || i < at)) {
                    at = i;
                    next = m;
                }
            }
            if (next == null) {
                return out.append(template, from, template.length()).toString();
            }
            out.append(template, from, at).append(next[1]);
            from = at + next[0].length();
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path (the engine's jar and"
                        + " org.webjars.npm:echarts carry it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
