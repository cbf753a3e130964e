package dev.aiperf.engine.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console summary printed at the end of a run: a table of the record metrics (avg, min, max, p99, p90, p50,
 * std, in display units) followed by the aggregate metrics, one per line.
 */
public final class SummaryTable {

    private static final List<String> COLUMNS = List.of("avg", "min", "max", "p99", "p90", "p50", "std");

    private SummaryTable() {
    }

    /** The table as text, lines ending in {@code \n}. */
    public static String render(RunMetrics metrics) {
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<MetricTag, Stats> e : metrics.metrics().entrySet()) {
            if (e.getKey().kind() != MetricTag.Kind.RECORD) {
                continue;
            }
            String[] row = new String[COLUMNS.size() + 1];
            row[0] = ProfileExportCsv.rowName(e.getKey());
            for (int i = 0; i < COLUMNS.size(); i++) {
                row[i + 1] = number(e.getValue().get(COLUMNS.get(i)));
            }
            rows.add(row);
        }
        int[] width = new int[COLUMNS.size() + 1];
        width[0] = "Metric".length();
        for (int i = 0; i < COLUMNS.size(); i++) {
            width[i + 1] = COLUMNS.get(i).length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        String rule = rule(width);
        sb.append(rule);
        String[] head = new String[width.length];
        head[0] = "Metric";
        for (int i = 0; i < COLUMNS.size(); i++) {
            head[i + 1] = COLUMNS.get(i);
        }
        line(sb, head, width);
        sb.append(rule);
        for (String[] row : rows) {
            line(sb, row, width);
        }
        sb.append(rule);
        for (Map.Entry<MetricTag, Stats> e : metrics.metrics().entrySet()) {
            if (e.getKey().kind() == MetricTag.Kind.AGGREGATE) {
                sb.append(ProfileExportCsv.rowName(e.getKey())).append(": ")
                        .append(number(e.getValue().avg())).append('\n');
            }
        }
        if (!metrics.errorSummary().isEmpty()) {
            sb.append("Errors:\n");
            for (ErrorCount e : metrics.errorSummary()) {
                sb.append("  ").append(e.count()).append(" x ").append(e.type());
                if (e.code() != null) {
                    sb.append(' ').append(e.code());
                }
                if (e.message() != null) {
                    String msg = e.message().length() > 100 ? e.message().substring(0, 100) + "..." : e.message();
                    sb.append(": ").append(msg.replace('\n', ' '));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String rule(int[] width) {
        StringBuilder sb = new StringBuilder("+");
        for (int w : width) {
            sb.append("-".repeat(w + 2)).append('+');
        }
        return sb.append('\n').toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        sb.append('|');
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            String pad = " ".repeat(width[i] - c.length());
            // Names left-aligned, numbers right-aligned.
            sb.append(' ').append(i == 0 ? c + pad : pad + c).append(" |");
        }
        sb.append('\n');
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,.2f", v) : "N/A";
    }
}
