package dev.aiperf.engine.config;

import java.util.Locale;

/** How a phase issues requests. */
public enum PhaseType {
    /** Closed loop: as fast as {@code concurrency} slots allow. */
    CONCURRENCY("concurrency"),
    /** Open loop, constant gaps of 1/rate; concurrency is a ceiling. */
    CONSTANT("constant"),
    /** Open loop, exponential gaps with mean 1/rate from a seeded RNG; concurrency is a ceiling. */
    POISSON("poisson"),
    /** Open loop, gamma-distributed gaps with shape {@code smoothness}. */
    GAMMA("gamma");

    private final String yamlName;

    PhaseType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** True for rate-driven (open-loop) phases. */
    public boolean openLoop() {
        return this != CONCURRENCY;
    }

    public static PhaseType fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (PhaseType t : values()) {
            if (t.yamlName.equals(n)) {
                return t;
            }
        }
        return null;
    }
}
