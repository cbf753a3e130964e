package dev.aiperf.junit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.BenchmarkBinder;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.orchestrate.BenchmarkSession;
import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.api.model.SearchResult;
import dev.aiperf.engine.orchestrate.SearchSession;
import dev.aiperf.engine.orchestrate.SessionOptions;
import dev.aiperf.engine.orchestrate.BenchmarkRun;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.sweep.DottedPath;
import dev.aiperf.engine.sweep.PythonStr;
import dev.aiperf.engine.sweep.Variation;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Runs {@link BenchmarkTest} methods: builds the method's config, opens one engine session per method, and
 * provides one invocation per cell; an adaptive search ({@link SearchRecipe}, or a config whose sweep is
 * {@code adaptive_search}) is one invocation that receives the search's result. Registered by {@link BenchmarkTest}; there is no need to name it.
 *
 * <p>Configuration parameters (also read from system properties): {@code aiperf.url}, {@code aiperf.model} (the
 * endpoint when the config names none) and {@code aiperf.artifacts.dir} (the artifact base, default
 * {@code target/aiperf}).
 */
public final class AIPerfExtension implements TestTemplateInvocationContextProvider, ParameterResolver {

    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AIPerfExtension.class);
    /** Configuration parameter: the server's base URL when the config names none. */
    public static final String URL_PARAMETER = "aiperf.url";
    /** Configuration parameter: the served model when the config names none. */
    public static final String MODEL_PARAMETER = "aiperf.model";
    /** Configuration parameter: the artifact base directory. */
    public static final String ARTIFACTS_PARAMETER = "aiperf.artifacts.dir";
    static final String DEFAULT_ARTIFACTS = "target/aiperf";

    private static final Set<Class<?>> VALUE_TYPES = Set.of(String.class, Integer.class, Long.class, Double.class,
            Float.class, Boolean.class, Map.class, List.class, Object.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, BenchmarkTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Class<?> testClass = context.getRequiredTestClass();
        String where = testClass.getSimpleName() + "." + method.getName();
        checkParameters(method, where);
        List<SlaRule> rules = SlaAnnotations.rules(method, where);
        Path dir = artifactsBase(context).resolve(testClass.getSimpleName()).resolve(method.getName())
                .toAbsolutePath().normalize();
        Optional<SearchRecipe> recipe = AnnotationSupport.findAnnotation(method, SearchRecipe.class);
        if (recipe.isPresent() && AnnotationSupport.isAnnotated(method, Sweep.class)) {
            throw new ExtensionConfigurationException(where + ": @SearchRecipe and @Sweep cannot be combined; the"
                    + " recipe plans its own search, so remove one of them");
        }
        AnnotatedConfig annotated = AnnotatedConfig.of(testClass, method, dir);
        recipe.ifPresent(r -> RecipeSearch.apply(r, annotated.envelope(), where));
        resolveEndpoint(annotated, context, testClass, where);
        AIPerfConfig config;
        try {
            config = ConfigLoader.fromTree(annotated.envelope(), annotated.lines());
        } catch (ConfigException e) {
            throw new ExtensionConfigurationException(where + ": the benchmark config is invalid: " + e.getMessage()
                    + " (fix the @BenchmarkTest/@Sweep/@MultiRun attributes or the config file)", e);
        }
        deleteRecursively(dir);
        boolean search = recipe.isPresent() || SearchSession.isAdaptive(config);
        checkResultParameter(method, where, search);
        if (search) {
            String name = recipe.map(SearchRecipe::name)
                    .orElse(config.sweepTree().path("recipe_name").asText("adaptive_search"));
            return Stream.of(searchInvocation(context, config, rules, name, method, where));
        }
        BenchmarkSession session;
        try {
            session = BenchmarkSession.open(config, SessionOptions.defaults().withSlaRules(rules), new BenchmarkRun());
        } catch (ConfigException e) {
            throw new ExtensionConfigurationException(where + ": the sweep is invalid: " + e.getMessage()
                    + " (check the @Sweep paths and values)", e);
        }
        bindEveryCell(session, where);
        MethodSession methodSession = new MethodSession(session, method.getName(),
                finishedMethods(context.getParent().orElse(context)));
        context.getStore(NAMESPACE).put(MethodSession.class, methodSession);
        boolean keyed = config.sweepTree() != null
                && Set.of("grid", "zip").contains(config.sweepTree().path("type").asText("grid"));
        List<Variation> variations = session.variations();
        return IntStream.range(0, variations.size()).mapToObj(i -> new CellInvocation(methodSession,
                variations.get(i).index(), displayName(variations.get(i), keyed)));
    }

    /**
     * Opens the search (a {@link SearchRecipe} or the config's {@code adaptive_search} sweep) now, so a search the
     * engine rejects fails the container before anything runs.
     */
    private static SearchInvocation searchInvocation(ExtensionContext context, AIPerfConfig config,
                                                     List<SlaRule> rules, String name, Method method, String where) {
        SearchSession session;
        try {
            session = SearchSession.open(config, SessionOptions.defaults().withSlaRules(rules), new BenchmarkRun());
        } catch (ConfigException e) {
            throw new ExtensionConfigurationException(where + ": the search " + name + " is invalid: "
                    + e.getMessage(), e);
        }
        // Closed by the store if the invocation never runs (a filter, an aborted launch); closing twice is harmless.
        context.getStore(NAMESPACE).put(SearchSession.class, session);
        return new SearchInvocation(session, name, method.getName(),
                finishedMethods(context.getParent().orElse(context)));
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
        Set<String> leaves = new java.util.HashSet<>();
        boolean unique = v.values().keySet().stream().allMatch(p -> leaves.add(DottedPath.leaf(p)));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : v.values().entrySet()) {
            parts.add((unique ? DottedPath.leaf(e.getKey()) : e.getKey()) + "=" + PythonStr.str(e.getValue()));
        }
        return String.join(", ", parts);
    }

    /** Resolves {@link BenchmarkResults} in {@code @AfterAll} methods (the class must register this extension). */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == BenchmarkResults.class
                && extensionContext.getTestMethod().isEmpty();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return new BenchmarkResults(finishedMethods(extensionContext));
    }

    /** The class-level map of finished methods' results. */
    @SuppressWarnings("unchecked")
    private static Map<String, ProfileResult> finishedMethods(ExtensionContext classContext) {
        return classContext.getStore(NAMESPACE).computeIfAbsent(BenchmarkResults.class,
                k -> new java.util.concurrent.ConcurrentHashMap<String, ProfileResult>(), Map.class);
    }

    /** A swept value the binder rejects would fail every run of its cell; reject it before anything runs. */
    private static void bindEveryCell(BenchmarkSession session, String where) {
        for (Variation v : session.variations()) {
            try {
                BenchmarkBinder.bind(v.benchmarkTree(), SourceLines.NONE, "benchmark");
            } catch (ConfigException e) {
                session.close();
                throw new ExtensionConfigurationException(where + ": cell '" + v.label() + "' is invalid: "
                        + e.getMessage() + " (check the @Sweep paths and values)", e);
            }
        }
    }

    private static void resolveEndpoint(AnnotatedConfig cfg, ExtensionContext context, Class<?> testClass,
                                        String where) {
        Optional<String> model = context.getConfigurationParameter(MODEL_PARAMETER).filter(s -> !s.isBlank());
        if (cfg.hasUrl()) {
            if (!cfg.hasModel()) {
                model.ifPresent(cfg::setModel);
            }
            return;
        }
        Optional<String> url = context.getConfigurationParameter(URL_PARAMETER).filter(s -> !s.isBlank());
        if (url.isPresent()) {
            cfg.setUrl(url.get());
            if (!cfg.hasModel()) {
                cfg.setModel(model.orElseThrow(() -> new ExtensionConfigurationException(where + ": "
                        + URL_PARAMETER + " is set to " + url.get() + " but no model is named; set -D"
                        + MODEL_PARAMETER + "=<served model>, @BenchmarkTest(model = ...) or models: in the config")));
            }
            return;
        }
        dev.aiperf.mock.MockServer server = ClassMockServer.of(context, testClass, where);
        cfg.setUrl(server.baseUrl().toString());
        if (!cfg.hasModel()) {
            cfg.setModel(BenchmarkBinder.EMBEDDED_MODEL);
        }
    }

    private static Path artifactsBase(ExtensionContext context) {
        return Path.of(context.getConfigurationParameter(ARTIFACTS_PARAMETER).filter(s -> !s.isBlank())
                .orElse(DEFAULT_ARTIFACTS));
    }

    /** Parameters this extension cannot supply and no stock resolver would: say what to declare instead. */
    private static void checkParameters(Method method, String where) {
        for (Parameter p : method.getParameters()) {
            Class<?> type = p.getType();
            if (type == CellResult.class || type == SearchResult.class || p.getAnnotations().length > 0) {
                continue;
            }
            boolean aiperfType = type.getName().startsWith("dev.aiperf.");
            if (aiperfType || type.isPrimitive() || VALUE_TYPES.contains(type)) {
                throw new ExtensionConfigurationException(where + ": parameter '" + p.getName() + "' of type "
                        + type.getSimpleName() + " cannot be injected into a @BenchmarkTest; declare a "
                        + "CellResult parameter instead (its values(), aggregate(), runDirs() and sla() hold the"
                        + " cell's values and results)");
            }
        }
    }

    /** A search method receives a SearchResult, a cell method a CellResult; the other would never be resolved. */
    private static void checkResultParameter(Method method, String where, boolean search) {
        Class<?> wrong = search ? CellResult.class : SearchResult.class;
        for (Parameter p : method.getParameters()) {
            if (p.getType() == wrong) {
                throw new ExtensionConfigurationException(where + ": parameter '" + p.getName() + "' of type "
                        + wrong.getSimpleName() + " is never injected here; " + (search
                        ? "an adaptive search runs as one invocation that receives a SearchResult"
                        : "SearchResult is injected only with @SearchRecipe or a config whose sweep is"
                        + " adaptive_search; declare a CellResult parameter"));
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        // The directory is this method's own output under the artifact base; stale cells of an earlier run
        // would otherwise end up in the recomputed sweep aggregate.
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the artifact directory " + dir, e);
        }
    }
}
