package dev.aiperf.maven;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.aiperf.engine.architecture.PublicApi;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The Maven plugin uses the engine through its public API only, and its own packages have no cycle. */
@AnalyzeClasses(packages = "dev.aiperf.maven", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule publicApiOnly = PublicApi.onlyFrom("dev.aiperf.maven");

    @ArchTest
    static final ArchRule noPackageCycle = slices().matching("dev.aiperf.maven.(**)").should().beFreeOfCycles()
            .allowEmptyShould(true);
}
