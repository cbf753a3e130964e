package dev.aiperf.engine.api.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep given in code rather than in a YAML {@code sweep:} block: a grid or zip over parameter paths, or named
 * scenarios. Paths are dotted paths into the benchmark ({@code phases.profiling.concurrency}) or their short
 * aliases ({@code concurrency}, {@code isl}, {@code osl}). A {@code String} value is read as YAML, so {@code "16"}
 * is the number 16 and {@code "{mean: 512, stddev: 50}"} a mapping; other values are taken as they are.
 *
 * <pre>{@code
 * SweepSpec.grid(Map.of("concurrency", List.of(1, 4, 16)))
 * SweepSpec.scenarios(List.of(new SweepSpec.Scenario("chatbot", Map.of("isl", 64, "osl", 16))))
 * }</pre>
 */
public sealed interface SweepSpec permits SweepSpec.Grid, SweepSpec.Zip, SweepSpec.Scenarios {

    /** How cells and trials interleave: {@code null} keeps the default (repeated). */
    Order order();

    /** Every cell with the same seed instead of seed + cell index. */
    boolean sameSeed();

    /** Idle seconds between cells, or a negative number for the default (none). */
    double cooldownSeconds();

    /** AIPerf's {@code iteration_order}. */
    enum Order { REPEATED, INDEPENDENT }

    /** Every combination of the values of every path. */
    record Grid(Map<String, List<Object>> parameters, Order order, boolean sameSeed, double cooldownSeconds)
            implements SweepSpec {
        public Grid {
            parameters = copy(parameters);
        }
    }

    /** The i-th value of every path together; every list has the same length. */
    record Zip(Map<String, List<Object>> parameters, Order order, boolean sameSeed, double cooldownSeconds)
            implements SweepSpec {
        public Zip {
            parameters = copy(parameters);
        }
    }

    /** Named cells, each setting its own values over the base benchmark. */
    record Scenarios(List<Scenario> scenarios, Order order, boolean sameSeed, double cooldownSeconds)
            implements SweepSpec {
        public Scenarios {
            scenarios = List.copyOf(scenarios);
        }
    }

    /** A named cell: path to value, applied over the base benchmark. */
    record Scenario(String name, Map<String, Object> set) {
        public Scenario {
            set = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
        }
    }

    /** A grid with the default order, seeds and cooldown. */
    static Grid grid(Map<String, List<Object>> parameters) {
        return new Grid(parameters, null, false, -1);
    }

    /** A zip with the default order, seeds and cooldown. */
    static Zip zip(Map<String, List<Object>> parameters) {
        return new Zip(parameters, null, false, -1);
    }

    /** Scenarios with the default order, seeds and cooldown. */
    static Scenarios scenarios(List<Scenario> scenarios) {
        return new Scenarios(scenarios, null, false, -1);
    }

    private static Map<String, List<Object>> copy(Map<String, List<Object>> parameters) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        parameters.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }
}
