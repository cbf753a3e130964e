package dev.aiperf.engine.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.compare.ComparisonReport;
import dev.aiperf.engine.compare.ComparisonRow;

/** A comparison's verdicts for the report: the inputs, the overall verdict and one row per cell and metric. */
final class CompareSection {

    private CompareSection() {
    }

    static ObjectNode of(ComparisonReport report, ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        out.put("baseline", report.baseline().toString());
        out.put("candidate", report.candidate().toString());
        out.put("verdict", report.overall().name());
        out.put("alpha", report.options().alpha());
        ArrayNode rows = out.putArray("rows");
        for (ComparisonRow r : report.rows()) {
            ObjectNode row = rows.addObject();
            row.put("cell", r.cell().isEmpty() ? "all runs" : r.cell());
            row.put("metric", r.metric().key());
            row.put("unit", r.unit());
            number(row, "baseline", r.baselineMean());
            number(row, "candidate", r.candidateMean());
            row.put("baseline_trials", r.baselineTrials());
            row.put("candidate_trials", r.candidateTrials());
            number(row, "delta_percent", r.deltaPercent());
            number(row, "p_value", r.pValue());
            row.put("tolerance_percent", r.metric().tolerancePercent());
            row.put("verdict", r.verdict().name());
            row.put("reason", r.reason());
        }
        report.excluded().forEach(out.putArray("left_out")::add);
        return out;
    }

    private static void number(ObjectNode row, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            row.putNull(key);
        } else {
            row.put(key, v);
        }
    }
}
