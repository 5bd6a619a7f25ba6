package dev.trustgate.adapters.infobip;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The Infobip adapter implements the gateway port with the JDK's HttpClient; it never reaches into other adapters. */
@AnalyzeClasses(packages = "dev.trustgate.adapters.infobip", importOptions = ImportOption.DoNotIncludeTests.class)
class InfobipArchitectureTest {

    @ArchTest
    static final ArchRule staysOutOfOtherAdaptersAndTheUseCases = noClasses()
            .that().resideInAPackage("dev.trustgate.adapters.infobip..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.trustgate.adapters.whatsapp..", "dev.trustgate.adapters.http..",
                    "dev.trustgate.adapters.persistence..", "dev.trustgate.adapters.notify..", "dev.trustgate.bootstrap..",
                    "dev.trustgate.application.service..", "dev.trustgate.testkit..", "io.javalin..", "org.jdbi..")
            .allowEmptyShould(false);
}
