package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.model.BestTrial;
import dev.aiperf.engine.api.model.SearchIteration;
import dev.aiperf.engine.plan.RunLayout;
import dev.aiperf.engine.search.ObjectiveSpec;
import dev.aiperf.engine.search.SearchHistory;
import dev.aiperf.engine.sweep.DottedPath;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The Pareto frontier of a multi-objective search as a plain-text table, one row per non-dominated point. */
final class FrontierTable {

    private FrontierTable() {
    }

    /** The table, sorted by the first objective, with a title line. */
    static String text(SearchHistory history) {
        List<BestTrial> best = new ArrayList<>(history.bestTrials());
        best.sort(Comparator.comparingDouble(b -> b.iteration().objectiveValues().get(0)));
        List<String> header = new ArrayList<>();
        header.add("iteration");
        history.config().searchSpace().forEach(d -> header.add(DottedPath.leaf(d.path())));
        for (ObjectiveSpec o : history.config().objectives()) {
            header.add(o.metric() + " " + o.stat() + (o.direction().name().equals("MAXIMIZE") ? " (max)" : " (min)"));
        }
        header.add("feasible");
        List<List<String>> rows = new ArrayList<>();
        for (BestTrial b : best) {
            List<String> row = new ArrayList<>();
            SearchIteration it = b.iteration();
            row.add(RunLayout.searchIterationDirName(it.iterationIdx()));
            history.config().searchSpace()
                    .forEach(d -> row.add(SearchNarration.num(it.variationValues().get(d.path()))));
            it.objectiveValues().forEach(v -> row.add(SearchNarration.num(v)));
            row.add(it.feasible() ? "yes" : "no");
            rows.add(row);
        }
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder("Pareto frontier (" + rows.size() + " point(s))\n");
        line(sb, header, width);
        for (List<String> r : rows) {
            line(sb, r, width);
        }
        return sb.toString().stripTrailing();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i == 0 ? "  " : "  ").append(String.format("%-" + width[i] + "s", cells.get(i)));
        }
        sb.append('\n');
    }
}
