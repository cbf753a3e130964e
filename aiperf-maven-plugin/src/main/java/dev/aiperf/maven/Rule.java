package dev.aiperf.maven;

import dev.aiperf.engine.api.model.ConfigException;

/**
 * One entry of {@code <rules>} in the POM: an SLA gate judged on every cell of {@code aiperf:profile}, in the style
 * of JaCoCo's check goal. Thresholds are in display units (ms for times).
 *
 * <pre>{@code
 * <rule>
 *   <metric>time_to_first_token</metric>
 *   <stat>p99</stat>
 *   <op>lt</op>
 *   <threshold>200</threshold>
 * </rule>
 * }</pre>
 */
public class Rule {

    /** The metric tag, e.g. {@code time_to_first_token}, {@code request_latency}, {@code request_throughput}. */
    private String metric;

    /** The statistic, e.g. {@code avg}, {@code p50}, {@code p99}. */
    private String stat;

    /** The comparison the measured value must satisfy: {@code lt}, {@code le}, {@code gt} or {@code ge}. */
    private String op;

    /** The threshold, e.g. {@code 200} (ms for times, requests/s for throughput). */
    private Double threshold;

    public String getMetric() {
        return metric;
    }

    public void setMetric(String metric) {
        this.metric = metric;
    }

    public String getStat() {
        return stat;
    }

    public void setStat(String stat) {
        this.stat = stat;
    }

    public String getOp() {
        return op;
    }

    public void setOp(String op) {
        this.op = op;
    }

    public Double getThreshold() {
        return threshold;
    }

    public void setThreshold(Double threshold) {
        this.threshold = threshold;
    }

    /**
     * The rule as an {@code --sla} value, {@code metric:stat:op:threshold}.
     *
     * @throws ConfigException when a part is missing
     */
    String spec() {
        if (blank(metric) || blank(stat) || blank(op) || threshold == null) {
            throw new ConfigException("<rules>: each <rule> needs <metric>, <stat>, <op> and <threshold>, e.g."
                    + " <rule><metric>time_to_first_token</metric><stat>p99</stat><op>lt</op>"
                    + "<threshold>200</threshold></rule>; got metric=" + metric + ", stat=" + stat + ", op=" + op
                    + ", threshold=" + threshold);
        }
        return metric.trim() + ":" + stat.trim() + ":" + op.trim() + ":" + threshold;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
