package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.model.BestTrial;
import dev.aiperf.engine.api.model.SearchIteration;
import dev.aiperf.engine.api.model.SlaBreach;
import dev.aiperf.engine.plan.RunLayout;
import dev.aiperf.engine.search.ObjectiveSpec;
import dev.aiperf.engine.search.SearchHistory;
import dev.aiperf.engine.sweep.DottedPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The search's lines on the console: each iteration's verdict and the best point at the end. */
final class SearchNarration {

    private SearchNarration() {
    }

    static String describe(SearchIteration it, List<ObjectiveSpec> objectives, boolean noFilters) {
        StringBuilder sb = new StringBuilder(RunLayout.searchIterationDirName(it.iterationIdx())).append(": ");
        List<String> parts = new ArrayList<>();
        it.variationValues().forEach((k, v) -> parts.add(DottedPath.leaf(k) + "=" + num(v)));
        sb.append(String.join(", ", parts)).append(" -> ");
        if (it.objectiveValues() == null) {
            sb.append("no objective value (every trial failed or the metric is missing)");
        } else {
            List<String> objs = new ArrayList<>();
            for (int i = 0; i < objectives.size(); i++) {
                objs.add(objectives.get(i).metric() + " " + objectives.get(i).stat() + " = "
                        + num(it.objectiveValues().get(i)));
            }
            sb.append(String.join(", ", objs));
        }
        if (!noFilters) {
            sb.append(it.feasible() ? "; feasible" : "; infeasible");
            if (!it.feasible() && it.firstBreach() != null) {
                SlaBreach b = it.firstBreach();
                sb.append(" (").append(b.rule().metric()).append(' ').append(b.rule().stat()).append(' ')
                        .append(Double.isNaN(b.observed()) ? "missing" : num(b.observed())).append(", needs ")
                        .append(b.rule().op().symbol()).append(' ').append(num(b.rule().threshold())).append(')');
            }
        }
        if (it.nonMonotonicWarning()) {
            sb.append("; trials disagree (non-monotonic)");
        }
        return sb.toString();
    }

    static String bestLine(SearchHistory h) {
        List<BestTrial> best = h.bestTrials();
        if (best.isEmpty()) {
            return "; nothing was scored";
        }
        if (h.config().objectives().size() >= 2) {
            return "; " + best.size() + " point(s) on the frontier";
        }
        SearchIteration it = best.get(0).iteration();
        List<String> parts = new ArrayList<>();
        it.variationValues().forEach((k, v) -> parts.add(DottedPath.leaf(k) + "=" + num(v)));
        return "; best " + String.join(", ", parts) + " (" + RunLayout.searchIterationDirName(it.iterationIdx())
                + ", " + h.config().objectives().get(0).metric() + " = " + num(it.objectiveValues().get(0))
                + (it.feasible() ? ")" : ", no point met the SLA filters)");
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
