package dev.aiperf.maven;

/**
 * One entry of {@code <tolerances>} in the POM: how much a metric may worsen before {@code aiperf:compare} calls it
 * a regression.
 *
 * <pre>{@code
 * <tolerance>
 *   <metric>request_latency_p99</metric>
 *   <percent>10</percent>
 *   <floor>2</floor>
 * </tolerance>
 * }</pre>
 */
public class Tolerance {

    /** The metric as {@code <tag>_<stat>}, e.g. {@code request_latency_p99}; {@code *} means every compared metric. */
    private String metric;

    /** Allowed worsening in percent of the baseline, e.g. {@code 10}; unset keeps the default (5). */
    private Double percent;

    /** Absolute change in the metric's display unit below which nothing counts, e.g. {@code 2} (ms); optional. */
    private Double floor;

    public String getMetric() {
        return metric;
    }

    public void setMetric(String metric) {
        this.metric = metric;
    }

    public Double getPercent() {
        return percent;
    }

    public void setPercent(Double percent) {
        this.percent = percent;
    }

    public Double getFloor() {
        return floor;
    }

    public void setFloor(Double floor) {
        this.floor = floor;
    }
}
