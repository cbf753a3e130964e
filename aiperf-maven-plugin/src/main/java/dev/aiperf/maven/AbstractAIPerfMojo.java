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

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping AIPerf (aiperf.skip=true)");
            return;
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
