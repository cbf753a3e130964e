package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.mock.MockServer;
import dev.aiperf.mock.MockServerConfig;
import dev.aiperf.mock.PrefixCacheConfig;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The embedded mock server (module {@code aiperf-mock}), which the engine declares as an optional dependency: the
 * command line, the JUnit extension and the Maven plugin bring it, an application embedding the engine against its
 * own servers need not. The only class of the engine that names the mock's types, and loaded only when a server is
 * needed, so that a class path without the module fails with a message rather than a {@link NoClassDefFoundError}.
 */
public final class EmbeddedMock {

    private static final String MOCK_CLASS = "dev.aiperf.mock.MockServer";

    private EmbeddedMock() {
    }

    /** True when {@code aiperf-mock} is on the class path. */
    public static boolean available() {
        try {
            Class.forName(MOCK_CLASS, false, EmbeddedMock.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Starts servers with {@code config}. */
    public static Supplier<LocalServer> of(MockServerConfig config) {
        return () -> start(config);
    }

    /**
     * The engine's default: a continuous-batching mock ({@link MockServerConfig#defaults()}). For conversations and
     * dataset files its prefix cache is on, since shared prefixes (history, a trace's {@code hash_ids}) are what those
     * workloads exercise; synthetic single-turn prompts keep the cache off, so the documented TTFT-over-ISL curve of
     * the mock holds (its 100 synthetic entries repeat and would otherwise all hit).
     */
    static LocalServer startDefault(DatasetConfig dataset) {
        requireAvailable();
        boolean prefixReuse = dataset != null && (dataset.type().fromFile() || dataset.multiTurn());
        return start(prefixReuse ? MockServerConfig.defaults().withPrefixCache(PrefixCacheConfig.defaults())
                : MockServerConfig.defaults());
    }

    /** A zero-latency mock for warming the harness; the model it serves is {@link #MODEL}. */
    static LocalServer startZeroLatency() {
        return start(MockServerConfig.zeroLatency());
    }

    /** The model name the mock accepts when configured with none. */
    static final String MODEL = "mock-model";

    private static LocalServer start(MockServerConfig config) {
        MockServer server = MockServer.start(config);
        String description = config.latency().getClass().getSimpleName() + " latency model"
                + (config.prefixCache().enabled() ? ", prefix cache on" : "");
        return new LocalServer() {
            @Override
            public URI baseUrl() {
                return server.baseUrl();
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    private static void requireAvailable() {
        if (!available()) {
            throw new ConfigException("endpoint.url", "no URL is configured and the embedded mock server (module"
                    + " dev.aiperf:aiperf-mock) is not on the class path; set the server's URL (--url, endpoint.url)"
                    + " or add aiperf-mock as a dependency to benchmark the mock server");
        }
    }
}
