package dev.aiperf.samples;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.aiperf.engine.architecture.PublicApi;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The samples use the engine through its public API only, and its own packages have no cycle. */
@AnalyzeClasses(packages = "dev.aiperf.samples", importOptions = {})
class ArchitectureTest {

    @ArchTest
    static final ArchRule publicApiOnly = PublicApi.onlyFrom("dev.aiperf.samples");

    @ArchTest
    static final ArchRule noPackageCycle = slices().matching("dev.aiperf.samples.(**)").should().beFreeOfCycles()
            .allowEmptyShould(true);
}
