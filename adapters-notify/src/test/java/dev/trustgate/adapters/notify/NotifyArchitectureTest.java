package dev.trustgate.adapters.notify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The outbound adapter implements the notification and relay ports with the JDK's HttpClient: it sees the
 * application's output ports and the domain, never the use cases or another adapter. That only bootstrap uses it
 * is said where every module is in view (bootstrap's ArchitectureTest: the Notify layer).
 */
@AnalyzeClasses(packages = "dev.trustgate.adapters.notify", importOptions = ImportOption.DoNotIncludeTests.class)
class NotifyArchitectureTest {

    private static final String NOTIFY = "dev.trustgate.adapters.notify..";

    @ArchTest
    static final ArchRule dependsOnTheOutputPortsOnly = classes().that().resideInAPackage(NOTIFY)
            .should().onlyDependOnClassesThat().resideInAnyPackage(NOTIFY, "dev.trustgate.application.port.out..",
                    "dev.trustgate.domain..", "java..", "javax.crypto..", "com.fasterxml.jackson..", "org.slf4j..",
                    "com.standardwebhooks..")
            .as("the notification adapter depends on the application's output ports, the domain, the JDK, Jackson and "
                    + "the Standard Webhooks library only")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule staysOutOfOtherAdaptersAndTheUseCases = noClasses()
            .that().resideInAPackage(NOTIFY)
            .should().dependOnClassesThat().resideInAnyPackage("dev.trustgate.adapters.http..",
                    "dev.trustgate.adapters.persistence..", "dev.trustgate.adapters.whatsapp..", "dev.trustgate.bootstrap..",
                    "dev.trustgate.application.service..", "dev.trustgate.application.port.in..", "io.javalin..", "org.jdbi..")
            .allowEmptyShould(false);

    /** What bootstrap wires is a port implementation; the rest stays inside the package. */
    @ArchTest
    static final ArchRule showsOnlyPortImplementations = classes().that().resideInAPackage(NOTIFY).and().arePublic()
            .should().implement(DescribedPredicate.describe("an output port",
                    (JavaClass port) -> port.getPackageName().startsWith("dev.trustgate.application.port.out")))
            .allowEmptyShould(false);
}
