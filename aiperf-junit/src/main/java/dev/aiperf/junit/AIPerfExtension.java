package dev.aiperf.junit;

import dev.aiperf.engine.api.Benchmark;
import dev.aiperf.engine.api.Execution;
import dev.aiperf.engine.api.RunSettings;
import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.api.model.SearchResult;
import dev.aiperf.mock.MockServerConfig;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        Path dir = artifactsBase(context).resolve(testClass.getSimpleName()).resolve(method.getName())
                .toAbsolutePath().normalize();
        Optional<SearchRecipe> recipe = AnnotationSupport.findAnnotation(method, SearchRecipe.class);
        if (recipe.isPresent() && AnnotationSupport.isAnnotated(method, Sweep.class)) {
            throw new ExtensionConfigurationException(where + ": @SearchRecipe and @Sweep cannot be combined; the"
                    + " recipe plans its own search, so remove one of them");
        }
        Benchmark.Builder builder = AnnotatedBenchmark.of(testClass, method, dir, where);
        Optional<String> url = context.getConfigurationParameter(URL_PARAMETER).filter(s -> !s.isBlank());
        Optional<String> model = context.getConfigurationParameter(MODEL_PARAMETER).filter(s -> !s.isBlank());
        builder.defaultModel(model.orElse(null));
        if (url.isPresent()) {
            builder.fallbackEndpoint(url.get(), model.orElse(null));
        } else {
            builder.fallbackEndpoint(() -> ClassMockServer.of(context, testClass, where).baseUrl().toString(),
                    MockServerConfig.DEFAULT_MODEL);
        }
        Benchmark benchmark;
        try {
            benchmark = builder.build();
        } catch (ConfigException e) {
            if (url.isPresent() && e.path().equals("models")) {
                throw new ExtensionConfigurationException(where + ": " + URL_PARAMETER + " is set to " + url.get()
                        + " but no model is named; set -D" + MODEL_PARAMETER + "=<served model>,"
                        + " @BenchmarkTest(model = ...) or models: in the config", e);
            }
            if (recipe.isPresent() && e.path().startsWith("--")) {
                throw new ExtensionConfigurationException(where + ": @SearchRecipe(name = \"" + recipe.get().name()
                        + "\") is invalid: " + e.getMessage() + " (each --x-y-z flag named here is the attribute xYZ"
                        + " of @SearchRecipe)", e);
            }
            throw new ExtensionConfigurationException(where + ": the benchmark config is invalid: " + e.getMessage()
                    + " (fix the @BenchmarkTest/@Sweep/@MultiRun/@Sla attributes or the config file)", e);
        }
        if (recipe.isPresent() && !benchmark.isSearch()) {
            throw new ExtensionConfigurationException(where + ": @SearchRecipe(name = \"" + recipe.get().name()
                    + "\") plans a fixed sweep of " + benchmark.cells().size() + " cells, not an adaptive search;"
                    + " describe those cells with @Sweep instead");
        }
        deleteRecursively(dir);
        checkResultParameter(method, where, benchmark.isSearch());
        Map<String, ProfileResult> finished = finishedMethods(context.getParent().orElse(context));
        Execution execution = benchmark.start(RunSettings.defaults());
        if (benchmark.isSearch()) {
            String name = recipe.map(SearchRecipe::name).orElse("adaptive_search");
            SearchInvocation invocation = new SearchInvocation(execution, name, method.getName(), finished);
            // Closed by the store if the invocation never runs (a filter, an aborted launch); closing twice is harmless.
            context.getStore(NAMESPACE).put(SearchInvocation.class, invocation);
            return Stream.of(invocation);
        }
        MethodSession methodSession = new MethodSession(execution, method.getName(), finished);
        context.getStore(NAMESPACE).put(MethodSession.class, methodSession);
        return benchmark.cells().stream().map(c -> new CellInvocation(methodSession, c.index(), c.displayName()));
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
