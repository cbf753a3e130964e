package dev.aiperf.junit;

import dev.aiperf.engine.api.Benchmark;
import dev.aiperf.engine.api.model.ProfileOptions;
import dev.aiperf.engine.api.model.SearchOptions;
import dev.aiperf.engine.api.model.SweepSpec;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one benchmark method's annotations say, as the engine's {@link Benchmark.Builder}: the
 * {@link BenchmarkTest#config()} YAML, the attributes as the same options {@code aiperf profile} takes, the
 * {@link Sweep}, {@link MultiRun}, {@link SearchRecipe} and {@link Sla}s. The engine resolves and checks the result
 * like any other front-end's; misuse of an annotation itself (a zero count, a sweep without values) is an
 * {@link ExtensionConfigurationException} here, naming the annotation and the fix.
 */
final class AnnotatedBenchmark {

    private final String where;

    private AnnotatedBenchmark(String where) {
        this.where = where;
    }

    /** The builder for {@code method}, writing into {@code artifactsDir}. */
    static Benchmark.Builder of(Class<?> testClass, Method method, Path artifactsDir, String where) {
        return new AnnotatedBenchmark(where).builder(testClass, method, artifactsDir);
    }

    private Benchmark.Builder builder(Class<?> testClass, Method method, Path artifactsDir) {
        BenchmarkTest bt = AnnotationSupport.findAnnotation(method, BenchmarkTest.class)
                .orElseThrow(() -> new ExtensionConfigurationException(where + " is not annotated @BenchmarkTest"));
        Benchmark.Builder b = Benchmark.builder();
        ProfileOptions.Builder o = ProfileOptions.builder().artifactDir(artifactsDir);
        readConfig(testClass, bt.config(), b, o);
        benchmarkTest(bt, o);
        AnnotationSupport.findAnnotation(method, MultiRun.class).ifPresent(m -> multiRun(m, b, o));
        AnnotationSupport.findAnnotation(method, Sweep.class).ifPresent(s -> b.sweep(sweep(s)));
        AnnotationSupport.findAnnotation(method, SearchRecipe.class).ifPresent(r -> recipe(r, b, o));
        b.sla(SlaAnnotations.rules(method));
        return b.options(o.build());
    }

    /** A class path resource (read as text), else a file path. */
    private void readConfig(Class<?> testClass, String config, Benchmark.Builder b, ProfileOptions.Builder o) {
        if (config.isBlank()) {
            return;
        }
        String resource = config.startsWith("/") ? config.substring(1) : config;
        ClassLoader loader = Optional.ofNullable(testClass.getClassLoader())
                .orElse(ClassLoader.getSystemClassLoader());
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in != null) {
                b.yaml(new String(in.readAllBytes(), StandardCharsets.UTF_8), config);
                return;
            }
        } catch (IOException e) {
            throw new ExtensionConfigurationException(where + ": cannot read config '" + config + "': "
                    + e.getMessage(), e);
        }
        Path file = Path.of(config);
        if (Files.isRegularFile(file)) {
            o.config(file);
            return;
        }
        throw new ExtensionConfigurationException(where + ": @BenchmarkTest(config = \"" + config
                + "\") is neither a classpath resource nor a file (working directory "
                + Path.of("").toAbsolutePath() + "); put the YAML under src/test/resources or give a file path");
    }

    private void benchmarkTest(BenchmarkTest bt, ProfileOptions.Builder o) {
        if (!bt.model().isBlank()) {
            o.models(bt.model());
        }
        if (!bt.url().isBlank()) {
            o.urls(bt.url());
        }
        if (!bt.endpointType().isBlank()) {
            o.endpointType(bt.endpointType());
        }
        if (bt.streaming()) {
            o.streaming(true);
        }
        if (bt.warmupRequestCount() != BenchmarkTest.UNSET) {
            positive("warmupRequestCount", bt.warmupRequestCount());
            o.warmupRequestCount(bt.warmupRequestCount());
        }
        if (bt.concurrency() != BenchmarkTest.UNSET) {
            positive("concurrency", bt.concurrency());
            o.concurrency(Integer.toString(bt.concurrency()));
        }
        if (bt.requestCount() != BenchmarkTest.UNSET) {
            positive("requestCount", bt.requestCount());
            o.requestCount(Integer.toString(bt.requestCount()));
        }
        if (bt.requestRate() != BenchmarkTest.UNSET) {
            positive("requestRate", bt.requestRate());
            o.requestRate(Double.toString(bt.requestRate()));
        }
        if (bt.durationSeconds() != BenchmarkTest.UNSET) {
            positive("durationSeconds", bt.durationSeconds());
            o.benchmarkDuration(Double.toString(bt.durationSeconds()));
        }
        if (bt.isl() != BenchmarkTest.UNSET) {
            positive("isl", bt.isl());
            o.isl(Integer.toString(bt.isl()));
        }
        if (bt.osl() != BenchmarkTest.UNSET) {
            positive("osl", bt.osl());
            o.osl(Integer.toString(bt.osl()));
        }
        if (bt.seed() != BenchmarkTest.UNSET) {
            if (bt.seed() < 0) {
                throw new ExtensionConfigurationException(where + ": @BenchmarkTest(seed = " + bt.seed()
                        + ") must be a whole number >= 0");
            }
            o.randomSeed(bt.seed());
        }
    }

    private void positive(String attribute, double value) {
        if (!(value > 0)) {
            throw new ExtensionConfigurationException(where + ": @BenchmarkTest(" + attribute + " = "
                    + (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value))
                    + ") must be > 0, or left out to keep the config's value");
        }
    }

    private void multiRun(MultiRun m, Benchmark.Builder b, ProfileOptions.Builder o) {
        if (m.runs() < 1 || m.runs() > 10) {
            throw new ExtensionConfigurationException(where + ": @MultiRun(runs = " + m.runs()
                    + ") must be between 1 and 10");
        }
        o.numProfileRuns(m.runs());
        if (m.confidenceLevel() != -1) {
            o.confidenceLevel(m.confidenceLevel());
        }
        if (m.cooldownSeconds() != -1) {
            o.profileRunCooldownSeconds(m.cooldownSeconds());
        }
        b.set("multi_run.disable_warmup_after_first", m.disableWarmupAfterFirst());
        if (!m.convergenceMetric().isBlank()) {
            o.convergenceMetric(m.convergenceMetric()).convergenceStat(m.convergenceStat())
                    .convergenceMode(m.convergenceMode().name().toLowerCase(java.util.Locale.ROOT))
                    .convergenceMinRuns(m.convergenceMinRuns());
            if (m.convergenceThreshold() != -1) {
                o.convergenceThreshold(m.convergenceThreshold());
            }
        }
    }

    private SweepSpec sweep(Sweep s) {
        SweepSpec.Order order = switch (s.iterationOrder()) {
            case DEFAULT -> null;
            case REPEATED -> SweepSpec.Order.REPEATED;
            case INDEPENDENT -> SweepSpec.Order.INDEPENDENT;
        };
        double cooldown = s.cooldownSeconds();
        return switch (s.type()) {
            case GRID, ZIP -> {
                if (s.scenarios().length > 0) {
                    throw new ExtensionConfigurationException(where + ": @Sweep(type = " + s.type()
                            + ") takes parameters, not scenarios; use type = SCENARIOS for named scenarios");
                }
                if (s.parameters().length == 0) {
                    throw new ExtensionConfigurationException(where + ": @Sweep(type = " + s.type() + ") needs"
                            + " parameters, e.g. parameters = @Param(path = \"concurrency\", values = {\"1\", \"4\"})");
                }
                Map<String, List<Object>> params = new LinkedHashMap<>();
                for (Param p : s.parameters()) {
                    if (p.values().length == 0) {
                        throw new ExtensionConfigurationException(where + ": @Param(path = \"" + p.path()
                                + "\") has no values; list at least one, e.g. values = {\"1\", \"4\"}");
                    }
                    if (params.containsKey(p.path())) {
                        throw new ExtensionConfigurationException(where + ": @Sweep lists the path '" + p.path()
                                + "' twice; give each parameter once with all its values");
                    }
                    params.put(p.path(), new ArrayList<>(Arrays.asList((Object[]) p.values())));
                }
                yield s.type() == Sweep.Type.GRID ? new SweepSpec.Grid(params, order, s.sameSeed(), cooldown)
                        : new SweepSpec.Zip(params, order, s.sameSeed(), cooldown);
            }
            case SCENARIOS -> {
                if (s.scenarios().length == 0) {
                    throw new ExtensionConfigurationException(where + ": @Sweep(type = SCENARIOS) needs scenarios,"
                            + " e.g. scenarios = @Scenario(name = \"chatbot\", set = {\"isl=128\", \"osl=64\"})");
                }
                if (s.parameters().length > 0) {
                    throw new ExtensionConfigurationException(where + ": @Sweep(type = SCENARIOS) takes scenarios,"
                            + " not parameters; move the values into @Scenario(set = ...) or use type = GRID/ZIP");
                }
                List<SweepSpec.Scenario> scenarios = new ArrayList<>();
                for (Scenario sc : s.scenarios()) {
                    scenarios.add(new SweepSpec.Scenario(sc.name(), assignments(sc)));
                }
                yield new SweepSpec.Scenarios(scenarios, order, s.sameSeed(), cooldown);
            }
        };
    }

    /** {@code "isl=128"} entries as path to value (text the engine reads as YAML). */
    private Map<String, Object> assignments(Scenario sc) {
        Map<String, Object> set = new LinkedHashMap<>();
        for (String assignment : sc.set()) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new ExtensionConfigurationException(where + ": @Scenario(name = \"" + sc.name() + "\") set \""
                        + assignment + "\" is not path=value; write e.g. \"isl=128\" or"
                        + " \"phases.profiling.concurrency=8\"");
            }
            set.put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
        }
        return set;
    }

    private void recipe(SearchRecipe r, Benchmark.Builder b, ProfileOptions.Builder o) {
        List<String> sla = Arrays.stream(r.sla()).filter(s -> !s.isBlank()).toList();
        o.search(SearchOptions.builder()
                .recipe(r.name())
                .ttftSlaMs(real(r.ttftSlaMs()))
                .itlSlaMs(real(r.itlSlaMs()))
                .e2eSlaMs(real(r.e2eSlaMs()))
                .errorRateSla(real(r.errorRateSla()))
                .goodputAttainment(real(r.goodputAttainment()))
                .concurrencyMin(r.concurrencyMin() == SearchRecipe.UNSET ? null : r.concurrencyMin())
                .concurrencyMax(r.concurrencyMax() == SearchRecipe.UNSET ? null : r.concurrencyMax())
                .searchStyle(r.style().isBlank() ? null : r.style())
                .searchSla(sla.isEmpty() ? null : sla)
                .build());
        if (r.maxIterations() != SearchRecipe.UNSET) {
            if (r.maxIterations() < 1) {
                throw new ExtensionConfigurationException(where + ": @SearchRecipe(name = \"" + r.name()
                        + "\"): maxIterations must be at least 1; got " + r.maxIterations());
            }
            b.set("sweep.max_iterations", r.maxIterations());
        }
    }

    private static Double real(double v) {
        return v == SearchRecipe.UNSET ? null : v;
    }
}
