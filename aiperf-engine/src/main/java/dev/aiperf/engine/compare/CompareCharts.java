package dev.aiperf.engine.compare;

import dev.aiperf.engine.api.model.ComparedMetric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison's charts, as SVG beside the Markdown summary that links them (a CI job attaches them to the pull
 * request): {@value #DELTA_FILE}, the change of every cell and metric with its tolerance band, coloured by verdict;
 * and per metric {@code compare_<metric>.svg}, baseline and candidate means with ± one standard deviation over
 * the trials. Drawn in Java, no browser.
 */
public final class CompareCharts {

    /** The overview chart's file name. */
    public static final String DELTA_FILE = "compare_delta.svg";

    static final String RED = "#d93838";
    static final String GREEN = "#22a150";
    static final String GREY = "#8a93a6";
    static final String BASELINE = "#b9bfca";
    private static final int ROW = 18;
    private static final int TOP = 46;
    private static final int PLOT = 420;

    private CompareCharts() {
    }

    /** File name → SVG text, in the order the summary links them: the overview, then one per metric. */
    public static Map<String, String> render(ComparisonReport report) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(DELTA_FILE, delta(report));
        for (ComparedMetric m : metrics(report)) {
            out.put(fileName(m), means(report, m));
        }
        return out;
    }

    /** The file names {@link #render} returns, without drawing. */
    static List<String> fileNames(ComparisonReport report) {
        List<String> names = new ArrayList<>(List.of(DELTA_FILE));
        metrics(report).forEach(m -> names.add(fileName(m)));
        return names;
    }

    static String fileName(ComparedMetric m) {
        return "compare_" + m.key() + ".svg";
    }

    private static List<ComparedMetric> metrics(ComparisonReport report) {
        List<ComparedMetric> out = new ArrayList<>();
        for (ComparisonRow r : report.rows()) {
            if (out.stream().noneMatch(m -> m.key().equals(r.metric().key()))) {
                out.add(r.metric());
            }
        }
        return out;
    }

    private static String delta(ComparisonReport report) {
        List<ComparisonRow> rows = report.rows().stream().filter(r -> Double.isFinite(r.deltaPercent())).toList();
        List<String> labels = rows.stream().map(r -> label(r.cell()) + "  " + r.metric().key()).toList();
        double left = labelWidth(labels);
        double span = 10;
        for (ComparisonRow r : rows) {
            span = Math.max(span, Math.max(Math.abs(r.deltaPercent()), r.metric().tolerancePercent()));
        }
        span *= 1.25;
        int height = TOP + ROW * rows.size() + 30;
        int width = (int) (left + PLOT + 150);
        Svg svg = new Svg(width, height);
        svg.text(10, 18, "AIPerf compare: " + report.overall() + " — change vs baseline, grey band = tolerance",
                "start", 13, "#1d2330");
        double zero = left + PLOT / 2.0;
        double scale = PLOT / 2.0 / span;
        svg.text(left, TOP - 8, String.format(Locale.ROOT, "-%.0f%%", span), "start", 10, GREY);
        svg.text(left + PLOT, TOP - 8, String.format(Locale.ROOT, "+%.0f%%", span), "end", 10, GREY);
        for (int i = 0; i < rows.size(); i++) {
            ComparisonRow r = rows.get(i);
            double y = TOP + i * ROW;
            double tol = r.metric().tolerancePercent() * scale;
            svg.rect(zero - tol, y + 1, 2 * tol, ROW - 2, "#eef0f4", null);
            svg.text(left - 6, y + ROW - 5, labels.get(i), "end", 11, "#1d2330");
            double w = r.deltaPercent() * scale;
            svg.rect(Math.min(zero, zero + w), y + 4, Math.abs(w), ROW - 8, color(r.verdict()),
                    ComparisonReport.line(r) + ": " + r.verdict());
            svg.text(left + PLOT + 6, y + ROW - 5, Format.percent(r.deltaPercent())
                    + (r.tested() ? "  p=" + Format.pValue(r.pValue()) : ""), "start", 10, color(r.verdict()));
        }
        svg.line(zero, TOP - 4, zero, TOP + ROW * rows.size(), "#1d2330", null);
        legend(svg, 10, height - 10);
        return svg.toString();
    }

    private static String means(ComparisonReport report, ComparedMetric metric) {
        List<ComparisonRow> rows = report.rows().stream().filter(r -> r.metric().key().equals(metric.key())).toList();
        List<String> labels = rows.stream().map(r -> label(r.cell())).toList();
        double left = labelWidth(labels);
        double max = 0;
        for (ComparisonRow r : rows) {
            max = Math.max(max, top(r.baselineMean(), r.baselineStd()));
            max = Math.max(max, top(r.candidateMean(), r.candidateStd()));
        }
        max = max > 0 ? max * 1.15 : 1;
        int rowHeight = 2 * ROW + 6;
        int height = TOP + rowHeight * rows.size() + 30;
        String unit = rows.isEmpty() || rows.get(0).unit().isEmpty() ? "" : " (" + rows.get(0).unit() + ")";
        Svg svg = new Svg((int) (left + PLOT + 120), height);
        svg.text(10, 18, metric.key() + unit + ": baseline (grey) vs candidate, mean ± std over trials", "start", 13,
                "#1d2330");
        double scale = PLOT / max;
        for (int i = 0; i < rows.size(); i++) {
            ComparisonRow r = rows.get(i);
            double y = TOP + i * rowHeight;
            svg.text(left - 6, y + ROW + 2, labels.get(i), "end", 11, "#1d2330");
            bar(svg, left, y, scale, r.baselineMean(), r.baselineStd(), BASELINE, "baseline " + label(r.cell()));
            bar(svg, left, y + ROW, scale, r.candidateMean(), r.candidateStd(), color(r.verdict()),
                    "candidate " + label(r.cell()));
        }
        svg.line(left, TOP - 4, left, TOP + rowHeight * rows.size(), "#1d2330", null);
        legend(svg, 10, height - 10);
        return svg.toString();
    }

    private static void bar(Svg svg, double left, double y, double scale, double mean, double std, String fill,
                            String title) {
        if (Double.isNaN(mean)) {
            svg.text(left + 4, y + ROW - 5, "missing", "start", 10, GREY);
            return;
        }
        double w = mean * scale;
        svg.rect(left, y + 2, w, ROW - 4, fill, title + ": " + Format.number(mean) + " ± " + Format.number(std));
        if (std > 0) {
            double lo = left + (mean - std) * scale;
            double hi = left + (mean + std) * scale;
            svg.line(lo, y + ROW / 2.0, hi, y + ROW / 2.0, "#1d2330", null);
            svg.line(lo, y + 4, lo, y + ROW - 4, "#1d2330", null);
            svg.line(hi, y + 4, hi, y + ROW - 4, "#1d2330", null);
        }
        svg.text(left + (mean + std) * scale + 6, y + ROW - 5, Format.number(mean), "start", 10, "#1d2330");
    }

    private static double top(double mean, double std) {
        return Double.isNaN(mean) ? 0 : mean + (Double.isNaN(std) ? 0 : std);
    }

    private static void legend(Svg svg, double x, double y) {
        svg.rect(x, y - 9, 10, 10, RED, null).text(x + 14, y, "regression", "start", 10, "#1d2330");
        svg.rect(x + 90, y - 9, 10, 10, GREEN, null).text(x + 104, y, "improvement", "start", 10, "#1d2330");
        svg.rect(x + 190, y - 9, 10, 10, GREY, null).text(x + 204, y, "no change", "start", 10, "#1d2330");
    }

    private static double labelWidth(List<String> labels) {
        int longest = labels.stream().mapToInt(String::length).max().orElse(10);
        return Math.max(120, 16 + longest * Svg.CHAR_WIDTH);
    }

    private static String label(String cell) {
        return cell.isEmpty() ? "all runs" : cell;
    }

    static String color(Verdict v) {
        return switch (v) {
            case REGRESSION -> RED;
            case IMPROVEMENT -> GREEN;
            default -> GREY;
        };
    }
}
