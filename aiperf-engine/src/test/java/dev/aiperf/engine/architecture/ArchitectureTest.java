package dev.aiperf.engine.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine's package tree is its data flow: configuration, then sweep expansion and plan, dataset and client, run,
 * metrics, statistics, search and recipes, orchestration, reports and comparison, the HTML report, and last the public API. A package
 * may use only the packages before it; the API's vocabulary ({@code api.model}, {@code api.spi}) comes first
 * because every step speaks it. docs/ARCHITECTURE.md draws the same order.
 */
@AnalyzeClasses(packages = "dev.aiperf.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The packages of {@code dev.aiperf.engine}, in the order data flows through them. */
    static final List<String> PIPELINE = List.of("api.model", "api.spi", "config", "sweep", "plan", "dataset",
            "client", "run", "metrics", "stats", "search", "recipe", "orchestrate", "report", "compare", "view", "api");

    @ArchTest
    static final ArchRule noPackageCycle = slices().matching("dev.aiperf.engine.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule eachStepUsesOnlyTheStepsBeforeIt = pipeline();

    @ArchTest
    static final ArchRule onlyEmbeddedMockNamesTheOptionalMockModule = noClasses()
            .that().resideInAPackage("dev.aiperf.engine..")
            .and().doNotHaveFullyQualifiedName("dev.aiperf.engine.orchestrate.EmbeddedMock")
            .and().doNotHaveFullyQualifiedName("dev.aiperf.engine.orchestrate.EmbeddedMock$1")
            .should().dependOnClassesThat().resideInAPackage("dev.aiperf.mock..")
            .because("aiperf-mock is an optional dependency: an application embedding the engine gets no Jetty server");

    @ArchTest
    static final ArchRule noFrontEndLibraryInTheEngine = noClasses().that().resideInAPackage("dev.aiperf.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.apache.maven..", "org.junit..",
                    "org.slf4j.simple..", "org.slf4j.nop..", "ch.qos.logback..")
            .because("front-ends choose their command-line parser, test framework and logging binding");

    private static ArchRule pipeline() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers();
        for (String p : PIPELINE) {
            String name = layer(p);
            layers = p.equals("api") ? layers.layer(name).definedBy("dev.aiperf.engine.api")
                    : layers.layer(name).definedBy("dev.aiperf.engine." + p + "..");
        }
        for (int i = 0; i < PIPELINE.size(); i++) {
            String[] before = PIPELINE.subList(0, i).stream().map(ArchitectureTest::layer).toArray(String[]::new);
            layers = before.length == 0 ? layers.whereLayer(layer(PIPELINE.get(i))).mayNotAccessAnyLayer()
                    : layers.whereLayer(layer(PIPELINE.get(i))).mayOnlyAccessLayers(before);
        }
        return layers.because("the package tree reads as the pipeline (docs/ARCHITECTURE.md)");
    }

    private static String layer(String pkg) {
        return pkg.replace('.', '_');
    }
}
