package dev.aiperf.engine.metrics;

import dev.aiperf.engine.api.model.StatKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code profile_export_aiperf.csv} as AIPerf does: section 1 {@code Metric,avg,min,max,p1,...,p99,std}
 * with one row per record metric, a blank line, then section 2 {@code Metric,Value} with one row per aggregate
 * metric. Rows are named {@code "<Header> (<unit>)"} (no unit for request counts), sorted by tag within each
 * section; numbers are formatted {@code %.2f}; a missing statistic is an empty cell.
 */
public final class ProfileExportCsv {

    /** The file name AIPerf uses. */
    public static final String FILE_NAME = "profile_export_aiperf.csv";

    private ProfileExportCsv() {
    }

    public static void write(Path file, RunMetrics metrics) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(metrics), StandardCharsets.UTF_8);
    }

    /** The CSV text. */
    public static String render(RunMetrics metrics) {
        List<Map.Entry<MetricTag, Stats>> rows = metrics.metrics().entrySet().stream()
                .sorted(Comparator.comparing(e -> e.getKey().tag())).toList();
        StringBuilder sb = new StringBuilder();
        sb.append("Metric");
        for (String k : StatKeys.ALL) {
            sb.append(',').append(k);
        }
        sb.append('\n');
        for (Map.Entry<MetricTag, Stats> e : rows) {
            if (e.getKey().kind() != MetricTag.Kind.RECORD) {
                continue;
            }
            sb.append(rowName(e.getKey()));
            for (String k : StatKeys.ALL) {
                sb.append(',').append(number(e.getValue().get(k)));
            }
            sb.append('\n');
        }
        sb.append('\n').append("Metric,Value\n");
        for (Map.Entry<MetricTag, Stats> e : rows) {
            if (e.getKey().kind() == MetricTag.Kind.AGGREGATE) {
                sb.append(rowName(e.getKey())).append(',').append(number(e.getValue().avg())).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code "Time to First Token (ms)"}; counts of requests have no unit. */
    static String rowName(MetricTag tag) {
        return "requests".equals(tag.unit()) ? tag.header() : tag.header() + " (" + tag.unit() + ")";
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "";
    }
}
