package dev.trustgate.adapters.notify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The outbound adapter implements the notification and relay ports with the JDK's HttpClient; it never reaches into other adapters. */
@AnalyzeClasses(packages = "dev.trustgate.adapters.notify", importOptions = ImportOption.DoNotIncludeTests.class)
class NotifyArchitectureTest {

    @ArchTest
    static final ArchRule staysOutOfOtherAdaptersAndTheUseCases = noClasses()
            .that().resideInAPackage("dev.trustgate.adapters.notify..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.trustgate.adapters.http..",
                    "dev.trustgate.adapters.persistence..", "dev.trustgate.adapters.whatsapp..", "dev.trustgate.bootstrap..",
                    "dev.trustgate.application.service..", "dev.trustgate.application.port.in..", "io.javalin..", "org.jdbi..")
            .allowEmptyShould(false);
}
