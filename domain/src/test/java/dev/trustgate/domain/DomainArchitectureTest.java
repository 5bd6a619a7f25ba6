package dev.trustgate.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain is a plain jar any JVM product can embed: it may use the JDK and nothing else. */
@AnalyzeClasses(packages = "dev.trustgate.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnlyOnTheJdk = classes().that().resideInAPackage("dev.trustgate.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.trustgate.domain..", "java..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule readsNoClock = noClasses().that().resideInAPackage("dev.trustgate.domain..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(java.util.UUID.class, "randomUUID")
            .allowEmptyShould(false);
}
