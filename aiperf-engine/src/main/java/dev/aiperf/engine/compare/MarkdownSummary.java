package dev.aiperf.engine.compare;

import java.util.List;

/**
 * Renders a comparison as Markdown for a pull-request comment: a verdict line, the inputs (with how many trials were
 * left out, when any), then one table row per cell × metric.
 */
public final class MarkdownSummary {

    /** File name in the output directory. */
    public static final String FILE_NAME = "compare_summary.md";

    private MarkdownSummary() {
    }

    public static String render(ComparisonReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("## AIPerf compare: ").append(headline(report)).append("\n\n");
        sb.append("Baseline: `").append(report.baseline()).append("`  \n");
        sb.append("Candidate: `").append(report.candidate()).append("`  \n");
        if (!report.exclusions().isEmpty()) {
            sb.append("Left out: ").append(report.exclusionSummary()).append("  \n");
        }
        sb.append("A regression is a change worse than its tolerance that is significant by Welch's t-test")
                .append(" (two-sided, alpha ").append(report.options().alpha())
                .append(") when both sides have at least 2 trials; with fewer, the tolerance alone decides.\n\n");
        sb.append("| Cell | Metric | Baseline | Candidate | Delta | p-value | Verdict |\n");
        sb.append("|---|---|---:|---:|---:|---:|---|\n");
        for (ComparisonRow r : report.rows()) {
            sb.append("| ").append(cell(r.cell())).append(" | ").append(r.metric().key())
                    .append(r.unit().isEmpty() ? "" : " (" + cell(r.unit()) + ")")
                    .append(" | ").append(value(r.baselineMean(), r.baselineStd(), r.baselineTrials()))
                    .append(" | ").append(value(r.candidateMean(), r.candidateStd(), r.candidateTrials()))
                    .append(" | ").append(Format.percent(r.deltaPercent()))
                    .append(" | ").append(r.tested() ? Format.pValue(r.pValue()) : "-")
                    .append(" | ").append(verdict(r.verdict())).append(" |\n");
        }
        List<ComparisonRow> notable = report.rows().stream()
                .filter(r -> r.verdict() == Verdict.REGRESSION || r.verdict() == Verdict.MISSING).toList();
        if (!notable.isEmpty()) {
            sb.append('\n');
            for (ComparisonRow r : notable) {
                sb.append("- ").append(verdict(r.verdict())).append(' ').append(cell(r.cell())).append(' ')
                        .append(r.metric().key()).append(": ").append(cell(r.reason())).append('\n');
            }
        }
        sb.append("\nCharts: ");
        List<String> charts = CompareCharts.fileNames(report);
        for (int i = 0; i < charts.size(); i++) {
            sb.append(i == 0 ? "" : " · ").append('[').append(charts.get(i).replace(".svg", "")).append("](")
                    .append(charts.get(i)).append(')');
        }
        sb.append("\n\n![change of every cell and metric vs the baseline](").append(CompareCharts.DELTA_FILE)
                .append(")\n");
        return sb.toString();
    }

    /** The header verdict, e.g. {@code REGRESSION (2 of 12 comparisons)}. */
    static String headline(ComparisonReport report) {
        int total = report.rows().size();
        return switch (report.overall()) {
            case REGRESSION -> "**REGRESSION** (" + report.regressions().size() + " of " + total + " comparisons)";
            case IMPROVEMENT -> "**IMPROVEMENT**, no regression (" + report.rows(Verdict.IMPROVEMENT).size()
                    + " of " + total + " comparisons improved)";
            default -> "**NO REGRESSION** (" + total + " comparisons)";
        };
    }

    private static String value(double mean, double std, int n) {
        if (n == 0) {
            return "-";
        }
        return Format.number(mean) + (n > 1 ? " ± " + Format.number(std) : "") + " (n=" + n + ")";
    }

    private static String verdict(Verdict v) {
        return switch (v) {
            case REGRESSION -> "**REGRESSION**";
            case IMPROVEMENT -> "IMPROVEMENT";
            case NO_CHANGE -> "no change";
            case MISSING -> "missing";
        };
    }

    private static String cell(String text) {
        return text.isEmpty() ? "all runs" : text.replace("|", "\\|");
    }
}
