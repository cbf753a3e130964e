package dev.aiperf.engine.sweep;

/** How the trials of a multi-run sweep nest with its variations. */
public enum IterationOrder {
    /** Trials outer: every variation once, then every variation again (captures dynamic load behaviour). */
    REPEATED("repeated"),
    /** Variations outer: all trials of one variation, then the next (each variation isolated). */
    INDEPENDENT("independent");

    private final String yamlName;

    IterationOrder(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** {@code null} when the spelling is neither {@code repeated} nor {@code independent}. */
    public static IterationOrder fromName(String s) {
        for (IterationOrder o : values()) {
            if (o.yamlName.equals(s)) {
                return o;
            }
        }
        return null;
    }
}
