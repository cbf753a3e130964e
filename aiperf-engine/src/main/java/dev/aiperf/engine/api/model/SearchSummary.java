package dev.aiperf.engine.api.model;

import java.nio.file.Path;

/**
 * What a gate needs to know of an adaptive search: probes that break the SLA are how a search finds its boundary,
 * so the search fails its gate only when no configuration it tried met the SLA filters.
 *
 * @param historyPath       {@code search_history.json}
 * @param feasibleFound     some iteration met every SLA filter
 * @param convergenceReason why the search stopped
 */
public record SearchSummary(Path historyPath, boolean feasibleFound, String convergenceReason) {

    /** {@code no configuration tried met the SLA filters (see boundary_summary in .../search_history.json)}. */
    public String infeasibleMessage() {
        return "no configuration tried met the SLA filters (see boundary_summary in " + historyPath + ")";
    }
}
