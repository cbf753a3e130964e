package dev.aiperf.mock;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Which completion requests get a fault. Requests are numbered from 0 in arrival order (chat and text completions
 * only). A request whose index is listed in {@code atIndices} gets that fault; otherwise one uniform draw, seeded by
 * the server seed and the index, picks a fault with the probabilities in {@code rates} (fractions, summing to at most
 * 1), so the same seed gives the same faults at the same indices.
 */
public record Faults(Map<FaultKind, Double> rates, Map<FaultKind, Set<Long>> atIndices, long stallMs,
                     long slowFirstByteMs) {
    public Faults {
        rates = Map.copyOf(rates);
        EnumMap<FaultKind, Set<Long>> copy = new EnumMap<>(FaultKind.class);
        atIndices.forEach((k, v) -> copy.put(k, Set.copyOf(new TreeSet<>(v))));
        atIndices = Map.copyOf(copy);
        double sum = 0;
        for (Map.Entry<FaultKind, Double> e : rates.entrySet()) {
            double r = e.getValue();
            if (!(r >= 0 && r <= 1)) {
                throw new MockConfigException("mock.faults." + e.getKey().cliName() + "_rate",
                        "must be a fraction between 0 and 1; got " + r);
            }
            sum += r;
        }
        if (sum > 1 + 1e-9) {
            throw new MockConfigException("mock.faults", "fault rates must sum to at most 1; got " + sum);
        }
        if (stallMs < 0 || slowFirstByteMs < 0) {
            throw new MockConfigException("mock.faults", "stall_ms and slow_first_byte_ms must be >= 0; got "
                    + stallMs + " and " + slowFirstByteMs);
        }
    }

    /** No faults. */
    public static Faults none() {
        return new Faults(Map.of(), Map.of(), 200, 200);
    }

    /** A copy that injects {@code kind} into the given fraction of requests. */
    public Faults withRate(FaultKind kind, double rate) {
        EnumMap<FaultKind, Double> r = new EnumMap<>(FaultKind.class);
        r.putAll(rates);
        r.put(kind, rate);
        return new Faults(r, atIndices, stallMs, slowFirstByteMs);
    }

    /** A copy that injects {@code kind} into the requests with these 0-based indices. */
    public Faults withIndices(FaultKind kind, Set<Long> indices) {
        EnumMap<FaultKind, Set<Long>> m = new EnumMap<>(FaultKind.class);
        m.putAll(atIndices);
        m.put(kind, indices);
        return new Faults(rates, m, stallMs, slowFirstByteMs);
    }

    public Faults withStallMs(long ms) {
        return new Faults(rates, atIndices, ms, slowFirstByteMs);
    }

    public Faults withSlowFirstByteMs(long ms) {
        return new Faults(rates, atIndices, stallMs, ms);
    }

    /** True when no fault can ever be injected. */
    public boolean isEmpty() {
        return atIndices.values().stream().allMatch(Set::isEmpty)
                && rates.values().stream().allMatch(r -> r == 0);
    }

    /** The fault for the request with this index, or {@code null} for none. Deterministic in (seed, index). */
    public FaultKind pick(long seed, long index) {
        for (FaultKind kind : FaultKind.values()) {
            Set<Long> at = atIndices.get(kind);
            if (at != null && at.contains(index)) {
                return kind;
            }
        }
        if (rates.isEmpty()) {
            return null;
        }
        double u = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L)).nextDouble();
        double acc = 0;
        for (FaultKind kind : FaultKind.values()) {
            acc += rates.getOrDefault(kind, 0.0);
            if (u < acc) {
                return kind;
            }
        }
        return null;
    }
}
