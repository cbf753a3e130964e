package dev.aiperf.engine.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rule every front-end (command line, JUnit extension, Maven plugin), extension (tokenizers) and sample is held
 * to: of the engine it uses only the public API, {@code dev.aiperf.engine.api} and its {@code model} and
 * {@code spi} packages. Each module's own {@code ArchitectureTest} applies it to its classes.
 */
public final class PublicApi {

    /** The engine's public packages. */
    public static final String API = "dev.aiperf.engine.api..";

    private PublicApi() {
    }

    /** Classes in {@code packageName} (and below) depend on no engine class outside the public API. */
    public static ArchRule onlyFrom(String packageName) {
        return noClasses().that().resideInAPackage(packageName + "..")
                .and().doNotHaveSimpleName("ArchitectureTest") // the rule's own test reads this class
                .should().dependOnClassesThat(resideInAPackage("dev.aiperf.engine..").and(not(resideInAPackage(API))))
                .because("front-ends, extensions and samples use the engine through its public API only"
                        + " (docs/ARCHITECTURE.md), so the engine's internals can change without breaking them");
    }
}
