package dev.aiperf.engine.sweep;

/**
 * One dimension of an adaptive search space.
 *
 * @param path  canonical dotted path (unique in the space)
 * @param lo    finite lower bound
 * @param hi    finite upper bound, greater than lo
 * @param kind  int or real (default real)
 * @param prior uniform or log-uniform (log-uniform needs lo &gt; 0)
 */
public record SearchDimension(String path, double lo, double hi, SamplingDimension.ValueKind kind, Prior prior) {

    /** Prior of a search dimension. */
    public enum Prior {
        UNIFORM("uniform"), LOG_UNIFORM("log-uniform");

        private final String yamlName;

        Prior(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}
