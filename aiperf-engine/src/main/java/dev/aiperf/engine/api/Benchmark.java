package dev.aiperf.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.api.model.CellInfo;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.api.model.SweepSpec;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.BenchmarkBinder;
import dev.aiperf.engine.config.BenchmarkConfig;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.orchestrate.SearchSetup;
import dev.aiperf.engine.plan.Plan;
import dev.aiperf.engine.plan.PlanPrinter;
import dev.aiperf.engine.sweep.DottedPath;
import dev.aiperf.engine.sweep.GridSweep;
import dev.aiperf.engine.sweep.PythonStr;
import dev.aiperf.engine.sweep.SweepConfig;
import dev.aiperf.engine.sweep.Variation;
import dev.aiperf.engine.sweep.ZipSweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A benchmark, resolved and checked: its configuration (YAML, options, sweep), its plan of cells and trials, and
 * the SLA gates it is judged on. Building one sends no request; every mistake a user can make in what they wrote is
 * a {@link ConfigException} here, naming the field and the fix. {@link #start} runs it.
 *
 * <pre>{@code
 * Benchmark benchmark = Benchmark.builder()
 *         .options(ProfileOptions.builder().streaming(true).concurrency("1,8,32").numProfileRuns(3).build())
 *         .sla(SlaRule.parse("time_to_first_token:p99:lt:200"))
 *         .build();
 * ProfileResult result = benchmark.run(RunSettings.defaults().console(System.out));
 * }</pre>
 *
 * Without a URL in the YAML or the options, the benchmark runs against the embedded mock server (module
 * {@code aiperf-mock}, which must then be on the class path).
 */
public final class Benchmark {

    private final AIPerfConfig config;
    private final ProfileOptions options;
    private final List<SlaRule> gates;
    private final boolean resume;
    private final Plan plan;
    private final SweepConfig sweep;

    private Benchmark(AIPerfConfig config, ProfileOptions options, List<SlaRule> gates, boolean resume, Plan plan,
                      SweepConfig sweep) {
        this.config = config;
        this.options = options;
        this.gates = gates;
        this.resume = resume;
        this.plan = plan;
        this.sweep = sweep;
    }

    /** A builder; with nothing set it benchmarks the embedded mock server with the engine's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The benchmark {@code aiperf profile} runs for these options (and their {@code config} YAML). */
    public static Benchmark of(ProfileOptions options) {
        return builder().options(options).build();
    }

    /** Where the artifacts go. */
    public Path artifactDir() {
        return config.benchmark().artifacts().dir();
    }

    /** True for an adaptive search ({@code --search-recipe}, the {@code --search-*} options, {@code adaptive_search}). */
    public boolean isSearch() {
        return plan == null;
    }

    /** The cells planned in advance, in index order; empty for a search, whose points are chosen as it runs. */
    public List<CellInfo> cells() {
        if (plan == null) {
            return List.of();
        }
        boolean keyed = sweep instanceof GridSweep || sweep instanceof ZipSweep;
        return plan.variations().stream().map(v -> new CellInfo(v.index(), sweep == null ? "" : v.label(),
                displayName(v, keyed), v.plainValues())).toList();
    }

    /** Trials per cell ({@code multi_run.num_runs}). */
    public int trials() {
        return config.multiRun().numRuns();
    }

    /** The SLA rules every cell is judged on: the options' and builder's rules, then the YAML's {@code sla_filters}. */
    public List<SlaRule> gates() {
        return gates;
    }

    /** What would run, as {@code aiperf plan} prints it: text, or JSON for machines. */
    public String describePlan(boolean json) {
        if (plan == null) {
            return SearchSetup.planText(config);
        }
        return json ? PlanPrinter.jsonText(plan) + "\n" : PlanPrinter.text(plan);
    }

    /** Starts running: the embedded mock server when no URL is configured, the Ctrl-C hook when asked. */
    public Execution start(RunSettings settings) {
        return Execution.start(this, settings);
    }

    /** Runs everything (every cell, or the whole search) and returns when the aggregates are written. */
    public ProfileResult run(RunSettings settings) {
        try (Execution e = start(settings)) {
            return e.runAll();
        }
    }

    AIPerfConfig config() {
        return config;
    }

    ProfileOptions options() {
        return options;
    }

    boolean resume() {
        return resume;
    }

    /**
     * {@code concurrency=32, isl=512} for grid and zip cells (the last path segment, unless two parameters share
     * it), the scenario's name for scenarios, {@code benchmark} without a sweep.
     */
    static String displayName(Variation v, boolean keyed) {
        if (v.label() == null || v.label().isEmpty()) {
            return "benchmark";
        }
        if (!keyed) {
            return v.label();
        }
        Set<String> leaves = new HashSet<>();
        boolean unique = v.values().keySet().stream().allMatch(p -> leaves.add(DottedPath.leaf(p)));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : v.values().entrySet()) {
            parts.add((unique ? DottedPath.leaf(e.getKey()) : e.getKey()) + "=" + PythonStr.str(e.getValue()));
        }
        return String.join(", ", parts);
    }

    /**
     * What to benchmark, given in any mix: {@link ProfileOptions} (the flags of {@code aiperf profile}, with their
     * {@code config} YAML file), a YAML text instead of that file, dotted-path overrides, a sweep, SLA rules. Later
     * inputs win over earlier ones in this order: YAML, options, {@link #set}, {@link #sweep}.
     */
    public static final class Builder {
        private ProfileOptions options = ProfileOptions.none();
        private String yamlText;
        private String yamlSource;
        private final Map<String, Object> overrides = new LinkedHashMap<>();
        private SweepSpec sweep;
        private final List<SlaRule> rules = new ArrayList<>();
        private ConfigResolution.Fallback fallback;
        private Map<String, String> environment = System.getenv();
        private Path resumeDir;

        private Builder() {
        }

        /** The options ({@code aiperf profile}'s flags). */
        public Builder options(ProfileOptions options) {
            this.options = options == null ? ProfileOptions.none() : options;
            return this;
        }

        /**
         * The YAML envelope as text, instead of the options' {@code config} file (e.g. a class path resource).
         *
         * @param sourceName names the text in messages, e.g. {@code benchmarks/chat.yaml}
         */
        public Builder yaml(String text, String sourceName) {
            this.yamlText = text;
            this.yamlSource = sourceName;
            return this;
        }

        /**
         * Sets one value: a dotted path into the benchmark ({@code phases.profiling.concurrency}, or an alias such as
         * {@code concurrency}), {@code multi_run.<key>} / {@code random_seed} of the envelope, or {@code sweep.<key>}
         * of the sweep (set last, over a recipe's, e.g. {@code sweep.max_iterations}). A {@code String} value is read
         * as YAML ({@code "16"} is a number).
         */
        public Builder set(String path, Object value) {
            overrides.put(path, value);
            return this;
        }

        /** The sweep, given in code (instead of a YAML {@code sweep:} block or comma lists). */
        public Builder sweep(SweepSpec sweep) {
            this.sweep = sweep;
            return this;
        }

        /** An SLA gate judged on every cell, in addition to the options' {@code sla} and the YAML's filters. */
        public Builder sla(SlaRule rule) {
            rules.add(rule);
            return this;
        }

        /** SLA gates judged on every cell. */
        public Builder sla(List<SlaRule> rules) {
            this.rules.addAll(rules);
            return this;
        }

        /**
         * The endpoint to use when neither the YAML nor the options name a URL (instead of starting the embedded mock
         * server), e.g. a test's shared server or a URL from the build's properties.
         *
         * @param url   a base URL, e.g. {@code http://127.0.0.1:8000}
         * @param model the served model, used when the config names none; may be {@code null} when it does
         */
        public Builder fallbackEndpoint(String url, String model) {
            return fallbackEndpoint(() -> url, model);
        }

        /**
         * As {@link #fallbackEndpoint(String, String)}, the URL asked for only when it is needed (e.g. a test class's
         * shared mock server, started on first use).
         */
        public Builder fallbackEndpoint(Supplier<String> url, String model) {
            String defaultModel = fallback == null ? null : fallback.defaultModel();
            this.fallback = new ConfigResolution.Fallback(url, model, defaultModel);
            return this;
        }

        /** The served model when the configuration names a URL but no model. */
        public Builder defaultModel(String model) {
            this.fallback = fallback == null ? new ConfigResolution.Fallback(null, null, model)
                    : new ConfigResolution.Fallback(fallback.url(), fallback.model(), model);
            return this;
        }

        /** The environment read for {@code ${VAR}} in the YAML and the API key (default: the process's). */
        public Builder environment(Map<String, String> environment) {
            this.environment = environment;
            return this;
        }

        /**
         * Continues the interrupted benchmark in {@code dir} (its artifact directory): only the runs whose
         * artifacts are missing or incomplete run again. The same options must be given as the first time.
         */
        public Builder resume(Path dir) {
            this.resumeDir = dir;
            return this;
        }

        /**
         * Resolves and checks everything.
         *
         * @throws ConfigException on any bad input, before a request is sent
         */
        public Benchmark build() {
            ProfileOptions opts = options;
            if (resumeDir != null) {
                if (!Files.isDirectory(resumeDir)) {
                    throw new ConfigException("--resume", resumeDir + " is not a directory; pass the artifact"
                            + " directory of the benchmark to continue");
                }
                opts = opts.toBuilder().artifactDir(resumeDir).build();
            }
            String ui = ui(opts);
            ConfigResolution.Resolved resolved = ConfigResolution.resolve(new ConfigResolution.Inputs(opts, yamlText,
                    yamlSource, overrides, sweep, fallback, environment));
            AIPerfConfig config = resolved.config();
            if ("dashboard".equals(ui) && (config.sweepTree() != null || config.multiRun().numRuns() > 1)) {
                throw new ConfigException("--ui", "Dashboard UI is not supported with sweep/multi-run mode.\n"
                        + "Please use '--ui simple' or '--ui none' instead.");
            }
            if (opts.harnessWarmupRequests() != null && opts.harnessWarmupRequests() < 0) {
                throw new ConfigException("--harness-warmup-requests", "must be 0 (off) or a positive number of"
                        + " requests; got " + opts.harnessWarmupRequests());
            }
            List<SlaRule> gates = new ArrayList<>();
            for (String spec : opts.sla() == null ? List.<String>of() : opts.sla()) {
                gates.add(SlaRule.parse(spec));
            }
            gates.addAll(rules);
            if (SearchSetup.isAdaptive(config)) {
                SearchSetup.validate(config);
                MetricCheck.sla(gates, List.of(config.benchmark()));
                return new Benchmark(config, opts, List.copyOf(gates), resumeDir != null, null, null);
            }
            SweepConfig parsed = resolved.sweep();
            if (parsed != null) {
                parsed.common().slaFilters().stream().filter(r -> !gates.contains(r)).forEach(gates::add);
            }
            Plan plan = Plan.of(config, parsed, config.benchmark().artifacts().dir());
            List<BenchmarkConfig> cells = bindEveryCell(plan);
            MetricCheck.sla(gates, cells);
            MetricCheck.convergence(config.multiRun(), cells);
            return new Benchmark(config, opts, List.copyOf(gates), resumeDir != null, plan, parsed);
        }

        private static String ui(ProfileOptions o) {
            if (o.ui() == null) {
                return "simple";
            }
            String u = o.ui().trim().toLowerCase(Locale.ROOT);
            if (!List.of("simple", "none", "dashboard").contains(u)) {
                throw new ConfigException("--ui", "unknown UI '" + o.ui() + "'; use simple, none or dashboard");
            }
            return u;
        }

        /** A swept value the binder rejects would fail every run of its cell; reject it before anything runs. */
        private static List<BenchmarkConfig> bindEveryCell(Plan plan) {
            List<BenchmarkConfig> out = new ArrayList<>();
            for (Variation v : plan.variations()) {
                try {
                    out.add(BenchmarkBinder.bind(v.benchmarkTree(), SourceLines.NONE, "benchmark"));
                } catch (ConfigException e) {
                    throw new ConfigException(v.label().isEmpty() ? "benchmark" : "cell '" + v.label() + "'",
                            e.getMessage());
                }
            }
            return out;
        }
    }
}
