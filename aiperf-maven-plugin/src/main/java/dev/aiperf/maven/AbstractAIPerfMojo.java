package dev.aiperf.maven;

import dev.aiperf.engine.api.model.ConfigException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.UncheckedIOException;

/**
 * What every AIPerf goal shares: the {@code skip} switch, and turning the engine's errors into Maven's. Bad user
 * input ({@link ConfigException}) and I/O failures become a {@link MojoExecutionException} carrying the engine's
 * message; a breached gate is reported by the goal itself as a {@link MojoFailureException}.
 */
public abstract class AbstractAIPerfMojo extends AbstractMojo {

    /**
     * Skips the goal, e.g. {@code -Daiperf.skip=true} on a build that must not benchmark or gate.
     */
    @Parameter(property = "aiperf.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * Maven's SLF4J binding reads per-logger levels from system properties when a logger is created: this keeps the
     * embedded mock server's Jetty lifecycle lines ({@code Started oejs.Server@...}) out of the build log, unless
     * the user set a level for Jetty themselves.
     */
    static final String JETTY_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.eclipse.jetty";

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping AIPerf (aiperf.skip=true)");
            return;
        }
        if (System.getProperty(JETTY_LOG_LEVEL) == null) {
            System.setProperty(JETTY_LOG_LEVEL, "warn");
        }
        try {
            run();
        } catch (ConfigException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }

    /** The goal's work, run unless skipped. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;
}
