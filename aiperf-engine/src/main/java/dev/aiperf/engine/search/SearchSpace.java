package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The dimensions a planner searches over, in a fixed order (the order of unit-cube coordinates). */
public record SearchSpace(List<Dimension> dimensions) {

    public SearchSpace {
        if (dimensions == null || dimensions.isEmpty()) {
            throw new ConfigException("search_space: at least one dimension is required");
        }
        Set<String> seen = new HashSet<>();
        for (Dimension d : dimensions) {
            if (!seen.add(d.path())) {
                throw new ConfigException("search_space: duplicate path '" + d.path() + "'; each path may appear once");
            }
        }
        dimensions = List.copyOf(dimensions);
    }

    public static SearchSpace of(Dimension... dimensions) {
        return new SearchSpace(List.of(dimensions));
    }

    public int size() {
        return dimensions.size();
    }

    /** Unit-cube coordinates of a point given as {path: value}. */
    public double[] toUnit(Map<String, Double> point) {
        double[] u = new double[dimensions.size()];
        for (int i = 0; i < u.length; i++) {
            Dimension d = dimensions.get(i);
            Double v = point.get(d.path());
            if (v == null) {
                throw new IllegalArgumentException("point has no value for search dimension " + d.path());
            }
            u[i] = d.toUnit(v);
        }
        return u;
    }

    /** The point (rounded and clamped per dimension) at unit-cube coordinates {@code u}, in dimension order. */
    public Map<String, Double> fromUnit(double[] u) {
        Map<String, Double> point = new LinkedHashMap<>();
        for (int i = 0; i < u.length; i++) {
            Dimension d = dimensions.get(i);
            point.put(d.path(), d.fromUnit(u[i]));
        }
        return point;
    }
}
